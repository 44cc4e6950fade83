"""The analyzer: lexicon-driven Matcher and DependencyMatcher patterns, the detectors run
over each parsed sentence, and the merging of what they find."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc

from postmortem_lint.nlp.blame.causes import CauseReading
from postmortem_lint.nlp.blame.conduct import ConductReading
from postmortem_lint.nlp.blame.faults import FaultReading
from postmortem_lint.nlp.blame.grammar import norm
from postmortem_lint.nlp.blame.parsed import ParsedSentence, Phrase
from postmortem_lint.nlp.hits import BlameHit, BlameKind
from postmortem_lint.nlp.lexicon import CompiledLexicon, inflections, phrase_tokens


class BlameAnalyzer:
    """Finds blame hits in parsed sentences. Built once per pipeline and lexicon."""

    def __init__(self, nlp: Language, lexicon: CompiledLexicon):
        self.lex = lexicon
        source = lexicon.source
        self.people = lexicon.lowered(source.people)
        self.nobody = lexicon.lowered(source.nobody)
        self.collective = lexicon.lowered(source.collective)
        self.role_words = lexicon.forms([r for r in source.roles if len(phrase_tokens(r)) == 1])
        self.roles = frozenset(norm(r) for r in source.roles)
        self.multiword_persons = frozenset(
            norm(r) for r in (*source.roles, *source.people) if len(phrase_tokens(r)) > 1)
        self.ambiguous = lexicon.forms(source.ambiguous_roles)
        self.qualifiers = frozenset(norm(q) for q in source.human_qualifiers) | frozenset(
            t for q in source.human_qualifiers for t in phrase_tokens(q) if t != "-")
        self.teams = lexicon.forms(source.teams)
        self.team_heads = lexicon.forms(source.team_heads)
        self.safe = lexicon.lowered(source.safe_subjects)
        self.failure = lexicon.heads([v for v in source.failure_verbs
                                      if len(phrase_tokens(v)) == 1])
        self.fail = frozenset(inflections("fail"))
        self.negated = lexicon.heads(source.negated_verbs)
        # "unheeded", "unnoticed", "unread": a diligence verb's participle, negated
        self.undone = frozenset("un" + form for form in self.negated)
        self.damage = lexicon.heads([v for v in source.damage_verbs if len(phrase_tokens(v)) == 1])
        self.cause_verbs = lexicon.heads(source.cause_verbs)
        self.damage_nouns = lexicon.forms(source.damage_nouns)
        self.wrong = lexicon.lowered(source.wrong_words)
        self.cause_nouns = lexicon.forms(source.cause_nouns)
        self.cause_labels = lexicon.forms(source.cause_labels)
        self.outcomes = lexicon.forms(source.outcome_words)
        self.neutral = lexicon.heads(source.neutral_verbs)
        self.actions = lexicon.heads(source.action_verbs)
        self.stative = lexicon.heads(source.stative_verbs)
        self.fault_nouns = lexicon.forms([n for n in source.fault_nouns
                                          if len(phrase_tokens(n)) == 1])
        self.hindsight = lexicon.lowered(source.hindsight_adverbs)
        self.human_error_modifiers = lexicon.lowered(source.human_error_modifiers)
        self.minimisers = lexicon.lowered(source.minimisers)
        self.discipline_verbs = lexicon.heads(source.discipline_verbs)
        # "write up", "let go": their verb alone ("were written to a node") is no sanction.
        single = lexicon.heads([v for v in source.discipline_verbs if len(phrase_tokens(v)) == 1])
        self.discipline_particles: dict[str, frozenset[str]] = {
            form: frozenset(phrase_tokens(v)[1:]) for v in source.discipline_verbs
            if len(phrase_tokens(v)) > 1 for form in lexicon.heads([v]) if form not in single}
        self.meta = lexicon.forms([v for v in source.meta_verbs if len(phrase_tokens(v)) == 1])
        self.matcher = Matcher(nlp.vocab, validate=False)
        self._add_phrases("FAILURE", [v for v in source.failure_verbs
                                      if len(phrase_tokens(v)) > 1], verb=True)
        self._add_phrases("DAMAGE", [v for v in source.damage_verbs
                                     if len(phrase_tokens(v)) > 1], verb=True)
        self._add_phrases("FAULT", source.fault_nouns, noun=True)
        self._add_phrases("JUDGMENT_WORD", source.judgment_words, noun=True)
        self._add_phrases("JUDGMENT", source.judgment_phrases, verb=True)
        self._add_phrases("CF_JUDGMENT", source.counterfactual_judgments, verb=True)
        self._add_phrases("DISCIPLINE", source.discipline_phrases, verb=True)
        self._add_phrases("HUMAN_ERROR", source.human_error_phrases, noun=True)
        self._add_phrases("CAUSE_LINK", source.cause_links, verb=True)
        self._add_phrases("SOFTWARE", source.software_terms, noun=True)
        self.matcher.add("ALL_HAD_TO", [[
            {"LOWER": "all"}, {"IS_PUNCT": False, "OP": "{1,4}"},
            {"LOWER": {"IN": ["had", "needed", "has", "have", "need", "needs"]}},
            {"LOWER": "to"}, {"LOWER": "do"}, {"LOWER": {"IN": ["was", "is"]}}]])
        self.matcher.add("ALL_IT_TOOK", [[  # "all it would have taken was for X to…"
            {"LOWER": {"IN": ["all", "nothing"]}}, {"LOWER": {"IN": ["it", "that", "more"]}},
            {"IS_PUNCT": False, "OP": "{0,3}"},
            {"LOWER": {"IN": ["took", "taken", "takes", "take", "needed", "required"]}},
            {"LOWER": {"IN": ["was", "is", "than"]}, "OP": "?"}, {"LOWER": "for"}]])
        self.matcher.add("WOULD_HAVE_TAKEN", [[  # "it would have taken the DBA a minute to…"
            {"LOWER": "it"}, {"LOWER": {"IN": ["would", "'d", "’d"]}},
            {"LOWER": {"IN": ["have", "'ve", "’ve"]}, "OP": "?"},
            {"LOWER": {"IN": ["taken", "take"]}}]])
        self.matcher.add("OFF_ROTATION", [[  # "removed from the escalation rotation"
            {"LOWER": {"IN": sorted(inflections("remove") | inflections("take") |
                                    inflections("pull") | inflections("ban") |
                                    inflections("bar") | inflections("suspend"))}},
            {"LOWER": {"IN": ["from", "off"]}},
            {"TEXT": {"NOT_IN": [".", ",", ";", ":", "(", ")"]}, "OP": "{0,5}"},
            {"LOWER": {"IN": ["rotation", "rotations", "schedule", "on-call", "oncall",
                              "pager", "call"]}}]])
        self.matcher.add("AS_EASY_AS", [[  # "it was as simple as X running…"
            {"LOWER": "as"}, {"LOWER": {"IN": ["simple", "easy", "trivial", "straightforward"]}},
            {"LOWER": "as"}]])
        self.dep_matcher = DependencyMatcher(nlp.vocab, validate=False)
        self.dep_matcher.add("PASSIVE_BY", [[  # "was ignored by X", "went unheeded by X"
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"TAG": {"IN": ["VBN", "JJ"]}}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "by",
             "RIGHT_ATTRS": {"DEP": "agent"}},
            {"LEFT_ID": "by", "REL_OP": ">", "RIGHT_ID": "agent",
             "RIGHT_ATTRS": {"DEP": "pobj"}}]])
        self.dep_matcher.add("POSSESSOR", [[
            {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(self.fault_nouns)}}},
            {"LEFT_ID": "noun", "REL_OP": ">", "RIGHT_ID": "owner",
             "RIGHT_ATTRS": {"DEP": "poss"}}]])
        self.dep_matcher.add("FAULT_BY", [[
            {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(self.fault_nouns)}}},
            {"LEFT_ID": "noun", "REL_OP": ">", "RIGHT_ID": "prep",
             "RIGHT_ATTRS": {"LOWER": {"IN": ["by", "of", "from"]}}},
            {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "owner",
             "RIGHT_ATTRS": {"DEP": "pobj"}}]])

    # -- patterns ------------------------------------------------------------------------
    def _add_phrases(self, label: str, phrases: Iterable[str], *, verb: bool = False,
                     noun: bool = False) -> None:
        """Matcher patterns for lexicon phrases: the first word of a verb phrase and the last
        of a noun phrase in every inflection; one-word entries share a single pattern."""
        patterns: list[list[dict[str, Any]]] = []
        single: set[str] = set()
        for phrase in phrases:
            tokens = phrase_tokens(phrase)
            if not tokens:
                continue
            pattern: list[dict[str, Any]] = []
            for index, token in enumerate(tokens):
                if token == "-":
                    pattern.append({"ORTH": "-"})
                    continue
                inflect = (verb and index == 0) or (noun and index == len(tokens) - 1)
                forms = set(inflections(token)) if inflect else {token}
                forms |= {form.replace("'", "\u2019") for form in forms if "'" in form}
                if len(tokens) == 1:
                    single |= forms
                    break
                pattern.append({"LOWER": {"IN": sorted(forms)}} if len(forms) > 1
                               else {"LOWER": next(iter(forms))})
            if len(tokens) == 1:
                continue
            if verb and len(pattern) > 1 and pattern[1].get("LOWER") and label in (
                    "FAILURE", "DAMAGE") and tokens[1] != "to":
                # a phrasal verb may have its object in between: "took the cluster down"
                patterns.append([pattern[0], {"IS_PUNCT": False, "OP": "{0,3}"}, *pattern[1:]])
            patterns.append(pattern)
        if single:
            patterns.append([{"LOWER": {"IN": sorted(single)}}])
        if patterns:
            self.matcher.add(label, patterns)

    # -- entry point ---------------------------------------------------------------------
    def analyze(self, doc: Doc) -> tuple[BlameHit, ...]:
        parsed = ParsedSentence(doc)
        strings = doc.vocab.strings
        matches: dict[str, list[Phrase]] = {}
        for match_id, start, end in self.matcher(doc):
            matches.setdefault(strings[match_id], []).append(parsed.phrase(start, end))
        structures = [(strings[match_id], token_ids)
                      for match_id, token_ids in self._structures(doc, parsed)]
        software = [(span.start, span.end) for span in matches.get("SOFTWARE", [])]
        found = _Found(parsed, software)
        sentence = _Sentence(self, parsed, matches, structures)
        for detect in (sentence.failures, sentence.minimising, sentence.counterfactuals,
                       sentence.possessive, sentence.judgments, sentence.discipline,
                       sentence.human_error, sentence.person_as_cause, sentence.agents):
            for hit in detect():
                found.add(hit)
        return found.result()


    def _structures(self, doc: Doc, parsed: ParsedSentence) -> list[tuple[int, list[int]]]:
        """The DependencyMatcher's matches; it is not run on a sentence where none of its
        patterns can match (no "agent" dependency and no fault noun): same result."""
        if not any(word.dep_ == "agent" or word.lower_ in self.fault_nouns for word in parsed):
            return []
        return self.dep_matcher(doc)


class _Found:
    """Collects hits; drops duplicates and those inside software terms."""

    # When two kinds mark the same words, the more specific one is kept.
    _PRIORITY = {BlameKind.human_error: 0, BlameKind.discipline: 1, BlameKind.minimising: 2,
                 BlameKind.judgment: 3, BlameKind.counterfactual: 4, BlameKind.person_as_cause: 5,
                 BlameKind.possessive_fault: 6, BlameKind.failure_verb: 7, BlameKind.agent: 8}

    def __init__(self, doc: ParsedSentence, software: list[tuple[int, int]]):
        self.doc = doc
        self.software = software
        self.hits: list[tuple[BlameHit, int, int]] = []

    def add(self, item: tuple[BlameKind, int, int, str, int, int]) -> None:
        kind, start, end, who, anchor_start, anchor_end = item
        if any(s <= anchor_start and anchor_end <= e for s, e in self.software):
            return
        doc = self.doc
        hit = BlameHit(kind, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), who)
        self.hits.append((hit, anchor_start, anchor_end))

    def result(self) -> tuple[BlameHit, ...]:
        kept: list[tuple[BlameHit, int, int]] = []
        ordered = sorted(self.hits, key=lambda item: self._PRIORITY[item[0].kind])
        for hit, a_start, a_end in ordered:
            if hit.kind is BlameKind.agent:
                # an act already reported as blame of another kind is not reported twice
                if any((h.start, h.end) == (hit.start, hit.end) or a_start < e and s < a_end
                       for h, s, e in kept):
                    continue
                kept.append((hit, a_start, a_end))
                continue
            if any(h.kind is not BlameKind.agent and a_start < e and s < a_end
                   for h, s, e in kept):
                continue  # the same cue is already reported under a more specific kind
            kept.append((hit, a_start, a_end))
        return tuple(sorted((h for h, _, _ in kept), key=lambda h: (h.start, h.kind.value)))




class _Sentence(ConductReading, FaultReading, CauseReading):
    """Every detector, over one parsed sentence."""
