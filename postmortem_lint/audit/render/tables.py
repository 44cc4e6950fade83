"""The audit laid out as titled tables of text, once, for every tabular format
(terminal, Markdown, HTML). ``limit`` shortens long lists for the terminal; the
documents table reads its rows from the record store as it is written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from postmortem_lint.audit.analytics import AGE_BUCKETS, NO_OWNER, Audit
from postmortem_lint.audit.record import AreaScore, DocumentRecord, _pts, document_id
from postmortem_lint.audit.render.units import minutes, money, rate, score
from postmortem_lint.audit.report import AuditSummary, Stat, TimingRow
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


@dataclass
class Figure:
    """One headline number, with what it covers: never a bare count that reads as good
    news when it could not be measured."""

    key: str
    label: str
    value: str
    detail: str
    tone: str = ""  # "bad", "warn", "good" or "" (neutral, unknown)


def _of(count: int, total: int, word: str) -> str:
    return f"{count} of {_count(total, word)}"


def _timing_figure(key: str, label: str, stat: Stat, incidents: int) -> Figure:
    if not stat.count:
        among = _count(incidents, "incident")
        return Figure(key, label, "unknown", f"no usable timeline among {among}")
    return Figure(key, f"{label} (median)", minutes(stat.median),
                  f"over {_of(stat.count, incidents, 'incident')}; mean {minutes(stat.mean)}")


def headline(report: AuditSummary) -> list[Figure]:
    """The figures a manager reads first, each saying what it covers."""
    t, a, r = report.totals, report.actions, report.reviews
    linted = t.documents - t.skipped
    dated = t.documents - t.undated
    figures = [Figure("documents", "Documents", str(t.documents),
                      f"{dated} dated, {t.undated} undated"
                      + (f"; {t.skipped} not readable" if t.skipped else "")
                      + (f"; {t.filtered_out} before --since" if report.since else ""))]
    if report.median_score is None:
        figures.append(Figure("score", "Score (median)", "—", "no document could be scored"))
    else:
        figures.append(Figure(
            "score", "Score (median)", f"{score(report.median_score)} / 100",
            f"over {_count(linted, 'document')}; mean {score(t.mean_score)}",
            "bad" if report.median_score < 50 else "warn" if report.median_score < 80
            else "good"))
    figures.append(_timing_figure("mttd", "MTTD", report.timing.overall.mttd, linted))
    figures.append(_timing_figure("mttr", "MTTR", report.timing.overall.mttr, linted))
    if not a.total:
        figures.append(Figure("completion", "Action items done", "none listed",
                              "no document lists action items"))
    elif not a.with_status:
        figures.append(Figure("completion", "Action items done", "unknown",
                              f"none of the {a.total} items states a status"))
    elif 2 * a.with_status < a.total:
        # Most items say nothing: a rate would read as "nothing gets done".
        figures.append(Figure(
            "completion", "Action items done", f"{a.done} of {a.total}",
            f"{a.total - a.with_status} of {a.total} items state no status, so the rate "
            f"({rate(a.completion_rate)}) is only a floor"))
    else:
        counted = a.total - a.wont_do
        detail = f"{_of(a.done, counted, 'item')} done"
        if a.wont_do:
            detail += f" ({a.wont_do} won't do left out)"
        if a.with_status < a.total:
            detail += (f"; {a.total - a.with_status} of {a.total} state no status "
                       "(counted as open)")
        figures.append(Figure("completion", "Action items done", rate(a.completion_rate),
                              detail, "good" if (a.completion_rate or 0) >= 0.8 else "warn"))
    undated_items = a.open - a.open_with_due
    if not a.total:
        figures.append(Figure("overdue", "Overdue items", "none listed",
                              "no document lists action items"))
    elif not a.open:
        figures.append(Figure("overdue", "Overdue items", "none open",
                              f"all {a.total} items are done or won't do"))
    elif not a.open_with_due:
        figures.append(Figure("overdue", "Overdue items", "unknown",
                              f"{undated_items} of {a.open} open items have no due date"))
    else:
        overdue = len(a.overdue)
        detail = "open items with a due date are past it"
        if undated_items:
            detail += (f"; {undated_items} of {a.open} open items have no due date, so "
                       "cannot be judged")
        figures.append(Figure("overdue", "Overdue items", f"{overdue} of {a.open_with_due}",
                              detail, "bad" if overdue else "good"))
    management = sum(1 for g in report.repeats if g.flag == "management review")
    if report.repeats:
        top = report.repeats[0]
        figures.append(Figure(
            "repeats", "Repeat incident classes", str(len(report.repeats)),
            f"{management} for management review (3+), {len(report.repeats) - management} "
            f"to escalate (2); most: {top.key} ×{top.count}", "bad" if management else "warn"))
    else:
        figures.append(Figure("repeats", "Repeat incident classes", "none",
                              "no incident class occurs twice"))
    figures.append(Figure(
        "reviews", "Follow-up reviews held", f"{r.held} of {linted}",
        f"{r.scheduled} scheduled, {r.overdue} past their date without an update, "
        f"{r.missing} with no review date", "bad" if r.missing + r.overdue else "good"))
    c = report.costs
    if c.totals:
        figures.append(Figure("cost", "Incident cost", money(c.totals),
                              f"stated in {_of(c.documents_with_cost, t.documents, 'document')}"))
    else:
        figures.append(Figure("cost", "Incident cost", "not stated",
                              f"no document of {t.documents} states an amount"
                              + (f" ({len(c.unreadable)} state a cost without one)"
                                 if c.unreadable else "")))
    return figures


def summary(report: AuditSummary) -> Table:
    t = report.totals
    rows = [[f.label, f"{f.value} — {f.detail}"] for f in headline(report)]
    rows.insert(2, ["Findings", f"{t.findings[Level.error]} errors, "
                                f"{t.findings[Level.warning]} warnings, "
                                f"{t.findings[Level.info]} info"])
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


WEAKEST = 10


def _area_cell(area: AreaScore) -> str:
    return f"{_pts(area.points)}/{_pts(area.max)}"


def weakest_columns(policy_areas: list[str]) -> list[str]:
    return ["Document", "Score", *policy_areas, "Why (biggest losses)", "Path"]


def weakest(audit: Audit, limit: int = WEAKEST) -> Table:
    """The lowest-scoring documents with the points each area kept and why it lost."""
    records = list(audit.documents.by_score(limit))
    records = [r for r in records if r.score is not None]
    labels = [a.label for a in records[0].areas] if records else []
    # The path only when the id does not already say it (ids default to the file name).
    paths = any(d.label != document_id(d.path) for d in records)
    rows = [[d.label, score(d.score), *(_area_cell(a) for a in d.areas),
             "; ".join(d.weaknesses()) or "—", *([d.path] if paths else [])] for d in records]
    total = len(audit.documents)
    columns = weakest_columns(labels)
    table = Table("weakest", "Weakest documents", columns if paths else columns[:-1], rows,
                  len(rows),
                  numeric=set(range(1, 2 + len(labels))),
                  empty="No document could be scored.")
    if rows:
        table.note = (f"The {len(rows)} lowest scores of {_count(total, 'document')}. Each "
                      "area shows the points kept of its share; rules/score.yaml sets the "
                      "shares and what each finding costs.")
    return table


def open_by_owner(report: AuditSummary, limit: int | None) -> Table:
    rows = [[o.owner, str(o.open), str(o.overdue), str(o.no_due_date),
             "—" if o.oldest_overdue_days is None else f"{o.oldest_overdue_days} d"]
            for o in report.actions.open_by_owner]
    return _limited(Table("open-owners", "Open action items by owner",
                          ["Owner", "Open", "Overdue", "No due date", "Oldest overdue"],
                          numeric={1, 2, 3, 4}, empty="No open action items."), rows, limit)


OPEN_COLUMNS = ["Owner", "Document", "Action", "Due", "Days overdue", "Status", "Priority",
                "Line"]


def open_items(report: AuditSummary, limit: int | None) -> Table:
    rows = [[a.owner or NO_OWNER, a.document, a.text,
             str(a.due) if a.due else (a.due_text or "—"),
             "—" if a.days_overdue is None else str(a.days_overdue), a.status or "—",
             a.priority or "—", str(a.line)] for a in report.actions.open_items]
    return _limited(Table("open-items", "Open action items (most overdue first)",
                          OPEN_COLUMNS, numeric={4, 7}, empty="No open action items."),
                    rows, limit)


def overdue_by_owner(report: AuditSummary, limit: int | None) -> Table:
    rows = [[o.owner, str(o.overdue), f"{o.oldest_days} d",
             *(str(o.by_age[label]) for _, label in AGE_BUCKETS)]
            for o in report.actions.overdue_by_owner]
    a = report.actions
    empty = ("None: no open item has a due date, so none can be overdue."
             if a.open and not a.open_with_due else "No overdue action items.")
    return _limited(Table("overdue-owners", "Overdue action items by owner and age",
                          ["Owner", "Overdue", "Oldest", *(label for _, label in AGE_BUCKETS)],
                          numeric={1, 2, 3, 4, 5, 6}, empty=empty), rows, limit)


def reviews(report: AuditSummary, limit: int | None) -> Table:
    rows = [[r.document, r.state, str(r.review_date or "—"), str(r.due_by or "—"),
             "—" if r.days_overdue is None else str(r.days_overdue)]
            for r in report.reviews.items]
    return _limited(Table("reviews", "Follow-up reviews missing or overdue",
                          ["Document", "State", "Review date", "Due by", "Days overdue"],
                          numeric={4}), rows, limit)


def repeats(report: AuditSummary, limit: int | None) -> Table:
    rows = [[g.flag, g.key, g.kind, str(g.count),
             "; ".join(f"{d.id or d.path} ({d.incident_date or 'undated'})"
                       for d in g.documents)] for g in report.repeats]
    return _limited(Table("repeats", "Repeat incidents (same class: 2 → escalate prevention, "
                          "3+ → management review)",
                          ["Flag", "Incident class", "Class from", "Incidents", "Documents"],
                          numeric={3}, empty="No incident class occurs twice. Classes are "
                          "named in rule data (incident_classes), declared by a document, or "
                          "derived from a service and its root-cause category; a broad "
                          "category alone is not a class."), rows, limit)


def _median_n(stat: Stat) -> str:
    return "—" if not stat.count else f"{minutes(stat.median)} (n={stat.count})"


def quarterly_review(report: AuditSummary) -> Table:
    """The guides' quarterly incident review, one row per quarter."""
    rows = []
    for q in report.quarters:
        items = q.actions
        done = "—" if q.completion_rate is None else \
            f"{rate(q.completion_rate)} ({q.actions_done}/{items - q.actions_wont_do})"
        if items and not q.actions_with_status:
            done = f"unknown ({items} without status)"
        owners = ", ".join(f"{o} {n}" for o, n in list(q.overdue_by_owner.items())[:3])
        cost = money(q.cost) + (f" (n={q.costed})" if q.costed else "")
        causes = ", ".join(f"{c} ({q.root_causes[c]})" for c in q.top_causes) or "—"
        rows.append([q.quarter, str(q.incidents), causes,
                     _median_n(q.mttd), _median_n(q.mttr), done,
                     f"{q.overdue_actions}" + (f" — {owners}" if owners else ""),
                     str(q.repeats), f"{q.late} / {q.incomplete}", cost])
    note = ("Root causes with their number of incidents; medians with the number of "
            "incidents they cover (n). Overdue counts only items "
            "with a due date. Late: written more than 48 h after resolution; incomplete: no "
            "impact, timeline or root cause. Postmortems never written cannot be seen in an "
            "archive of postmortems.")
    return _table("quarterly", "Quarterly incident review",
                  ["Quarter", "Incidents", "Top root causes", "MTTD median", "MTTR median",
                   "Actions done", "Overdue (by owner)", "Repeats", "Late / incomplete",
                   "Cost"], rows, numeric={1, 7}, note=note)


