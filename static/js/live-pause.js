// The "Pause live updates" button of the live counters (WCAG 2.2.2), shared by results-counter.js and
// petitions.js, which load after it. The counter says where it goes ([data-live-pause]) and what it reads
// (data-pause-label, data-resume-label).
window.marathonLivePause = window.marathonLivePause || function (counter) {
  "use strict";
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
  return function () { return paused; };  // whether it is paused now
};
