/* Host an event: a new event's time zone starts at the host's own (the browser's), not at UTC, when the list has
   it. The field stays editable; without JavaScript it keeps the server's default. */
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
})();
