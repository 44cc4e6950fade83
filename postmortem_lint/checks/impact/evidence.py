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
# Service objectives are written as 90% or more ("99.9% availability"); a smaller share in
# an SLA sentence is what was affected ("12% of requests failed, breaching the SLO").
_OBJECTIVE_MIN_PERCENT = 90.0
_OBJECTIVE_WORDS_AFTER = 7  # "41% of the monthly error budget"
_SENTENCE_STOPS = (". ", "; ", "! ", "? ", "\n\n")


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


def counts_something(text: str, units: list[str], sla_terms: Iterable[str] = ()) -> bool:
    """Whether the text gives a number of affected things ("1,240 orders") or a share (31%).

    A percentage in a sentence about an SLA or SLO is the objective or the budget spent
    ("the SLO of 99.5% of requests under 150 ms was not breached", "used 41% of the error
    budget"), not a count of what was affected, when it is a target-like figure (90% or
    more) or names the SLA term right after it."""
    words = _with_plurals(units)
    targets = _with_plurals(sla_terms)
    percent = "%" in units
    for match in _NUMBER.finditer(text):
        rest = text[match.end():match.end() + 80]
        is_share = rest.lstrip(" ").startswith(("%", "percent", "per cent"))
        if is_share and targets and _is_objective(text, match, rest, targets):
            continue
        if percent and rest.lstrip(" ").startswith("%"):
            return True
        if has_phrase(" ".join(rest.split()[:_WORDS_AFTER]), words):
            return True
    return False


def _is_objective(text: str, match: re.Match[str], rest: str, targets: tuple[str, ...]) -> bool:
    """Whether the percentage at ``match`` states an objective or an error-budget share."""
    start = max(text.rfind(stop, 0, match.start()) for stop in _SENTENCE_STOPS) + 1
    ends = [i for i in (text.find(stop, match.end()) for stop in _SENTENCE_STOPS) if i >= 0]
    sentence = text[start:min(ends) if ends else len(text)]
    if not has_phrase(sentence, targets):
        return False
    if has_phrase(" ".join(rest.split()[:_OBJECTIVE_WORDS_AFTER]), targets):
        return True
    try:
        return float(match.group(1).replace(",", "")) >= _OBJECTIVE_MIN_PERCENT
    except ValueError:
        return False


def impact_anchor(doc: Postmortem) -> Span:
    """Where an impact finding points: the impact heading (or key), else the document."""
    section: Section | None = doc.section("impact")
    if section is not None:
        return section.title.span
    return doc.impact.span or doc.top
