// Refreshes petition counters from count.json every 15 seconds. The page works without it.
(function () {
  "use strict";
  var counters = document.querySelectorAll("[data-petition-count-url]");
  if (!counters.length || !window.fetch) { return; }
  var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
  function refresh(counter) {
    fetch(counter.getAttribute("data-petition-count-url"), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var total = counter.querySelector("[data-petition-total]");
        if (total) { total.textContent = format.format(data.signatures); }
        var progress = counter.querySelector("[data-petition-progress]");
        if (progress && data.goal) { progress.value = Math.min(data.signatures, data.goal); }
      })
      .catch(function () {});
  }
  window.setInterval(function () { counters.forEach(refresh); }, 15000);
})();
