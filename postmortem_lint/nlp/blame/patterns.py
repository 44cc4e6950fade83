"""The spaCy ``Matcher`` and ``DependencyMatcher`` patterns, built from the vocabulary.

The Matcher finds the lexical cues under one label per lexicon list (FAILURE, FAULT,
JUDGMENT, DISCIPLINE, HUMAN_ERROR, CAUSE_LINK, SOFTWARE…) and a few constructions no
single word announces ("all X had to do was", "as simple as"); the DependencyMatcher
finds the structural ones (the agent of a passive verb, the owner of a fault noun).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher

from postmortem_lint.nlp.vocabulary import Vocabulary, phrase_tokens, verb_index

Pattern = list[dict[str, Any]]


def _in(words: Iterable[str]) -> dict[str, Any]:
    return {"LOWER": {"IN": sorted(words)}}


def _words(count: str) -> dict[str, Any]:
    """``count`` ("{0,3}") tokens that are not punctuation."""
    return {"IS_PUNCT": False, "OP": count}


def _within(count: str) -> dict[str, Any]:
    """``count`` ("{0,5}") tokens within a clause: no stop, comma, colon or bracket."""
    return {"TEXT": {"NOT_IN": [".", ",", ";", ":", "(", ")"]}, "OP": count}


def build_matcher(nlp: Language, v: Vocabulary) -> Matcher:
    source, w = v.source, v.w
    matcher = Matcher(nlp.vocab, validate=False)

    def add(label: str, phrases: Iterable[str], *, verb: bool = False,
            noun: bool = False) -> None:
        patterns = phrase_patterns(v, label, phrases, verb=verb, noun=noun)
        if patterns:
            matcher.add(label, patterns)

    add("FAILURE", [p for p in source.failure_verbs if len(phrase_tokens(p)) > 1], verb=True)
    add("DAMAGE", [p for p in source.damage_verbs if len(phrase_tokens(p)) > 1], verb=True)
    add("FAULT", source.fault_nouns, noun=True)
    add("JUDGMENT_WORD", source.judgment_words, noun=True)
    add("JUDGMENT", source.judgment_phrases, verb=True)
    add("CF_JUDGMENT", source.counterfactual_judgments, verb=True)
    add("NEGATED_JUDGMENT", source.grammar.get("negated_judgments", []), verb=True)
    add("DISCIPLINE", source.discipline_phrases, verb=True)
    add("HUMAN_ERROR", source.human_error_phrases, noun=True)
    add("CAUSE_LINK", source.cause_links, verb=True)
    add("SOFTWARE", source.software_terms, noun=True)
    for label, patterns in _constructions(v).items():
        matcher.add(label, patterns)
    # "must answer to the VP", "has to answer for it": a person called to account
    matcher.add("ANSWER_TO", [
        [{**_in(w.answer_verbs), "TAG": {"IN": ["VB", "VBP", "VBZ", "VBD", "VBG"]}},
         {"LOWER": "to"}, {"LOWER": {"IN": sorted(w.articles)}, "OP": "?"},
         _in(v.leadership)],
        [{**_in(w.answer_verbs), "TAG": {"IN": ["VB", "VBP", "VBZ", "VBD", "VBG"]}},
         {"LOWER": "for"}]])
    return matcher


def _constructions(v: Vocabulary) -> dict[str, list[Pattern]]:
    w = v.w
    return {
        "ALL_HAD_TO": [[  # "all <someone> had to do was"
            {"LOWER": "all"}, _within("{1,5}"),
            _in(w.all_had_to),
            {"LOWER": "to"}, {"LOWER": "do"}, _in(w.was_is)]],
        "ALL_IT_TOOK": [[  # "all it would have taken was for <someone> to…"
            _in(w.all_nothing), _in(w.it_that_more), _words("{0,3}"),
            _in(w.took_words), {**_in(w.was_is_than), "OP": "?"}, {"LOWER": "for"}]],
        "WOULD_HAVE_TAKEN": [[  # "it would have taken <someone> a minute to…"
            {"LOWER": "it", "OP": "?"}, _in(w.would_forms),
            {**_in(v.minimisers | w.only_words), "OP": "?"},  # "would only have taken"
            {**_in(w.have_forms), "OP": "?"}, _in(w.taken_forms)]],
        "HOLD_ACCOUNTABLE": [[  # "hold <someone> accountable"
            _in(w.hold_verbs), _within("{1,6}"),
            _in(w.accountable_words)]],
        "OFF_ROTATION": [[  # "was removed from the escalation rotation" (done to someone)
            {**_in(w.off_rotation_verbs), "TAG": {"IN": ["VBN", "JJ"]}}, _in(w.from_off),
            _within("{0,5}"),
            _in(w.rotation_words)], [  # "will no longer be part of the on-call rotation"
            {"LOWER": "no"}, {"LOWER": "longer"}, _in(w.be_verbs),
            _within("{0,5}"),
            _in(w.rotation_words - w.assignment_words)]],
        "AS_EASY_AS": [[  # "it was as simple as <someone> running…"
            {"LOWER": "as"}, _in(w.easy_words), {"LOWER": "as"}]],
        "SIMPLE_MATTER": [[  # "a simple matter of <doing it>, which X didn't do"
            _in(w.easy_words), _in(w.matter_words), {"LOWER": "of"}], [
            # "merely a matter of <doing it>, which X didn't do"
            _in(v.minimisers), {**_in(w.articles), "OP": "?"}, _in(w.matter_words),
            {"LOWER": "of"}]],
        "SAT_ON": [[  # "sat on the security report for a week"
            _in(w.sit_verbs), {"LOWER": "on"}, _words("{0,4}"),
            _in(w.held_items)]],
        "LOSE_PRIVILEGES": [  # "will lose his production privileges", "loses deploy access"
            [_in(w.lose_verbs), _words("{0,3}"), _in(w.privileges)],
            [_in(w.lose_verbs), _words("{0,2}"), _in(w.access_kinds),
             {"LOWER": "access"}],
            # "<someone>'s merge rights have been taken away"
            [_in(w.privileges), _words("{0,5}"), _in(w.withdrawn_words)]],
        "ENGAGEMENT_ENDED": [  # "the intern's placement was ended", "ended her contract"
            [_in(w.engagements), _words("{0,3}"), _in(w.ended_words)],
            # "the placement of <the contractor> has been ended"
            [_in(w.engagements), {"LOWER": "of"}, _words("{1,4}"), {**_in(w.be_verbs), "OP": "+"},
             _in(w.ended_words)],
            [_in(w.ended_words), _words("{0,3}"), _in(w.engagements)],
            # "<someone>'s contract will not be renewed"
            [_in(w.engagements), _words("{0,3}"), _in(w.negators),
             _words("{0,2}"), _in(w.renew_words)]],
        "CONDUCT_INQUIRY": [  # "an inquiry into <someone>'s conduct"
            [_in(w.inquiry_nouns), _in(w.inquiry_links),
             _words("{0,4}"), _in(w.conduct_nouns)],
            # "<someone> will review <someone>'s conduct"
            [_in(w.inquiry_verbs), _words("{0,4}"), _in(w.conduct_nouns)],
            # "HR has been looped in about <someone>'s conduct"
            [_in(w.personnel_words), _words("{0,6}"), _in(w.inquiry_links), _words("{0,3}"),
             _in(w.conduct_nouns)]],
        "BUT_FOR": [[  # "were it not for", "had it not been for", "if it weren't for"
            _in(w.but_for_heads), {"LOWER": "it"}, {**_in(w.be_verbs), "OP": "?"},
            _in(w.negators), {**_in(w.be_verbs), "OP": "?"}, {"LOWER": "for"}]],
    }


def phrase_patterns(v: Vocabulary, label: str, phrases: Iterable[str], *, verb: bool,
                    noun: bool) -> list[Pattern]:
    """Matcher patterns for lexicon phrases: the first word of a verb phrase and the last
    of a noun phrase in every inflection; one-word entries share a single pattern."""
    patterns: list[Pattern] = []
    single: set[str] = set()
    for phrase in phrases:
        tokens = phrase_tokens(phrase)
        if not tokens:
            continue
        if len(tokens) == 1:
            single |= _forms(v, tokens[0], verb or noun)
            continue
        pattern = [_token_spec(v, token, (verb and index == verb_index(tokens)) or
                               (noun and index == len(tokens) - 1))
                   for index, token in enumerate(tokens)]
        if verb and len(pattern) > 1 and pattern[1].get("LOWER") and label in (
                "FAILURE", "DAMAGE") and tokens[1] != "to":
            # a phrasal verb may have its object in between: "took the cluster down"
            patterns.append([pattern[0], _words("{0,3}"), *pattern[1:]])
        patterns.append(pattern)
        if label == "DISCIPLINE" and verb:
            # an adverb may come between: "held <adverb> accountable"
            patterns.append([pattern[0], {"TAG": {"IN": ["RB", "RBR"]}}, *pattern[1:]])
    if single:
        patterns.append([_in(single)])
    return patterns


def _forms(v: Vocabulary, token: str, inflect: bool) -> set[str]:
    forms = set(v.inflect(token)) if inflect else {token}
    return forms | {form.replace("'", "\u2019") for form in forms if "'" in form}


def _token_spec(v: Vocabulary, token: str, inflect: bool) -> dict[str, Any]:
    if token == "-":
        return {"ORTH": "-"}
    forms = _forms(v, token, inflect)
    return _in(forms) if len(forms) > 1 else {"LOWER": next(iter(forms))}


def build_dependency_matcher(nlp: Language, v: Vocabulary) -> DependencyMatcher:
    matcher = DependencyMatcher(nlp.vocab, validate=False)
    faults = sorted(v.fault_nouns)
    matcher.add("PASSIVE_BY", [[  # "was ignored by X", "went unheeded by X"
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"TAG": {"IN": ["VBN", "JJ"]}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "by", "RIGHT_ATTRS": {"DEP": "agent"}},
        {"LEFT_ID": "by", "REL_OP": ">", "RIGHT_ID": "agent", "RIGHT_ATTRS": {"DEP": "pobj"}}], [
        # "was set off by X deleting…": the agent is an act, its doer the gerund's subject
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"TAG": {"IN": ["VBN", "JJ"]}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "by", "RIGHT_ATTRS": {"DEP": "agent"}},
        {"LEFT_ID": "by", "REL_OP": ">", "RIGHT_ID": "agent",
         "RIGHT_ATTRS": {"DEP": "pcomp", "TAG": "VBG"}}]])
    matcher.add("POSSESSOR", [[
        {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"LOWER": {"IN": faults}}},
        {"LEFT_ID": "noun", "REL_OP": ">", "RIGHT_ID": "owner", "RIGHT_ATTRS": {"DEP": "poss"}}]])
    matcher.add("FAULT_BY", [[
        {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"LOWER": {"IN": faults}}},
        {"LEFT_ID": "noun", "REL_OP": ">", "RIGHT_ID": "prep",
         "RIGHT_ATTRS": {"LOWER": {"IN": sorted(v.w.by_of_from)}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "owner",
         "RIGHT_ATTRS": {"DEP": "pobj"}}]])
    return matcher
