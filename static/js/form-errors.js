/* The list of refused fields at the top of a form page (templates/includes/_form_errors_alert.html): it takes
   the keyboard's focus when the page opens, and a link puts the cursor in its field, with the field's label in
   view, rather than only scrolling near it. */
(function () {
  "use strict";
  // A refused page opens with the keyboard's focus on the summary, so the next Tab reaches its first link
  // (it took sixteen Tabs through the menu); unless the visitor has already moved the focus themselves.
  var summary = document.querySelector(".error-summary");
  if (summary && (document.activeElement === document.body || document.activeElement === null)) {
    summary.setAttribute("tabindex", "-1");
    summary.focus({ preventScroll: true });
  }
  document.querySelectorAll(".error-summary li a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field || !/^(INPUT|SELECT|TEXTAREA)$/.test(field.tagName)) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
  });
})();
