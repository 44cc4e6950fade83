"""Blame in one parsed sentence: which cue, and whether a person is what it is about.

spaCy ``Matcher`` patterns find the lexical cues (failure verbs, fault nouns,
judgment words, disciplinary and human-error phrases, cause links) and a
``DependencyMatcher`` finds the structural ones (passive agents, possessors of
a fault). The dependency parse then answers the question the policy asks:
is the subject, agent or possessor a person, a personal role or a team other
than the authors? Systems, "we", negations ("nobody was careless"), and talk
about blame ("we don't call this human error") are not blame.

This module imports spaCy; the service imports it only when a sentence has to
be parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span, Token

from postmortem_lint.nlp.hits import BlameHit, BlameKind
from postmortem_lint.nlp.lexicon import CompiledLexicon, inflections, phrase_tokens

PERSON, ROLE, TEAM, WE, NOBODY, SYSTEM = "person", "role", "team", "we", "nobody", "system"
_BLAMEABLE = frozenset({PERSON, ROLE, TEAM})
_SUBJECTS = ("nsubj", "csubj")
_NEG_WORDS = frozenset({"not", "n't", "never", "no", "nt", "n’t"})
_MONTHS_DAYS = frozenset("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday christmas easter""".split())
_NAME = re.compile(r"^[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF'\u2019]+(?:-[A-Z][a-z]+)?$")
_COMMON_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ing", "ance", "ence", "ure", "age",
                    "ism", "ics", "ogy", "ery", "ies", "ship", "ware", "able")
# Verbs only a person does: enough to read a capitalised first word ("Ravi forgot") as a name.
_WEAK_NAME_CUES = frozenset(form for verb in (
    "forget", "neglect", "botch", "bungle", "fumble", "flub", "mess", "screw", "foul", "goof",
    "slip", "drop", "mishandle", "misread", "mistype", "fat-finger", "lose", "bother")
    for form in inflections(verb))
_PRONOUN_PERSONS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me", "my",
                              "someone", "somebody", "whoever", "whomever", "who", "whom"})
_THEY = frozenset({"they", "them", "their", "theirs"})
_COLLECTIVE_POSS = frozenset({"our", "my", "its"})
_HAVE = frozenset(inflections("have"))
_DO = frozenset(inflections("do"))
_BE = frozenset(inflections("be"))
_POSSESSIVE_PRONOUNS = frozenset({"hers", "his", "theirs"})
_MAKE = frozenset(inflections("make") | inflections("commit"))
_LIE = frozenset(inflections("lie") | inflections("rest") | inflections("fall") | {"lay"})


@dataclass(frozen=True, slots=True)
class Mention:
    kind: str
    start: int  # token indices, end exclusive
    end: int
    text: str
    # How sure the analysis is that a capitalised word is a name: 0 sure (a role, a pronoun,
    # a name inside the sentence or with a surname), 1 a clause's first word tagged as a
    # proper noun, 2 a clause's first word tagged as a common noun ("Ravi", but "Traffic").
    weak: int = 0


