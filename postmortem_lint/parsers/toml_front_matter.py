"""TOML front matter (``+++`` … ``+++``, as Hugo and Zola sites write it) into metadata.

The standard library's tomllib reads the values; each top-level key that names a
metadata field (title, date, authors…) is recorded with the line it is written on.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import TYPE_CHECKING, Any

from postmortem_lint.model import Located, Prose, ProseRole, Span, prose_at
from postmortem_lint.parsers.values import field_for_key

if TYPE_CHECKING:
    from postmortem_lint.parsers.builder import DocumentBuilder

_FENCE = "+++"
_KEY_LINE = re.compile(r"^\s*(?P<key>[A-Za-z_][\w-]*)\s*=\s*(?P<value>.*)$")


def toml_front_matter(lines: list[str]) -> tuple[int, int] | None:
    """(first, last) 1-based lines of the fences of TOML front matter at the start."""
    if not lines or lines[0].strip() != _FENCE:
        return None
    for index in range(1, min(len(lines), 2000)):
        if lines[index].strip() == _FENCE:
            return 1, index + 1
    return None


def read_toml_front_matter(builder: DocumentBuilder, lines: list[str], first: int,
                           last: int) -> None:
    """Record the metadata fields the front matter between ``first`` and ``last`` gives."""
    body = "\n".join(lines[first:last - 1])
    try:
        table = tomllib.loads(body)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", 1) or 1
        builder.problem("PM002", f"front matter: {str(error).split(' (at')[0]}",
                        Span.point(first + line, getattr(error, "colno", 1) or 1))
        return
    for number in range(first + 1, last):  # top-level keys, in the order written
        match = _KEY_LINE.match(lines[number - 1])
        if match is None:
            if lines[number - 1].lstrip().startswith("["):
                break  # a [table]: what follows is not top-level
            continue
        key = match.group("key")
        builder.front_matter_keys.append(Located(value=key, span=Span(
            line=number, column=match.start("key") + 1, end_line=number,
            end_column=match.end("key") + 1)))
        field = field_for_key(key, builder.data)
        if field is None or key not in table:
            continue
        if table[key] is True and field == "incident_end":
            builder.resolved = True  # "resolved = true": the incident is over
        text = _as_text(table[key])
        if text:
            builder.set_field(field, _value_prose(text, lines[number - 1], number,
                                                  match.start("value")))


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_as_text(item) for item in value if _as_text(item))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return str(value)
    return ""


def _value_prose(text: str, source: str, line: int, start: int) -> Prose:
    """The value where it is written on its line (its quotes and brackets left out)."""
    column = source.find(text, start)
    if column < 0:
        first = text.split(",")[0].strip()
        column = source.find(first, start) if first else -1
    prose = prose_at(text, line, (column if column >= 0 else start) + 1)
    prose.role = ProseRole.field
    return prose


def blank_front_matter(text: str, last: int) -> str:
    """The text with the front matter's lines emptied, so Markdown never reads them as
    body text and every other line keeps its number."""
    lines = text.split("\n")
    return "\n".join([""] * last + lines[last:])
