"""``audit --history FILE``: each run's state appended to SQLite, shown run to run."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from postmortem_lint.cli.main import cli


def run(*args: str):
    return CliRunner().invoke(cli, ["audit", *args], catch_exceptions=False)


def test_each_run_is_appended_and_the_report_shows_the_movement(archive: Path,
                                                                 tmp_path: Path):
    history = tmp_path / "history.sqlite"
    first = run(str(archive), "--today", "2026-07-01", "--history", str(history),
                "--format", "json")
    runs = json.loads(first.output)["history"]
    assert [(r["run"], r["overdue"], r["completion_rate"]) for r in runs] == [(1, 4, 0.375)]
    # A month later an item is done, another one is now overdue.
    inc_b = archive / "2026" / "inc-b.yaml"
    inc_b.write_text(inc_b.read_text(encoding="utf-8").replace(
        "status: in progress", "status: done"), encoding="utf-8")
    second = run(str(archive), "--today", "2026-08-01", "--history", str(history),
                 "--format", "html", "--no-cache")
    assert "Run to run" in second.output
    assert 'data-chart="history"' in second.output
    with sqlite3.connect(history) as db:
        assert db.execute("SELECT run, today, done, overdue FROM runs").fetchall() == [
            (1, "2026-07-01", 3, 4), (2, "2026-08-01", 4, 3)]
        assert db.execute("SELECT COUNT(*) FROM documents GROUP BY run").fetchall() == [
            (6,), (6,)]
        items = db.execute("SELECT path, text, owner, status FROM items WHERE run = 2 AND "
                           "line > 0 ORDER BY path, line").fetchall()
    assert ("2026/inc-b.yaml", "Add a statement timeout of 5 seconds to the order history "
            "queries", "Ben Okoro", "done") in items


def test_without_the_flag_nothing_is_written(archive: Path, tmp_path: Path):
    before = set(tmp_path.rglob("*"))
    result = run(str(archive), "--today", "2026-07-01", "--format", "json")
    assert json.loads(result.output)["history"] == []
    assert {p for p in set(tmp_path.rglob("*")) - before
            if p.suffix in (".sqlite", ".db")} == set()


def test_a_file_that_is_not_a_history_is_a_usage_error(archive: Path, tmp_path: Path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database\n" * 100, encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(archive), "--history", str(bad)])
    assert result.exit_code == 2
    assert "not an audit history" in result.output
