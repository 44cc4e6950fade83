"""Fixtures for the audit tests: the known-answer archive and an audit of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from postmortem_lint.audit.analytics import Audit, build_audit
from postmortem_lint.audit.collect import LintSettings, collect
from postmortem_lint.audit.report import AuditReport
from postmortem_lint.engine.config import discover
from postmortem_lint.sources.discovery import iter_files
from tests.audit.archive import TODAY, write_archive


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return write_archive(tmp_path)


def audit_of(root: Path, *, jobs: int = 1, since: dt.date | None = None,
             today: dt.date = TODAY, use_cache: bool = True) -> Audit:
    loaded = discover(root)
    settings = LintSettings(loaded, today=today, use_cache=use_cache)
    files = [file.as_posix() for file in iter_files([root], loaded.config)]
    return build_audit(collect(files, settings, jobs), today, since, base=str(root))


def audit(root: Path, **options: object) -> AuditReport:
    """The whole report, documents included, as one model."""
    return audit_of(root, **options).report()  # type: ignore[arg-type]


@pytest.fixture
def audited(archive: Path) -> Audit:
    return audit_of(archive)


@pytest.fixture
def report(audited: Audit) -> AuditReport:
    return audited.report()


def by_id(report: AuditReport) -> dict[str, object]:
    return {d.profile.id or Path(d.path).name: d for d in report.documents}
