"""The terminal summary: rich tables in colour on a terminal, plain ASCII otherwise."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from postmortem_lint.audit.analytics import Audit
from postmortem_lint.audit.render.tables import Table, all_tables

TERMINAL_LIMIT = 10
_SHORTENED = {"Action"}  # the rest of the text is in the other formats
_WRAPPING = {"Path", "Documents", "Value", "Action", "Reason", "Owner", "Measure",
             "Root cause", "Top root causes", "Why (biggest losses)", "Document",
             "Incident class", "Overdue (by owner)", "Cost"}


def render_text(audit: Audit, color: bool = False, width: int | None = None) -> str:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=color, no_color=not color,
                      color_system="auto" if color else None,
                      width=width or (None if color else 150),
                      highlight=False, emoji=False, soft_wrap=False)
    for table in all_tables(audit, limit=TERMINAL_LIMIT):
        console.print(_rich_table(table, color))
        if table.note:
            console.print(Text(table.note, style="dim" if color else ""))
        console.print()
    return stream.getvalue()


def _rich_table(table: Table, color: bool) -> RichTable:
    # Every text goes in as rich Text, never as a markup string: a postmortem's own
    # "[x]" or "[/]" must print as written (markup would hide it, or fail to parse).
    out = RichTable(title=Text(table.title, style="bold cyan" if color else ""),
                    title_justify="left", box=box.ROUNDED if color else box.ASCII,
                    header_style="bold" if color else "", show_lines=False)
    # Short values (ids, dates, counts) stay on one line; long text wraps in what is left.
    for index, column in enumerate(table.columns):
        wraps = column in _WRAPPING
        out.add_column(Text(column), justify="right" if index in table.numeric else "left",
                       overflow="fold", no_wrap=not wraps)
    for row in table.rows:
        out.add_row(*(Text(_short(cell) if column in _SHORTENED else cell)
                      for column, cell in zip(table.columns, row, strict=True)))
    if not table.size:
        out.add_row(Text(table.empty), *[""] * (len(table.columns) - 1))
    return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
