"""What in a postmortem's text counts as stating part of the impact.

The words come from rule data (``impact_units``, ``data_loss_terms``, ``sla_terms``).
How much was affected is read by the parser (``Impact.quantity``).
"""

from __future__ import annotations

from collections.abc import Iterable

from postmortem_lint.model import Postmortem, Prose, Section, Span
from postmortem_lint.phrases import has_phrase


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


def impact_anchor(doc: Postmortem) -> Span:
    """Where an impact finding points: the impact heading (or key), else the document."""
    section: Section | None = doc.section("impact")
    if section is not None:
        return section.title.span
    return doc.impact.span or doc.top
