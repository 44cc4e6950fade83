"""What in a postmortem's text counts as stating part of the impact.

The words come from rule data (``impact_units``, ``data_loss_terms``, ``sla_terms``);
the patterns here only find numbers and whole words inside one text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from postmortem_lint.model import Postmortem, Prose, Section, Span

# A number as impact is written: 412000, 18,430, 1.21 million, 3.1M, 40k.
_NUMBER = re.compile(
    r"(?<![\w.:/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(?:[kKmM]\b|million|billion|thousand))?"
    r"(?![\d:/-]|\.\d)")
_WORDS_AFTER = 4  # "18,430 payment authorization requests failed"


@lru_cache(maxsize=64)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    words = [re.escape(p.lower()) for p in phrases if p.strip() and p.strip() != "%"]
    if not words:
        return None
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?:s|es)?(?![a-z0-9])")


def mentions(texts: Iterable[Prose], phrases: list[str]) -> bool:
    """Whether any text contains one of the phrases as whole words (plurals allowed)."""
    pattern = _phrase_pattern(tuple(phrases))
    if pattern is None:
        return False
    return any(pattern.search(prose.text.lower()) for prose in texts)


def counts_something(text: str, units: list[str]) -> bool:
    """Whether the text gives a number of affected things ("1,240 orders") or a share (31%)."""
    pattern = _phrase_pattern(tuple(units))
    percent = "%" in units
    for match in _NUMBER.finditer(text):
        rest = text[match.end():match.end() + 80]
        if percent and re.match(r"\s?(?:%|percent\b|per cent\b)", rest):
            return True
        window = " ".join(rest.split()[:_WORDS_AFTER]).lower()
        if pattern is not None and pattern.search(window):
            return True
    return False


def impact_anchor(doc: Postmortem) -> Span:
    """Where an impact finding points: the impact heading (or key), else the document."""
    section: Section | None = doc.section("impact")
    if section is not None:
        return section.title.span
    return doc.impact.span or doc.top
