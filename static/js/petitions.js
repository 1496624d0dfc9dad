// Refreshes petition counters from count.json every 15 seconds, each with a button to pause it (WCAG 2.2.2).
// The page works without it.
(function () {
  "use strict";
  var counters = document.querySelectorAll("[data-petition-count-url]");
  if (!counters.length || !window.fetch) { return; }
  var format = new Intl.NumberFormat(document.documentElement.lang || undefined);

  // "Pause live updates" after the counter (in its [data-live-pause] slot); returns whether it is paused now.
  function pauseButton(counter) {
    var paused = false;
    var slot = counter.querySelector("[data-live-pause]");
    if (!slot || !counter.dataset.pauseLabel) return function () { return paused; };
    var separator = document.createElement("span");
    separator.setAttribute("aria-hidden", "true");
    separator.textContent = " · ";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "live-pause";
    button.textContent = counter.dataset.pauseLabel;
    button.addEventListener("click", function () {
      paused = !paused;
      button.textContent = paused ? counter.dataset.resumeLabel : counter.dataset.pauseLabel;
    });
    slot.append(separator, button);
    return function () { return paused; };
  }

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
  var live = Array.prototype.map.call(counters, function (counter) {
    return { counter: counter, paused: pauseButton(counter) };
  });
  window.setInterval(function () {
    live.forEach(function (item) { if (!document.hidden && !item.paused()) refresh(item.counter); });
  }, 15000);
})();
