"""Audit history: ``audit --history FILE`` appends each run's state to an SQLite database
(the standard library's :mod:`sqlite3`) so a report can show how the completion rate and
the overdue items move from run to run. Without the option nothing is written.

Three tables: ``runs`` (one row per run, with its headline counts), ``documents`` (per
run and document: score, incident date, repeat classes) and ``items`` (per run and action
item: owner, due date, status, days overdue). Rows are only ever added.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from postmortem_lint.audit.analytics import Audit, days_overdue
from postmortem_lint.audit.report import RunPoint

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    today TEXT NOT NULL,
    documents INTEGER NOT NULL,
    mean_score REAL,
    actions INTEGER NOT NULL,
    done INTEGER NOT NULL,
    completion_rate REAL,
    open INTEGER NOT NULL,
    open_with_due INTEGER NOT NULL,
    overdue INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    run INTEGER NOT NULL REFERENCES runs(run),
    path TEXT NOT NULL,
    id TEXT NOT NULL,
    score INTEGER,
    incident_date TEXT,
    quarter TEXT,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    infos INTEGER NOT NULL,
    skipped TEXT
);
CREATE TABLE IF NOT EXISTS items (
    run INTEGER NOT NULL REFERENCES runs(run),
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT,
    due TEXT,
    status TEXT,
    priority TEXT,
    days_overdue INTEGER
);
CREATE INDEX IF NOT EXISTS documents_run ON documents(run);
CREATE INDEX IF NOT EXISTS items_run ON items(run);
"""


class HistoryError(Exception):
    """The history file cannot be opened or is not an audit history."""


def record_run(audit: Audit, path: Path, at: dt.datetime | None = None) -> list[RunPoint]:
    """Append this run to the database at ``path`` (created if missing) and return every
    run in it, oldest first; the summary's ``history`` is set to the same list."""
    summary = audit.summary
    actions = summary.actions
    at = at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        connection = sqlite3.connect(path)
    except sqlite3.Error as error:
        raise HistoryError(f"cannot open history {path}: {error}") from error
    try:
        with connection:
            connection.executescript(SCHEMA)
            cursor = connection.execute(
                "INSERT INTO runs (at, today, documents, mean_score, actions, done, "
                "completion_rate, open, open_with_due, overdue) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (at.isoformat(), summary.today.isoformat(), summary.totals.documents,
                 summary.totals.mean_score, actions.total, actions.done,
                 actions.completion_rate, actions.open, actions.open_with_due,
                 len(actions.overdue)))
            run = cursor.lastrowid
            for doc in audit.documents.by_path():
                connection.execute(
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (run, doc.path, doc.label, doc.score,
                     _iso(doc.profile.incident_date), doc.quarter,
                     *(sum(1 for f in doc.findings if f.level.value == level)
                       for level in ("error", "warning", "info")), doc.skipped))
                connection.executemany(
                    "INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?)",
                    [(run, doc.path, item.line, item.text, item.owner, _iso(item.due),
                      item.status, item.priority, days_overdue(item, summary.today))
                     for item in doc.profile.action_items])
        points = read_runs(connection)
    except sqlite3.DatabaseError as error:
        raise HistoryError(f"{path} is not an audit history: {error}") from error
    finally:
        connection.close()
    summary.history = points
    return points


def read_runs(connection: sqlite3.Connection) -> list[RunPoint]:
    rows = connection.execute(
        "SELECT run, at, today, documents, mean_score, actions, done, completion_rate, "
        "open, open_with_due, overdue FROM runs ORDER BY run").fetchall()
    names = ["run", "at", "today", "documents", "mean_score", "actions", "done",
             "completion_rate", "open", "open_with_due", "overdue"]
    return [RunPoint.model_validate(dict(zip(names, row, strict=True))) for row in rows]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
