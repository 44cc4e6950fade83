"""The HTML report opened in headless Chromium (Debian's ``chromium`` package): its
charts render without script errors, and it loads nothing from the network."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from postmortem_lint.audit.analytics import Audit
from postmortem_lint.audit.render import render

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((path for name in BROWSERS if (path := shutil.which(name))), None)
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="headless Chromium is not installed "
    "(apt-get update && apt-get install -y chromium)")


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         *args, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)


def test_the_page_is_self_contained(audited: Audit):
    html = render(audited, "html")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert "@import" not in html and not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)
    assert "default-src 'none'" in html  # the browser itself refuses any other load
    # timing, completion and incidents: each has points to draw; costs are in two
    # currencies, which do not add up, so they stay in the table
    assert html.count('data-chart="') == 3
    assert 'data-chart="cost"' not in html


@needs_browser
def test_charts_render_in_headless_chromium(audited: Audit, tmp_path: Path):
    page = tmp_path / "audit.html"
    page.write_text(render(audited, "html"), encoding="utf-8")
    run = chromium(page, tmp_path / "profile", "--dump-dom")
    dom = run.stdout
    body = re.search(r"<body[^>]*>", dom)
    assert body, run.stderr[-2000:]
    assert 'data-status="rendered"' in body.group(0), body.group(0)
    assert 'data-charts="3"' in body.group(0)
    for key in ("timing", "completion", "incidents"):
        chart = re.search(rf'id="chart-{key}"[^>]*>(.*?)</figure>', dom, re.S)
        assert chart and "<svg" in chart.group(1), key
    assert dom.count('class="bar"') >= 3
    assert dom.count('class="series"') >= 2 and 'class="point"' in dom
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
    assert console == []  # no uncaught errors, no refused loads


@needs_browser
def test_screenshot(audited: Audit, tmp_path: Path):
    page = tmp_path / "audit.html"
    page.write_text(render(audited, "html"), encoding="utf-8")
    shot = tmp_path / "audit.png"
    chromium(page, tmp_path / "profile", "--window-size=1400,1800", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # charts and tables, not a blank page


# Measures the laid-out page: where each section starts, what each chart draws, what
# each headline card says; written into <body data-probe> for --dump-dom.
PROBE = r"""
<script>
(function () {
  var out = { sections: {}, charts: {}, cards: {}, viewport: window.innerHeight };
  document.querySelectorAll("section[id]").forEach(function (s) {
    out.sections[s.id] = s.getBoundingClientRect().top + window.scrollY;
  });
  document.querySelectorAll(".chart").forEach(function (c) {
    out.charts[c.id] = { points: c.querySelectorAll(".point, .bar").length,
                         labels: Array.prototype.map.call(c.querySelectorAll(".n-label"),
                                 function (t) { return t.textContent; }),
                         text: c.textContent };
  });
  document.querySelectorAll(".card").forEach(function (c) {
    out.cards[c.getAttribute("data-figure")] = c.innerText;
  });
  out.empty = Array.prototype.filter.call(document.querySelectorAll("section, .block, figure"),
    function (e) { return !e.textContent.trim(); }).map(function (e) { return e.id || e.tagName; });
  document.body.setAttribute("data-probe", JSON.stringify(out));
})();
</script>
"""


def probe(html: str, tmp_path: Path, height: int = 900) -> dict:
    import json
    from html import unescape

    page = tmp_path / "probe.html"
    page.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    run = chromium(page, tmp_path / "profile", "--dump-dom", f"--window-size=1280,{height}")
    body = re.search(r"<body[^>]*>", run.stdout)
    assert body and 'data-status="rendered"' in body.group(0), run.stderr[-2000:]
    found = re.search(r'data-probe="([^"]*)"', body.group(0))
    assert found, body.group(0)
    return json.loads(unescape(found.group(1)))


@needs_browser
def test_a_manager_sees_the_weakest_documents_early_and_every_point_has_its_n(
        audited: Audit, tmp_path: Path):
    seen = probe(render(audited, "html"), tmp_path)
    order = [key for key, _ in sorted(seen["sections"].items(), key=lambda kv: kv[1])]
    assert order == ["headline", "weakest", "actions", "repeats", "trends", "more"]
    assert seen["sections"]["weakest"] < 2 * seen["viewport"]  # within the first two screens
    assert seen["empty"] == []
    assert seen["charts"]
    for chart, drawn in seen["charts"].items():
        assert drawn["points"] > 0, chart
        assert len(drawn["labels"]) == drawn["points"], chart  # every point says its n
        assert all(re.fullmatch(r"n=\d+", label) for label in drawn["labels"]), chart
        assert "No data" not in drawn["text"]
    assert "over 3 of 5 incidents" in seen["cards"]["mttd"]  # MTTD median over 3 of 5
    assert "4 of 4" in seen["cards"]["overdue"] and "1 of 5 open items have no due date" in \
        seen["cards"]["overdue"]
    assert "MEDIAN" in seen["cards"]["mttr"].upper()


def test_a_cost_chart_only_for_one_currency(audited: Audit):
    from postmortem_lint.audit.render.html import chart_data

    report = audited.summary.model_copy(deep=True)
    assert "cost" not in chart_data(report)  # USD and EUR
    for quarter in report.quarters:
        for money in quarter.cost:
            money.currency = "USD"
    cost = chart_data(report)["cost"]
    assert cost["series"][0]["values"] == [None, 12500.0, 3000.0]
    assert cost["series"][0]["n"] == [0, 1, 1]


NO_DUE_DATE = """# Cache stampede {n}

**Incident ID:** INC-{n}
**Date:** 2026-0{n}-10
**Services:** cache

## Action Items

| Action | Owner | Status |
|---|---|---|
| Add request coalescing to the cache client | Ana Silva | Open |
| Alert when the cache hit rate drops below 80% | Ben Okoro | Open |
"""


def test_overdue_that_cannot_be_known_is_unknown_not_zero(tmp_path: Path):
    from tests.audit.conftest import audit_of

    for n in (1, 2):
        (tmp_path / f"inc-{n}.md").write_text(NO_DUE_DATE.format(n=n), encoding="utf-8")
    audited = audit_of(tmp_path, use_cache=False)
    html = render(audited, "html")
    card = re.search(r'data-figure="overdue">(.*?)</div></div>', html, re.S)
    assert card, html[:2000]
    assert ">unknown<" in card.group(1)
    assert "4 of 4 open items have no due date" in card.group(1)
    assert "whether any is overdue is <strong>unknown</strong>" in html
    assert "No chart" not in html or "usable figure" in html
    assert 'data-chart="timing"' not in html  # nothing to draw: no empty panel
    text = render(audited, "text")
    assert "unknown — 4 of 4 open items have no due date" in text
