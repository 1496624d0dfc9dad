// Refreshes petition counters from count.json every 15 seconds, each with a button to pause it (WCAG 2.2.2).
// The page works without it.
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
  var counters = document.querySelectorAll("[data-petition-count-url]");
  if (!counters.length || !window.fetch) { return; }
  var format = numberFormat();

  function refresh(counter) {
    fetch(counter.getAttribute("data-petition-count-url"), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var total = counter.querySelector("[data-petition-total]");
        if (total) { total.textContent = format(data.signatures); }
        var progress = counter.querySelector("[data-petition-progress]");
        if (progress && data.goal) { progress.value = Math.min(data.signatures, data.goal); }
      })
      .catch(function () {});
  }
  var live = Array.prototype.map.call(counters, function (counter) {
    return { counter: counter, paused: livePause(counter) };
  });
  window.setInterval(function () {
    live.forEach(function (item) { if (!document.hidden && !item.paused()) refresh(item.counter); });
  }, 15000);
})();
