"""The report as CSV: one row per document and one row per action item, one column per
fact, text in full (an action pastes into a tracker as written). ``id`` is the
document's id, else its file name; ``path`` is relative to the audited folder.

Two tables with different columns do not fit one CSV file, so:

- with ``--output FILE.csv`` the documents go to ``FILE.csv`` and the action items to
  ``FILE-actions.csv`` beside it;
- on standard output the two tables are printed one after the other, each with its
  header row, separated by one empty line (documents first).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from postmortem_lint.audit.analytics import Audit, days_overdue
from postmortem_lint.engine.finding import Level

AREA_COLUMNS = ["score_impact", "score_timeline", "score_root_cause", "score_actions",
                "score_follow_up", "score_blameless", "score_metadata"]
DOCUMENT_COLUMNS = [
    "id", "path", "title", "format", "severity", "incident_class", "named_class", "services",
    "root_cause_category", "incident_date", "date_source", "quarter", "date_written", "score",
    *AREA_COLUMNS, "errors", "warnings", "infos", "rules", "mttd_minutes", "mttr_minutes",
    "mttd_issue", "mttr_issue", "action_items", "actions_done", "actions_open",
    "actions_overdue", "review_date", "review_state", "cost_text", "cost_amount",
    "cost_currency", "repeat_classes", "repeat_flag", "skipped"]
ACTION_COLUMNS = [
    "id", "path", "line", "action", "owner", "due", "due_text", "status", "priority",
    "days_overdue"]


def document_rows(audit: Audit) -> Iterator[dict[str, object]]:
    report = audit.summary
    review_state = {r.path: r.state for r in report.reviews.items}
    repeats: dict[str, list[str]] = {}
    flags: dict[str, str] = {}
    for group in report.repeats:
        for doc in group.documents:
            repeats.setdefault(doc.path, []).append(group.key)
            if flags.get(doc.path) != "management review":
                flags[doc.path] = group.flag
    for d in audit.documents.by_path():
        p = d.profile
        items = p.action_items
        areas = {f"score_{a.area}": a.points for a in d.areas}
        yield {
            "id": d.label, "path": d.path, "title": p.title, "format": p.format,
            "severity": p.severity, "incident_class": p.incident_class,
            "named_class": p.named_class, "services": "; ".join(p.services),
            "root_cause_category": p.root_cause_category,
            "incident_date": p.incident_date, "date_source": p.date_source,
            "quarter": d.quarter, "date_written": p.date_written, "score": d.score,
            **{column: areas.get(column) for column in AREA_COLUMNS},
            "errors": d.count(Level.error), "warnings": d.count(Level.warning),
            "infos": d.count(Level.info),
            "rules": "; ".join(sorted({f.code for f in d.findings})),
            "mttd_minutes": p.detection_minutes, "mttr_minutes": p.resolution_minutes,
            "mttd_issue": p.detection_issue, "mttr_issue": p.resolution_issue,
            "action_items": len(items),
            "actions_done": sum(1 for i in items if i.status == "done"),
            "actions_open": sum(1 for i in items if not i.closed),
            "actions_overdue": sum(1 for i in items
                                   if days_overdue(i, report.today) is not None),
            "review_date": p.review_date, "review_state": review_state.get(d.path),
            "cost_text": p.cost.text if p.cost else None,
            "cost_amount": p.cost.amount if p.cost else None,
            "cost_currency": p.cost.currency if p.cost else None,
            "repeat_classes": "; ".join(repeats.get(d.path, [])),
            "repeat_flag": flags.get(d.path), "skipped": d.skipped}


def action_rows(audit: Audit) -> Iterator[dict[str, object]]:
    today = audit.summary.today
    for d in audit.documents.by_path():
        for i in d.profile.action_items:
            yield {"id": d.label, "path": d.path, "line": i.line, "action": i.text,
                   "owner": i.owner, "due": i.due, "due_text": i.due_text, "status": i.status,
                   "priority": i.priority, "days_overdue": days_overdue(i, today)}


# A spreadsheet runs a cell that starts with one of these as a formula; postmortem text is
# not trusted, so such a text cell gets a leading apostrophe (OWASP's advice for CSV).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _write(columns: list[str], rows: Iterator[dict[str, object]], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})


def write_csv(audit: Audit, out: TextIO, actions: TextIO | None = None) -> None:
    """Documents to ``out`` and action items to ``actions``; without ``actions`` both
    tables go to ``out``: documents, an empty line, action items."""
    _write(DOCUMENT_COLUMNS, document_rows(audit), out)
    if actions is None:
        out.write("\n")
    _write(ACTION_COLUMNS, action_rows(audit), actions or out)


def actions_path(output: Path) -> Path:
    """Where the action-item table goes next to ``--output``: audit.csv -> audit-actions.csv."""
    return output.with_name(f"{output.stem}-actions{output.suffix or '.csv'}")
