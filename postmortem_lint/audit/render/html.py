"""The report as one self-contained HTML file that opens offline.

Styles, the chart script and the chart data are inline; a Content-Security-Policy
forbids loading anything else, so the page can make no request. Charts are SVG drawn
by the inline script from the embedded JSON (MTTD/MTTR trend, findings per quarter,
repeat incidents, overdue actions, root causes); every figure is also in a table, so
the page reads without JavaScript. The script records its outcome in
``<body data-status="rendered|error: …" data-charts="N">``.
"""

from __future__ import annotations

import json
from html import escape
from importlib.resources import files
from typing import Any, TextIO

from postmortem_lint.audit.analytics import AGE_BUCKETS, UNDATED, Audit
from postmortem_lint.audit.record import DocumentRecord
from postmortem_lint.audit.render.tables import Table, all_tables
from postmortem_lint.audit.render.units import minutes, money, rate, score
from postmortem_lint.audit.report import AuditSummary
from postmortem_lint.engine.finding import Level

CHART_ROWS = 15
MAX_AXIS_QUARTERS = 120
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:")
CHARTS = [("timing", "MTTD and MTTR per quarter"), ("findings", "Findings per quarter"),
          ("repeats", "Repeat incidents"), ("overdue", "Overdue action items by owner"),
          ("causes", "Root-cause categories")]


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
    """The numbers the charts draw, nothing more."""
    timing = {row.group: row for row in report.timing.by_quarter}
    trend = {q.quarter: q for q in report.quarters}
    timing_axis, trend_axis = quarter_axis(list(timing)), quarter_axis(list(trend))
    buckets = [label for _, label in AGE_BUCKETS]
    owners = report.actions.overdue_by_owner[:CHART_ROWS]

    def stat(quarter: str, name: str, field: str) -> float | None:
        row = timing.get(quarter)
        return None if row is None else getattr(getattr(row, name), field)

    return {
        "timing": {"quarters": timing_axis,
                   "mttd": [stat(q, "mttd", "mean") for q in timing_axis],
                   "mttr": [stat(q, "mttr", "mean") for q in timing_axis],
                   "mttd_median": [stat(q, "mttd", "median") for q in timing_axis],
                   "mttr_median": [stat(q, "mttr", "median") for q in timing_axis],
                   "undated": timing[UNDATED].incidents if UNDATED in timing else 0},
        "findings": {"quarters": trend_axis,
                     **{level.value: [trend[q].findings[level] if q in trend else 0
                                      for q in trend_axis] for level in Level},
                     "undated": trend[UNDATED].incidents if UNDATED in trend else 0},
        "repeats": [{"label": f"{g.kind}: {g.key}", "count": g.count, "flag": g.flag}
                    for g in report.repeats[:CHART_ROWS]],
        "overdue": {"owners": [o.owner for o in owners], "buckets": buckets,
                    "values": [[o.by_age.get(b, 0) for b in buckets] for o in owners]},
        "root_causes": [{"label": c.category, "count": c.documents}
                        for c in report.root_causes[:CHART_ROWS]],
    }


def _script_json(data: object) -> str:
    # "</" would end the <script> element early; "<!--" could open a comment.
    return json.dumps(data, separators=(",", ":")).replace("</", "<\\/").replace(
        "<!--", "<\\!--")


def _table(table: Table) -> str:
    parts = [f'<section id="{table.key}"><h2>{escape(table.title)}</h2>']
    if not table.size:
        parts.append(f'<p class="note">{escape(table.empty)}</p>')
    else:
        head = "".join(f'<th{_num(i, table)}>{escape(c)}</th>'
                       for i, c in enumerate(table.columns))
        body = "".join("<tr>" + "".join(f"<td{_num(i, table)}>{_cell(table, i, c)}</td>"
                                        for i, c in enumerate(row)) + "</tr>"
                       for row in table.rows)
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    if table.note:
        parts.append(f'<p class="note">{escape(table.note)}</p>')
    return "".join(parts) + "</section>"


def _num(index: int, table: Table) -> str:
    return ' class="num"' if index in table.numeric else ""


