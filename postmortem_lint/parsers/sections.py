"""Which canonical section a heading (or YAML key) stands for, by the synonyms in rule data."""

from __future__ import annotations

from postmortem_lint.parsers.values import normalise_key
from postmortem_lint.ruledata import RuleData

_NUMBERING = {"stage", "step", "part", "section", "phase", "chapter"}


def section_kind(heading: str, data: RuleData) -> str | None:
    """The best-matching section kind: a phrase at the start wins, then the longest phrase."""
    words = normalise_key(heading).split()
    while words and (words[0].isdigit() or words[0] in _NUMBERING or len(words[0]) == 1
                     and words[0] in "ivx"):
        words = words[1:]
    if not words:
        return None
    text = " " + " ".join(words) + " "
    best: tuple[bool, int, str] | None = None
    for kind, phrases in data.sections.items():
        for phrase in phrases:
            where = text.find(" " + phrase + " ")
            if where < 0:
                continue
            score = (where == 0, len(phrase), kind)
            if best is None or score[:2] > best[:2]:
                best = score
    return best[2] if best else None
