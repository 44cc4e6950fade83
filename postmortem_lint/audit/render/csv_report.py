"""The report as CSV: one row per document and one row per action item.

Two tables with different columns do not fit one CSV file, so:

- with ``--output FILE.csv`` the documents go to ``FILE.csv`` and the action items to
  ``FILE-actions.csv`` beside it;
- on standard output the two tables are printed one after the other, each with its
  header row, separated by one empty line (documents first).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from postmortem_lint.audit.analytics import days_overdue
from postmortem_lint.audit.report import AuditReport
from postmortem_lint.engine.finding import Level

DOCUMENT_COLUMNS = [
    "path", "id", "title", "format", "severity", "incident_class", "services",
    "root_cause_category", "incident_date", "quarter", "score", "errors", "warnings", "infos",
    "rules", "mttd_minutes", "mttr_minutes", "timeline_issue", "action_items", "actions_done",
    "actions_overdue", "review_date", "review_state", "cost_amount", "cost_currency",
    "repeats", "skipped"]
ACTION_COLUMNS = [
    "path", "document", "line", "owner", "due", "due_text", "status", "priority",
    "days_overdue", "action"]


def document_rows(report: AuditReport) -> list[dict[str, object]]:
    review_state = {r.path: r.state for r in report.reviews.items}
    repeats: dict[str, list[str]] = {}
    for group in report.repeats:
        for doc in group.documents:
            repeats.setdefault(doc.path, []).append(f"{group.kind}={group.key} ({group.flag})")
    rows = []
    for d in report.documents:
        p = d.profile
        items = p.action_items
        rows.append({
            "path": d.path, "id": p.id, "title": p.title, "format": p.format,
            "severity": p.severity, "incident_class": p.incident_class,
            "services": "; ".join(p.services), "root_cause_category": p.root_cause_category,
            "incident_date": p.incident_date, "quarter": d.quarter, "score": d.score,
            "errors": d.count(Level.error), "warnings": d.count(Level.warning),
            "infos": d.count(Level.info),
            "rules": "; ".join(sorted({f.code for f in d.findings})),
            "mttd_minutes": p.detection_minutes, "mttr_minutes": p.resolution_minutes,
            "timeline_issue": p.detection_issue or p.resolution_issue,
            "action_items": len(items),
            "actions_done": sum(1 for i in items if i.status == "done"),
            "actions_overdue": sum(1 for i in items
                                   if days_overdue(i, report.today) is not None),
            "review_date": p.review_date, "review_state": review_state.get(d.path),
            "cost_amount": p.cost.amount if p.cost else None,
            "cost_currency": p.cost.currency if p.cost else None,
            "repeats": "; ".join(repeats.get(d.path, [])), "skipped": d.skipped})
    return rows


def action_rows(report: AuditReport) -> list[dict[str, object]]:
    return [{"path": d.path, "document": d.label, "line": i.line, "owner": i.owner,
             "due": i.due, "due_text": i.due_text, "status": i.status, "priority": i.priority,
             "days_overdue": days_overdue(i, report.today), "action": i.text}
            for d in report.documents for i in d.profile.action_items]


def _csv(columns: list[str], rows: list[dict[str, object]]) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return stream.getvalue()


def render_csv(report: AuditReport) -> str:
    """Both tables for standard output: documents, an empty line, action items."""
    return render_documents_csv(report) + "\n" + render_actions_csv(report)


def render_documents_csv(report: AuditReport) -> str:
    return _csv(DOCUMENT_COLUMNS, document_rows(report))


def render_actions_csv(report: AuditReport) -> str:
    return _csv(ACTION_COLUMNS, action_rows(report))


def actions_path(output: Path) -> Path:
    """Where the action-item table goes next to ``--output``: audit.csv -> audit-actions.csv."""
    return output.with_name(f"{output.stem}-actions{output.suffix or '.csv'}")