def history(report: AuditSummary) -> Table:
    rows = [[str(h.run), h.at.strftime("%Y-%m-%d %H:%M"), str(h.today), str(h.documents),
             score(h.mean_score), f"{rate(h.completion_rate)} ({h.done}/{h.actions})",
             str(h.overdue) if h.open_with_due else "unknown",
             f"{h.open} ({h.open - h.open_with_due} without due date)"]
            for h in report.history]
    return _table("history", "Run to run (--history)",
                  ["Run", "At (UTC)", "Measured on", "Documents", "Mean score",
                   "Actions done", "Overdue", "Open"], rows, numeric={0, 3, 4, 6})


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
    note = f"{c.documents_with_cost} of {report.totals.documents} documents state a cost."
    if c.unreadable:
        note += f" {len(c.unreadable)} state one with no amount we could read."
    return _table("costs", "Incident cost (when stated)", ["Currency", "Total"], rows,
                  numeric={1}, note=note, empty="No document states an incident cost.")


def quarters(report: AuditSummary) -> Table:
    rows = []
    for q in report.quarters:
        rows.append([q.quarter, str(q.incidents), str(q.findings[Level.error]),
                     str(q.findings[Level.warning]), str(q.findings[Level.info]),
                     score(q.mean_score)])
    return _table("quarters", "Findings per quarter",
                  ["Quarter", "Incidents", "Errors", "Warnings", "Info", "Mean score"], rows,
                  numeric=set(range(1, 6)))


