"""The report as one self-contained HTML file that opens offline.

Sections follow a manager's questions: the headline figures (each saying what it
covers), the weakest documents and why, open and overdue actions by owner (sortable,
filterable), repeat incidents, the quarterly review with its charts, then everything
else collapsed. Styles, the script and the chart data are inline; a
Content-Security-Policy forbids loading anything else, so the page can make no request.
Charts are SVG drawn from the embedded JSON, only when they have a point to draw, every
point labelled with its n; every figure is also in a table, so the page reads without
JavaScript. The script records its outcome in
``<body data-status="rendered|error: …" data-charts="N">``.
"""

from __future__ import annotations

import json
from html import escape
from importlib.resources import files
from typing import Any, TextIO

from postmortem_lint.audit.analytics import NO_OWNER, UNDATED, Audit
from postmortem_lint.audit.record import DocumentRecord
from postmortem_lint.audit.render.tables import (
    Table,
    headline,
    history,
    more_tables,
    open_by_owner,
    open_items,
    quarterly_review,
    repeats,
    weakest,
)
from postmortem_lint.audit.render.units import score
from postmortem_lint.audit.report import AuditSummary

MAX_AXIS_QUARTERS = 120
SCROLL_ROWS = 25
QUARTER_ROWS = 12
CHART_QUARTERS = 20  # longer tables scroll inside a box, with a filter
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:")
SECTIONS = [("headline", "Headline"), ("weakest", "Weakest documents"),
            ("actions", "Open and overdue actions"), ("repeats", "Repeat incidents"),
            ("trends", "Quarterly review"), ("more", "Everything else")]


def _asset(name: str) -> str:
    return files("postmortem_lint.audit.render").joinpath("assets", name).read_text("utf-8")


