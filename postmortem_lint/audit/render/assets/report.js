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

  // Legend entries: a colour patch, or for a line chart's series a short line, solid or
  // dashed like the series (mean and median share a colour and differ only by the dash).
  function legend(box, items, lines) {
    var div = document.createElement("div");
    div.className = "legend";
    items.forEach(function (item) {
      var span = document.createElement("span");
      span.style.setProperty("--swatch", item.color);
      if (lines) { span.className = item.dashed ? "line dashed" : "line"; }
      span.textContent = item.label;
      div.appendChild(span);
    });
    box.appendChild(div);
  }

  function note(box, text) {
    var p = document.createElement("p");
    p.className = "note";
    p.textContent = text;
    box.appendChild(p);
  }

  function undatedNote(box, count) {
    if (count > 0) {
      note(box, count + (count === 1 ? " undated document is" : " undated documents are") +
           " not on this chart; the tables below include " + (count === 1 ? "it." : "them."));
    }
  }

  // How the category labels of an x axis fit in slots of width `slot`: upright when they
  // fit, else slanted at 45 degrees, and only every `step`-th one when even that is too
  // tight. `extra` is the height the slanted labels need below the plot.
  var CHAR_W = 6.4, LINE_H = 16;
  function xLayout(labels, slot) {
    var widest = labels.reduce(function (w, l) { return Math.max(w, l.length * CHAR_W); }, 0);
    if (widest + 6 <= slot) { return { slant: false, step: 1, extra: 0 }; }
    var step = Math.max(1, Math.ceil(LINE_H * Math.SQRT2 / slot));
    return { slant: true, step: step,
             extra: Math.max(0, Math.ceil(widest * Math.SQRT1_2) + 24 - M.bottom) };
  }

  // Grid lines and tick labels for a plot whose baseline is at y = bottom.
  function yAxis(svg, max, format, bottom) {
    var g = el("g", { "class": "grid" }, svg);
    for (var i = 0; i <= 4; i++) {
      var value = max * i / 4, y = bottom - (bottom - M.top) * i / 4;
      el("line", { x1: M.left, x2: W - M.right, y1: y, y2: y }, g);
      el("text", { x: M.left - 6, y: y + 4, "text-anchor": "end" }, svg, format(value));
    }
  }

  function xLabels(svg, labels, xOf, bottom, layout) {
    var g = el("g", { "class": "x-labels" }, svg);
    labels.forEach(function (label, i) {
      if (i % layout.step) { return; }
      var x = xOf(i), y = bottom + 16;
      if (!layout.slant) {
        el("text", { x: x, y: y, "text-anchor": "middle" }, g, label);
      } else {
        el("text", { x: x + 4, y: y - 4, "text-anchor": "end",
                     transform: "rotate(-45 " + (x + 4) + " " + (y - 4) + ")" }, g, label);
      }
    });
  }

  // series: [{label, color, values: [number|null], dashed}]
  function lineChart(box, labels, series, format) {
    var values = [];
    series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null) { values.push(v); } }); });
    if (!labels.length || !values.length) { return empty(box); }
    var max = niceMax(Math.max.apply(null, values), MINUTE_STEPS);
    var pad = 28, plotW = W - M.left - M.right - 2 * pad, plotH = H - M.top - M.bottom;
    var layout = xLayout(labels, labels.length === 1 ? plotW : plotW / (labels.length - 1));
    var svg = svgIn(box, H + layout.extra), bottom = H - M.bottom;
    var xOf = function (i) { return M.left + pad + (labels.length === 1 ? plotW / 2 : plotW * i / (labels.length - 1)); };
    var yOf = function (v) { return bottom - plotH * v / max; };
    yAxis(svg, max, format, bottom);
    xLabels(svg, labels, xOf, bottom, layout);
    series.forEach(function (s) {
      // A quarter without a value (no incident, or no usable timeline) is skipped: the
      // line joins its neighbours, and the x axis still spaces quarters evenly in time.
      var path = "", pen = "M";
      s.values.forEach(function (v, i) {
        if (v === null) { return; }
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
    legend(box, series, true);
    return svg;
  }

  // Vertical stacked bars: series [{label, color, values}]
  function stackedBars(box, labels, series) {
    var totals = labels.map(function (_, i) {
      return series.reduce(function (sum, s) { return sum + (s.values[i] || 0); }, 0);
    });
    if (!labels.length || Math.max.apply(null, totals) <= 0) { return empty(box); }
    var max = niceMax(Math.max.apply(null, totals), COUNT_STEPS);
    var plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
    var slot = plotW / labels.length, barW = Math.min(48, slot * 0.6);
    var layout = xLayout(labels, slot);
    var svg = svgIn(box, H + layout.extra), bottom = H - M.bottom;
    var xOf = function (i) { return M.left + slot * (i + 0.5); };
    yAxis(svg, max, function (v) { return String(Math.round(v)); }, bottom);
    xLabels(svg, labels, xOf, bottom, layout);
    labels.forEach(function (label, i) {
      var base = 0;
      series.forEach(function (s) {
        var v = s.values[i] || 0;
        if (v <= 0) { return; }
        var y = bottom - plotH * (base + v) / max, h = plotH * v / max;
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
      var text = el("text", { x: left - 6, y: y + 14, "text-anchor": "end" }, svg, label);
      if (label !== row.label) { el("title", {}, text, row.label); }
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
      var svg = lineChart(box, t.quarters, [
        { label: "MTTD mean", color: COLORS[0], values: t.mttd },
        { label: "MTTD median", color: COLORS[0], values: t.mttd_median, dashed: true },
        { label: "MTTR mean", color: COLORS[1], values: t.mttr },
        { label: "MTTR median", color: COLORS[1], values: t.mttr_median, dashed: true }
      ], unit);
      undatedNote(box, t.undated);
      return svg;
    },
    findings: function (box, data) {
      var f = data.findings;
      var svg = stackedBars(box, f.quarters, [
        { label: "errors", color: COLORS[1], values: f.error },
        { label: "warnings", color: COLORS[2], values: f.warning },
        { label: "info", color: COLORS[0], values: f.info }
      ]);
      undatedNote(box, f.undated);
      return svg;
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
