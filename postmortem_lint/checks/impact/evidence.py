"""What in a postmortem's text counts as stating part of the impact.

The words come from rule data (``impact_units``, ``data_loss_terms``, ``sla_terms``);
the patterns here only find numbers and whole words inside one text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from postmortem_lint.checks.phrases import has_phrase
from postmortem_lint.model import Postmortem, Prose, Section, Span

# A number as impact is written: 412000, 18,430, 1.21 million, 3.1M, 40k.
_NUMBER = re.compile(
    r"(?<![\w.:/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(?:[kKmM]\b|million|billion|thousand))?"
    r"(?![\d:/-]|\.\d)")
_WORDS_AFTER = 4  # "18,430 payment authorization requests failed"


def _with_plurals(phrases: Iterable[str]) -> tuple[str, ...]:
    """Lexicons list singular forms; "users", "SLAs" and "queries" match too."""
    out: list[str] = []
    for phrase in phrases:
        if phrase.strip() and phrase.strip() != "%":
            out += [phrase, phrase + "s", phrase + "es"]
    return tuple(out)


def mentions(texts: Iterable[Prose], phrases: list[str]) -> bool:
    """Whether any text contains one of the phrases as whole words (plurals allowed)."""
    words = _with_plurals(phrases)
    return any(has_phrase(prose.text, words) for prose in texts)


def counts_something(text: str, units: list[str]) -> bool:
    """Whether the text gives a number of affected things ("1,240 orders") or a share (31%)."""
    words = _with_plurals(units)
    percent = "%" in units
    for match in _NUMBER.finditer(text):
        rest = text[match.end():match.end() + 80]
        if percent and rest.lstrip(" ").startswith("%"):
            return True
        if has_phrase(" ".join(rest.split()[:_WORDS_AFTER]), words):
            return True
    return False


def impact_anchor(doc: Postmortem) -> Span:
    """Where an impact finding points: the impact heading (or key), else the document."""
    section: Section | None = doc.section("impact")
    if section is not None:
        return section.title.span
    return doc.impact.span or doc.top