DOCUMENT_COLUMNS = ["Id", "Score", "Errors", "Warnings", "Info", "Severity", "Incident date",
                    "Root cause", "Path"]


def document_row(d: DocumentRecord) -> list[str]:
    return [d.label, score(d.score), str(d.count(Level.error)),
            str(d.count(Level.warning)), str(d.count(Level.info)), d.profile.severity or "—",
            str(d.profile.incident_date or "—"), d.skipped or d.profile.root_cause_category,
            d.path]


def documents(audit: Audit, limit: int | None) -> Table:
    """Every document, lowest compliance first, read from the store as rows are written."""
    total = len(audit.documents)
    shown = total if limit is None else min(limit, total)
    table = Table("documents", "Documents (lowest score first)", DOCUMENT_COLUMNS,
                  rows=(document_row(d) for d in audit.documents.by_score(limit)), size=shown,
                  numeric={1, 2, 3, 4})
    if limit is not None:
        # A short listing (the terminal's) drops the path when every id is its file name.
        records = list(audit.documents.by_score(limit))
        if all(d.label == document_id(d.path) for d in records):
            table.columns = DOCUMENT_COLUMNS[:-1]
            table.rows = [document_row(d)[:-1] for d in records]
    if shown < total:
        table.note = f"… and {total - shown} more ({MORE_HINT})."
    return table


def main_tables(audit: Audit, limit: int | None = None) -> list[Table]:
    """The tables in the order of a reader's questions: how are we doing, which documents
    are weakest, what is open and overdue, what repeats, how it moves over time."""
    report = audit.summary
    tables = [summary(report), weakest(audit), open_by_owner(report, limit),
              open_items(report, limit), repeats(report, limit), quarterly_review(report)]
    if report.history:
        tables.append(history(report))
    return tables


def more_tables(audit: Audit, limit: int | None = None) -> list[Table]:
    """Everything else, for reference."""
    report = audit.summary
    return [overdue_by_owner(report, limit), reviews(report, limit),
            timing_by_quarter(report), timing_by_severity(report),
            unusable_timelines(report, limit), top_rules(report, limit), root_causes(report),
            costs(report), quarters(report), documents(audit, limit)]


def all_tables(audit: Audit, limit: int | None = None) -> list[Table]:
    return main_tables(audit, limit) + more_tables(audit, limit)
