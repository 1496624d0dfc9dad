/* The phone menu: the button shows and hides the site's navigation; Escape closes it and returns to the button.
   Without JavaScript the menu is simply shown open (see "scripting: none" in marathon.css). */
(function () {
  "use strict";
  var toggle = document.querySelector(".navbar-toggler[aria-controls]");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!menu) return;

  function isOpen() { return toggle.getAttribute("aria-expanded") === "true"; }
  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("show", open);
  }

  toggle.addEventListener("click", function () { setOpen(!isOpen()); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) {
      setOpen(false);
      toggle.focus();
    }
  });
})();
