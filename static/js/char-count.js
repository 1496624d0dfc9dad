/* Text boxes with a length limit (campaigns.widgets.CountedTextarea) say how many characters are left.
   The browser's maxlength is lifted so that a pasted text is kept whole rather than cut without a word; past
   the limit the count says how many characters to remove, and the form refuses the text until they are.
   Screen readers hear the count when the writer pauses, not on every key. */
(function () {
  "use strict";
  // numbers.js, loaded first; without it numbers are written as the browser's Intl writes them.
  var numberFormat = window.marathonNumberFormat || function () { return new Intl.NumberFormat(document.documentElement.lang || undefined).format; };
  var number = numberFormat();

  function length(text) {
    // Characters as the server counts them: one per code point, one per line break, without the spaces and
    // line breaks around the text (the form strips them before counting).
    return Array.from(text.replace(/\r\n/g, "\n").trim()).length;
  }
  document.querySelectorAll("textarea[data-char-limit]").forEach(function (field) {
    var limit = parseInt(field.dataset.charLimit, 10);
    if (!limit) return;
    field.removeAttribute("maxlength");
    var shown = document.createElement("div");
    shown.className = "form-text char-count";
    shown.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("div");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", shown);
    shown.insertAdjacentElement("afterend", spoken);
    spoken.id = field.id + "-count-spoken";
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + spoken.id);
    var timer = null;
    function text() {
      var left = limit - length(field.value);
      var template = left >= 0 ? field.dataset.charsLeft : field.dataset.charsOver;
      shown.classList.toggle("char-count-over", left < 0);
      // Grouped from 1,000 up, as the help text under the box writes the limit (Spanish and Polish would not).
      return template.replace("%(count)s", number(Math.abs(left)));
    }
    function update() {
      shown.textContent = text();
      clearTimeout(timer);
      timer = setTimeout(function () { spoken.textContent = shown.textContent; }, 1000);
    }
    shown.textContent = text();
    spoken.textContent = shown.textContent;
    field.addEventListener("input", update);
  });
})();
