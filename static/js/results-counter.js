/* Live counters: re-read the public results JSON and update the number. The page works without this.
   Each counter gets a button to pause the updates (WCAG 2.2.2: auto-updating content can be stopped). */
(function () {
  "use strict";
  // Numbers as the server writes them (intcomma: "1 000", "104 778"). A browser whose Intl data lacks the page's
  // language (Chromium has no Belarusian) would write them the English way, "104,778": it groups the digits with
  // the separator the server put on <html data-thousands> instead, as results-charts.js does with its data.
  // The same function in results-counter.js, petitions.js and char-count.js.
  function numberFormat() {
    var root = document.documentElement, lang = root.lang || undefined, thousands = root.dataset.thousands;
    try {
      if (thousands === undefined || !lang || Intl.NumberFormat.supportedLocalesOf([lang]).length) {
        return new Intl.NumberFormat(lang, { useGrouping: "always" }).format;
      }
    } catch (e) { /* a language tag the browser refuses: grouped by hand below */ }
    if (thousands === undefined) thousands = ",";
    return function (value) {
      return (value < 0 ? "-" : "") + String(Math.round(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
    };
  }

  // live-pause.js, loaded first; without it the counters still update, with no button.
  var livePause = window.marathonLivePause || function () { return function () { return false; }; };
  if (window.marathonResultsCounter || !window.fetch) return;
  window.marathonResultsCounter = true;

  var counters = Array.prototype.slice.call(document.querySelectorAll("[data-results-counter]"));
  if (!counters.length) return;
  var format = numberFormat();

  function valueFor(counter, data) {
    if (!counter.dataset.case) return data.total_actions;
    var row = (data.by_case || []).find(function (item) { return item.case === counter.dataset.case; });
    return row ? row.actions : 0;
  }

  function refresh(counter) {
    fetch(counter.dataset.url, { cache: "no-cache", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        var target = counter.querySelector("[data-results-value]");
        var text = format(valueFor(counter, data));
        if (target && target.textContent !== text) {
          target.textContent = text;
          counter.classList.remove("results-counter-bumped");
          void counter.offsetWidth; // restart the highlight
          counter.classList.add("results-counter-bumped");
        }
      })
      .catch(function () { /* offline: keep the last number */ });
  }

  counters.forEach(function (counter) {
    var seconds = Math.max(parseInt(counter.dataset.interval || "15", 10) || 15, 1);
    var paused = livePause(counter);
    window.setInterval(function () {
      if (!document.hidden && !paused()) refresh(counter);
    }, seconds * 1000);
  });
})();
