/* The phone menu: the button shows and hides the site's navigation; Escape, pressed in the menu or on its button,
   closes it and returns to the button (pressed elsewhere on the page, in a form say, it is not the menu's).
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
    // Safari does not focus a button that is clicked: Escape after opening the menu with a mouse comes from the body.
    var target = event.target;
    var ours = target === toggle || menu.contains(target) || target === document.body;
    if (event.key === "Escape" && isOpen() && ours) {
      setOpen(false);
      toggle.focus();
    }
  });
})();
