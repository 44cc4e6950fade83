"""Which canonical section a heading (or YAML key) stands for, by the synonyms in rule data."""

from __future__ import annotations

from postmortem_lint.parsers.values import normalise_key
from postmortem_lint.ruledata import RuleData

_NUMBERING = {"stage", "step", "part", "section", "phase", "chapter"}


# Compounds written as one word that the section phrases write as two ("Followup actions").
_SPLIT_COMPOUNDS = {"followup": ("follow", "up"), "followups": ("follow", "ups")}


def heading_words(heading: str) -> list[str]:
    """The heading's words without leading numbering ("2.", "Stage 3", "IV")."""
    words = [part for word in normalise_key(heading).split()
             for part in _SPLIT_COMPOUNDS.get(word, (word,))]
    while words and (words[0].isdigit() or words[0] in _NUMBERING or len(words[0]) == 1
                     and words[0] in "ivx"):
        words = words[1:]
    return words


def _named_words(words: list[str], data: RuleData) -> list[str]:
    """The heading's words with every name that holds a section phrase in another sense
    ("GitHub Actions", "Actions runner") taken out: the product is no section."""
    text = " " + " ".join(words) + " "
    for phrase in data.section_phrase_exceptions:
        text = text.replace(" " + phrase + " ", " # ")
    return text.split()


def is_exact_heading(heading: str, data: RuleData) -> bool:
    """Whether the heading is nothing but a section phrase ("2. Impact"), as opposed to a
    title that happens to contain one ("Incident review: API returned 429")."""
    text = " ".join(heading_words(heading))
    return any(text in phrases for phrases in data.sections.values())


def section_kind(heading: str, data: RuleData) -> str | None:
    """The best-matching section kind: a phrase at the start wins, then the longest phrase."""
    words = _named_words(heading_words(heading), data)
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


def _kinds_by_word(words: list[str], data: RuleData) -> list[str]:
    """The kinds a word of the heading names ("What can we learn from this incident?":
    lessons), unless an exception gives the word another sense ("learned of the outage")."""
    text = " " + " ".join(words) + " "
    if any(" " + phrase + " " in text for phrase in data.section_word_exceptions):
        return []
    return [kind for kind, kind_words in data.section_words.items()
            if any(word in kind_words for word in words)]


def other_kinds(heading: str, kind: str | None, data: RuleData) -> list[str]:
    """Section kinds a heading names besides its own: "Recovery and lessons learned" is a
    recovery section that also holds the lessons; "What went well and what didn't" both.
    A word of the heading names a kind too: "What can we learn from this incident and
    improve?" holds lessons, "Detection gaps" what went wrong."""
    words = _named_words(heading_words(heading), data)
    if not words:
        return []
    by_word = set(_kinds_by_word(words, data))
    if kind is not None:
        text = " " + " ".join(words) + " "
        by_word |= {other for other, phrases in data.sections.items()
                    if any(" " + phrase + " " in text for phrase in phrases)}
    return sorted(by_word - {kind})
