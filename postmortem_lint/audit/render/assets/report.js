// Draws the audit's charts as inline SVG from the JSON embedded in the page, and makes
// long tables sortable and filterable. No network, no libraries. When done,
// <body data-status> says "rendered" (and data-charts how many), or "error: ..." so a
// headless browser can check it.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 560, H = 260, M = { top: 22, right: 16, bottom: 46, left: 64 };
  var COLORS = ["#0969da", "#cf222e", "#8250df", "#1a7f37"];

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

  function minutes(value) {
    if (value === null || value === undefined) { return "—"; }
    var total = Math.round(value);
    if (total < 60) { return total + "m"; }
    var hours = Math.floor(total / 60), mins = total % 60;
    if (hours < 48) { return hours + "h" + (mins ? " " + (mins < 10 ? "0" : "") + mins + "m" : ""); }
    return Math.floor(hours / 24) + "d" + (hours % 24 ? " " + (hours % 24) + "h" : "");
  }
  function percent(value) { return Math.round(value * 100) + "%"; }
  function amount(value) {
    if (value >= 1e6) { return (value / 1e6).toFixed(value >= 1e7 ? 0 : 1) + "M"; }
    if (value >= 1e3) { return (value / 1e3).toFixed(value >= 1e4 ? 0 : 1) + "k"; }
    return String(Math.round(value));
  }

  var COUNT_STEPS = [1, 2, 3, 5, 10, 15, 20, 25, 30, 50, 75, 100, 150, 200, 250, 500, 1000, 2500, 5000];
  var MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 4320,
                      7200, 10080, 20160, 43200, 86400];
  var MINUTE_TICKS = [1, 5, 15, 60, 240, 1440, 10080, 43200, 525600];
  function niceMax(value, steps) {
    if (!(value > 0)) { return 4 * steps[0]; }
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * 4 >= value) { return steps[i] * 4; }
    }
    var step = steps[steps.length - 1];
    return Math.ceil(value / (4 * step)) * 4 * step;
  }

  // A y scale that keeps typical values readable: linear, or logarithmic when one value
  // is far above the others (an outlier quarter would flatten the rest on the zero line).
  function scale(values, kind, plotH, bottom) {
    var positive = values.filter(function (v) { return v > 0; });
    var max = Math.max.apply(null, values.concat([0]));
    var min = positive.length ? Math.min.apply(null, positive) : max;
    if (kind === "rate") {
      return { log: false, ticks: [0, 0.25, 0.5, 0.75, 1],
               y: function (v) { return bottom - plotH * v; } };
    }
    if (positive.length > 1 && max / min > 20) {
      var lo = Math.pow(10, Math.floor(Math.log10(min))), hi = Math.pow(10, Math.ceil(Math.log10(max)));
      var ticks = kind === "minutes" ? MINUTE_TICKS.filter(function (t) { return t >= lo && t <= hi; })
        : [];
      if (kind !== "minutes") { for (var t = lo; t <= hi; t *= 10) { ticks.push(t); } }
      if (kind === "minutes") {
        lo = Math.min(lo, ticks[0] || lo); hi = Math.max(hi, ticks[ticks.length - 1] || hi);
      }
      var span = Math.log10(hi) - Math.log10(lo);
      return { log: true, ticks: ticks, y: function (v) {
        return bottom - plotH * (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / span; } };
    }
    var top = niceMax(max, kind === "minutes" ? MINUTE_STEPS : COUNT_STEPS);
    return { log: false, ticks: [0, top / 4, top / 2, 3 * top / 4, top],
             y: function (v) { return bottom - plotH * v / top; } };
  }

  var CHAR_W = 6.4, LINE_H = 16;
  function xLayout(labels, slot) {
    var widest = labels.reduce(function (w, l) { return Math.max(w, l.length * CHAR_W); }, 0);
    if (widest + 6 <= slot) { return { slant: false, step: 1, extra: 0 }; }
    var step = Math.max(1, Math.ceil(LINE_H * Math.SQRT2 / slot));
    return { slant: true, step: step,
             extra: Math.max(0, Math.ceil(widest * Math.SQRT1_2) + 24 - M.bottom) };
  }

  function yAxis(svg, sc, format) {
    var g = el("g", { "class": "grid" }, svg);
    sc.ticks.forEach(function (value) {
      var y = sc.y(value);
      el("line", { x1: M.left, x2: W - M.right, y1: y, y2: y }, g);
      el("text", { x: M.left - 6, y: y + 4, "text-anchor": "end" }, svg, format(value));
    });
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

  // n labels that do not cover one another: each tries a few spots above and below its
  // point (estimated text boxes) and takes the first free one.
  function labeler(svg) {
    var placed = [];
    var place = function (x, y, text, below, color, floor) {
      var w = text.length * 6.2 + 6, h = 11;
      var spots = below === "above" ? [-4, -15, -26, -37, -48]
        : below ? [14, -7, 25, -18, 36, -29] : [-7, 14, -18, 25, -29, 36];
      var pick = spots[0];
      for (var i = 0; i < spots.length; i++) {
        var ty = y + spots[i];
        if (ty > floor || ty - h < 2) { continue; }
        var free = placed.every(function (b) {
          return x + w / 2 <= b.l || x - w / 2 >= b.r || ty <= b.t || ty - h >= b.b;
        });
        if (free) { pick = spots[i]; break; }
      }
      placed.push({ l: x - w / 2, r: x + w / 2, t: y + pick - h, b: y + pick });
      var attrs = { x: x, y: y + pick, "text-anchor": "middle", "class": "n-label" };
      if (color) { attrs.fill = color; }
      return el("text", attrs, svg, text);
    };
    place.block = function (l, r, t, b) { placed.push({ l: l, r: r, t: t, b: b }); };
    return place;
  }

  function legend(box, items) {
    var div = document.createElement("div");
    div.className = "legend";
    items.forEach(function (item) {
      var span = document.createElement("span");
      span.style.setProperty("--swatch", item.color);
      span.className = "line";
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

  function earlierNote(box, count) {
    if (count > 0) {
      note(box, "The last 20 quarters; " + count + (count === 1 ? " earlier incident is" :
           " earlier incidents are") + " in the quarterly table.");
    }
  }

  function undatedNote(box, count) {
    if (count > 0) {
      note(box, count + (count === 1 ? " undated document is" : " undated documents are") +
           " not on this chart; the tables include " + (count === 1 ? "it." : "them."));
    }
  }

  // Points joined only between neighbouring quarters that both have a value: a quarter
  // without one is a gap in the line, never bridged. Each point is labelled with its n.
  function lineChart(box, spec, kind, format) {
    var labels = spec.quarters, values = [];
    spec.series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null) { values.push(v); } }); });
    var pad = 28, plotW = W - M.left - M.right - 2 * pad, plotH = H - M.top - M.bottom;
    var layout = xLayout(labels, labels.length === 1 ? plotW : plotW / (labels.length - 1));
    var svg = svgIn(box, H + layout.extra), bottom = H - M.bottom;
    var sc = scale(values, kind, plotH, bottom);
    var xOf = function (i) { return M.left + pad + (labels.length === 1 ? plotW / 2 : plotW * i / (labels.length - 1)); };
    yAxis(svg, sc, format);
    xLabels(svg, labels, xOf, bottom, layout);
    var label = labeler(svg);
    spec.series.forEach(function (s, k) {
      var color = COLORS[k % COLORS.length], path = "", previous = null;
      s.values.forEach(function (v, i) {
        if (v === null) { previous = null; return; }
        path += (previous === i - 1 ? "L" : "M") + xOf(i).toFixed(1) + " " + sc.y(v).toFixed(1) + " ";
        previous = i;
      });
      el("path", { d: path, fill: "none", stroke: color, "stroke-width": 2, "class": "series" }, svg);
      s.values.forEach(function (v, i) {
        if (v === null) { return; }
        var x = xOf(i), y = sc.y(v);
        var dot = el("circle", { cx: x, cy: y, r: 4, fill: color, "class": "point" }, svg);
        el("title", {}, dot, s.label + ", " + labels[i] + ": " + format(v) + " (n=" + s.n[i] + ")");
        label(x, y, "n=" + s.n[i], k % 2 === 0 && y < bottom - 16, color, bottom - 2);
      });
    });
    legend(box, spec.series.map(function (s, k) { return { label: s.label, color: COLORS[k % COLORS.length] }; }));
    if (sc.log) { note(box, "Logarithmic scale: one quarter is far above the others."); }
    earlierNote(box, spec.earlier);
    undatedNote(box, spec.undated);
    return svg;
  }

  function barChart(box, spec) {
    var labels = spec.quarters, plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
    var slot = plotW / labels.length, barW = Math.min(40, slot * 0.6);
    var layout = xLayout(labels, slot);
    var svg = svgIn(box, H + layout.extra), bottom = H - M.bottom;
    var sc = scale(spec.values, "count", plotH, bottom);
    var xOf = function (i) { return M.left + slot * (i + 0.5); };
    yAxis(svg, sc, function (v) { return String(Math.round(v)); });
    xLabels(svg, labels, xOf, bottom, layout);
    var label = labeler(svg);
    spec.values.forEach(function (v, i) {
      if (v) { label.block(xOf(i) - barW / 2, xOf(i) + barW / 2, sc.y(v), bottom); }
    });
    spec.values.forEach(function (v, i) {
      if (!v) { return; }
      var y = sc.y(v);
      var bar = el("rect", { x: xOf(i) - barW / 2, y: y, width: barW, height: Math.max(bottom - y, 0.5),
                             fill: COLORS[0], "class": "bar" }, svg);
      el("title", {}, bar, labels[i] + ": " + v);
      label(xOf(i), y, "n=" + v, "above", null, bottom - 2);
    });
    earlierNote(box, spec.earlier);
    undatedNote(box, spec.undated);
    return svg;
  }

  var charts = {
    timing: function (box, spec) { return lineChart(box, spec, "minutes", minutes); },
    completion: function (box, spec) { return lineChart(box, spec, "rate", percent); },
    incidents: function (box, spec) { return barChart(box, spec); },
    cost: function (box, spec) { return lineChart(box, spec, "count", amount); },
    history: function (box, spec) { return lineChart(box, spec, "rate", percent); }
  };

  function render() {
    var data = JSON.parse(document.getElementById("audit-data").textContent);
    var count = 0;
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var key = box.getAttribute("data-chart"), draw = charts[key];
      if (!draw || !data[key]) { throw new Error("unknown chart " + key); }
      draw(box, data[key]);
      count += 1;
    });
    document.body.setAttribute("data-charts", String(count));
  }

  // Sorting: a click on a heading sorts by that column (numbers as numbers, "—" last);
  // a second click reverses. Filtering: rows whose text contains every word typed.
  function sortValue(cell) {
    var text = cell.textContent.trim();
    if (text === "—" || text === "") { return null; }
    var number = parseFloat(text.replace(/[^0-9.\-]/g, ""));
    return /^-?[\d.,]+/.test(text) && !isNaN(number) ? number : text.toLowerCase();
  }
  function tables() {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      table.querySelectorAll("thead th").forEach(function (th, column) {
        th.setAttribute("role", "button");
        th.setAttribute("tabindex", "0");
        th.title = "Sort by " + th.textContent;
        var sort = function () {
          var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
          var up = th.getAttribute("aria-sort") !== "ascending";
          table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", up ? "ascending" : "descending");
          rows.sort(function (a, b) {
            var x = sortValue(a.cells[column]), y = sortValue(b.cells[column]);
            if (x === null || y === null) { return x === y ? 0 : x === null ? 1 : -1; }
            if (typeof x !== typeof y) { x = String(x); y = String(y); }
            return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
          });
          rows.forEach(function (row) { body.appendChild(row); });
        };
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
      });
    });
    document.querySelectorAll("input[data-filter]").forEach(function (input) {
      var table = document.getElementById(input.getAttribute("data-filter"));
      input.addEventListener("input", function () {
        var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          var text = row.textContent.toLowerCase();
          row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
        });
      });
    });
  }

  window.addEventListener("error", function (event) {
    document.body.setAttribute("data-status", "error: " + event.message);
  });
  try {
    render();
    tables();
    document.body.setAttribute("data-status", "rendered");
  } catch (error) {
    document.body.setAttribute("data-status", "error: " + (error && error.message || error));
  }
})();
