/* Numbers as the server writes them (intcomma: "1 000", "104 778"), for the scripts that write numbers on the
   page (results-counter.js, petitions.js, char-count.js; loaded before them). A browser whose Intl data lacks
   the page's language (Chromium has no Belarusian) would write them the English way, "104,778": the digits are
   then grouped with the separator the server put on <html data-thousands>, as results-charts.js does with the
   one in its data. */
(function () {
  "use strict";
  window.marathonNumberFormat = function () {
    var root = document.documentElement, lang = root.lang || undefined, thousands = root.dataset.thousands;
    try {
      if (thousands === undefined || !lang || Intl.NumberFormat.supportedLocalesOf([lang]).length) {
        return new Intl.NumberFormat(lang, { useGrouping: "always" }).format;
      }
    } catch (e) { /* a language tag the browser refuses: grouped by hand below */ }
    if (thousands === undefined) thousands = ",";
    return function (value) {
      return (value < 0 ? "-" : "") + String(Math.round(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
    };
  };
})();
