"""Inline suppression comments.

Markdown: ``<!-- postmortem-lint: disable=PM301,timeline-zone-not-utc -- reason -->``,
``enable``, ``disable-next-line``, ``disable-line`` and ``disable-file``.
YAML: the same words after ``#``: ``# postmortem-lint: disable-next-line=PM301``.
Rules are named by code (any case), code prefix or name; the engine resolves them.
Only a directive with no list at all means every rule; one that does not parse
suppresses nothing and is reported.
"""

from __future__ import annotations

import re

from postmortem_lint.model import Span, Suppression, SuppressionKind

_DIRECTIVE = re.compile(r"postmortem-lint:[ \t]*(?P<body>[^\n]{0,400}?)[ \t]*(?:-->|\n|$)")
_REFERENCE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_KINDS = {kind.value: kind for kind in SuppressionKind}


def _parsed(body: str) -> tuple[SuppressionKind | None, list[str], str | None, str | None]:
    """(kind, references, reason, problem) of one directive's text."""
    text, _, reason = body.partition("--")
    written, equals, listed = text.partition("=")
    kind = _KINDS.get(written.strip().lower())
    words = written.split()
    if kind is None:
        known = ", ".join(_KINDS)
        shown = words[0] if words else ""
        return None, [], None, f"unknown directive {shown!r} (expected one of: {known})"
    references = [part for part in re.split(r"[\s,]+", listed) if part]
    if equals and not references:
        return kind, [], None, "no rule after '=' (write codes or names, or drop '=' to " \
                               "mean every rule)"
    bad = [part for part in references if not _REFERENCE.fullmatch(part)]
    if bad:
        return kind, [], None, f"{bad[0]!r} is not a rule code, prefix or name"
    return kind, references, reason.strip() or None, None


def directives_in(text: str, line: int, column: int = 1) -> list[Suppression]:
    """Suppressions written in one comment that starts at (line, column)."""
    out = []
    for match in _DIRECTIVE.finditer(text):
        kind, codes, reason, problem = _parsed(match.group("body"))
        offset_line = line + text.count("\n", 0, match.start())
        span = Span(line=offset_line, column=column, end_line=offset_line,
                    end_column=column + len(match.group(0).rstrip("\n")))
        out.append(Suppression(kind=kind, codes=codes, span=span, reason=reason,
                               problem=problem))
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
