"""Fixtures for the CI integration tests: postmortems with known findings, CLI runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from postmortem_lint.engine.finding import FileResult, Finding, Level
from postmortem_lint.model import Span
from tests.conftest import CORPUS

CLEAN = CORPUS / "clean" / "01_payments_gateway_connection_exhaustion.md"
FLAWED = CORPUS / "flawed" / "02_search_alias_switched_early.md"  # PM301 on lines 60-68

# A short postmortem whose timeline has two times without a zone (PM301, lines 9 and 10).
SMALL = """\
# Checkout errors after the promo deploy

## Summary

Checkout failed for 12% of requests for 25 minutes.

## Timeline

- 14:32 — Deploy of checkout-api v2.1.3 started
- 14:40 — Alert on checkout error rate fired
- 14:57 UTC — Rollback finished
"""


def finding(path: str, line: int, message: str = "something is wrong", *, code: str = "PM301",
            rule: str = "timeline-zone-missing", level: Level = Level.error,
            column: int = 1, end_column: int | None = None, end_line: int | None = None,
            hint: str | None = None) -> Finding:
    span = Span(line=line, column=column, end_line=end_line or line,
                end_column=end_column if end_column is not None else column + 1)
    return Finding(code=code, rule=rule, level=level, message=message, hint=hint, path=path,
                   span=span)


def file_result(path: str, *findings: Finding) -> FileResult:
    return FileResult(path=path, findings=list(findings))


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line, in a subprocess (as pre-commit and the Action run it)."""
    return subprocess.run([sys.executable, "-m", "postmortem_lint", *args], cwd=cwd, env=env,
                          input=stdin, capture_output=True, text=True, check=False)


@pytest.fixture
def small_postmortem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "postmortems" / "checkout.md"
    path.parent.mkdir()
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def checkout_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout as a fresh clone would see it: a committed copy of the working tree."""
    from tests.conftest import REPO
    from tests.integrations.gitrepo import snapshot_checkout

    return snapshot_checkout(REPO, tmp_path_factory.mktemp("checkout") / "postmortem-lint")
