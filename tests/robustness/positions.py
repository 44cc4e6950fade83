"""Checks that every position the parsers and the engine produce lies inside the document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from postmortem_lint.engine.finding import Finding
from postmortem_lint.model import Prose, Span


def spans_in(value: Any, where: str = "doc") -> Iterator[tuple[str, Span]]:
    """Every Span in a model tree, including each run of every Prose, with its path."""
    if isinstance(value, Span):
        yield where, value
    elif isinstance(value, Prose):
        for offset, line, column in value.runs:
            yield f"{where}.runs[{offset}]", Span.point(line, column)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from spans_in(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from spans_in(item, f"{where}[{index}]")


def outside(span: Span, lines: list[str]) -> str | None:
    """Why ``span`` does not start inside ``lines`` (None when it does)."""
    count = len(lines)
    if not 1 <= span.line <= count:
        return f"line {span.line} not in 1..{count}"
    if not 1 <= span.column <= len(lines[span.line - 1]) + 1:
        return f"column {span.column} not in 1..{len(lines[span.line - 1]) + 1}"
    if not span.line <= span.end_line <= count:
        return f"end line {span.end_line} not in {span.line}..{count}"
    return None


def finding_outside(finding: Finding, lines: list[str]) -> str | None:
    span = finding.span
    problem = outside(span, lines)
    if problem:
        return problem
    width = len(lines[span.end_line - 1]) + 1
    if not 1 <= span.end_column <= width + 1:
        return f"end column {span.end_column} not in 1..{width + 1}"
    return None
