"""Audit report renderers: each takes the :class:`~postmortem_lint.audit.analytics.Audit`
and writes to a text stream, reading the documents back from their store one at a time.
They know nothing about rules or files."""

from __future__ import annotations

import io
from typing import TextIO

from postmortem_lint.audit.analytics import Audit

FORMATS = ["text", "json", "csv", "markdown", "html"]


def write_report(audit: Audit, output_format: str, out: TextIO, *, color: bool = False) -> None:
    if output_format == "text":
        from postmortem_lint.audit.render.text import render_text

        out.write(render_text(audit, color=color))
    elif output_format == "json":
        from postmortem_lint.audit.render.json_report import write_json

        write_json(audit, out)
    elif output_format == "csv":
        from postmortem_lint.audit.render.csv_report import write_csv

        write_csv(audit, out)
    elif output_format == "markdown":
        from postmortem_lint.audit.render.markdown import write_markdown

        write_markdown(audit, out)
    elif output_format == "html":
        from postmortem_lint.audit.render.html import write_html

        write_html(audit, out)
    else:
        raise ValueError(f"unknown audit format {output_format!r}")


def render(audit: Audit, output_format: str, *, color: bool = False) -> str:
    """The whole report as one string (small archives, tests)."""
    out = io.StringIO()
    write_report(audit, output_format, out, color=color)
    return out.getvalue()
