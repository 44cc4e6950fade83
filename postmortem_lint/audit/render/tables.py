"""The audit report laid out as titled tables of text, once, for every tabular format
(terminal, Markdown, HTML). ``limit`` shortens long lists for the terminal."""

from __future__ import annotations

from dataclasses import dataclass, field

from postmortem_lint.audit.analytics import AGE_BUCKETS
from postmortem_lint.audit.render.units import minutes, money, rate, score
from postmortem_lint.audit.report import ActionRef, AuditReport, TimingRow
from postmortem_lint.engine.finding import Level

MORE_HINT = "use --format json, csv, markdown or html for the full list"


@dataclass
class Table:
    key: str  # a stable identifier (HTML ids, tests)
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)  # right-aligned column indexes
    note: str | None = None
    empty: str = "None."


def _limited(table: Table, rows: list[list[str]], limit: int | None) -> Table:
    if limit is not None and len(rows) > limit:
        table.note = f"… and {len(rows) - limit} more ({MORE_HINT})."
        rows = rows[:limit]
    table.rows = rows
    return table


def summary(report: AuditReport) -> Table:
    t, a, r = report.totals, report.actions, report.reviews
    filtered = f", {t.filtered_out} before --since" if report.since else ""
    flagged = [g for g in report.repeats if g.flag == "management review"]
    rows = [
        ["Documents", f"{t.documents} of {t.files} files{filtered}; {t.undated} undated; "
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
        ["Repeat incidents", f"{len(report.repeats)} groups ({len(flagged)} for management "
                             "review)"],
        ["MTTD (mean / median)", f"{minutes(report.timing.overall.mttd.mean)} / "
                                 f"{minutes(report.timing.overall.mttd.median)} "
                                 f"over {report.timing.overall.mttd.count} incidents"],
        ["MTTR (mean / median)", f"{minutes(report.timing.overall.mttr.mean)} / "
                                 f"{minutes(report.timing.overall.mttr.median)} "
                                 f"over {report.timing.overall.mttr.count} incidents"],
        ["Incident cost", money(report.costs.totals)],
    ]
    return Table("summary", f"Audit as of {report.today.isoformat()}", ["Measure", "Value"],
                 rows)


def _timing_rows(rows: list[TimingRow]) -> list[list[str]]:
    return [[row.group, str(row.incidents), str(row.mttd.count), minutes(row.mttd.mean),
             minutes(row.mttd.median), str(row.mttr.count), minutes(row.mttr.mean),
             minutes(row.mttr.median)] for row in rows]


_TIMING_COLUMNS = ["Incidents", "MTTD n", "MTTD mean", "MTTD median", "MTTR n", "MTTR mean",
                   "MTTR median"]


def timing_by_quarter(report: AuditReport) -> Table:
    return Table("timing-quarter", "MTTD and MTTR per quarter", ["Quarter", *_TIMING_COLUMNS],
                 _timing_rows(report.timing.by_quarter), numeric=set(range(1, 8)))


def timing_by_severity(report: AuditReport) -> Table:
    return Table("timing-severity", "MTTD and MTTR per severity",
                 ["Severity", *_TIMING_COLUMNS], _timing_rows(report.timing.by_severity),
                 numeric=set(range(1, 8)))


def unusable_timelines(report: AuditReport, limit: int | None) -> Table:
    rows = [[u.document, u.metric, u.reason] for u in report.timing.unusable]
    return _limited(Table("unusable-timelines", "Timelines left out of MTTD / MTTR",
                          ["Document", "Metric", "Reason"]), rows, limit)


def overdue_by_owner(report: AuditReport, limit: int | None) -> Table:
    rows = [[o.owner, str(o.overdue), f"{o.oldest_days} d",
             *(str(o.by_age[label]) for _, label in AGE_BUCKETS)]
            for o in report.actions.overdue_by_owner]
    return _limited(Table("overdue-owners", "Overdue action items by owner",
                          ["Owner", "Overdue", "Oldest", *(label for _, label in AGE_BUCKETS)],
                          numeric={1, 2, 3, 4, 5, 6}), rows, limit)


def overdue_items(report: AuditReport, limit: int | None) -> Table:
    rows = [[a.document, str(a.line), a.owner or "—", str(a.due), str(a.days_overdue),
             a.priority or "—", a.status or "—", a.text] for a in report.actions.overdue]
    return _limited(Table("overdue-items", "Overdue action items (oldest first)",
                          ["Document", "Line", "Owner", "Due", "Days overdue", "Priority",
                           "Status", "Action"], numeric={1, 4}), rows, limit)


def _item_rows(items: list[ActionRef]) -> list[list[str]]:
    return [[a.document, str(a.line), a.owner or "—",
             str(a.due) if a.due else (a.due_text or "—"), a.status or "—", a.text]
            for a in items]


def no_owner(report: AuditReport, limit: int | None) -> Table:
    return _limited(Table("no-owner", "Action items without an owner",
                          ["Document", "Line", "Owner", "Due", "Status", "Action"],
                          numeric={1}), _item_rows(report.actions.no_owner), limit)


def no_due_date(report: AuditReport, limit: int | None) -> Table:
    return _limited(Table("no-due-date", "Action items without a due date",
                          ["Document", "Line", "Owner", "Due", "Status", "Action"],
                          numeric={1}), _item_rows(report.actions.no_due_date), limit)


def reviews(report: AuditReport, limit: int | None) -> Table:
    rows = [[r.document, r.state, str(r.review_date or "—"), str(r.due_by or "—"),
             "—" if r.days_overdue is None else str(r.days_overdue)]
            for r in report.reviews.items]
    return _limited(Table("reviews", "Follow-up reviews missing or overdue",
                          ["Document", "State", "Review date", "Due by", "Days overdue"],
                          numeric={4}), rows, limit)


def repeats(report: AuditReport, limit: int | None) -> Table:
    rows = [[g.flag, g.kind, g.key, str(g.count),
             ", ".join(d.id or d.path for d in g.documents)] for g in report.repeats]
    return _limited(Table("repeats", "Repeat incidents (2 → escalate, 3+ → management review)",
                          ["Flag", "Same", "Value", "Incidents", "Documents"], numeric={3}),
                    rows, limit)


def top_rules(report: AuditReport, limit: int | None) -> Table:
    rows = [[r.code, r.rule, r.level.value, str(r.findings), str(r.documents)]
            for r in report.top_rules]
    return _limited(Table("top-rules", "Top rule violations",
                          ["Code", "Rule", "Level", "Findings", "Documents"], numeric={3, 4}),
                    rows, limit)


def root_causes(report: AuditReport) -> Table:
    rows = [[c.category, str(c.documents), rate(c.share)] for c in report.root_causes]
    return Table("root-causes", "Root-cause categories", ["Category", "Documents", "Share"],
                 rows, numeric={1, 2})


def costs(report: AuditReport) -> Table:
    c = report.costs
    rows = [[m.currency, f"{m.amount:,.2f}"] for m in c.totals]
    note = f"{c.documents_with_cost} documents state a cost."
    if c.unreadable:
        note += f" {len(c.unreadable)} state one with no amount we could read."
    return Table("costs", "Incident cost (when stated)", ["Currency", "Total"], rows,
                 numeric={1}, note=note, empty="No document states an incident cost.")


def quarters(report: AuditReport) -> Table:
    rows = []
    for q in report.quarters:
        top = next(iter(q.root_causes), "—")
        rows.append([q.quarter, str(q.incidents), str(q.findings[Level.error]),
                     str(q.findings[Level.warning]), str(q.findings[Level.info]),
                     score(q.mean_score), rate(q.completion_rate), str(q.overdue_actions),
                     top, money(q.cost)])
    return Table("quarters", "Trend per quarter",
                 ["Quarter", "Incidents", "Errors", "Warnings", "Info", "Mean score",
                  "Completion", "Overdue items", "Top root cause", "Cost"], rows,
                 numeric=set(range(1, 8)))


def documents(report: AuditReport, limit: int | None) -> Table:
    ordered = sorted(report.documents, key=lambda d: (d.score is None, d.score or 0, d.path))
    rows = [[d.profile.id or "—", score(d.score), str(d.count(Level.error)),
             str(d.count(Level.warning)), str(d.count(Level.info)), d.profile.severity or "—",
             str(d.profile.incident_date or "—"), d.skipped or d.profile.root_cause_category,
             d.path] for d in ordered]
    return _limited(Table("documents", "Documents (lowest compliance first)",
                          ["Id", "Score", "Errors", "Warnings", "Info", "Severity",
                           "Incident date", "Root cause", "Path"], numeric={1, 2, 3, 4}),
                    rows, limit)


def all_tables(report: AuditReport, limit: int | None = None) -> list[Table]:
    """Every table in reading order: the summary, what needs action, then trends."""
    return [summary(report), overdue_by_owner(report, limit), overdue_items(report, limit),
            no_owner(report, limit), no_due_date(report, limit), reviews(report, limit),
            repeats(report, limit), timing_by_quarter(report), timing_by_severity(report),
            unusable_timelines(report, limit), top_rules(report, limit), root_causes(report),
            costs(report), quarters(report), documents(report, limit)]
