/* The messages at the top of a page ("Thank you! Your letter has been counted."): they are in the page when it
   opens, so a screen reader would not read them out as it does a status that changes. The page therefore opens
   with the keyboard's focus on them, unless the visitor has moved it already or a refused form's summary
   (static/js/form-errors.js) needs it more. The next Tab goes on from there. */
(function () {
  "use strict";
  var messages = document.querySelector(".page-messages");
  if (!messages || document.querySelector(".error-summary")) return;
  if (document.activeElement === document.body || document.activeElement === null) {
    messages.focus({ preventScroll: true });
  }
})();