class BlameAnalyzer:
    """Finds blame hits in parsed sentences. Built once per pipeline and lexicon."""

    def __init__(self, nlp: Language, lexicon: CompiledLexicon):
        self.lex = lexicon
        source = lexicon.source
        self.people = lexicon.lowered(source.people)
        self.nobody = lexicon.lowered(source.nobody)
        self.collective = lexicon.lowered(source.collective)
        self.role_words = lexicon.forms([r for r in source.roles if len(phrase_tokens(r)) == 1])
        self.roles = frozenset(_norm(r) for r in source.roles)
        self.multiword_persons = frozenset(
            _norm(r) for r in (*source.roles, *source.people) if len(phrase_tokens(r)) > 1)
        self.ambiguous = lexicon.forms(source.ambiguous_roles)
        self.qualifiers = frozenset(_norm(q) for q in source.human_qualifiers) | frozenset(
            t for q in source.human_qualifiers for t in phrase_tokens(q) if t != "-")
        self.teams = lexicon.forms(source.teams)
        self.team_heads = lexicon.forms(source.team_heads)
        self.safe = lexicon.lowered(source.safe_subjects)
        self.failure = lexicon.heads([v for v in source.failure_verbs
                                      if len(phrase_tokens(v)) == 1])
        self.fail = frozenset(inflections("fail"))
        self.negated = lexicon.heads(source.negated_verbs)
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
        self.matcher.add("AS_EASY_AS", [[  # "it was as simple as X running…"
            {"LOWER": "as"}, {"LOWER": {"IN": ["simple", "easy", "trivial", "straightforward"]}},
            {"LOWER": "as"}]])
        self.dep_matcher = DependencyMatcher(nlp.vocab, validate=False)
        failure_forms = sorted(self.failure | self.negated)
        self.dep_matcher.add("PASSIVE_BY", [[
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"TAG": "VBN"}},
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
        self.failure_forms = frozenset(failure_forms)

    # -- patterns ------------------------------------------------------------------------
    def _add_phrases(self, label: str, phrases: Iterable[str], *, verb: bool = False,
                     noun: bool = False) -> None:
        patterns = []
        for phrase in phrases:
            tokens = phrase_tokens(phrase)
            if not tokens:
                continue
            pattern = []
            for index, token in enumerate(tokens):
                if token == "-":
                    pattern.append({"ORTH": "-"})
                    continue
                inflect = (verb and index == 0) or (noun and index == len(tokens) - 1)
                forms = sorted(inflections(token)) if inflect else [token]
                if "'" in token:
                    forms += [form.replace("'", "\u2019") for form in forms]
                pattern.append({"LOWER": {"IN": forms}})
            if verb and len(pattern) > 1 and pattern[1].get("LOWER") and label in (
                    "FAILURE", "DAMAGE") and tokens[1] != "to":
                # a phrasal verb may have its object in between: "took the cluster down"
                gap = [pattern[0], {"IS_PUNCT": False, "OP": "{0,3}"}, *pattern[1:]]
                patterns.append(gap)
            patterns.append(pattern)
        if patterns:
            self.matcher.add(label, patterns)

    # -- entry point ---------------------------------------------------------------------
    def analyze(self, doc: Doc) -> tuple[BlameHit, ...]:
        matches: dict[str, list[Span]] = {}
        for match_id, start, end in self.matcher(doc):
            matches.setdefault(doc.vocab.strings[match_id], []).append(doc[start:end])
        software = [(span.start, span.end) for span in matches.get("SOFTWARE", [])]
        found = _Found(doc, software)
        sentence = _Sentence(self, doc, matches)
        for detect in (sentence.failures, sentence.minimising, sentence.counterfactuals,
                       sentence.possessive, sentence.judgments, sentence.discipline,
                       sentence.human_error, sentence.person_as_cause, sentence.agents):
            for hit in detect():
                found.add(hit)
        return found.result()


class _Found:
    """Collects hits; drops duplicates and those inside software terms."""

    # When two kinds mark the same words, the more specific one is kept.
    _PRIORITY = {BlameKind.human_error: 0, BlameKind.discipline: 1, BlameKind.minimising: 2,
                 BlameKind.judgment: 3, BlameKind.counterfactual: 4, BlameKind.person_as_cause: 5,
                 BlameKind.possessive_fault: 6, BlameKind.failure_verb: 7, BlameKind.agent: 8}

    def __init__(self, doc: Doc, software: list[tuple[int, int]]):
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


Hit = tuple[BlameKind, int, int, str, int, int]  # kind, span start/end, who, anchor start/end


class _Sentence:
    """The detectors, over one parsed sentence (usually one spaCy sentence)."""

    def __init__(self, analyzer: BlameAnalyzer, doc: Doc, matches: dict[str, list[Span]]):
        self.a = analyzer
        self.doc = doc
        self.matches = matches
        self.label_end = self._cause_label_end()

    # -- who is it about ---------------------------------------------------------------
    def who(self, token: Token | None) -> Mention | None:
        """Classify the noun phrase headed by ``token``."""
        if token is None:
            return None
        a = self.a
        lower = token.lower_.replace("\u2019", "'")
        left = self._left_edge(token)
        text = self.doc[left:token.i + 1].text
        mention = lambda kind, weak=0: Mention(kind, left, token.i + 1, text, weak)  # noqa: E731
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children):
            return mention(NOBODY)
        if lower in a.nobody or f"no {lower}" in a.nobody and self._prev(token, "no"):
            return mention(NOBODY)
        if lower in _PRONOUN_PERSONS:
            return mention(PERSON)
        if lower in ("anyone", "anybody", "everyone", "everybody", "one"):
            return mention(SYSTEM)  # nobody in particular: "anyone could have made this slip"
        if lower in _THEY:
            return mention(SYSTEM if self._plural_thing_before(token) else PERSON)
        if lower in a.collective and not self._modifiers(token):
            return mention(WE)
        if token.tag_ in ("PRP", "PRP$", "WDT", "EX", "DT"):
            return mention(SYSTEM)
        phrase = _norm(self.doc[self._modifier_edge(token):token.i + 1].text)
        if phrase in a.roles or phrase in a.people or any(
                phrase.endswith(" " + role) for role in a.multiword_persons):
            return mention(ROLE)  # "our new hire", "the on-call SRE"
        poss = [c for c in token.children if c.dep_ == "poss"]
        if poss and poss[0].lower_ in _COLLECTIVE_POSS and lower not in a.role_words:
            return mention(SYSTEM)
        if lower in a.team_heads:
            modifiers = self._modifiers(token)
            if not modifiers:
                return mention(WE)
            if any(m.lower_ in ("our", "we") for m in modifiers):
                return mention(WE)
            return mention(TEAM)
        if lower in a.people:
            return mention(PERSON)
        if lower in a.role_words:
            if lower in a.ambiguous and not self._human_role(token):
                return mention(SYSTEM)
            return mention(ROLE)
        if lower in a.teams and (token.is_upper or token.is_title) and not any(
                c.dep_ == "det" for c in token.children):
            return mention(TEAM)
        return self._name(token, mention)

    def _name(self, token: Token, mention) -> Mention | None:  # noqa: ANN001
        a = self.a
        lower = token.lower_
        if not _NAME.match(token.text) or token.tag_ not in ("NNP", "NN", "NNPS", "VBN", "JJ"):
            return mention(SYSTEM)
        if lower in a.safe or lower in _MONTHS_DAYS or lower in a.role_words:
            return mention(SYSTEM)
        if any(c.dep_ == "det" for c in token.children):
            return mention(SYSTEM)
        surname = any(c.dep_ == "compound" and _NAME.match(c.text) for c in token.children) or (
            token.dep_ == "compound" and _NAME.match(token.head.text))
        first = token.i == self._clause_start(token)
        if first and not surname:
            if token.tag_ != "NNP" and len(lower) >= 6 and lower.endswith(_COMMON_SUFFIXES):
                return mention(SYSTEM)
            return mention(PERSON, weak=1 if token.tag_ == "NNP" else 2)
        return mention(PERSON)

    def _clause_start(self, token: Token) -> int:
        """Index of the first word of the sentence, or of the clause after a 'Label:'."""
        start = token.sent.start
        while start < len(self.doc) and (self.doc[start].is_punct or self.doc[start].is_space):
            start += 1
        if self.label_end is not None and token.i > self.label_end:
            start = self.label_end + 1
            while start < len(self.doc) and self.doc[start].lower_ in ("the", "a", "an"):
                start += 1
        return start

    def _modifiers(self, token: Token) -> list[Token]:
        return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss",
                                                         "npadvmod") and c.i < token.i]

    def _human_role(self, token: Token) -> bool:
        modifiers = self._modifiers(token)
        if not modifiers:
            return True
        phrase = _norm(self.doc[min(m.left_edge.i for m in modifiers):token.i + 1].text)
        if phrase in self.a.roles:
            return True
        words = {_norm(m.text) for m in modifiers} | {
            t.lower_ for m in modifiers for t in m.subtree if not t.is_punct}
        return bool(words) and words <= (self.a.qualifiers | {"the", "a", "an", "his", "her",
                                                              "their", "-"})

    def _modifier_edge(self, token: Token) -> int:
        """Where the compounds and adjectives before ``token`` start (no determiner)."""
        left = token.i
        for child in token.lefts:
            if child.dep_ in ("amod", "compound", "nmod") and child.i == left - 1 or (
                    child.dep_ in ("amod", "compound", "nmod") and child.right_edge.i >= left - 2):
                left = min(left, child.left_edge.i)
        return left

    def _left_edge(self, token: Token) -> int:
        left = token.i
        for child in token.lefts:
            if child.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "quantmod",
                              "punct", "predet", "advmod"):
                left = min(left, child.left_edge.i)
        return left

    def _prev(self, token: Token, word: str) -> bool:
        return token.i > 0 and self.doc[token.i - 1].lower_ == word

    def _plural_thing_before(self, token: Token) -> bool:
        for other in self.doc[token.sent.start:token.i]:
            if other.tag_ in ("NNS", "NNPS") and other.lower_ not in self.a.team_heads \
                    and other.lower_ not in self.a.role_words and other.lower_ not in self.a.people:
                return True
        return False

    def blameable(self, mention: Mention | None, level: int = 0) -> bool:
        """A person, role or team, named at least as surely as ``level`` (see Mention.weak)."""
        if mention is None or mention.kind not in _BLAMEABLE:
            return False
        return mention.weak <= level

    # -- grammar helpers ---------------------------------------------------------------
    def subject(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            head = verb.head
            if head.tag_.startswith("VB") or head.dep_ == "ROOT":
                return self.subject(head)
        if verb.dep_ == "relcl" and verb.head.i != verb.i:
            return None
        return None

    @staticmethod
    def passive(verb: Token) -> bool:
        return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)

    @staticmethod
    def negated(verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "neg" or (child.lower_ in ("never", "not", "n't") and
                                       child.dep_ in ("advmod", "neg")):
                return child
        return None

    def suppressed(self, anchor: Token, *, own_negation_ok: bool = False) -> bool:
        """Negated, denied ("nobody…"), or talked about ("we avoid calling this…").

        Negation reaches up the parse only within a clause: "If Omar had read the
        runbook, none of this would have happened" still blames Omar.
        """
        a = self.a
        token = anchor
        in_scope = True
        for _ in range(40):
            if in_scope:
                if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children):
                    return True
                if (token.i != anchor.i or not own_negation_ok) and (
                        token.tag_.startswith(("VB", "JJ")) or token.dep_ == "ROOT") and \
                        self.negated(token) is not None:
                    return True
                for child in token.children:
                    if child.dep_ in ("nsubj", "nsubjpass") and (child.lower_ in a.nobody or any(
                            c.dep_ == "det" and c.lower_ == "no" for c in child.children)):
                        return True
            if token.i != anchor.i and token.lower_ in a.meta:
                return True
            if token.dep_ == "ROOT" or token.head.i == token.i:
                return False
            if token.dep_ in ("conj", "advcl", "relcl", "parataxis"):
                in_scope = False
            token = token.head
        return False

    def span_with_subject(self, subject: Mention | None, start: int, end: int) -> tuple[int, int]:
        """Include the subject when it directly precedes the cue ("The DBA neglected")."""
        if subject is not None and subject.end <= start and start - subject.end <= 3:
            return subject.start, end
        return start, end

    def _cause_label_end(self) -> int | None:
        """Index of the ':' of a leading "Root cause:" style label, if any."""
        doc = self.doc
        for token in doc[:10]:
            if token.text in (":", "\u2014", "-") and token.i > 0:
                words = {t.lower_ for t in doc[:token.i]}
                if words & self.a.cause_labels:
                    return token.i
                return None
        return None

    def verbs(self) -> Iterator[Token]:
        for token in self.doc:
            if token.tag_.startswith("VB") and token.dep_ not in ("aux", "auxpass"):
                yield token

    # -- failure verbs -----------------------------------------------------------------
    def failures(self) -> Iterator[Hit]:
        a = self.a
        phrasal = {span.start: span for span in self.matches.get("FAILURE", [])}
        for verb in self.doc:
            lower = verb.lower_
            span = phrasal.get(verb.i)
            is_fail = lower in a.fail
            if not (lower in a.failure or span is not None or is_fail or lower in a.negated):
                continue
            if not (verb.tag_.startswith("VB") or (span is not None and verb.tag_ in ("NN", "JJ"))):
                continue
            if verb.dep_ in ("amod", "compound"):
                continue
            negation = self.negated(verb)
            end = verb.i + 1
            cue_start = verb.i
            if is_fail:
                complement = next((c for c in verb.children if c.dep_ == "xcomp" and
                                   c.tag_.startswith("VB")), None)
                following = self.doc[verb.i + 1].lower_ if verb.i + 1 < len(self.doc) else ""
                if complement is None or following in ("over", "back", "open", "closed", "safe") \
                        or any(c.dep_ == "prt" for c in verb.children):
                    continue  # "failed over" is a neutral act
                end = complement.i + 1
            elif span is not None:
                end = span.end
            elif lower in a.failure and lower not in a.negated:
                if lower.startswith("bother") and negation is None:
                    continue
            else:  # a diligence verb: blame only when negated ("never checked")
                if negation is None:
                    yield from self._without(verb)
                    continue
                if any(c.dep_ == "aux" and c.lower_ in ("could", "can", "ca", "cannot")
                       for c in verb.children):
                    continue  # "could not see": the system hid it
                if self._counterfactual_clause(verb):
                    continue
            if lower in a.failure and negation is not None and lower not in a.negated:
                continue  # "did not forget"
            if negation is not None:
                cue_start = min(negation.i, cue_start)
                aux = [c.i for c in verb.children if c.dep_ == "aux" and c.i < verb.i and
                       c.lower_ in _DO]
                cue_start = min([cue_start, *aux])
            if self.passive(verb):
                yield from self._passive_agent(verb, BlameKind.failure_verb, cue_start)
                continue
            subject = self.who(self.subject(verb))
            if not self.blameable(subject, 2 if lower in _WEAK_NAME_CUES else 1):
                continue
            if self.suppressed(verb, own_negation_ok=negation is not None):
                continue
            start, stop = self.span_with_subject(subject, cue_start, end)
            yield (BlameKind.failure_verb, start, stop, subject.text, cue_start, end)

    def _without(self, verb: Token) -> Iterator[Hit]:
        """"approved the change without reading the diff": a person skipping diligence."""
        prep = verb.head
        if verb.tag_ != "VBG" or prep.lower_ != "without" or verb.dep_ not in ("pcomp", "pobj"):
            return
        acting = prep.head
        if not acting.tag_.startswith("VB"):
            return
        if self.passive(acting):
            agent = next((p for c in acting.children if c.dep_ == "agent"
                          for p in c.children if p.dep_ == "pobj"), None)
            mention = self.who(agent)
        else:
            mention = self.who(self.subject(acting))
        if not self.blameable(mention, 1) or self.suppressed(acting):
            return
        end = verb.i + 1
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "prep")), None)
        if obj is not None:
            end = min(obj.right_edge.i + 1, verb.i + 6)
        yield (BlameKind.failure_verb, prep.i, end, mention.text, prep.i, end)

    def _passive_agent(self, verb: Token, kind: BlameKind, cue_start: int) -> Iterator[Hit]:
        agent = next((p for c in verb.children if c.dep_ == "agent"
                      for p in c.children if p.dep_ == "pobj"), None)
        mention = self.who(agent)
        if not self.blameable(mention, level=2) or agent is None:
            return
        if self.suppressed(verb, own_negation_ok=False):
            return
        aux = [c.i for c in verb.children if c.dep_ in ("auxpass",)]
        start = min([cue_start, *aux])
        yield (kind, start, agent.i + 1, mention.text, verb.i, verb.i + 1)

    def _counterfactual_clause(self, verb: Token) -> bool:
        """"if X had…", or an inversion: "had X…", "were X to have…"."""
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
            return True
        return self._inversion(verb) is not None

    def _inversion(self, verb: Token) -> Token | None:
        """The "had"/"were"/"should" right before the verb's subject, if the clause is
        inverted ("Had the DBA taken…", "…had the payments team read…")."""
        subject = self.subject(verb)
        if subject is None:
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is None or subject.i > verb.i:
            return None
        start = self._left_edge(subject)
        if start == 0:
            return None
        before = self.doc[start - 1]
        if before.lower_ in ("had", "'d", "were", "should") and before.i < subject.i:
            return before
        return None

    def _subject_index(self, verb: Token) -> int:
        subject = self.subject(verb)
        return subject.i if subject is not None else -1

    # -- minimising hindsight ----------------------------------------------------------
    def minimising(self) -> Iterator[Hit]:
        a = self.a
        for adverb in self.doc:
            lower = adverb.lower_
            if lower not in a.minimisers and lower != "only":
                continue
            verb = adverb.head
            if not verb.tag_.startswith("VB") or adverb.i > verb.i:
                continue
            subject = self.who(self.subject(verb))
            if not self.blameable(subject, 2 if verb.lower_ in _WEAK_NAME_CUES else 1):
                continue
            negation = self.negated(verb)
            verb_lower = verb.lower_
            complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            must = verb_lower in _HAVE | frozenset(inflections("need")) and complement is not None
            without = any(c.lower_ == "without" for c in verb.children) or any(
                c.lower_ == "without" for c in verb.subtree if c.dep_ == "prep")
            if lower == "only" and not must:
                continue
            failed = verb_lower in a.failure or verb_lower in a.fail or negation is not None
            judgmental = lower in ("simply", "merely") and verb_lower not in a.neutral
            if not (failed or must or without or judgmental):
                continue
            if self.suppressed(verb, own_negation_ok=True):
                continue
            end = verb.i + 1
            if must and complement is not None:
                end = complement.i + 1
                obj = next((c for c in complement.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    end = obj.right_edge.i + 1
            elif without:
                end = max(t.i for t in verb.subtree if t.i >= verb.i) + 1
                end = min(end, verb.i + 8)
            yield (BlameKind.minimising, adverb.i, end, subject.text, adverb.i, end)
        for label in ("ALL_IT_TOOK", "AS_EASY_AS"):
            for span in self.matches.get(label, []):
                mention = next((m for m in (self.who(t) for t in self.doc[span.end:span.end + 5])
                                if self.blameable(m, 2)), None)
                if mention is None or self.suppressed(span.root):
                    continue
                yield (BlameKind.minimising, span.start, max(span.end, mention.end),
                       mention.text, span.start, span.end)
        for span in self.matches.get("ALL_HAD_TO", []):
            between = span[1:-4]
            mention = next((m for m in (self.who(t) for t in between) if self.blameable(
                m, level=2)), None)
            if mention is None:
                continue
            if self.suppressed(span[-1]):
                continue
            yield (BlameKind.minimising, span.start, span.end, mention.text, span.start, span.end)

    # -- counterfactuals ---------------------------------------------------------------
    def counterfactuals(self) -> Iterator[Hit]:
        a = self.a
        for verb in self.verbs():
            subject = self.who(self.subject(verb))
            aux = [c for c in verb.children if c.dep_ == "aux"]
            modal = next((c for c in aux if c.lower_ in ("should", "ought", "could", "shouldve")),
                         None)
            if modal is None and verb.dep_ == "xcomp" and verb.head.lower_ == "ought":
                modal = verb.head
            has_have = any(c.lower_ in _HAVE for c in aux)
            if modal is not None and has_have and verb.tag_ == "VBN":
                if self.passive(verb) or verb.lower_ in _BE:
                    continue
                if modal.lower_ == "could" and not self._regret(verb):
                    continue
                if not self.blameable(subject, 1):
                    continue
                if self.suppressed(verb, own_negation_ok=False):
                    continue
                start, end = self.span_with_subject(subject, modal.i, verb.i + 1)
                yield (BlameKind.counterfactual, modal.i, verb.i + 1, subject.text, modal.i,
                       verb.i + 1)
                continue
            # "had Y double-checked…", "if Omar had read…", "were X to have paused…"
            inverted = self._inversion(verb)
            had = next((c for c in aux if c.lower_ in ("had", "'d")), None)
            perfect = had is not None or inverted is not None and (
                has_have or inverted.lower_ in ("had", "'d"))
            if perfect and verb.tag_ in ("VBN", "VBD") and self._counterfactual_clause(
                    verb) and not self.passive(verb) and self.negated(verb) is None:
                if verb.lower_ in _BE:
                    continue  # "had we been more careful" is a judgment, below
                if not self.blameable(subject, level=2):
                    continue
                if self.suppressed(verb):
                    continue
                mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "if"),
                            None)
                start = mark.i if mark is not None else inverted.i if inverted is not None \
                    else had.i if had is not None else verb.i
                end = verb.i + 1
                obj = next((c for c in verb.children if c.dep_ in ("dobj", "prep", "xcomp")
                            and c.i > verb.i), None)
                if obj is not None:
                    end = min(obj.right_edge.i + 1, verb.i + 8)
                yield (BlameKind.counterfactual, start, end, subject.text, verb.i, verb.i + 1)
                continue
            # "was supposed to renew", "needed to verify the backup… and didn't"
            if verb.lower_ in ("supposed", "expected", "needed", "had", "required"):
                if subject is None and verb.lower_ in ("supposed", "expected", "required"):
                    subject = self.who(next((c for c in verb.children if c.dep_ == "nsubjpass"),
                                            None))
                complement = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and
                                   any(t.lower_ == "to" for t in c.children)), None)
                if complement is None or not self.blameable(subject, 1):
                    continue
                if verb.lower_ != "supposed" and not self._and_did_not(verb):
                    continue
                if self.suppressed(verb):
                    continue
                yield (BlameKind.counterfactual, verb.i, complement.i + 1, subject.text, verb.i,
                       complement.i + 1)
        yield from self._hindsight_subjects()

    def _hindsight_subjects(self) -> Iterator[Hit]:
        """"Anyone paying attention would have seen…", "even a junior engineer would have
        known…": hindsight that judges whoever did not."""
        for verb in self.verbs():
            aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
            if "would" not in aux or not aux & _HAVE or verb.tag_ != "VBN":
                continue
            subject = self.subject(verb)
            if subject is None:
                continue
            qualified = any(c.dep_ in ("acl", "prep", "relcl", "amod") for c in subject.children)
            anyone = subject.lower_ in ("anyone", "anybody") and qualified
            even = any(c.lower_ == "even" for c in subject.children) and self.blameable(
                self.who(subject), 2)
            if not (anyone or even) or self.suppressed(verb):
                continue
            yield (BlameKind.judgment, self._left_edge(subject) if even else subject.i,
                   verb.i + 1, "", subject.i, verb.i + 1)

    def _regret(self, verb: Token) -> bool:
        """'X could have caught it' blames; 'it could have been worse' does not."""
        return verb.lower_ not in _BE and verb.dep_ in ("ROOT", "conj", "ccomp")

    def _and_did_not(self, verb: Token) -> bool:
        tail = self.doc[verb.i:].text.lower()
        return bool(re.search(r"\b(and|but)\s+(did ?n[o']t|didn't|never did|did not)\b", tail))

    # -- possessive fault --------------------------------------------------------------
    def possessive(self) -> Iterator[Hit]:
        doc = self.doc
        nouns: dict[int, Token] = {}
        for span in self.matches.get("FAULT", []):
            nouns[span.root.i] = span.root
        for _, (noun_i, *_rest) in self.a.dep_matcher(doc):
            nouns.setdefault(noun_i, doc[noun_i])
        for noun in doc:  # "responsibility for the data loss falls on X"
            if noun.lower_ in ("responsibility", "accountability") and self._about_damage(noun):
                nouns.setdefault(noun.i, noun)
        for noun in nouns.values():
            if noun.tag_.startswith("VB") and noun.lower_ not in ("slip",):
                continue
            found = self._fault_owner(noun)
            if found is None or self.suppressed(noun):
                continue
            mention, start, end = found
            yield (BlameKind.possessive_fault, start, end, mention.text, noun.i, noun.i + 1)
        yield from self._on_someone()

    def _fault_owner(self, noun: Token) -> tuple[Mention, int, int] | None:
        """Whose fault: "Tom's mistake", "a mistake by the DBA", "Kofi made an error",
        "mistakes were made by X", "the fault lies with X", "the error was Ayşe's"."""
        level = 2
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        mention = self.who(owner)
        if self.blameable(mention, level):
            return mention, mention.start, noun.i + 1
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("by", "of", "from", "on"):
                continue
            target = next((p for p in prep.children if p.dep_ == "pobj"), None)
            if target is not None and prep.lower_ == "on" and target.lower_ == "part":
                # "on X's part", "on the part of X"
                target = next((c for c in target.children if c.dep_ == "poss"), None) or next((
                    p for c in target.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"), None)
            mention = self.who(target)
            if self.blameable(mention, level) and target is not None:
                return mention, self._left_edge(noun), target.i + 1
        head = noun.head
        if noun.dep_ == "dobj" and head.lower_ in _MAKE:
            mention = self.who(self.subject(head))
            if self.blameable(mention, level):
                start, end = self.span_with_subject(mention, head.i, noun.i + 1)
                return mention, start, end
        if noun.dep_ == "nsubjpass" and head.lower_ in _MAKE:
            agent = next((p for c in head.children if c.dep_ == "agent"
                          for p in c.children if p.dep_ == "pobj"), None)
            mention = self.who(agent)
            if self.blameable(mention, level) and agent is not None:
                return mention, noun.i, agent.i + 1
        if noun.dep_ == "nsubj" and head.lower_ in _LIE:
            target = next((p for c in head.children if c.dep_ == "prep" and c.lower_ in (
                "with", "on") for p in c.children if p.dep_ == "pobj"), None)
            mention = self.who(target)
            if self.blameable(mention, level) and target is not None:
                return mention, noun.i, target.i + 1
        if noun.dep_ == "nsubj" and head.lower_ in _BE:
            # "the error was Ayşe's", "the slip was hers"
            target = next((c for c in head.children if c.dep_ in ("attr", "acomp") and (any(
                g.dep_ == "case" for g in c.children) or c.lower_ in _POSSESSIVE_PRONOUNS)),
                None)
            mention = self.who(target) if target is not None and \
                target.lower_ not in _POSSESSIVE_PRONOUNS else None
            if target is not None and target.lower_ in ("hers", "his"):
                mention = Mention(PERSON, target.i, target.i + 1, target.text)
            if self.blameable(mention, level) and target is not None:
                end = target.i + (1 if target.lower_ in _POSSESSIVE_PRONOUNS else 2)
                return mention, noun.i, end
        clause = next((c for c in noun.children if c.dep_ in ("acl", "relcl") and
                       c.lower_ in _MAKE), None)
        if clause is not None:  # "a typo made by an engineer"
            agent = next((p for c in clause.children if c.dep_ == "agent"
                          for p in c.children if p.dep_ == "pobj"), None)
            mention = self.who(agent)
            if self.blameable(mention, level) and agent is not None:
                return mention, self._left_edge(noun), agent.i + 1
        return None

    def _about_damage(self, noun: Token) -> bool:
        """"responsibility for the outage", "the misconfiguration was the responsibility…"."""
        damage = self.a.damage_nouns
        for_damage = any(p.lower_ in damage for c in noun.children if c.dep_ == "prep" and
                         c.lower_ == "for" for p in c.children if p.dep_ == "pobj")
        subject = self.subject(noun.head) if noun.dep_ == "attr" else None
        return for_damage or (subject is not None and subject.lower_ in damage)

    def _on_someone(self) -> Iterator[Hit]:
        """"This one is on the platform team": the fault put on someone."""
        for verb in self.doc:
            if verb.lower_ not in _BE:
                continue
            subject = self.subject(verb)
            if subject is None or not (subject.lower_ in ("this", "that", "it") or (
                    subject.lower_ == "one" and any(c.lower_ in ("this", "that")
                                                   for c in subject.children))):
                continue
            target = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"
                           for p in c.children if p.dep_ == "pobj"), None)
            mention = self.who(target)
            if self.blameable(mention, 2) and target is not None and not self.suppressed(verb):
                yield (BlameKind.possessive_fault, verb.i, target.i + 1, mention.text, verb.i,
                       target.i + 1)

    # -- judgment --------------------------------------------------------------------------
    def judgments(self) -> Iterator[Hit]:
        for label in ("JUDGMENT_WORD", "JUDGMENT"):
            for span in self.matches.get(label, []):
                root = span.root
                if self.suppressed(root) or self._about_we_only(root, span):
                    continue
                yield (BlameKind.judgment, span.start, span.end, "", span.start, span.end)
        for span in self.matches.get("CF_JUDGMENT", []):
            governor = span.root.head if span.root.dep_ != "ROOT" else span.root
            while governor.dep_ not in ("ROOT",) and not governor.tag_.startswith("VB"):
                governor = governor.head
            if not (self._counterfactual_clause(governor) or any(
                    c.lower_ in ("should", "ought", "could") for c in governor.children)):
                continue
            if self.suppressed(governor):
                continue
            start = min([span.start] + [c.i for c in governor.children
                                        if c.dep_ in ("aux", "mark") and c.i < span.start])
            yield (BlameKind.judgment, start, span.end, "", span.start, span.end)
        for adverb in self.doc:
            if adverb.lower_ not in self.a.hindsight:
                continue
            verb = adverb.head
            subject = self.who(self.subject(verb)) if verb.tag_.startswith("VB") else None
            if not self.blameable(subject, 1):
                continue
            yield (BlameKind.judgment, adverb.i, adverb.i + 1, subject.text, adverb.i,
                   adverb.i + 1)

    def _about_we_only(self, root: Token, span: Span) -> bool:
        """Judgment words are blame about anyone, we included; only technical use is not."""
        return False

    # -- discipline ------------------------------------------------------------------------
    def discipline(self) -> Iterator[Hit]:
        mentions = [m for m in (self.who(t) for t in self.doc if self._nounish(t))
                    if self.blameable(m, level=2)]
        for span in self.matches.get("DISCIPLINE", []):
            if not mentions:
                continue
            if self.suppressed(span.root):
                continue
            yield (BlameKind.discipline, span.start, span.end, mentions[0].text, span.start,
                   span.end)
        for verb in self.doc:
            if verb.lower_ not in self.a.discipline_verbs or not verb.tag_.startswith("VB"):
                continue
            patient = None
            if self.passive(verb):
                patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
                if patient is not None and patient.lower_ in ("who", "that") and \
                        verb.dep_ == "relcl":
                    patient = verb.head
            else:
                patient = next((c for c in verb.children if c.dep_ == "dobj"), None)
            mention = self.who(patient)
            if verb.lower_.startswith("revok"):  # a person's access, not a leaked key's
                mention = None
            if not self.blameable(mention, level=2) and patient is not None:
                owner = next((c for c in patient.children if c.dep_ == "poss"), None) or next((
                    p for c in patient.children if c.dep_ == "prep" and c.lower_ == "for"
                    for p in c.children if p.dep_ == "pobj"), None)
                mention = self.who(owner)
            if not self.blameable(mention, level=2):
                continue
            if self.suppressed(verb):
                continue
            start = min([verb.i] + [c.i for c in verb.children
                                    if c.dep_ in ("aux", "auxpass") and c.i < verb.i])
            end = verb.i + 1
            particle = next((c for c in verb.children if c.dep_ == "prt"), None)
            if particle is not None:
                end = max(end, particle.i + 1)
            yield (BlameKind.discipline, start, end, mention.text, verb.i, verb.i + 1)

    @staticmethod
    def _nounish(token: Token) -> bool:
        return token.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "WP") or \
            token.lower_ in ("whoever", "someone")

    # -- human error -------------------------------------------------------------------
    def human_error(self) -> Iterator[Hit]:
        for span in self.matches.get("HUMAN_ERROR", []):
            if self.suppressed(span.root):
                continue
            yield (BlameKind.human_error, span.start, span.end, "", span.start, span.end)
        # "a manual slip", "an operator misstep": a human-error word before any fault noun
        for span in self.matches.get("FAULT", []):
            noun = span.root
            modifier = next((c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                             and c.i < noun.i and c.lower_ in self.a.human_error_modifiers),
                            None)
            if modifier is None or noun.tag_ == "NNS" and modifier.lower_ == "user":
                continue
            if self.suppressed(noun):
                continue
            yield (BlameKind.human_error, modifier.i, span.end, "", modifier.i, span.end)
        # "Primary cause: human (wrong flag passed…)"
        if self.label_end is not None and self.label_end + 1 < len(self.doc):
            word = self.doc[self.label_end + 1]
            after = self.doc[word.i + 1] if word.i + 1 < len(self.doc) else None
            if word.lower_ in ("human", "humans", "people", "operator", "person") and (
                    after is None or after.is_punct):
                yield (BlameKind.human_error, word.i, word.i + 1, "", word.i, word.i + 1)

    # -- a person as the cause -----------------------------------------------------------
    def person_as_cause(self) -> Iterator[Hit]:
        yield from self._cause_links()
        yield from self._damage()
        yield from self._copula_cause()
        yield from self._because()
        yield from self._labelled()

    def _cause_links(self) -> Iterator[Hit]:
        for span in self.matches.get("CAUSE_LINK", []):
            last = span[-1]
            target = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
            if target is None and span.end < len(self.doc):
                target = self._next_noun(span.end)
            mention = self._person_or_work(target)
            if mention is None and target is not None:
                # "caused by Dana pushing…": the gerund's subject, or the noun after the link
                nxt = self._next_noun(span.end)
                mention = self._person_or_work(nxt)
            if mention is None:
                continue
            if self.suppressed(span.root):
                continue
            end = max(mention.end, span.end)
            yield (BlameKind.person_as_cause, span.start, end, mention.text, span.start, end)

    def _next_noun(self, index: int) -> Token | None:
        for token in self.doc[index:index + 5]:
            if token.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP", "PRP$"):
                head = token
                while head.dep_ in ("compound",) and head.head.i != head.i:
                    head = head.head
                return head
        return None

    def _person_or_work(self, token: Token | None, level: int = 2) -> Mention | None:
        """A person, or a person's work ("the intern's script")."""
        if token is None:
            return None
        mention = self.who(token)
        if self.blameable(mention, level):
            return mention
        owner = next((c for c in token.children if c.dep_ == "poss"), None) or next((
            g for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i
            for g in c.children if g.dep_ == "poss"), None)  # "X's manual failover"
        mention = self.who(owner)
        if self.blameable(mention, level):
            return Mention(mention.kind, mention.start, token.i + 1,
                           self.doc[mention.start:token.i + 1].text)
        by = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "by"
                   for p in c.children if p.dep_ == "pobj"), None)
        mention = self.who(by)
        if self.blameable(mention, level):
            return mention
        return None

    def _damage(self) -> Iterator[Hit]:
        a = self.a
        phrasal = {span.start: span for span in self.matches.get("DAMAGE", [])}
        for verb in self.verbs():
            lower = verb.lower_
            span = phrasal.get(verb.i)
            damage = lower in a.damage or span is not None
            cause = lower in a.cause_verbs and self._damage_object(verb)
            wrong = self._wrong_object(verb)
            if not (damage or cause or wrong):
                continue
            if self.passive(verb):
                if damage or cause:
                    yield from self._passive_agent(verb, BlameKind.person_as_cause, verb.i)
                continue
            if self.negated(verb) is not None:
                continue
            subject_token = self.subject(verb)
            mention = self._person_or_work(subject_token, 1)
            if mention is None:
                continue
            if self.suppressed(verb):
                continue
            end = span.end if span is not None else verb.i + 1
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None:
                end = max(end, min(obj.right_edge.i + 1, obj.i + 4))
            start, stop = self.span_with_subject(mention, verb.i, end)
            yield (BlameKind.person_as_cause, start, stop, mention.text, verb.i, end)

    def _damage_object(self, verb: Token) -> bool:
        for child in verb.children:
            if any(c.dep_ == "det" and c.lower_ == "no" for c in child.children):
                continue
            if child.dep_ in ("dobj", "attr") and (child.lower_ in self.a.damage_nouns or any(
                    c.lower_ in self.a.damage_nouns for c in child.children
                    if c.dep_ == "compound")):
                return True
        return False

    def _wrong_object(self, verb: Token) -> bool:
        for child in verb.children:
            targets = [child] if child.dep_ == "dobj" else [
                p for p in child.children if p.dep_ == "pobj"] if child.dep_ == "prep" else []
            for target in targets:
                if any(c.lower_ in self.a.wrong for c in target.children if c.dep_ == "amod"):
                    return True
        return False

    def _copula_cause(self) -> Iterator[Hit]:
        a = self.a
        for verb in self.doc:
            if verb.lower_ not in _BE:
                continue
            subject_token = self.subject(verb)
            if subject_token is not None and subject_token.lower_ == "it":
                yield from self._cleft(verb)
                continue
            if subject_token is not None and subject_token.lower_ in a.cause_nouns:
                # "The culprit was the night-shift operator"
                attr = next((c for c in verb.children if c.dep_ == "attr"), None)
                mention = self._person_or_work(attr, 1)
                if mention is not None and attr is not None and not self.suppressed(verb):
                    yield (BlameKind.person_as_cause, subject_token.i, attr.i + 1, mention.text,
                           verb.i, attr.i + 1)
                continue
            clause_subject = next((c for c in verb.children if c.dep_ == "csubj"), None)
            if clause_subject is not None and self._damaging(clause_subject):
                # "What took down the checkout service was Rina's config push"
                attr = next((c for c in verb.children if c.dep_ == "attr"), None)
                mention = self._person_or_work(attr, 1)
                if mention is not None and attr is not None and not self.suppressed(verb):
                    yield (BlameKind.person_as_cause, clause_subject.left_edge.i, attr.i + 1,
                           mention.text, verb.i, attr.i + 1)
                continue
            mention = self._person_or_work(subject_token, 1)
            if mention is None:
                continue
            clause = next((c for c in verb.children if c.dep_ in ("ccomp", "attr") and any(
                g.lower_ == "what" and g.dep_ == "nsubj" for g in c.children)), None)
            if clause is not None and self._damaging(clause) and not self.suppressed(verb):
                # "The contractor's script is what corrupted the orders table"
                yield (BlameKind.person_as_cause, mention.start, clause.i + 1, mention.text,
                       verb.i, clause.i + 1)
                continue
            reason = next((c for c in verb.children if c.dep_ == "attr" and
                           c.lower_ in ("reason", "why")), None)
            if reason is not None and any(t.lower_ in a.outcomes for t in reason.subtree
                                          if t.i > reason.i) and not self.suppressed(verb):
                # "The mobile team is the reason the API was overloaded"
                yield (BlameKind.person_as_cause, mention.start, reason.i + 1, mention.text,
                       verb.i, reason.i + 1)
                continue
            for child in verb.children:
                hit = False
                if child.dep_ == "attr" and child.lower_ in a.cause_nouns:
                    hit = True
                elif child.dep_ in ("acomp", "xcomp", "prep") and child.lower_ in (
                        "responsible", "to", "at"):
                    words = {t.lower_ for t in child.subtree}
                    hit = ("blame" in words or "fault" in words or (
                        child.lower_ == "responsible" and bool(words & a.damage_nouns)))
                if hit and not self.suppressed(verb):
                    end = child.right_edge.i + 1 if child.dep_ != "attr" else child.i + 1
                    yield (BlameKind.person_as_cause, mention.start, end, mention.text, verb.i,
                           end)
                    break

    def _damaging(self, verb: Token) -> bool:
        """A damage verb ("broke", "took down") or a cause verb with damage as its object."""
        a = self.a
        phrasal = any(span.start == verb.i for span in self.matches.get("DAMAGE", []))
        return verb.lower_ in a.damage or phrasal or (
            verb.lower_ in a.cause_verbs and self._damage_object(verb))

    def _cleft(self, verb: Token) -> Iterator[Hit]:
        """"It was the contractor's change that broke…": the cleft singles out the cause."""
        for attr in verb.children:
            if attr.dep_ != "attr":
                continue
            clause = next((c for c in attr.children if c.dep_ == "relcl"), None)
            if clause is None or (self.subject(clause) or clause).i != attr.i:
                continue
            mention = self._person_or_work(attr)
            if mention is None or self.suppressed(verb):
                continue
            if clause.lower_ in self.a.neutral or clause.lower_ in self.a.stative:
                continue
            yield (BlameKind.person_as_cause, mention.start, clause.i + 1, mention.text,
                   verb.i, clause.i + 1)

    def _because(self) -> Iterator[Hit]:
        for verb in self.verbs():
            if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in (
                    "because", "since") for c in verb.children):
                continue
            if verb.lower_ in self.a.neutral or verb.lower_ in self.a.stative:
                continue
            if self.passive(verb) or self.negated(verb) is not None:
                continue
            mention = self.who(self.subject(verb))
            if not self.blameable(mention):
                continue
            main = verb.head
            outcome = [t for t in main.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)
                       and t.lower_ in self.a.outcomes]
            if not outcome or self.suppressed(main):
                continue
            mark = next(c for c in verb.children if c.dep_ == "mark")
            end = verb.i + 1
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None:
                end = min(obj.right_edge.i + 1, verb.i + 6)
            yield (BlameKind.person_as_cause, mark.i, end, mention.text, verb.i, verb.i + 1)

    def _labelled(self) -> Iterator[Hit]:
        """"Root cause: Ravi truncated the table": a person acting, right after a cause label."""
        if self.label_end is None:
            return
        for start, end, who, anchor in self._agent_clauses(after=self.label_end):
            yield (BlameKind.person_as_cause, start, end, who, anchor, anchor + 1)
            return
        # the parser can miss the subject of a fragment ("Tom force-pushed over main")
        index = self.label_end + 1
        while index < len(self.doc) and self.doc[index].lower_ in ("the", "a", "an"):
            index += 1
        if index >= len(self.doc):
            return
        token = self.doc[index]
        head = token
        while head.i + 1 < len(self.doc) and self.doc[head.i + 1].dep_ != "punct" and (
                self.doc[head.i + 1].tag_ in ("NNP", "NN") and _NAME.match(self.doc[head.i + 1].text)
                or head.lower_ in ("on", "-", "call")):
            head = self.doc[head.i + 1]
        mention = self.who(head)
        if not self.blameable(mention, level=2):
            return
        following = self.doc[head.i + 1:head.i + 4]
        verb = next((t for t in following if t.tag_ in ("VBD", "VBN", "VBZ")), None)
        if verb is None or verb.lower_ in self.a.neutral or verb.lower_ in self.a.stative:
            return
        yield (BlameKind.person_as_cause, mention.start, verb.i + 1, mention.text, verb.i,
               verb.i + 1)

    # -- agents (used where a cause is stated) -----------------------------------------
    def agents(self) -> Iterator[Hit]:
        for start, end, who, anchor in self._agent_clauses(after=-1):
            yield (BlameKind.agent, start, end, who, anchor, anchor + 1)

    def _agent_clauses(self, after: int) -> Iterator[tuple[int, int, str, int]]:
        a = self.a
        for verb in self.verbs():
            if verb.i <= after:
                continue
            lower = verb.lower_
            if lower in a.neutral or lower in a.stative or verb.tag_ in ("VBG",) and \
                    verb.dep_ in ("amod", "compound", "pcomp", "pobj"):
                continue
            if verb.dep_ in ("amod", "compound", "acl") and verb.tag_ == "VBN":
                continue
            if self.passive(verb):
                agent = next((p for c in verb.children if c.dep_ == "agent"
                              for p in c.children if p.dep_ == "pobj"), None)
                mention = self.who(agent)
                if self.blameable(mention, level=2) and not self.suppressed(verb):
                    yield verb.i, agent.i + 1, mention.text, verb.i
                continue
            if self.negated(verb) is not None and lower not in a.negated:
                continue
            subject_token = self.subject(verb)
            if subject_token is None or subject_token.i <= after:
                continue
            mention = self.who(subject_token)
            # "Deploy happened at 06:12": a capitalised first word is a name only when it
            # does something only people do in a cause statement.
            if not self.blameable(mention, 2 if lower in a.actions else 0) or self.suppressed(
                    verb, own_negation_ok=True) or self._counterfactual_clause(verb):
                continue
            start, end = self.span_with_subject(mention, verb.i, verb.i + 1)
            yield start, end, mention.text, verb.i


def _norm(text: str) -> str:
    """'on - call  engineer' -> 'on-call engineer'."""
    return re.sub(r"\s*-\s*", "-", " ".join(text.lower().split()))
