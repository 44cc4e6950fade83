"""The analyzer: the patterns run over a parsed sentence, every detector over its view, and
the merge of the hits that mark the same cue."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from postmortem_lint.nlp.blame.classifier import BlameClassifier
from postmortem_lint.nlp.blame.detectors import (
    agent,
    counterfactual,
    discipline,
    failure_verb,
    human_error,
    judgment,
    minimising,
    person_as_cause,
    possessive_fault,
    second_opinion,
)
from postmortem_lint.nlp.blame.patterns import build_dependency_matcher, build_matcher
from postmortem_lint.nlp.blame.sentence import Sentence
from postmortem_lint.nlp.blame.tokens import ParsedSentence, Phrase
from postmortem_lint.nlp.hits import BlameHit, BlameKind
from postmortem_lint.nlp.lexicon import CompiledLexicon

Detector = Callable[[Sentence], Iterable[BlameHit]]

# Every detector, in the order their hits are offered to the merge.
DETECTORS: tuple[Detector, ...] = (
    failure_verb.detect, minimising.detect, counterfactual.detect, judgment.detect,
    possessive_fault.detect, discipline.detect, human_error.detect, person_as_cause.detect,
    agent.detect,
)

# When two kinds mark the same cue, the more specific one is kept.
_PRIORITY = {BlameKind.human_error: 0, BlameKind.discipline: 1, BlameKind.minimising: 2,
             BlameKind.judgment: 3, BlameKind.counterfactual: 4, BlameKind.person_as_cause: 5,
             BlameKind.possessive_fault: 6, BlameKind.failure_verb: 7, BlameKind.agent: 8}


class BlameAnalyzer:
    """Finds blame hits in parsed sentences. Built once per pipeline and lexicon.

    With a ``classifier``, a sentence the detectors found nothing in is offered to it as a
    second opinion (:mod:`~.detectors.second_opinion`) at ``threshold``."""

    def __init__(self, nlp: Language, lexicon: CompiledLexicon,
                 detectors: tuple[Detector, ...] = DETECTORS,
                 classifier: BlameClassifier | None = None, threshold: float = 1.0):
        self.vocabulary = lexicon.vocabulary
        self.detectors = detectors
        self.classifier = classifier
        self.threshold = threshold
        self.matcher = build_matcher(nlp, self.vocabulary)
        self.dep_matcher = build_dependency_matcher(nlp, self.vocabulary)

    def analyze(self, doc: Doc) -> tuple[BlameHit, ...]:
        parsed = ParsedSentence(doc)
        strings = doc.vocab.strings
        matches: dict[str, list[Phrase]] = {}
        for match_id, start, end in self.matcher(doc):
            matches.setdefault(strings[match_id], []).append(parsed.phrase(start, end))
        structures = [(strings[match_id], token_ids)
                      for match_id, token_ids in self._structures(doc, parsed)]
        sentence = Sentence(self.vocabulary, parsed, matches, structures)
        software = [(parsed[span.start].idx, _end(parsed, span.end))
                    for span in matches.get("SOFTWARE", [])]
        hits = [hit for detect in self.detectors for hit in detect(sentence)
                if not any(s <= hit.anchor[0] and hit.anchor[1] <= e for s, e in software)]
        if self.classifier is not None and all(hit.kind is BlameKind.agent for hit in hits):
            # nothing but people acting (blame only in a cause statement): a second opinion
            opinion = self.classifier.opinion(doc)
            hits += [hit for hit in second_opinion.detect(sentence, opinion, self.threshold,
                                                          hits)
                     if not any(s <= hit.anchor[0] and hit.anchor[1] <= e for s, e in software)]
        return merge(hits)

    def _structures(self, doc: Doc, parsed: ParsedSentence) -> list[tuple[int, list[int]]]:
        """The DependencyMatcher's matches; it is not run on a sentence where none of its
        patterns can match (no "agent" dependency and no fault noun): same result."""
        faults = self.vocabulary.fault_nouns
        if not any(word.dep_ == "agent" or word.lower_ in faults for word in parsed):
            return []
        return self.dep_matcher(doc)


def merge(hits: list[BlameHit]) -> tuple[BlameHit, ...]:
    """One hit per cue: where hits of several kinds mark overlapping cues, the most specific
    kind is kept; an act already reported as blame of another kind is not reported again as
    a person acting."""
    kept: list[BlameHit] = []
    for hit in sorted(hits, key=lambda h: _PRIORITY[h.kind]):
        start, end = hit.anchor
        if hit.kind is BlameKind.agent:
            if any((h.start, h.end) == (hit.start, hit.end) or
                   start < h.anchor[1] and h.anchor[0] < end for h in kept):
                continue
        elif any(h.kind is not BlameKind.agent and start < h.anchor[1] and h.anchor[0] < end
                 for h in kept):
            continue
        kept.append(hit)
    return tuple(sorted(kept, key=lambda h: (h.start, h.kind.value)))


def _end(parsed: ParsedSentence, end: int) -> int:
    last = parsed[end - 1]
    return last.idx + len(last.text)
