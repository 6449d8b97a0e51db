// The figures page's charts (Chart.js). The numbers come from the same sums as the tables,
// embedded by the server as JSON; nothing here computes a figure.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang === "en" ? "en-US" : "id-ID";
  var short = new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 });
  var full = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  var rupiah = function (v) { return "Rp " + full.format(v); };
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#6b5a4c";

  var axes = {
    y: { beginAtZero: true, ticks: { callback: function (v) { return short.format(v); } } },
    x: { ticks: { autoSkip: false, maxRotation: 45 } }
  };
  var tooltip = { callbacks: { label: function (c) { return (c.dataset.label ? c.dataset.label + ": " : "") + rupiah(c.parsed.y); } } };

  var groups = document.getElementById("chart-groups");
  if (groups) {
    new Chart(groups, {
      type: "bar",
      data: {
        labels: data.groups.labels,
        datasets: [{ data: data.groups.idr, backgroundColor: data.groups.colours, borderRadius: 4 }]
      },
      options: { maintainAspectRatio: false, plugins: { legend: { display: false }, tooltip: tooltip }, scales: axes }
    });
  }

  var canvas = document.getElementById("chart-breakdown");
  if (!canvas) return;
  var sets = data.breakdown.datasets;
  var chart = new Chart(canvas, {
    type: "bar",
    data: { labels: data.breakdown.labels, datasets: [] },
    options: { maintainAspectRatio: false, plugins: { legend: { display: false }, tooltip: tooltip }, scales: axes }
  });
  // One group at a time: their sizes differ by orders of magnitude and are never added up.
  function show(group) {
    var set = sets.filter(function (s) { return s.group === group; })[0] || sets[0];
    chart.data.datasets = [{ label: set.label, data: set.idr, backgroundColor: set.colour, borderRadius: 4 }];
    chart.update();
    document.querySelectorAll("#chart-group-buttons [data-group]").forEach(function (b) {
      b.classList.toggle("active", b.dataset.group === set.group);
      b.setAttribute("aria-pressed", b.dataset.group === set.group ? "true" : "false");
    });
  }
  document.querySelectorAll("#chart-group-buttons [data-group]").forEach(function (b) {
    b.addEventListener("click", function () { show(b.dataset.group); });
  });
  show("orders");
})();
