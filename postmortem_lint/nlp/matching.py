"""A spaCy ``Matcher`` that only runs the labels a sentence could match.

spaCy's Matcher tries every pattern at every token, and each ``{"LOWER": {"IN": …}}``
test is a Python call per token: with the blame lexicon's ~300 patterns that was most of
the analysis time of a parsed sentence. Almost every pattern needs one particular word
(a token whose lower-case form is in a known set), so a label whose patterns all need a
word the sentence lacks cannot match, and its matcher is not run. The labels that can
match run in their own Matcher, with their patterns in the same order, so each label's
matches (and their order) are exactly what the single Matcher returned; only the order
*between* labels may differ, which the analysis never reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Operators that make a token spec match at least once ("!" matches where the word is not).
_MUST_MATCH_OPS = (None, "1", "+")
# Matchers kept for combinations of a label's patterns (a few hundred occur in practice).
_PARTIAL_LIMIT = 2048


def _required_words(pattern: Iterable[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """For each token the pattern must match that names its lower-case form(s), the set of
    forms: a sentence can match the pattern only if it has a word of every set."""
    required = []
    for spec in pattern:
        op = spec.get("OP")
        if not (op in _MUST_MATCH_OPS or _at_least_once(op)):
            continue  # optional, or a negation: says nothing about which words occur
        lower = spec.get("LOWER")
        if isinstance(lower, str):
            required.append(frozenset({lower}))
        elif isinstance(lower, dict) and set(lower) == {"IN"} and isinstance(lower["IN"], list):
            required.append(frozenset(str(value) for value in lower["IN"]))
    return tuple(required)


def _at_least_once(op: object) -> bool:
    """``{n}``, ``{n,}``, ``{n,m}`` with n >= 1."""
    if not isinstance(op, str) or not (op.startswith("{") and op.endswith("}")):
        return False
    low = op[1:-1].split(",")[0].strip()
    return low.isdigit() and int(low) >= 1


class GatedMatcher:
    """Same call as ``Matcher.__call__(doc)`` (a list of (match_id, start, end))."""

    def __init__(self, vocab: Any, labels: list[tuple[int, list[list[dict[str, Any]]]]]):
        from spacy.matcher import Matcher

        self._vocab = vocab
        self._labels: list[tuple[int, Any, list[list[dict[str, Any]]],
                                 list[tuple[frozenset[str], ...]]]] = []
        # word -> the (label, pattern) whose most selective required set holds it; patterns
        # that require no particular word are candidates for every sentence
        self._by_word: dict[str, list[tuple[int, int]]] = {}
        self._always: list[tuple[int, int]] = []
        for label, (key, patterns) in enumerate(labels):
            matcher = Matcher(vocab, validate=False)
            matcher.add(key, patterns)
            # the most selective sets first, so a pattern that cannot match fails fast
            gates = [tuple(sorted(_required_words(pattern), key=len)) for pattern in patterns]
            self._labels.append((key, matcher, patterns, gates))
            for index, gate in enumerate(gates):
                if not gate:
                    self._always.append((label, index))
                for word in gate[0] if gate else ():
                    self._by_word.setdefault(word, []).append((label, index))
        # A label with only some of its patterns possible runs a Matcher of just those
        # (built once per combination): spaCy's cost grows with the patterns it tries.
        self._partial: dict[tuple[int, tuple[int, ...]], Any] = {}

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        words = {token.lower_ for token in doc}
        candidates = set(self._always)
        by_word = self._by_word
        for word in words:
            found = by_word.get(word)
            if found:
                candidates.update(found)
        possible: dict[int, list[int]] = {}
        for label, index in sorted(candidates):
            if all(not words.isdisjoint(forms) for forms in self._labels[label][3][index][1:]):
                possible.setdefault(label, []).append(index)
        out: list[tuple[int, int, int]] = []
        for label, indexes in possible.items():
            key, matcher, patterns, _ = self._labels[label]
            if len(indexes) < len(patterns):
                matcher = self._subset(label, tuple(indexes))
            out += matcher(doc)
        return out

    def _subset(self, label: int, indexes: tuple[int, ...]) -> Any:
        """A Matcher with only the patterns ``indexes`` of ``label``, in their order: a
        pattern that cannot match adds no match and takes none away, so the matches and
        their order are those of the label's whole Matcher."""
        matcher = self._partial.get((label, indexes))
        if matcher is None:
            from spacy.matcher import Matcher

            key, _, patterns, _ = self._labels[label]
            matcher = Matcher(self._vocab, validate=False)
            matcher.add(key, [patterns[index] for index in indexes])
            if len(self._partial) >= _PARTIAL_LIMIT:
                self._partial.clear()
            self._partial[(label, indexes)] = matcher
        return matcher

    @classmethod
    def wrap(cls, matcher: Any) -> Any:
        """A GatedMatcher with the patterns of ``matcher``, or ``matcher`` itself when it
        uses what the gate does not reproduce (callbacks, greedy filters)."""
        patterns = getattr(matcher, "_patterns", None)
        callbacks = getattr(matcher, "_callbacks", {})
        filters = getattr(matcher, "_filter", {})
        if not isinstance(patterns, dict) or any(callbacks.get(key) for key in patterns) or \
                any(filters.get(key) for key in patterns):
            return matcher
        return cls(matcher.vocab, [(key, list(value)) for key, value in patterns.items()])
