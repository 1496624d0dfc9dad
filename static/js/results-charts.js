/* Results charts: Chart.js and chartjs-chart-geo (vendored), data from the page's json_script.
   Every chart repeats a table that is already on the page, so the charts are hidden from screen readers. */
(function () {
  "use strict";
  var source = document.getElementById("results-data");
  if (!source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || undefined;
  var ink = "#111111";
  var accent = getComputedStyle(document.documentElement).getPropertyValue("--marathon-accent").trim() || "#ffe600";
  Chart.defaults.color = ink;
  // Numbers and dates as the page writes them (10 000, not 10,000, in Polish). A browser whose Intl data lacks the
  // page's language (some Chromium builds have no Belarusian) would write them the English way: it uses the
  // separator and month names the server sent with the data instead.
  var speaks = !!lang && Intl.NumberFormat.supportedLocalesOf([lang]).length > 0;
  if (speaks) Chart.defaults.locale = lang;
  function number(value) {
    if (speaks) return Number(value).toLocaleString(lang);
    var sign = value < 0 ? "-" : "";
    return sign + String(Math.round(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, data.format.thousands);
  }
  function twoDigits(n) { return (n < 10 ? "0" : "") + n; }
  // Results that span most of a year or more (letters counted long after the marathon) say each day's year, so
  // that a December after the next is not taken for this one; a marathon from December into January does not.
  var firstDay = data.days.length && data.days[0].d, lastDay = data.days.length && data.days[data.days.length - 1].d;
  var withYear = !!firstDay && (new Date(lastDay) - new Date(firstDay)) / 864e5 > 300;
  var dayParts = withYear ? { day: "numeric", month: "short", year: "numeric" } : { day: "numeric", month: "short" };
  var dayFormat = speaks && new Intl.DateTimeFormat(lang, dayParts);
  // A 24-hour clock in every language, as the rest of the site writes times.
  var hourFormat = speaks && new Intl.DateTimeFormat(lang, Object.assign({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }, dayParts));
  function day(date) {
    if (speaks) return dayFormat.format(date);
    return date.getDate() + " " + data.format.months[date.getMonth()] + (withYear ? " " + date.getFullYear() : "");
  }
  function hour(date) { return speaks ? hourFormat.format(date) : day(date) + " " + twoDigits(date.getHours()) + ":" + twoDigits(date.getMinutes()); }

  // The data lists only the days and hours with actions. On a time axis the quiet ones count too: they are put
  // back with no actions, so a bar's place says when it happened. A longer quiet stretch than `longest` steps
  // (a report months after the marathon) is one gap marked "…" rather than thousands of empty bars.
  var BREAK = "…";
  function timeline(rows, when, step, longest, label) {
    var labels = [], values = [], previous = null;
    rows.forEach(function (row) {
      var at = when(row);
      if (previous !== null) {
        var missing = Math.round((at - previous) / step) - 1;
        if (missing > longest) { labels.push(BREAK); values.push(null); }
        else for (var i = 1; i <= missing; i++) { labels.push(label(new Date(previous.getTime() + i * step))); values.push(0); }
      }
      labels.push(label(at)); values.push(row.actions);
      previous = at;
    });
    return { labels: labels, values: values };
  }
  var HOUR = 3600 * 1000, DAY = 24 * HOUR;
  // Days at noon, so a change of summer time cannot move one onto the next.
  var days = timeline(data.days, function (row) { return new Date(row.d + "T12:00:00"); }, DAY, 31, day);
  var hours = timeline(data.hours, function (row) { return new Date(row.t); }, HOUR, 48, hour);
  // A long label of a horizontal chart ("Lettre écrite lors d'un événement") in lines that fit beside its bar:
  // on a phone a single line was cut at the canvas's left edge.
  function wrap(label, width) {
    var lines = [], line = "";
    String(label).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    if (line) lines.push(line);
    return lines.length > 1 ? lines : label;
  }
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.display = false;
  // Bars that grow and a map that fades in are motion some visitors have asked their system to spare them.
  if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) Chart.defaults.animation = false;

  function bar(id, labels, values, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    if (values.length < 2) { canvas.parentNode.hidden = true; return; } // the table says it all
    var valueAxis = horizontal ? "x" : "y";
    var scales = { x: { ticks: { autoSkip: true, maxRotation: 0, maxTicksLimit: horizontal ? 4 : 11 } } };
    scales[valueAxis] = scales[valueAxis] || {};
    scales[valueAxis].ticks = Object.assign(scales[valueAxis].ticks || {}, { callback: function (value) { return number(value); } });
    if (horizontal) {
      var width = canvas.parentNode.clientWidth < 576 ? 16 : 28;
      labels = labels.map(function (label) { return wrap(label, width); });
      // Every bar keeps its label (none skipped), so the chart grows to give each its lines.
      scales.y = { ticks: { autoSkip: false } };
      var lines = labels.reduce(function (sum, label) { return sum + (Array.isArray(label) ? label.length : 1); }, 0);
      var needed = lines * 16 + labels.length * 10 + 40;
      if (needed > canvas.parentNode.clientHeight) canvas.parentNode.style.height = needed + "px";
    }
    new Chart(canvas, {
      type: "bar",
      // Hundreds of bars (hour by hour over a campaign) are thinner than their outline: they go without one.
      data: { labels: labels, datasets: [{ label: data.labels.actions, data: values, backgroundColor: accent, borderColor: ink, borderWidth: values.length > 120 ? 0 : 1, categoryPercentage: values.length > 120 ? 1 : 0.8, barPercentage: values.length > 120 ? 1 : 0.9 }] },
      // Few value ticks on a horizontal chart: on a phone the long labels leave the axis little room.
      options: {
        indexAxis: horizontal ? "y" : "x",
        scales: scales,
        plugins: { tooltip: { callbacks: { label: function (context) { return data.labels.actions + ": " + number(context.parsed[valueAxis]); } } } }
      }
    });
  }

  function pluck(rows, key) { return rows.map(function (row) { return row[key]; }); }

  bar("results-kinds-chart", pluck(data.kinds, "label"), pluck(data.kinds, "actions"), true);
  bar("results-cases-chart", pluck(data.cases, "name"), pluck(data.cases, "actions"), true);
  bar("results-days-chart", days.labels, days.values);
  bar("results-hours-chart", hours.labels, hours.values);

  var mapCanvas = document.getElementById("results-map-chart");
  if (mapCanvas && window.ChartGeo) {
    fetch(mapCanvas.dataset.world)
      .then(function (response) { return response.json(); })
      .then(function (world) {
        var values = {};
        data.countries.forEach(function (row) {
          if (row.numeric) values[String(row.numeric).padStart(3, "0")] = row.actions;
        });
        var features = ChartGeo.topojson.feature(world, world.objects.countries).features.filter(function (f) {
          return f.id !== "010"; // Antarctica
        });
        new Chart(mapCanvas, {
          type: "choropleth",
          data: {
            labels: features.map(function (f) { return f.properties.name; }),
            datasets: [{
              label: data.labels.actions,
              outline: features,
              data: features.map(function (f) { return { feature: f, value: values[f.id] || NaN }; })
            }]
          },
          options: {
            showOutline: true,
            scales: {
              projection: { axis: "x", projection: "equalEarth" },
              color: {
                axis: "x", type: "colorLogarithmic", interpolate: "oranges", missing: "#f3f3f3",
                // Room for the first label ("0" was cut at the left edge) and level labels on a phone.
                legend: { position: "bottom-left", align: "bottom", length: 160, margin: { left: 16, bottom: 4 } },
                ticks: { maxRotation: 0, maxTicksLimit: 4, callback: function (value) { return number(value); } }
              }
            }
          }
        });
      })
      .catch(function () { mapCanvas.parentNode.hidden = true; });
  }
})();
