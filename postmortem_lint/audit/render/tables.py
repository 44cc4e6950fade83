"""The audit laid out as titled tables of text, once, for every tabular format
(terminal, Markdown, HTML). ``limit`` shortens long lists for the terminal; the
documents table reads its rows from the record store as it is written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from postmortem_lint.audit.analytics import AGE_BUCKETS, Audit
from postmortem_lint.audit.record import DocumentRecord
from postmortem_lint.audit.render.units import minutes, money, rate, score
from postmortem_lint.audit.report import ActionRef, AuditSummary, TimingRow
from postmortem_lint.engine.finding import Level

MORE_HINT = "use --format json, csv, markdown or html for the full list"


@dataclass
class Table:
    key: str  # a stable identifier (HTML ids, tests)
    title: str
    columns: list[str]
    rows: Iterable[list[str]] = field(default_factory=list)
    size: int = 0  # how many rows
    numeric: set[int] = field(default_factory=set)  # right-aligned column indexes
    note: str | None = None
    empty: str = "None."


def _limited(table: Table, rows: list[list[str]], limit: int | None) -> Table:
    if limit is not None and len(rows) > limit:
        table.note = f"… and {len(rows) - limit} more ({MORE_HINT})."
        rows = rows[:limit]
    table.rows, table.size = rows, len(rows)
    return table


def _table(key: str, title: str, columns: list[str], rows: list[list[str]],
           **options: object) -> Table:
    return _limited(Table(key, title, columns, **options), rows, None)  # type: ignore[arg-type]


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def summary(report: AuditSummary) -> Table:
    t, a, r = report.totals, report.actions, report.reviews
    filtered = f", {t.filtered_out} before --since" if report.since else ""
    flagged = [g for g in report.repeats if g.flag == "management review"]
    rows = [
        ["Documents", f"{t.documents} of {_count(t.files, 'file')}{filtered}; {t.undated} undated; "
                      f"{t.skipped} not linted"],
        ["Findings", f"{t.findings[Level.error]} errors, {t.findings[Level.warning]} warnings, "
                     f"{t.findings[Level.info]} info"],
        ["Mean compliance score", score(t.mean_score)],
        ["Action items", f"{a.total} ({a.done} done, {a.open} open, {a.wont_do} won't do)"],
        ["Completion rate", rate(a.completion_rate)],
        ["Overdue action items", str(len(a.overdue))],
        ["Items without owner / due date", f"{len(a.no_owner)} / {len(a.no_due_date)}"],
        ["Follow-up reviews", f"{r.missing} missing, {r.overdue} overdue, {r.held} held, "
                              f"{r.scheduled} scheduled"],
        ["Repeat incidents", f"{_count(len(report.repeats), 'group')} ({len(flagged)} for "
                             "management review)"],
        ["MTTD (mean / median)", f"{minutes(report.timing.overall.mttd.mean)} / "
                                 f"{minutes(report.timing.overall.mttd.median)} "
                                 f"over {_count(report.timing.overall.mttd.count, 'incident')}"],
        ["MTTR (mean / median)", f"{minutes(report.timing.overall.mttr.mean)} / "
                                 f"{minutes(report.timing.overall.mttr.median)} "
                                 f"over {_count(report.timing.overall.mttr.count, 'incident')}"],
        ["Incident cost", money(report.costs.totals)],
    ]
    return _table("summary", f"Audit as of {report.today.isoformat()}", ["Measure", "Value"],
                  rows)


def _timing_rows(rows: list[TimingRow]) -> list[list[str]]:
    return [[row.group, str(row.incidents), str(row.mttd.count), minutes(row.mttd.mean),
             minutes(row.mttd.median), str(row.mttr.count), minutes(row.mttr.mean),
             minutes(row.mttr.median)] for row in rows]


_TIMING_COLUMNS = ["Incidents", "MTTD n", "MTTD mean", "MTTD median", "MTTR n", "MTTR mean",
                   "MTTR median"]


def timing_by_quarter(report: AuditSummary) -> Table:
    return _table("timing-quarter", "MTTD and MTTR per quarter", ["Quarter", *_TIMING_COLUMNS],
                  _timing_rows(report.timing.by_quarter), numeric=set(range(1, 8)))


def timing_by_severity(report: AuditSummary) -> Table:
    return _table("timing-severity", "MTTD and MTTR per severity",
                  ["Severity", *_TIMING_COLUMNS], _timing_rows(report.timing.by_severity),
                  numeric=set(range(1, 8)))


def unusable_timelines(report: AuditSummary, limit: int | None) -> Table:
    rows = [[u.document, u.metric, u.reason] for u in report.timing.unusable]
    return _limited(Table("unusable-timelines", "Timelines left out of MTTD / MTTR",
                          ["Document", "Metric", "Reason"]), rows, limit)


def overdue_by_owner(report: AuditSummary, limit: int | None) -> Table:
    rows = [[o.owner, str(o.overdue), f"{o.oldest_days} d",
             *(str(o.by_age[label]) for _, label in AGE_BUCKETS)]
            for o in report.actions.overdue_by_owner]
    return _limited(Table("overdue-owners", "Overdue action items by owner",
                          ["Owner", "Overdue", "Oldest", *(label for _, label in AGE_BUCKETS)],
                          numeric={1, 2, 3, 4, 5, 6}), rows, limit)


def overdue_items(report: AuditSummary, limit: int | None) -> Table:
    rows = [[a.document, str(a.line), a.owner or "—", str(a.due), str(a.days_overdue),
             a.priority or "—", a.status or "—", a.text] for a in report.actions.overdue]
    return _limited(Table("overdue-items", "Overdue action items (oldest first)",
                          ["Document", "Line", "Owner", "Due", "Days overdue", "Priority",
                           "Status", "Action"], numeric={1, 4}), rows, limit)


def _item_rows(items: list[ActionRef]) -> list[list[str]]:
    return [[a.document, str(a.line), a.owner or "—",
             str(a.due) if a.due else (a.due_text or "—"), a.status or "—", a.text]
            for a in items]


def no_owner(report: AuditSummary, limit: int | None) -> Table:
    return _limited(Table("no-owner", "Action items without an owner",
                          ["Document", "Line", "Owner", "Due", "Status", "Action"],
                          numeric={1}), _item_rows(report.actions.no_owner), limit)


def no_due_date(report: AuditSummary, limit: int | None) -> Table:
    return _limited(Table("no-due-date", "Action items without a due date",
                          ["Document", "Line", "Owner", "Due", "Status", "Action"],
                          numeric={1}), _item_rows(report.actions.no_due_date), limit)


def reviews(report: AuditSummary, limit: int | None) -> Table:
    rows = [[r.document, r.state, str(r.review_date or "—"), str(r.due_by or "—"),
             "—" if r.days_overdue is None else str(r.days_overdue)]
            for r in report.reviews.items]
    return _limited(Table("reviews", "Follow-up reviews missing or overdue",
                          ["Document", "State", "Review date", "Due by", "Days overdue"],
                          numeric={4}), rows, limit)


def repeats(report: AuditSummary, limit: int | None) -> Table:
    rows = [[g.flag, g.kind, g.key, str(g.count),
             ", ".join(d.id or d.path for d in g.documents)] for g in report.repeats]
    return _limited(Table("repeats", "Repeat incidents (2 → escalate, 3+ → management review)",
                          ["Flag", "Same", "Value", "Incidents", "Documents"], numeric={3}),
                    rows, limit)


def top_rules(report: AuditSummary, limit: int | None) -> Table:
    rows = [[r.code, r.rule, r.level.value, str(r.findings), str(r.documents)]
            for r in report.top_rules]
    return _limited(Table("top-rules", "Top rule violations",
                          ["Code", "Rule", "Level", "Findings", "Documents"], numeric={3, 4}),
                    rows, limit)


def root_causes(report: AuditSummary) -> Table:
    rows = [[c.category, str(c.documents), rate(c.share)] for c in report.root_causes]
    return _table("root-causes", "Root-cause categories", ["Category", "Documents", "Share"],
                  rows, numeric={1, 2})


def costs(report: AuditSummary) -> Table:
    c = report.costs
    rows = [[m.currency, f"{m.amount:,.2f}"] for m in c.totals]
    note = f"{c.documents_with_cost} documents state a cost."
    if c.unreadable:
        note += f" {len(c.unreadable)} state one with no amount we could read."
    return _table("costs", "Incident cost (when stated)", ["Currency", "Total"], rows,
                  numeric={1}, note=note, empty="No document states an incident cost.")


def quarters(report: AuditSummary) -> Table:
    rows = []
    for q in report.quarters:
        top = next(iter(q.root_causes), "—")
        rows.append([q.quarter, str(q.incidents), str(q.findings[Level.error]),
                     str(q.findings[Level.warning]), str(q.findings[Level.info]),
                     score(q.mean_score), rate(q.completion_rate), str(q.overdue_actions),
                     top, money(q.cost)])
    return _table("quarters", "Trend per quarter",
                  ["Quarter", "Incidents", "Errors", "Warnings", "Info", "Mean score",
                   "Completion", "Overdue items", "Top root cause", "Cost"], rows,
                  numeric=set(range(1, 8)))


DOCUMENT_COLUMNS = ["Id", "Score", "Errors", "Warnings", "Info", "Severity", "Incident date",
                    "Root cause", "Path"]


def document_row(d: DocumentRecord) -> list[str]:
    return [d.profile.id or "—", score(d.score), str(d.count(Level.error)),
            str(d.count(Level.warning)), str(d.count(Level.info)), d.profile.severity or "—",
            str(d.profile.incident_date or "—"), d.skipped or d.profile.root_cause_category,
            d.path]


def documents(audit: Audit, limit: int | None) -> Table:
    """Every document, lowest compliance first, read from the store as rows are written."""
    total = len(audit.documents)
    shown = total if limit is None else min(limit, total)
    table = Table("documents", "Documents (lowest compliance first)", DOCUMENT_COLUMNS,
                  rows=(document_row(d) for d in audit.documents.by_score(limit)), size=shown,
                  numeric={1, 2, 3, 4})
    if shown < total:
        table.note = f"… and {total - shown} more ({MORE_HINT})."
    return table


def all_tables(audit: Audit, limit: int | None = None) -> list[Table]:
    """Every table in reading order: the summary, what needs action, then trends."""
    report = audit.summary
    return [summary(report), overdue_by_owner(report, limit), overdue_items(report, limit),
            no_owner(report, limit), no_due_date(report, limit), reviews(report, limit),
            repeats(report, limit), timing_by_quarter(report), timing_by_severity(report),
            unusable_timelines(report, limit), top_rules(report, limit), root_causes(report),
            costs(report), quarters(report), documents(audit, limit)]
