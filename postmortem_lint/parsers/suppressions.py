"""Inline suppression comments.

Markdown: ``<!-- postmortem-lint: disable=PM301,PM302 -->``, ``enable``,
``disable-next-line``, ``disable-line`` and ``disable-file``.
YAML: the same words after ``#``: ``# postmortem-lint: disable-next-line=PM301``.
No codes means every rule.
"""

from __future__ import annotations

import re

from postmortem_lint.model import Span, Suppression, SuppressionKind

_DIRECTIVE = re.compile(
    r"postmortem-lint:\s*(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?:\s*=\s*(?P<codes>[A-Za-z0-9_,\s-]{0,400}?))?\s*(?:-->|$)")
_CODE = re.compile(r"[A-Z]{1,5}\d{1,4}")


def directives_in(text: str, line: int, column: int = 1) -> list[Suppression]:
    """Suppressions written in one comment that starts at (line, column)."""
    out = []
    for match in _DIRECTIVE.finditer(text):
        kind = match.group("kind")
        codes = _CODE.findall(match.group("codes") or "")
        offset_line = line + text.count("\n", 0, match.start())
        span = Span(line=offset_line, column=column, end_line=offset_line,
                    end_column=column + len(match.group(0)))
        out.append(Suppression(kind=SuppressionKind(kind), codes=codes, span=span))
    return out


def yaml_suppressions(lines: list[str]) -> list[Suppression]:
    """Suppression comments in YAML (or front matter) lines."""
    out: list[Suppression] = []
    for number, text in enumerate(lines, start=1):
        if "postmortem-lint:" not in text:
            continue
        hash_at = text.find("#")
        if hash_at < 0 or text.find("postmortem-lint:") < hash_at:
            continue
        out += directives_in(text[hash_at:], number, hash_at + 1)
    return out
