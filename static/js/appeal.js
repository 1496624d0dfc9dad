/* The appeal page: "Posted it? Tell us" starts from the name, city and country just typed for the letter, so
   nobody types them twice. A field the person has changed in the second form is left alone. */
(function () {
  "use strict";
  ["name", "city", "country"].forEach(function (name) {
    var from = document.getElementById("id_" + name);
    var to = document.getElementById("id_posted_" + name);
    if (!from || !to) return;
    to.addEventListener("input", function () { to.dataset.edited = "1"; });
    function copy() {
      if (!to.dataset.edited) to.value = from.value;
    }
    from.addEventListener("input", copy);
    from.addEventListener("change", copy);
    if (!to.value) copy();
  });
})();
