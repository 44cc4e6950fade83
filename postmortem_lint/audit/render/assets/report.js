// Draws the audit's charts as inline SVG from the JSON embedded in the page.
// No network, no libraries. When done, <body data-status> says "rendered" (and
// data-charts how many), or "error: ..." so a headless browser can check it.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 560, H = 260, M = { top: 16, right: 16, bottom: 46, left: 64 };

  function el(tag, attrs, parent, text) {
    var node = document.createElementNS(NS, tag);
    for (var key in attrs) { node.setAttribute(key, attrs[key]); }
    if (text !== undefined) { node.textContent = text; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function svgIn(box, height) {
    box.textContent = "";
    return el("svg", { viewBox: "0 0 " + W + " " + height, role: "img",
                       "aria-label": box.getAttribute("data-title") || "chart" }, box);
  }

  function empty(box, message) {
    var svg = svgIn(box, 80);
    el("text", { x: W / 2, y: 44, "text-anchor": "middle", "class": "empty" }, svg,
       message || "No data to chart.");
    return svg;
  }

  function minutes(value) {
    if (value === null || value === undefined) { return "—"; }
    var total = Math.round(value);
    if (total < 60) { return total + "m"; }
    var hours = Math.floor(total / 60), mins = total % 60;
    if (hours < 48) { return hours + "h" + (mins ? " " + (mins < 10 ? "0" : "") + mins + "m" : ""); }
    return Math.floor(hours / 24) + "d" + (hours % 24 ? " " + (hours % 24) + "h" : "");
  }

  // The top of an axis with four equal, round ticks: counts step 1, 2, 5, 10, 20, 25…;
  // durations (minutes) step in round minutes, hours or days.
  var COUNT_STEPS = [1, 2, 3, 5, 10, 15, 20, 25, 30, 50, 75, 100, 150, 200, 250, 500, 1000, 2500, 5000];
  var MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 4320,
                      7200, 10080, 20160, 43200, 86400];
  function niceMax(value, steps) {
    if (!(value > 0)) { return 4 * steps[0]; }
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * 4 >= value) { return steps[i] * 4; }
    }
    var step = steps[steps.length - 1];
    return Math.ceil(value / (4 * step)) * 4 * step;
  }

  function legend(box, items) {
    var div = document.createElement("div");
    div.className = "legend";
    items.forEach(function (item) {
      var span = document.createElement("span");
      span.style.setProperty("--swatch", item.color);
      span.textContent = item.label;
      div.appendChild(span);
    });
    box.appendChild(div);
  }

  function yAxis(svg, max, format, height) {
    var g = el("g", { "class": "grid" }, svg);
    for (var i = 0; i <= 4; i++) {
      var value = max * i / 4, y = height - M.bottom - (height - M.top - M.bottom) * i / 4;
      el("line", { x1: M.left, x2: W - M.right, y1: y, y2: y }, g);
      el("text", { x: M.left - 6, y: y + 4, "text-anchor": "end" }, svg, format(value));
    }
  }

  function xLabels(svg, labels, xOf, height) {
    labels.forEach(function (label, i) {
      el("text", { x: xOf(i), y: height - M.bottom + 16, "text-anchor": "middle" }, svg, label);
    });
  }

  // series: [{label, color, values: [number|null], dashed}]
  function lineChart(box, labels, series, format) {
    var values = [];
    series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null) { values.push(v); } }); });
    if (!labels.length || !values.length) { return empty(box); }
    var svg = svgIn(box, H), max = niceMax(Math.max.apply(null, values), MINUTE_STEPS);
    var pad = 28, plotW = W - M.left - M.right - 2 * pad, plotH = H - M.top - M.bottom;
    var xOf = function (i) { return M.left + pad + (labels.length === 1 ? plotW / 2 : plotW * i / (labels.length - 1)); };
    var yOf = function (v) { return H - M.bottom - plotH * v / max; };
    yAxis(svg, max, format, H);
    xLabels(svg, labels, xOf, H);
    series.forEach(function (s) {
      var path = "", pen = "M";
      s.values.forEach(function (v, i) {
        if (v === null) { pen = "M"; return; }
        path += pen + xOf(i).toFixed(1) + " " + yOf(v).toFixed(1) + " ";
        pen = "L";
      });
      if (path) {
        el("path", { d: path, fill: "none", stroke: s.color, "stroke-width": 2,
                     "stroke-dasharray": s.dashed ? "5 4" : "none", "class": "series" }, svg);
      }
      s.values.forEach(function (v, i) {
        if (v === null) { return; }
        var dot = el("circle", { cx: xOf(i), cy: yOf(v), r: 3.5, fill: s.color, "class": "point" }, svg);
        el("title", {}, dot, s.label + ", " + labels[i] + ": " + format(v));
      });
    });
    legend(box, series);
    return svg;
  }

  // Vertical stacked bars: series [{label, color, values}]
  function stackedBars(box, labels, series) {
    var totals = labels.map(function (_, i) {
      return series.reduce(function (sum, s) { return sum + (s.values[i] || 0); }, 0);
    });
    if (!labels.length || Math.max.apply(null, totals) <= 0) { return empty(box); }
    var svg = svgIn(box, H), max = niceMax(Math.max.apply(null, totals), COUNT_STEPS);
    var plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
    var slot = plotW / labels.length, barW = Math.min(48, slot * 0.6);
    var xOf = function (i) { return M.left + slot * (i + 0.5); };
    yAxis(svg, max, function (v) { return String(Math.round(v)); }, H);
    xLabels(svg, labels, xOf, H);
    labels.forEach(function (label, i) {
      var base = 0;
      series.forEach(function (s) {
        var v = s.values[i] || 0;
        if (v <= 0) { return; }
        var y = H - M.bottom - plotH * (base + v) / max, h = plotH * v / max;
        var bar = el("rect", { x: xOf(i) - barW / 2, y: y, width: barW, height: Math.max(h, 0.5),
                               fill: s.color, "class": "bar" }, svg);
        el("title", {}, bar, label + " — " + s.label + ": " + v);
        base += v;
      });
    });
    legend(box, series);
    return svg;
  }

  // Horizontal bars: rows [{label, parts: [{value, color, name}]}]
  function horizontalBars(box, rows, partLegend) {
    if (!rows.length) { return empty(box); }
    var rowH = 22, left = 190, height = M.top + rows.length * rowH + 24;
    var totals = rows.map(function (r) { return r.parts.reduce(function (s, p) { return s + p.value; }, 0); });
    var max = niceMax(Math.max.apply(null, totals), COUNT_STEPS), plotW = W - left - M.right - 24;
    var svg = svgIn(box, height);
    rows.forEach(function (row, i) {
      var y = M.top + i * rowH, x = left;
      var label = row.label.length > 30 ? row.label.slice(0, 29) + "…" : row.label;
      el("text", { x: left - 6, y: y + 14, "text-anchor": "end" }, svg, label);
      row.parts.forEach(function (part) {
        if (part.value <= 0) { return; }
        var w = plotW * part.value / max;
        var bar = el("rect", { x: x, y: y + 3, width: Math.max(w, 0.5), height: rowH - 6,
                               fill: part.color, "class": "bar" }, svg);
        el("title", {}, bar, row.label + (part.name ? " — " + part.name : "") + ": " + part.value);
        x += w;
      });
      el("text", { x: x + 4, y: y + 14 }, svg, String(totals[i]));
    });
    if (partLegend) { legend(box, partLegend); }
    return svg;
  }

  var COLORS = ["#0969da", "#cf222e", "#bf8700", "#8250df", "#1a7f37", "#57606a"];

  var charts = {
    timing: function (box, data) {
      var t = data.timing, unit = minutes;
      return lineChart(box, t.quarters, [
        { label: "MTTD mean", color: COLORS[0], values: t.mttd },
        { label: "MTTR mean", color: COLORS[1], values: t.mttr },
        { label: "MTTD median", color: COLORS[0], values: t.mttd_median, dashed: true },
        { label: "MTTR median", color: COLORS[1], values: t.mttr_median, dashed: true }
      ], unit);
    },
    findings: function (box, data) {
      var f = data.findings;
      return stackedBars(box, f.quarters, [
        { label: "errors", color: COLORS[1], values: f.error },
        { label: "warnings", color: COLORS[2], values: f.warning },
        { label: "info", color: COLORS[0], values: f.info }
      ]);
    },
    repeats: function (box, data) {
      return horizontalBars(box, data.repeats.map(function (r) {
        return { label: r.label, parts: [{ value: r.count, name: r.flag,
          color: r.flag === "management review" ? COLORS[1] : COLORS[2] }] };
      }), [{ label: "management review (3+)", color: COLORS[1] },
           { label: "escalate (2)", color: COLORS[2] }]);
    },
    overdue: function (box, data) {
      var o = data.overdue;
      var shades = ["#f0b429", "#e3772b", "#cf222e", "#82071e"];
      return horizontalBars(box, o.owners.map(function (owner, i) {
        return { label: owner, parts: o.buckets.map(function (bucket, j) {
          return { value: o.values[i][j], name: bucket, color: shades[j % shades.length] };
        }) };
      }), o.buckets.map(function (bucket, j) { return { label: bucket + " overdue", color: shades[j % shades.length] }; }));
    },
    causes: function (box, data) {
      return horizontalBars(box, data.root_causes.map(function (c, i) {
        return { label: c.label, parts: [{ value: c.count, color: COLORS[3] }] };
      }));
    }
  };

  function render() {
    var data = JSON.parse(document.getElementById("audit-data").textContent);
    var count = 0;
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var draw = charts[box.getAttribute("data-chart")];
      if (!draw) { throw new Error("unknown chart " + box.getAttribute("data-chart")); }
      draw(box, data);
      count += 1;
    });
    document.body.setAttribute("data-charts", String(count));
    document.body.setAttribute("data-status", "rendered");
  }

  window.addEventListener("error", function (event) {
    document.body.setAttribute("data-status", "error: " + event.message);
  });
  try {
    render();
  } catch (error) {
    document.body.setAttribute("data-status", "error: " + (error && error.message || error));
  }
})();
