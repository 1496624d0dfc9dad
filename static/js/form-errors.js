/* The list of refused fields at the top of a form page (templates/includes/_form_errors_alert.html): a link
   puts the cursor in its field, with the field's label in view, rather than only scrolling near it. */
(function () {
  "use strict";
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
