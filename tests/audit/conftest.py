"""Fixtures for the audit tests: the known-answer archive and an audit of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from postmortem_lint.audit.analytics import build_report
from postmortem_lint.audit.collect import LintSettings, collect
from postmortem_lint.audit.report import AuditReport
from postmortem_lint.engine.config import discover
from postmortem_lint.sources.discovery import iter_files
from tests.audit.archive import TODAY, write_archive


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return write_archive(tmp_path)


def audit(root: Path, *, jobs: int = 1, since: dt.date | None = None,
          today: dt.date = TODAY, use_cache: bool = True) -> AuditReport:
    loaded = discover(root)
    settings = LintSettings(loaded, today=today, use_cache=use_cache)
    files = [file.as_posix() for file in iter_files([root], loaded.config)]
    return build_report(collect(files, settings, jobs), today, since)


@pytest.fixture
def report(archive: Path) -> AuditReport:
    return audit(archive)


def by_id(report: AuditReport) -> dict[str, object]:
    return {d.profile.id or Path(d.path).name: d for d in report.documents}
