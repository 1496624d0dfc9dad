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
  if (lang) Chart.defaults.locale = lang; // axis numbers as the page writes them (10 000, not 10,000, in Polish)
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.display = false;

  function bar(id, labels, values, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    if (values.length < 2) { canvas.parentNode.hidden = true; return; } // the table says it all
    new Chart(canvas, {
      type: "bar",
      // Hundreds of bars (hour by hour over a campaign) are thinner than their outline: they go without one.
      data: { labels: labels, datasets: [{ label: data.labels.actions, data: values, backgroundColor: accent, borderColor: ink, borderWidth: values.length > 120 ? 0 : 1, categoryPercentage: values.length > 120 ? 1 : 0.8, barPercentage: values.length > 120 ? 1 : 0.9 }] },
      // Few value ticks on a horizontal chart: on a phone the long labels leave the axis little room.
      options: { indexAxis: horizontal ? "y" : "x", scales: { x: { ticks: { autoSkip: true, maxRotation: 0, maxTicksLimit: horizontal ? 4 : 11 } } } }
    });
  }

  function pluck(rows, key) { return rows.map(function (row) { return row[key]; }); }

  bar("results-kinds-chart", pluck(data.kinds, "label"), pluck(data.kinds, "actions"), true);
  bar("results-cases-chart", pluck(data.cases, "name"), pluck(data.cases, "actions"), true);
  var dayFormat = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short" });
  bar("results-days-chart", data.days.map(function (row) { return dayFormat.format(new Date(row.d + "T12:00:00")); }), pluck(data.days, "actions"));
  // A 24-hour clock in every language, as the rest of the site writes times.
  var hourFormat = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  bar("results-hours-chart", data.hours.map(function (row) { return hourFormat.format(new Date(row.t)); }), pluck(data.hours, "actions"));

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
                ticks: { maxRotation: 0, maxTicksLimit: 4 }
              }
            }
          }
        });
      })
      .catch(function () { mapCanvas.parentNode.hidden = true; });
  }
})();
