// Refreshes petition counters from count.json every 15 seconds, each with a button to pause it (WCAG 2.2.2).
// The page works without it.
(function () {
  "use strict";
  // numbers.js, loaded first; without it numbers are written as the browser's Intl writes them.
  var numberFormat = window.marathonNumberFormat || function () { return new Intl.NumberFormat(document.documentElement.lang || undefined).format; };

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