def _cell(table: Table, index: int, text: str) -> str:
    if table.key == "repeats" and index == 0:
        kind = "management" if text == "management review" else "escalate"
        return f'<span class="flag-{kind}">{escape(text)}</span>'
    return escape(text)


def _score_class(value: int | None) -> str:
    if value is None:
        return ""
    return "score-bad" if value < 50 else "score-warn" if value < 80 else "score-good"


def _write_documents(audit: Audit, out: TextIO) -> None:
    out.write('<section id="documents"><h2>Documents (lowest compliance first)</h2>'
              '<p class="note">Score = 100 − 10 per error, 4 per warning, 1 per info rule '
              "(each rule counted at most 3 times), floor 0.</p>"
              "<table><thead><tr><th>Path</th><th>Id</th><th>Severity</th>"
              '<th>Incident date</th><th class="num">Score</th><th class="num">Errors</th>'
              '<th class="num">Warnings</th><th class="num">Info</th><th>Root cause</th>'
              "<th>Findings</th></tr></thead><tbody>\n")
    for doc in audit.documents.by_score():
        out.write(_document_row(doc) + "\n")
    out.write("</tbody></table></section>\n")


def _document_row(doc: DocumentRecord) -> str:
    p = doc.profile
    if doc.findings:
        items = "".join(f"<li><code>{escape(f.code)}</code> line {f.line}: "
                        f"{escape(f.message)}</li>" for f in doc.findings)
        findings = (f"<details><summary>{len(doc.findings)} finding"
                    f"{'s' if len(doc.findings) != 1 else ''}</summary><ul>{items}</ul></details>")
    else:
        findings = "none"
    cls = _score_class(doc.score)
    return (f"<tr><td>{escape(doc.path)}</td><td>{escape(p.id or '—')}</td>"
            f"<td>{escape(p.severity or '—')}</td><td>{p.incident_date or '—'}</td>"
            f'<td class="num {cls}">{score(doc.score)}</td>'
            f'<td class="num">{doc.count(Level.error)}</td>'
            f'<td class="num">{doc.count(Level.warning)}</td>'
            f'<td class="num">{doc.count(Level.info)}</td>'
            f"<td>{escape(doc.skipped or p.root_cause_category)}</td><td>{findings}</td></tr>")


def _cards(report: AuditSummary) -> str:
    t, a = report.totals, report.actions
    flagged = sum(1 for g in report.repeats if g.flag == "management review")
    cards = [("Documents", str(t.documents)), ("Mean score", score(t.mean_score)),
             ("Completion rate", rate(a.completion_rate)), ("Overdue actions", str(len(a.overdue))),
             ("Reviews missing / overdue", f"{report.reviews.missing} / {report.reviews.overdue}"),
             ("Repeats (mgmt review)", f"{len(report.repeats)} ({flagged})"),
             ("MTTD mean", minutes(report.timing.overall.mttd.mean)),
             ("MTTR mean", minutes(report.timing.overall.mttr.mean)),
             ("Incident cost", money(report.costs.totals))]
    return '<section class="cards">' + "".join(
        f'<div class="card"><div class="label">{escape(label)}</div>'
        f'<div class="value">{escape(value)}</div></div>' for label, value in cards) + "</section>"


def write_html(audit: Audit, out: TextIO) -> None:
    report = audit.summary
    since = f"; incidents since {report.since.isoformat()}" if report.since else ""
    figures = "".join(
        f'<figure><figcaption>{escape(title)}</figcaption>'
        f'<div class="chart" id="chart-{key}" data-chart="{key}" data-title="{escape(title)}">'
        f"</div></figure>" for key, title in CHARTS)
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
{_cards(report)}
<noscript><p class="note">The charts need JavaScript; the tables below hold the same
figures.</p></noscript>
<section class="charts">{figures}</section>
""")
    for table in all_tables(audit):
        if table.key != "documents":
            out.write(_table(table) + "\n")
    _write_documents(audit, out)
    data = _script_json(chart_data(report))
    out.write(f"""<script type="application/json" id="audit-data">{data}</script>
<script>{_asset("report.js")}</script>
</body>
</html>
""")
