"""Worker processes, streaming and the cache: the same answers however the work is split."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from postmortem_lint.audit import collect as collect_module
from postmortem_lint.audit.collect import LintSettings, chunk_size, collect
from postmortem_lint.audit.profile import AuditProfiler
from postmortem_lint.engine import runner
from postmortem_lint.engine.config import discover
from postmortem_lint.engine.runner import Linter
from postmortem_lint.sources.discovery import iter_files
from tests.audit.archive import TODAY
from tests.audit.conftest import audit


def test_parallel_and_serial_audits_are_identical(archive: Path):
    serial = audit(archive, jobs=1, use_cache=False)
    parallel = audit(archive, jobs=3, use_cache=False)
    assert parallel == serial
    assert parallel.model_dump_json() == serial.model_dump_json()


def test_a_re_audit_of_an_unchanged_archive_parses_nothing(archive: Path, monkeypatch):
    cold = audit(archive, jobs=1)
    calls = []
    real_parse = runner.parse
    monkeypatch.setattr(runner, "parse", lambda *a, **k: calls.append(a) or real_parse(*a, **k))
    warm = audit(archive, jobs=1)
    assert calls == []
    assert warm == cold
    (archive / "2026" / "inc-a.md").write_text(
        (archive / "2026" / "inc-a.md").read_text(encoding="utf-8") + "\nEdited.\n",
        encoding="utf-8")
    audit(archive, jobs=1)
    assert len(calls) == 1  # only the edited file


def test_the_audit_profile_does_not_leak_into_check_results(archive: Path):
    audit(archive, jobs=1)  # fills the cache with audit entries
    loaded = discover(archive)
    result = Linter(loaded, today=TODAY).lint_path(archive / "2026" / "inc-a.md")
    assert AuditProfiler.key not in result.metrics


def test_chunks_balance_work_across_workers():
    assert chunk_size(6, 2) == 1
    assert chunk_size(500, 2) == 8
    assert chunk_size(200, 4) == 3


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="simulating a dying worker relies on fork inheriting the patch")
def test_a_worker_that_dies_costs_only_its_file(archive: Path, monkeypatch):
    real = collect_module.audit_file

    def dying(linter, path):
        if path.endswith("inc-c.md"):
            os._exit(3)  # a crash no exception handler sees
        return real(linter, path)

    monkeypatch.setattr(collect_module, "audit_file", dying)
    loaded = discover(archive)
    files = [f.as_posix() for f in iter_files([archive], loaded.config)]
    records = {Path(r.path).name: r for r in collect(files, LintSettings(
        loaded, today=TODAY, use_cache=False), jobs=2)}
    assert sorted(records) == sorted(Path(f).name for f in files)
    dead = records["inc-c.md"]
    assert [f.code for f in dead.findings] == ["PM000"]
    assert "worker process died" in dead.findings[0].message
    assert records["inc-a.md"].profile.id == "INC-A"


def test_an_exception_on_one_file_becomes_a_finding(archive: Path, monkeypatch):
    real = collect_module.build_record

    def broken(result, policy=None):
        if result.path.endswith("inc-c.md"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(result, policy)

    monkeypatch.setattr(collect_module, "build_record", broken)
    report = audit(archive, jobs=1, use_cache=False)
    assert len(report.documents) == 6
    failed = next(d for d in report.documents if d.path.endswith("inc-c.md"))
    assert [f.code for f in failed.findings] == ["PM000"]
    assert "RecursionError" in (failed.skipped or "")
    assert report.totals.skipped == 2  # with the binary file


def test_a_parser_crash_is_reported_and_the_audit_goes_on(archive: Path, monkeypatch):
    def crash(*args, **kwargs):
        raise ValueError("parser bug")

    monkeypatch.setattr(runner, "parse", crash)
    report = audit(archive, jobs=1, use_cache=False)
    assert len(report.documents) == 6
    assert all(d.findings and d.skipped for d in report.documents)
