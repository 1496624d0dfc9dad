/* The appeal page (templates/letters/appeal.html).
   - "Posted it? Tell us" starts from the name, city and country just typed for the letter, so nobody types them
     twice. A field the person has changed in the second form is left alone.
   - A PDF that downloads leaves the page as it was: asking for it clears the errors of an earlier try (a refused
     try comes back as a new page with its own) and says what happens next.
   - Step 2 carries the letter as it is in step 1 (hidden "letter-…" fields), so a refused step 2 gives the
     person's own letter back rather than the sample. */
(function () {
  "use strict";
  var LETTER_FIELDS = ["body", "name", "city", "country"];

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

  var status = document.querySelector(".pdf-status");
  var letterForm = status && status.closest("form");
  if (letterForm) {
    letterForm.addEventListener("submit", function () {
      var summary = document.querySelector(".error-summary[data-for='step1']");
      if (summary) summary.remove();
      letterForm.querySelectorAll(".is-invalid").forEach(function (field) { field.classList.remove("is-invalid"); });
      // A screen reader would still call the fields invalid, described by messages no longer on the page.
      var removed = {};
      letterForm.querySelectorAll(".invalid-feedback, .alert-danger").forEach(function (message) {
        if (message.id) removed[message.id] = true;
        message.querySelectorAll("[id]").forEach(function (part) { removed[part.id] = true; });
        message.remove();
      });
      letterForm.querySelectorAll("[aria-invalid]").forEach(function (field) { field.removeAttribute("aria-invalid"); });
      letterForm.querySelectorAll("[aria-describedby]").forEach(function (field) {
        var ids = field.getAttribute("aria-describedby").split(/\s+/).filter(function (id) { return id && !removed[id]; });
        if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
        else field.removeAttribute("aria-describedby");
      });
      status.textContent = status.dataset.text;
    });
  }

  var postedForm = document.querySelector("form[data-keeps-letter]");
  if (postedForm) {
    postedForm.addEventListener("submit", function () {
      postedForm.querySelectorAll("input[data-letter-copy]").forEach(function (input) { input.remove(); });
      var fields = LETTER_FIELDS.map(function (name) { return [name, document.getElementById("id_" + name)]; });
      var paper = document.querySelector("input[name='paper']:checked");
      if (paper) fields.push(["paper", paper]);
      fields.forEach(function (pair) {
        if (!pair[1]) return;
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = "letter-" + pair[0];
        input.value = pair[1].value;
        input.dataset.letterCopy = "";
        postedForm.appendChild(input);
      });
    });
  }
})();
