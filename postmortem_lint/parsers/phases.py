"""Which incident phases a timeline entry's words mark (onset, detection, mitigation…).

An entry marks a phase when it contains one of the phase's phrases (``phases`` in
``rules/timeline.yaml``), any form of one of its verbs (``phase_verbs``: "disable" is
also "disables", "disabled", "disabling"; a phrase inflects its first word: "shut
down", "shutting down"), or one of its acts: a verb and its object a few words apart in
either order (``phase_acts``: "receives a flood of emails", "incident opened"). A word
that is negated ("the issue is not resolved") marks nothing, and neither does a verb of
aspect before a gerund ("stopped responding" is a failure, not a stop).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from postmortem_lint.nlp.vocabulary import Inflector
from postmortem_lint.ruledata import RuleData

# Words before a match that negate it: "is not resolved", "never recovered", "failed to
# restart", "unable to roll back".
_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno longer|\bunable to|\bfail(?:s|ed)? to|"
                      r"\bcannot|\bwithout)\s+(?:[a-z]+\s+){0,1}$")
_NEGATION = re.compile(r"\b(?:not|never|no longer|cannot)\b|n['’]t")
_BACK = re.compile(r"(?<![a-z'’])([a-z'’]+)\s+back(?=\s*(?:$|[.,;:!)]|\s+(?:up|online|in "
                   r"service|to normal)\b))")
_GERUND = re.compile(r"(?<![\s\-])[\s\-]+[a-z]+ing\b")
_GAP = r"[\W_]+(?:[a-z0-9'’]+[\W_]+){0,4}?"


def _negated(lowered: str, start: int) -> bool:
    """Whether the words just before ``start`` negate what follows ("is not resolved")."""
    return _NEGATED.search(lowered[max(0, start - 30):start]) is not None


def _alternation(words: Iterable[str]) -> str:
    """The words as one regex alternation, longest first; a phrase's words may be split by a
    line break or joined by a hyphen ("all-clear")."""
    return "|".join(re.escape(word).replace(r"\ ", r"[\s\-]+")
                    for word in sorted(words, key=len, reverse=True))


def _words(words: list[str]) -> re.Pattern[str] | None:
    """The words as whole words (of lower-case text)."""
    return re.compile(rf"(?<![a-z])(?:{_alternation(words)})(?![a-z])") if words else None


@dataclass(frozen=True)
class _PhaseWords:
    words: re.Pattern[str] | None  # phrases and verb forms
    acts: re.Pattern[str] | None  # verb and object near each other


class PhaseReader:
    """The phase vocabulary of one rule data set, compiled once."""

    def __init__(self, data: RuleData):
        inflect = Inflector(data.blame.irregular_verbs, data.blame.verb_prefixes)

        def forms(entry: str) -> set[str]:
            first, _, rest = entry.lower().strip().partition(" ")
            return {f"{form} {rest}".strip() for form in inflect(first)}

        self._back_verbs = frozenset(form for verb in data.back_verbs for form in inflect(verb))
        self._aspect = frozenset(form for verb in data.aspect_verbs for form in inflect(verb))
        self._phases: dict[str, _PhaseWords] = {}
        self._change = _words(data.phase_change_words)
        self._fix_words = _words(data.phase_fix_words)
        self._fixed = _PhaseWords(words=re.compile(
            rf"(?<![a-z])(?:{_alternation({w.lower() for w in data.fixed_words})})(?![a-z])")
            if data.fixed_words else None, acts=None)
        for phase in {*data.phases, *data.phase_verbs, *data.phase_acts}:
            words = {word.lower() for word in data.phases.get(phase, [])}
            for verb in data.phase_verbs.get(phase, []):
                words |= forms(verb)
            acts = []
            for act in data.phase_acts.get(phase, []):
                verbs = _alternation({f for verb in act.verbs for f in forms(verb)})
                objects = _alternation({f for noun in act.objects for f in forms(noun)})
                acts.append(f"(?:{verbs}){_GAP}(?:{objects})|(?:{objects}){_GAP}(?:{verbs})")
            self._phases[phase] = _PhaseWords(
                words=re.compile(rf"(?<![a-z])(?:{_alternation(words)})(?![a-z])")
                if words else None,
                acts=re.compile(rf"(?<![a-z])(?:{'|'.join(acts)})(?![a-z])") if acts else None)

    def marks(self, phase: str, lowered: str) -> bool:
        """Whether the (lower-case) text marks the phase."""
        found = self._phases.get(phase)
        return found is not None and self._finds(found, phase, lowered)

    def denies(self, phase: str, lowered: str) -> bool:
        """Whether the text negates one of the phase's words ("the issue is not resolved")."""
        found = self._phases.get(phase)
        return found is not None and any(
            _negated(lowered, match.start()) or _NEGATION.search(match.group())
            for pattern in (found.words, found.acts) if pattern is not None
            for match in pattern.finditer(lowered))

    def back(self, lowered: str) -> bool:
        """Whether a service is named back at the end of a clause ("site back", "API back
        up"), "back" not being part of another verb ("rolled back", "fell back")."""
        for match in _BACK.finditer(lowered):
            word = match.group(1)
            if word in self._back_verbs or word.endswith(("ed", "ing")) or \
                    _NEGATION.fullmatch(word) is not None or _negated(lowered, match.start(1)):
                continue
            return True
        return False

    def change(self, lowered: str) -> bool:
        """Whether the (lower-case) text names a change made (deployed, merged, rolled out)."""
        return self._change is not None and self._change.search(lowered) is not None

    def fix_applied(self, lowered: str) -> bool:
        """Whether the text names a change made that is a fix ("fix deployed")."""
        return self.change(lowered) and self._fix_words is not None \
            and self._fix_words.search(lowered) is not None

    def fixed(self, lowered: str) -> bool:
        """Whether the text says the problem was fixed or the bad change undone."""
        return self._finds(self._fixed, "fix", lowered)

    def _finds(self, found: _PhaseWords, phase: str, lowered: str) -> bool:
        for pattern in (found.words, found.acts):
            if pattern is None:
                continue
            for match in pattern.finditer(lowered):
                if _negated(lowered, match.start()) or _NEGATION.search(match.group()):
                    continue  # "is not resolved", "verified the site is not working"
                first = match.group().split()[0] if match.group().split() else ""
                if phase != "onset" and first in self._aspect \
                        and _GERUND.match(lowered, match.end()):
                    continue  # "stopped responding": the service failed
                return True
        return False


_BUILT: dict[int, tuple[RuleData, PhaseReader]] = {}


def phase_reader(data: RuleData) -> PhaseReader:
    """The reader for a rule data set, built once per data set."""
    found = _BUILT.get(id(data))
    if found is None or found[0] is not data:
        if len(_BUILT) > 16:
            _BUILT.clear()
        found = _BUILT[id(data)] = (data, PhaseReader(data))
    return found[1]
