"""The HTML report's charts as a reader sees them, measured in headless Chromium: x-axis
labels neither overlap nor leave the chart, the trend axis is time (every quarter, gaps
included, no "undated"), a quarter without a value is a gap in the line, and one outlier
quarter switches to a logarithmic scale so typical values stay readable. A probe script
appended to the page measures the laid-out SVG and writes what it found into
``<body data-layout>``, which ``--dump-dom`` returns."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from postmortem_lint.audit.render import render
from postmortem_lint.audit.render.html import quarter_axis
from tests.audit.archive import INC_A, TODAY
from tests.audit.conftest import audit_of
from tests.audit.test_html import chromium, needs_browser

PROBE = r"""
<script>
(function () {
  var problems = [], axes = {}, legend = [];
  var C = Math.SQRT1_2;
  // A label's box in a frame turned by +45 degrees when the label is slanted (rotated by
  // -45 degrees about its anchor), so that slanted boxes compare exactly.
  function box(text) {
    var b = text.getBBox(), t = text.getAttribute("transform"), dx = 0, dy = 0;
    var m = t && t.match(/rotate\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\)/);
    if (m) {
      if (Number(m[1]) !== -45) { problems.push("unexpected angle " + m[1]); }
      var cx = Number(m[2]), cy = Number(m[3]);
      dx = cx * C - cy * C - cx; dy = cx * C + cy * C - cy;
    }
    return { l: b.x + dx, r: b.x + b.width + dx, t: b.y + dy, b: b.y + b.height + dy };
  }
  document.querySelectorAll(".chart").forEach(function (chart) {
    var svg = chart.querySelector("svg");
    if (!svg) { return; }
    var frame = svg.getBoundingClientRect();
    // The x-axis labels: the texts well below the lowest grid line (the "0" tick sits on it).
    var baseline = -Infinity;
    chart.querySelectorAll("line").forEach(function (line) {
      baseline = Math.max(baseline, Number(line.getAttribute("y1")));
    });
    var texts = Array.prototype.slice.call(chart.querySelectorAll("svg text")).filter(
      function (t) { return Number(t.getAttribute("y")) > baseline + 8; });
    axes[chart.id] = texts.map(function (t) { return t.textContent; });
    var boxes = texts.map(box);
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i], b = boxes[j];
        if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) {
          problems.push(chart.id + ": '" + texts[i].textContent + "' overlaps '" +
                        texts[j].textContent + "'");
        }
      }
      var seen = texts[i].getBoundingClientRect();
      if (seen.left < frame.left - 1 || seen.right > frame.right + 1 ||
          seen.bottom > frame.bottom + 1 || seen.top < frame.top - 1) {
        problems.push(chart.id + ": '" + texts[i].textContent + "' is cut off");
      }
    }
  });
  document.querySelectorAll("#chart-timing .legend span").forEach(function (span) {
    legend.push(span.textContent);
  });
  var paths = Array.prototype.map.call(document.querySelectorAll("#chart-timing path.series"),
    function (p) { return p.getAttribute("d"); });
  var ticks = Array.prototype.map.call(document.querySelectorAll("#chart-timing > svg > text"),
    function (t) { return t.textContent; });
  document.body.setAttribute("data-layout", JSON.stringify(
    { problems: problems, axes: axes, legend: legend, paths: paths, ticks: ticks,
      log: /Logarithmic/.test(document.getElementById("chart-timing").textContent) }));
})();
</script>
"""


def _postmortem(day: str, number: int) -> str:
    return INC_A.replace("2026-01-10", day).replace("INC-A", f"INC-{number}")


def _laid_out(page_html: str, tmp_path: Path) -> tuple[str, dict[str, object]]:
    page = tmp_path / "audit.html"
    page.write_text(page_html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    run = chromium(page, tmp_path / "profile", "--dump-dom", "--window-size=1400,2000")
    body = re.search(r"<body[^>]*>", run.stdout)
    assert body, run.stderr[-2000:]
    assert 'data-status="rendered"' in body.group(0), body.group(0)
    layout = re.search(r'data-layout="([^"]*)"', body.group(0))
    assert layout, body.group(0)
    return run.stdout, json.loads(unescape(layout.group(1)))


def test_quarter_axis_is_continuous_and_dated_only():
    assert quarter_axis(["2025-Q4", "undated", "2026-Q2"]) == ["2025-Q4", "2026-Q1", "2026-Q2"]
    assert quarter_axis(["undated"]) == []
    assert quarter_axis(["1926-Q1", "2026-Q1"]) == ["1926-Q1", "2026-Q1"]  # a stray date


@needs_browser
@pytest.mark.parametrize("years", [range(2025, 2027), range(2010, 2027)])
def test_axis_labels_are_readable_and_the_chart_shows_medians(tmp_path: Path, years: range):
    archive = tmp_path / "archive"
    archive.mkdir()
    number = 0
    for year in years:
        for month in ("01", "07"):  # every other quarter: Q2 and Q4 have no incident
            number += 1
            (archive / f"{year}-{month}.md").write_text(
                _postmortem(f"{year}-{month}-10", number), encoding="utf-8")
    undated = _postmortem("", 0).replace("**Date:** \n", "").replace(
        "**Date written:** 2026-01-12\n", "")
    (archive / "undated.md").write_text(undated, encoding="utf-8")
    html = render(audit_of(archive, today=TODAY), "html")
    dom, layout = _laid_out(html, tmp_path)

    assert layout["problems"] == []
    quarters = [f"{y}-Q{q}" for y in years for q in (1, 2, 3, 4)][:-1]  # ends at the Q3
    for chart in ("chart-timing", "chart-incidents"):
        labels = layout["axes"][chart]
        assert "undated" not in labels
        assert labels[0] == quarters[-20:][0]  # five years at most; the table has the rest
        assert set(labels) <= set(quarters)
        if len(quarters) <= 8:
            assert labels == quarters  # every quarter, the empty ones too
        else:
            assert len(labels) >= 8  # thinned, but still a readable scale
    assert layout["legend"] == ["MTTD median", "MTTR median"]
    # Q2 and Q4 have no incident: each line is broken there, never bridged
    shown = [q for q in quarters[-20:] if q.endswith(("Q1", "Q3"))]
    assert all(path.count("M") == len(shown) for path in layout["paths"])
    assert dom.count("1 undated document is not on this chart") == 3  # said, not hidden
    if len(quarters) > 20:
        assert dom.count("earlier incidents are in the quarterly table") == 3


@needs_browser
def test_an_outlier_quarter_does_not_flatten_the_others(tmp_path: Path):
    archive = tmp_path / "archive"
    archive.mkdir()
    for number, month in enumerate(("01", "04", "07")):
        (archive / f"{month}.md").write_text(_postmortem(f"2025-{month}-10", number),
                                             encoding="utf-8")
    slow = _postmortem("2025-10-10", 9).replace(
        "| 11:00 | Resolution | Error rate back to baseline.", "| 11:00 | Update | Error rate "
        "still above baseline.")
    slow = slow.replace("## Action Items", "| 2025-10-17 10:00 | Resolution | Fixed. |\n\n"
                        "## Action Items")
    (archive / "10.md").write_text(slow, encoding="utf-8")
    report = audit_of(archive, today=TODAY, use_cache=False)
    mttr = {q.quarter: q.mttr.median for q in report.summary.quarters}
    assert mttr["2025-Q4"] > 20 * mttr["2025-Q1"], mttr  # a week against an hour
    _, layout = _laid_out(render(report, "html"), tmp_path)
    assert layout["problems"] == []
    assert layout["log"] is True
    assert "1h" in layout["ticks"] and "7d" in layout["ticks"]
