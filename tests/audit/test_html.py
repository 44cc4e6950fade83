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
    assert html.count('data-chart="') == 5


@needs_browser
def test_charts_render_in_headless_chromium(audited: Audit, tmp_path: Path):
    page = tmp_path / "audit.html"
    page.write_text(render(audited, "html"), encoding="utf-8")
    run = chromium(page, tmp_path / "profile", "--dump-dom")
    dom = run.stdout
    body = re.search(r"<body[^>]*>", dom)
    assert body, run.stderr[-2000:]
    assert 'data-status="rendered"' in body.group(0), body.group(0)
    assert 'data-charts="5"' in body.group(0)
    for key in ("timing", "findings", "repeats", "overdue", "causes"):
        chart = re.search(rf'id="chart-{key}"[^>]*>(.*?)</figure>', dom, re.S)
        assert chart and "<svg" in chart.group(1), key
    assert dom.count('class="bar"') >= 10
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
