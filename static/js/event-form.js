/* Host an event: a new event's time zone starts at the host's own (the browser's), not at UTC. A browser that
   reports an older name of its zone (Chrome says "Asia/Calcutta" for Asia/Kolkata) gets it added to the list:
   the server accepts every name the tz database knows. The field stays editable; without JavaScript it keeps
   the server's default. */
(function () {
  "use strict";
  var select = document.querySelector("select[data-guess-zone]");
  if (!select || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || select.value !== select.dataset.guessZone) return;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) {
      select.value = zone;
      return;
    }
  }
  if (/^[A-Za-z]+\/[A-Za-z0-9_+\-\/]+$/.test(zone)) {
    var option = new Option(zone.replace(/_/g, " "), zone, true, true);
    select.options[0].after(option); // after UTC, outside the regions' groups
    select.value = zone;
  }
})();
