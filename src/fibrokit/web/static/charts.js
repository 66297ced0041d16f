// Draw the Plotly charts of a page. Each chart element names the JSON endpoint holding its figure
// (data-chart-url) and which figure to draw (data-chart-key), or data-chart-all to draw every figure.
// No inline scripts: the Content-Security-Policy allows scripts from this server only.
"use strict";
(function () {
  const cache = new Map();
  function fetchFigures(url) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      }));
    }
    return cache.get(url);
  }
  const config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"] };
  function draw(element, figure) {
    Plotly.newPlot(element, figure.data, figure.layout, config);
    element.classList.add("drawn");
  }
  function say(element, text) {
    const p = document.createElement("p");
    p.className = "muted";
    p.textContent = text;
    element.appendChild(p);
  }
  document.querySelectorAll("[data-chart-url]").forEach(function (element) {
    fetchFigures(element.dataset.chartUrl).then(function (figures) {
      if (element.dataset.chartAll) {
        const keys = Object.keys(figures);
        if (!keys.length) { say(element, "Nothing to chart yet."); }
        keys.forEach(function (key) {
          const box = document.createElement("div");
          box.className = "chart";
          element.appendChild(box);
          draw(box, figures[key]);
        });
        return;
      }
      const figure = figures[element.dataset.chartKey];
      if (figure) { draw(element, figure); } else { say(element, "Nothing to chart for this recording."); element.classList.add("empty"); }
    }).catch(function () { say(element, "The chart could not be loaded."); });
  });
})();
