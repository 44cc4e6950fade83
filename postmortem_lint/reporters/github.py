"""GitHub Actions annotations (``--format github``): one workflow command per finding,

    ::error file=postmortems/a.md,line=12,endLine=12,col=3,endColumn=8,title=PM301 …::message

with GitHub's escaping: in the message ``%``, CR and LF are percent-encoded; in property
values ``:`` and ``,`` are too, since they separate the properties.
"""

from __future__ import annotations

from pathlib import Path

from postmortem_lint.engine.finding import FileResult, Finding, Level
from postmortem_lint.reporters.locations import region, relative_path
from postmortem_lint.reporters.text import related_lines

COMMANDS = {Level.error: "error", Level.warning: "warning", Level.info: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, root: Path | None = None) -> str:
    where = region(finding.span)
    properties = [("file", relative_path(finding.path, root)), ("line", str(where.line)),
                  ("endLine", str(where.end_line))]
    # GitHub only honours columns when the annotation starts and ends on the same line.
    if where.single_line and where.column is not None and where.end_column is not None:
        properties += [("col", str(where.column)), ("endColumn", str(where.end_column))]
    properties.append(("title", f"{finding.code} {finding.rule}"))
    message = finding.message + (f"\nat: {related_lines(finding)}" if finding.related else "")
    message += f"\nhint: {finding.hint}" if finding.hint else ""
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.level]} {joined}::{escape_data(message)}"


def render_github(results: list[FileResult], root: Path | None = None) -> str:
    lines = [annotation(finding, root) for result in results for finding in result.findings]
    return "".join(line + "\n" for line in lines)
