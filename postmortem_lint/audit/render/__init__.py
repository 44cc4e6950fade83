"""Audit report renderers: each takes the :class:`~postmortem_lint.audit.report.AuditReport`
and returns text. They know nothing about rules or files."""

from __future__ import annotations

from postmortem_lint.audit.report import AuditReport

FORMATS = ["text", "json", "csv", "markdown", "html"]


def render(report: AuditReport, output_format: str, *, color: bool = False) -> str:
    if output_format == "text":
        from postmortem_lint.audit.render.text import render_text

        return render_text(report, color=color)
    if output_format == "json":
        return report.model_dump_json(indent=2) + "\n"
    if output_format == "csv":
        from postmortem_lint.audit.render.csv_report import render_csv

        return render_csv(report)
    if output_format == "markdown":
        from postmortem_lint.audit.render.markdown import render_markdown

        return render_markdown(report)
    if output_format == "html":
        from postmortem_lint.audit.render.html import render_html

        return render_html(report)
    raise ValueError(f"unknown audit format {output_format!r}")
