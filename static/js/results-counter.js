/* Live counters: re-read the public results JSON and update the number. The page works without this.
   Each counter gets a button to pause the updates (WCAG 2.2.2: auto-updating content can be stopped). */
(function () {
  "use strict";
  // numbers.js, loaded first; without it numbers are written as the browser's Intl writes them.
  var numberFormat = window.marathonNumberFormat || function () { return new Intl.NumberFormat(document.documentElement.lang || undefined).format; };

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
