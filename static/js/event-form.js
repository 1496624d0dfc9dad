/* Host an event: a new event's time zone starts at its group's (an event happens where its group is: the
   zone of the group's city, or of its country when it has one) and, before a group is chosen or when neither
   tells, at the host's own (the browser's), not at UTC. Choosing another group moves the zone along until the
   host sets it by hand. A browser that reports an older name of its zone (Chrome says "Asia/Calcutta" for
   Asia/Kolkata) gets it added to the list: the server accepts every name the tz database knows. The field stays
   editable; without JavaScript it keeps the server's default. */
(function () {
  "use strict";
  var select = document.querySelector("select[data-guess-zone]");
  if (!select || select.value !== select.dataset.guessZone) return;
  var groups = document.querySelector("select[name=group]");
  var groupZones = {};
  try {
    groupZones = JSON.parse(select.dataset.groupZones || "{}");
  } catch (e) { /* no group zones: the browser's alone */ }
  var browserZone = window.Intl ? Intl.DateTimeFormat().resolvedOptions().timeZone : "";
  var setByHand = false;

  function choose(zone) {
    if (!zone) return;
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
  }

  function groupZone() {
    return groups ? groupZones[groups.value] : "";
  }

  choose(groupZone() || browserZone);
  select.addEventListener("change", function () { setByHand = true; });
  if (groups) {
    groups.addEventListener("change", function () {
      if (!setByHand) choose(groupZone() || browserZone);
    });
  }
})();