def quarter_axis(labels: list[str]) -> list[str]:
    """Every quarter from the first to the last dated one, so a trend's x axis is time:
    quarters without incidents are gaps, not skipped; "undated" is not on it."""
    dated = sorted({tuple(map(int, label.split("-Q"))) for label in labels
                    if label != UNDATED})
    if not dated:
        return []
    (year, quarter), last = dated[0], dated[-1]
    if (last[0] - year) * 4 + last[1] - quarter >= MAX_AXIS_QUARTERS:
        # A stray date decades off (a typo) would stretch the axis into noise.
        return [f"{y}-Q{q}" for y, q in dated]
    axis = []
    while (year, quarter) <= last:
        axis.append(f"{year}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return axis


def chart_data(report: AuditSummary) -> dict[str, Any]:
    """The numbers the charts draw: a chart is only there when it has a point to draw,
    and every point carries the n it stands for."""
    trend = {q.quarter: q for q in report.quarters}
    axis = quarter_axis(list(trend))
    # Five years read as a trend; more crowd the labels: the table keeps the earlier ones.
    earlier = sum(trend[q].incidents for q in axis[:-CHART_QUARTERS] if q in trend)
    axis = axis[-CHART_QUARTERS:]
    undated = trend[UNDATED].incidents if UNDATED in trend else 0
    charts: dict[str, Any] = {}

    def series(get: Any) -> list[Any]:
        return [get(trend[q]) if q in trend else None for q in axis]

    mttd = series(lambda q: q.mttd.median)
    mttr = series(lambda q: q.mttr.median)
    if any(v is not None for v in mttd + mttr):
        charts["timing"] = {
            "title": "MTTD and MTTR per quarter (medians)", "quarters": axis,
            "series": [
                {"label": "MTTD median", "values": mttd,
                 "n": series(lambda q: q.mttd.count)},
                {"label": "MTTR median", "values": mttr,
                 "n": series(lambda q: q.mttr.count)}],
            "undated": undated, "earlier": earlier}
    completion = series(lambda q: q.completion_rate if q.actions_with_status else None)
    if any(v is not None for v in completion):
        charts["completion"] = {
            "title": "Action items done per quarter", "quarters": axis,
            "series": [{"label": "done", "values": completion,
                        "n": series(lambda q: q.actions - q.actions_wont_do)}],
            "undated": undated, "earlier": earlier}
    if axis:
        charts["incidents"] = {"title": "Incidents per quarter", "quarters": axis,
                               "values": [trend[q].incidents if q in trend else 0
                                          for q in axis], "undated": undated,
                               "earlier": earlier}
    currencies = {m.currency for q in report.quarters if q.quarter != UNDATED for m in q.cost}
    if len(currencies) == 1:  # amounts in several currencies do not add up: table only
        currency = currencies.pop()
        charts["cost"] = {
            "title": f"Stated incident cost per quarter ({currency})", "quarters": axis,
            "series": [{"label": f"cost {currency}", "values": series(
                lambda q: next((m.amount for m in q.cost if m.currency == currency), None)),
                "n": series(lambda q: q.costed)}], "undated": undated, "earlier": earlier}
    if len(report.history) >= 2:
        runs = [f"#{h.run} {h.today}" for h in report.history]
        charts["history"] = {
            "title": "Action items done, run to run", "quarters": runs,
            "series": [{"label": "done", "values": [h.completion_rate for h in report.history],
                        "n": [h.actions for h in report.history]}], "undated": 0}
    return charts


def _script_json(data: object) -> str:
    # "</" would end the <script> element early; "<!--" could open a comment.
    return json.dumps(data, separators=(",", ":")).replace("</", "<\\/").replace(
        "<!--", "<\\!--")


def _table(table: Table, heading: str = "h3", interactive: bool = False) -> str:
    parts = [f'<div class="block" id="{table.key}">']
    if heading:
        parts.append(f"<{heading}>{escape(table.title)}</{heading}>")
    if not table.size:
        parts.append(f'<p class="note">{escape(table.empty)}</p>')
    else:
        parts.append(_grid(table, interactive or table.size > SCROLL_ROWS))
    if table.note:
        parts.append(f'<p class="note">{escape(table.note)}</p>')
    return "".join(parts) + "</div>"


def _grid(table: Table, interactive: bool) -> str:
    head = "".join(f'<th{_num(i, table)}>{escape(c)}</th>'
                   for i, c in enumerate(table.columns))
    body = "".join("<tr>" + "".join(f"<td{_num(i, table)}>{_cell(table, i, c)}</td>"
                                    for i, c in enumerate(row)) + "</tr>"
                   for row in table.rows)
    grid = (f'<table id="{table.key}-table"{" data-sortable" if interactive else ""}>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    if not interactive:
        return grid
    return (f'<div class="tools"><input type="search" data-filter="{table.key}-table" '
            f'placeholder="Filter {table.size} rows…" aria-label="Filter rows">'
            f'<span class="note">Click a column heading to sort.</span></div>'
            f'<div class="scroll">{grid}</div>')


def _num(index: int, table: Table) -> str:
    return ' class="num"' if index in table.numeric else ""


def _cell(table: Table, index: int, text: str) -> str:
    if table.key == "repeats" and index == 0:
        kind = "management" if text == "management review" else "escalate"
        return f'<span class="flag-{kind}">{escape(text)}</span>'
    if table.key == "weakest" and index >= 2 and table.columns[index] not in (
            "Why (biggest losses)", "Path"):
        kept, _, most = text.partition("/")
        share = float(kept) / float(most) if float(most) else 1.0
        tone = "bad" if share < 0.34 else "warn" if share < 0.75 else "good"
        return f'<span class="area-{tone}">{escape(text)}</span>'
    return escape(text)


def _score_class(value: int | None) -> str:
    if value is None:
        return ""
    return "score-bad" if value < 50 else "score-warn" if value < 80 else "score-good"


def _cards(report: AuditSummary) -> str:
    return '<div class="cards">' + "".join(
        f'<div class="card" data-figure="{f.key}"><div class="label">{escape(f.label)}</div>'
        f'<div class="value{" tone-" + f.tone if f.tone else ""}">{escape(f.value)}</div>'
        f'<div class="detail">{escape(f.detail)}</div></div>'
        for f in headline(report)) + "</div>"


def _toc() -> str:
    return '<nav class="toc" aria-label="Contents">' + " · ".join(
        f'<a href="#{key}">{escape(title)}</a>' for key, title in SECTIONS) + "</nav>"


def _section(key: str, body: str, intro: str = "") -> str:
    title = dict(SECTIONS)[key]
    lead = f'<p class="lead">{intro}</p>' if intro else ""
    return f'<section id="{key}"><h2>{escape(title)}</h2>{lead}{body}</section>\n'


def _actions_intro(report: AuditSummary) -> str:
    a = report.actions
    if not a.total:
        return "No document lists action items."
    parts = [f"{a.open} of {a.total} action items are open"]
    if not a.open:
        return parts[0] + "."
    if not a.open_with_due:
        parts.append("none of them has a due date, so whether any is overdue is "
                     "<strong>unknown</strong>")
    else:
        parts.append(f"{len(a.overdue)} overdue of {a.open_with_due} with a due date")
        if a.open - a.open_with_due:
            parts.append(f"{a.open - a.open_with_due} without a due date (cannot be overdue)")
    owners = sum(1 for o in a.open_by_owner if o.owner != NO_OWNER)
    no_owner = next((o.open for o in a.open_by_owner if o.owner == NO_OWNER), 0)
    parts.append(f"{owners} owner{'s' if owners != 1 else ''} named; {no_owner} open "
                 f"item{'s' if no_owner != 1 else ''} without an owner")
    return "; ".join(parts) + "."


def _figures(data: dict[str, Any], keys: list[str]) -> str:
    shown = [key for key in keys if key in data]
    if not shown:
        return ('<p class="note">No chart: no quarter has a dated incident with a usable '
                "figure.</p>")
    return '<div class="charts">' + "".join(
        f'<figure><figcaption>{escape(data[key]["title"])}</figcaption>'
        f'<div class="chart" id="chart-{key}" data-chart="{key}" '
        f'data-title="{escape(data[key]["title"])}"></div></figure>' for key in shown) + "</div>"


def _write_documents(audit: Audit, out: TextIO) -> None:
    out.write('<div class="block" id="documents"><h3>All documents (lowest score first)</h3>'
              '<div class="tools"><input type="search" data-filter="documents-table" '
              f'placeholder="Filter {len(audit.documents)} documents…" '
              'aria-label="Filter documents"></div><div class="scroll">'
              '<table id="documents-table" data-sortable><thead><tr><th>Document</th>'
              '<th class="num">Score</th><th>Score by area</th><th>Severity</th>'
              "<th>Incident date</th><th>Root cause</th><th>Findings</th><th>Path</th>"
              "</tr></thead><tbody>\n")
    for doc in audit.documents.by_score():
        out.write(_document_row(doc) + "\n")
    out.write("</tbody></table></div></div>\n")


def _document_row(doc: DocumentRecord) -> str:
    p = doc.profile
    if doc.findings:
        items = "".join(f"<li><code>{escape(f.code)}</code> line {f.line}: "
                        f"{escape(f.message)}</li>" for f in doc.findings)
        findings = (f"<details><summary>{len(doc.findings)} finding"
                    f"{'s' if len(doc.findings) != 1 else ''}</summary><ul>{items}</ul></details>")
    else:
        findings = "none"
    areas = "<br>".join(
        escape(f"{a.label} {a.points:g}/{a.max:g}"
               + (" — " + ", ".join(f"{loss.rule} −{loss.points:g}" for loss in a.lost)
                  if a.lost else "")) for a in doc.areas) or "—"
    cls = _score_class(doc.score)
    return (f"<tr><td>{escape(doc.label)}</td>"
            f'<td class="num {cls}">{score(doc.score)}</td><td class="areas">{areas}</td>'
            f"<td>{escape(p.severity or '—')}</td><td>{p.incident_date or '—'}</td>"
            f"<td>{escape(doc.skipped or p.root_cause_category)}</td><td>{findings}</td>"
            f"<td>{escape(doc.path)}</td></tr>")


def write_html(audit: Audit, out: TextIO) -> None:
    report = audit.summary
    since = f"; incidents since {report.since.isoformat()}" if report.since else ""
    data = chart_data(report)
    out.write(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="postmortem-lint {escape(report.version)}">
<title>Postmortem audit — {report.today.isoformat()}</title>
<style>{_asset("report.css")}</style>
</head>
<body data-status="loading">
<header><h1>Postmortem audit</h1>
<p>{report.totals.documents} documents{since}; overdue items and reviews measured on
{report.today.isoformat()}; postmortem-lint {escape(report.version)}.</p></header>
{_toc()}
""")
    out.write(_section("headline", _cards(report)))
    out.write(_section("weakest", _table(weakest(audit), heading="")))
    out.write(_section("actions", _table(open_by_owner(report, None))
                       + _table(open_items(report, None), interactive=True),
                       _actions_intro(report)))
    out.write(_section("repeats", _table(repeats(report, None), heading="")))
    review = quarterly_review(report)
    trends = _table(review, interactive=review.size > QUARTER_ROWS) + _figures(
        data, ["timing", "completion", "incidents", "cost", "history"])
    if report.history:
        trends += _table(history(report))
    out.write(_section("trends", trends))
    out.write('<section id="more"><h2>Everything else</h2>')
    for table in more_tables(audit):
        if table.key == "documents":
            continue
        out.write(f"<details><summary>{escape(table.title)}</summary>"
                  f"{_table(table, heading='')}</details>\n")
    out.write("<details><summary>All documents, with the score by area</summary>")
    _write_documents(audit, out)
    out.write("</details></section>\n")
    out.write(f"""<noscript><p class="note">The charts, sorting and filters need JavaScript;
the tables hold the same figures.</p></noscript>
<script type="application/json" id="audit-data">{_script_json(data)}</script>
<script>{_asset("report.js")}</script>
</body>
</html>
""")
