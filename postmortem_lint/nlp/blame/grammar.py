"""Reading a parsed sentence: who a noun phrase is (a person, a role, a team, "we", nobody
or a system), the subject and agent of a verb, and whether a cue is negated or only
talked about. The detectors in the sibling modules are built on this."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from typing_extensions import TypeIs

from postmortem_lint.nlp.blame.parsed import ParsedSentence, Phrase, Word
from postmortem_lint.nlp.hits import BlameKind
from postmortem_lint.nlp.lexicon import inflections

if TYPE_CHECKING:
    from postmortem_lint.nlp.blame.analyzer import BlameAnalyzer

PERSON, ROLE, TEAM, WE, NOBODY, SYSTEM = "person", "role", "team", "we", "nobody", "system"
_BLAMEABLE = frozenset({PERSON, ROLE, TEAM})
_SUBJECTS = ("nsubj", "csubj")
_MONTHS_DAYS = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "christmas", "easter"))
NAME_SHAPE = re.compile(r"^[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF'\u2019]+(?:-[A-Z][a-z]+)?$")
_COMMON_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ing", "ance", "ence", "ure", "age",
                    "ism", "ics", "ogy", "ery", "ies", "ship", "ware", "able")
# Verbs only a person does: enough to read a capitalised first word ("Ravi forgot") as a name.
PERSON_ONLY_VERBS = frozenset(form for verb in (
    "forget", "neglect", "botch", "bungle", "fumble", "flub", "mess", "screw", "foul", "goof",
    "slip", "drop", "mishandle", "misread", "mistype", "fat-finger", "lose", "bother",
    "misconfigure")
    for form in inflections(verb))
_PRONOUN_PERSONS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me", "my",
                              "someone", "somebody", "whoever", "whomever", "who", "whom"})
_THEY = frozenset({"they", "them", "their", "theirs"})
# Ambiguous roles that stay people with any modifier but a tool's name ("the storage admin",
# "the mobile lead"; not "the Django admin").
_TEAM_ROLES = frozenset({"admin", "administrator", "admins", "administrators", "lead", "leads"})
_PARTITIVES = frozenset({"one", "two", "three", "some", "several", "each", "many", "most",
                         "few", "either"})
# First halves of hyphenated verbs the parser splits off as the subject ("Tom force-pushed").
_VERB_PREFIXES = frozenset({"force", "fat", "hot", "hard", "double", "cherry", "soft"})
_COLLECTIVE_POSS = frozenset({"our", "my", "its"})
HAVE = frozenset(inflections("have"))
DO = frozenset(inflections("do"))
BE = frozenset(inflections("be"))
POSSESSIVE_PRONOUNS = frozenset({"hers", "his", "theirs"})
MAKE = frozenset(inflections("make") | inflections("commit"))
LIE = frozenset(inflections("lie") | inflections("rest") | inflections("fall") | {"lay"})


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



Hit = tuple[BlameKind, int, int, str, int, int]  # kind, span start/end, who, anchor start/end



class Grammar:
    """One parsed sentence, with the questions every detector asks about it."""

    def __init__(self, analyzer: BlameAnalyzer, doc: ParsedSentence,
                 matches: dict[str, list[Phrase]], structures: list[tuple[str, list[int]]]):
        self.a = analyzer
        self.doc = doc
        self.matches = matches
        # Verbs are asked for by most detectors: found once.
        self._verbs = [token for token in doc if token.tag_.startswith("VB") and
                       token.dep_ not in ("aux", "auxpass")]
        self.label_end = self._cause_label_end()
        # What the DependencyMatcher found: the "by" agent of each passive verb, and the
        # fault nouns that have an owner ("Tom's mistake", "a mistake by the DBA").
        self.agents_by_verb: dict[int, Word] = {}
        self.owned_faults: set[int] = set()
        for label, token_ids in structures:
            if label == "PASSIVE_BY":
                self.agents_by_verb[token_ids[0]] = doc[token_ids[2]]
            else:
                self.owned_faults.add(token_ids[0])

    def by_agent(self, verb: Word) -> Word | None:
        """The agent of a passive verb: "ignored by the on-call engineer" -> engineer."""
        return self.agents_by_verb.get(verb.i)

    # -- who is it about ---------------------------------------------------------------
    def who(self, token: Word | None) -> Mention | None:
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
        if any(c.dep_ == "det" and c.lower_ in ("every", "any") for c in token.children) and \
                not self._modifiers(token):
            return mention(SYSTEM)  # nobody in particular: "every developer will break something"
        if lower in a.nobody or f"no {lower}" in a.nobody and self._prev(token, "no"):
            return mention(NOBODY)
        if lower in _PRONOUN_PERSONS:
            return mention(PERSON)
        if lower in _PARTITIVES:  # "one of the payments engineers", "two of our SREs"
            whole = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"), None)
            inner = self.who(whole) if whole is not None else None
            if self.blameable(inner) and whole is not None:
                return Mention(inner.kind, left, whole.i + 1, self.doc[left:whole.i + 1].text)
        if lower in ("anyone", "anybody", "everyone", "everybody", "one"):
            return mention(SYSTEM)  # nobody in particular: "anyone could have made this slip"
        if lower in _THEY:
            return mention(SYSTEM if self._plural_thing_before(token) else PERSON)
        if lower in a.collective and not self._modifiers(token):
            return mention(WE)
        if token.tag_ in ("PRP", "PRP$", "WDT", "EX", "DT"):
            return mention(SYSTEM)
        end = token.i + 1
        if end + 2 < len(self.doc) and self.doc[end].lower_ == "on" and \
                self.doc[end + 1].text == "-" and self.doc[end + 2].lower_ == "call" and \
                token.tag_ in ("NN", "JJ", "NNP"):
            end += 3  # "the weekend on-call": the parser leaves "on-call" hanging
            text = self.doc[left:end].text
            mention = lambda kind, weak=0: Mention(kind, left, end, text, weak)  # noqa: E731
            return mention(ROLE)
        if lower == "on" and end + 1 < len(self.doc) and self.doc[end].text == "-" and \
                self.doc[end + 1].lower_ == "call":
            end += 2  # the parser can head "the secondary on-call" with "on"
            text = self.doc[left:end].text
            mention = lambda kind, weak=0: Mention(kind, left, end, text, weak)  # noqa: E731
        phrase = norm(self.doc[self._modifier_edge(token):end].text)
        if phrase in a.roles and phrase not in a.ambiguous or phrase in a.people or \
                _ends_with_any(phrase, a.multiword_persons):
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
            if lower in a.ambiguous and not self._human_role(token) and not (
                    lower in _TEAM_ROLES and token.tag_.startswith("NN") and not any(
                        m.lower_ in a.safe and not m.is_lower or m.lower_ in ("panel", "ui")
                        for m in self._modifiers(token))):
                return mention(SYSTEM)
            return mention(ROLE)  # "the mobile lead", "the storage admin": people
        if lower in a.teams and (token.is_upper or token.is_title) and not any(
                c.dep_ == "det" for c in token.children):
            return mention(TEAM)
        return self._name(token, mention)

    def _name(self, token: Word, mention) -> Mention | None:  # noqa: ANN001
        a = self.a
        lower = token.lower_
        if not NAME_SHAPE.match(token.text) or token.tag_ not in ("NNP", "NN", "NNPS", "VBN", "JJ"):
            return mention(SYSTEM)
        if lower in a.safe or lower in _MONTHS_DAYS or lower in a.role_words:
            return mention(SYSTEM)
        if any(c.dep_ == "det" and c.lower_ not in ("all", "both") for c in token.children):
            return mention(SYSTEM)
        surname = any(c.dep_ == "compound" and NAME_SHAPE.match(c.text)
                      for c in token.children) or (
            token.dep_ == "compound" and NAME_SHAPE.match(token.head.text))
        first = token.i == self._clause_start(token)
        if first and not surname:
            if token.tag_ != "NNP" and len(lower) >= 6 and lower.endswith(_COMMON_SUFFIXES):
                return mention(SYSTEM)
            return mention(PERSON, weak=1 if token.tag_ == "NNP" else 2)
        return mention(PERSON)

    def _clause_start(self, token: Word) -> int:
        """Index of the first word of the sentence, or of the clause after a 'Label:'."""
        start = token.sent.start
        while start < len(self.doc) and (self.doc[start].is_punct or self.doc[start].is_space):
            start += 1
        if self.label_end is not None and token.i > self.label_end:
            start = self.label_end + 1
            while start < len(self.doc) and self.doc[start].lower_ in ("the", "a", "an"):
                start += 1
        return start

    def _modifiers(self, token: Word) -> list[Word]:
        return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss",
                                                         "npadvmod") and c.i < token.i]

    def _human_role(self, token: Word) -> bool:
        modifiers = self._modifiers(token)
        if not modifiers:
            return True
        phrase = norm(self.doc[min(m.left_edge.i for m in modifiers):token.i + 1].text)
        if phrase in self.a.roles:
            return True
        words = {norm(m.text) for m in modifiers} | {
            t.lower_ for m in modifiers for t in m.subtree if not t.is_punct}
        return bool(words) and words <= (self.a.qualifiers | {"the", "a", "an", "his", "her",
                                                              "their", "-"})

    def _modifier_edge(self, token: Word) -> int:
        """Where the compounds and adjectives before ``token`` start (no determiner)."""
        left = token.i
        for child in token.lefts:
            if child.dep_ in ("amod", "compound", "nmod") and child.i == left - 1 or (
                    child.dep_ in ("amod", "compound", "nmod") and child.right_edge.i >= left - 2):
                left = min(left, child.left_edge.i)
        return left

    def _left_edge(self, token: Word) -> int:
        left = token.i
        for child in token.lefts:
            if child.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "quantmod",
                              "punct", "predet", "advmod"):
                left = min(left, child.left_edge.i)
        return left

    def _prev(self, token: Word, word: str) -> bool:
        return token.i > 0 and self.doc[token.i - 1].lower_ == word

    def _plural_thing_before(self, token: Word) -> bool:
        for other in self.doc[token.sent.start:token.i]:
            if other.tag_ in ("NNS", "NNPS") and other.lower_ not in self.a.team_heads \
                    and other.lower_ not in self.a.role_words and other.lower_ not in self.a.people:
                return True
        return False

    def blameable(self, mention: Mention | None, level: int = 0) -> TypeIs[Mention]:
        """A person, role or team, named at least as surely as ``level`` (see Mention.weak)."""
        if mention is None or mention.kind not in _BLAMEABLE:
            return False
        return mention.weak <= level

    # -- grammar helpers ---------------------------------------------------------------
    def subject(self, verb: Word) -> Word | None:
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                if child.lower_ in _VERB_PREFIXES and child.i + 2 == verb.i and \
                        self.doc[child.i + 1].text == "-":
                    # "Fatima force-pushed": the parser makes "force" the subject
                    owner = next((c for c in child.children if c.dep_ in (
                        "compound", "nmod", "amod", "poss")), None)
                    if owner is not None:
                        return owner
                return child
        if verb.tag_ in ("VBD", "VBZ") and not any(c.dep_.startswith("nsubj") for c in
                                                   verb.children):
            # "The on-call engineer forgot…": the noun before a subjectless finite verb is
            # read as its compound; it is the subject
            noun = next((c for c in verb.children if c.dep_ == "compound" and c.i < verb.i
                         and c.tag_.startswith("NN")), None)
            if noun is not None:
                return noun
        if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ", "VBP") and \
                verb.head.tag_.startswith("NN") and verb.head.i < verb.i:
            # "The reviewer needed to check…": a finite verb misread as a noun's clause
            return verb.head
        if verb.dep_ == "ccomp" and verb.head.tag_.startswith("VB") and verb.head.i == verb.i - (
                1 + sum(1 for c in verb.children if c.dep_ == "aux" and c.i < verb.i)) and \
                verb.head.lower_ in self.a.role_words:
            return verb.head  # "The team lead should've caught…": "lead" misread as a verb
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            head = verb.head
            if head.tag_.startswith("VB") or head.dep_ == "ROOT":
                return self.subject(head)
        if verb.dep_ == "relcl" and verb.head.i != verb.i:
            return None
        return None

    @staticmethod
    def passive(verb: Word) -> bool:
        return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)

    @staticmethod
    def negated(verb: Word) -> Word | None:
        for child in verb.children:
            if child.dep_ == "neg" or (child.lower_ in ("never", "not", "n't") and
                                       child.dep_ in ("advmod", "neg")):
                return child
        return None

    def suppressed(self, anchor: Word, *, own_negation_ok: bool = False) -> bool:
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
            if token.dep_ in ("conj", "advcl", "relcl", "parataxis") or (
                    token.dep_ == "ccomp" and self._inversion(token) is not None):
                in_scope = False  # "Had X checked, nothing would have broken"
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

    def verbs(self) -> Iterator[Word]:
        return iter(self._verbs)

    def _counterfactual_clause(self, verb: Word) -> bool:
        """"if X had…", or an inversion: "had X…", "were X to have…"."""
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
            return True
        return self._inversion(verb) is not None

    def _inversion(self, verb: Word) -> Word | None:
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

    def _subject_index(self, verb: Word) -> int:
        subject = self.subject(verb)
        return subject.i if subject is not None else -1

    def _person_or_work(self, token: Word | None, level: int = 2) -> Mention | None:
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

    def _next_noun(self, index: int) -> Word | None:
        for token in self.doc[index:index + 5]:
            if token.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP", "PRP$"):
                head = token
                while head.dep_ in ("compound",) and head.head.i != head.i:
                    head = head.head
                return head
        return None

    def _passive_agent(self, verb: Word, kind: BlameKind, cue_start: int) -> Iterator[Hit]:
        agent = self.by_agent(verb)
        mention = self.who(agent)
        if not self.blameable(mention, level=2) or agent is None:
            return
        if self.suppressed(verb, own_negation_ok=False):
            return
        aux = [c.i for c in verb.children if c.dep_ in ("auxpass",)]
        start = min([cue_start, *aux])
        yield (kind, start, agent.i + 1, mention.text, verb.i, verb.i + 1)


def norm(text: str) -> str:
    """'on - call  engineer' -> 'on-call engineer'."""
    return re.sub(r" ?- ?", "-", " ".join(text.lower().split()))


def _ends_with_any(phrase: str, words: frozenset[str]) -> bool:
    """Whether ``phrase`` ends with " " + one of ``words``: a set lookup per space in the
    phrase instead of a pass over every word."""
    index = phrase.find(" ")
    while index != -1:
        if phrase[index + 1:] in words:
            return True
        index = phrase.find(" ", index + 1)
    return False
