"""One view of a parsed sentence: who a noun phrase is (a person, a role, a team, "we",
nobody or a system), the subject and agent of a verb, whether a cue is negated or only
talked about, and what the patterns matched. Every detector reads the sentence through
this view; its answers are kept, so each is computed once."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from typing_extensions import TypeIs

from postmortem_lint.nlp.blame.tokens import ParsedSentence, Phrase, Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind
from postmortem_lint.nlp.vocabulary import Vocabulary, norm

PERSON, ROLE, TEAM, WE, NOBODY, SYSTEM = "person", "role", "team", "we", "nobody", "system"
_BLAMEABLE = frozenset({PERSON, ROLE, TEAM})
_SUBJECTS = ("nsubj", "csubj")
_AUX_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # "Was…?", "Did…?", "Should…?"
NAME_SHAPE = re.compile(r"^[A-Z\u00C0-\u00DE\u0100-\u017E][a-z\u00DF-\u00FF\u0100-\u017F'\u2019]+"
                        r"(?:-[A-Z][a-z]+)?$")
_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS", "PRP", "PRP$")
# A name written as a domain ("Northwind.net", "Acme.io"): a company or a service, no person.
_DOMAIN = re.compile(r"\w\.[a-z]{2,}\b")


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


MentionOf = Callable[..., Mention]


class Sentence:
    """One parsed sentence, with the questions every detector asks about it."""

    def __init__(self, vocabulary: Vocabulary, doc: ParsedSentence,
                 matches: dict[str, list[Phrase]], structures: list[tuple[str, list[int]]]):
        self.v = vocabulary
        self.w = vocabulary.w
        self.doc = doc
        self.matches = matches
        self._who: dict[int, Mention | None] = {}
        self._subjects: dict[int, Word | None] = {}
        # Verbs are asked for by most detectors: found once.
        self.verbs = [token for token in doc if token.tag_.startswith("VB") and
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

    def hit(self, kind: BlameKind, start: int, end: int, who: str, anchor_start: int,
            anchor_end: int) -> BlameHit:
        """A hit on the words ``start:end``; the anchor (the cue's own words) decides which
        hits overlap when the analyzer merges them."""
        doc = self.doc
        return BlameHit(kind, doc[start].idx, _end(doc[end - 1]), who,
                        (doc[anchor_start].idx, _end(doc[anchor_end - 1])))

    def by_agent(self, verb: Word) -> Word | None:
        """The agent of a passive verb: "ignored by the on-call engineer" -> engineer."""
        return self.agents_by_verb.get(verb.i)

    # -- who is it about ---------------------------------------------------------------
    def who(self, token: Word | None) -> Mention | None:
        """Classify the noun phrase headed by ``token`` (kept: asked many times)."""
        if token is None:
            return None
        if token.i not in self._who:
            self._who[token.i] = self._classify(token)
        return self._who[token.i]

    def _classify(self, token: Word) -> Mention | None:
        left = self.left_edge(token)
        part = self._implicated(token)
        if part is not None:  # "those involved", "the people responsible"
            return Mention(PERSON, left, part + 1, self.doc[left:part + 1].text)
        found = self._pronoun(token, partial(Mention, start=left, end=token.i + 1,
                                             text=self.doc[left:token.i + 1].text))
        if found is not None:
            return found
        end, on_call = self._on_call_end(token)
        mention = partial(Mention, start=left, end=end, text=self.doc[left:end].text)
        if on_call:
            return mention(ROLE)  # "the weekend on-call": the parser leaves "on-call" hanging
        return self._noun(token, end, mention)

    def _implicated(self, token: Word) -> int | None:
        """Where "involved" or "responsible" right after a group word ends the phrase."""
        if token.lower_ not in self.w.implicated_heads:
            return None
        following = self.after(token)
        if following is None or following.lower_ not in self.w.implicated or \
                following.head.i != token.i:
            return None
        return following.i

    def _pronoun(self, token: Word, mention: MentionOf) -> Mention | None:
        """Determiners, pronouns and "nobody" words; None when the word is a noun."""
        v, w = self.v, self.w
        lower = token.lower_.replace("\u2019", "'")
        if self._has_det(token, w.none_determiners):
            return mention(NOBODY)
        if self._has_det(token, w.any_determiners) and not self._modifiers(token):
            return mention(SYSTEM)  # nobody in particular: "every developer will break something"
        group = self.nobody_in_group(token)
        if group is not None:
            return group  # "nobody on the <name> team tested it": the team did not
        if lower in v.nobody or f"no {lower}" in v.nobody and self._prev(token, "no"):
            return mention(NOBODY)
        if lower in w.relative_pronouns and lower in w.person_pronouns and \
                token.head.dep_ == "relcl" and token.head.head.i != token.i:
            return self.who(token.head.head)  # "customers who…": whoever "who" stands for
        if lower in w.person_pronouns:
            following = self.after(token)
            if following is not None and following.text == "/":
                return mention(SYSTEM)  # "I/O"
            return mention(PERSON)
        if self._handle(token):
            return mention(PERSON)  # an @handle, or the end of a hyphenated one
        if lower in w.partitives:  # "one of the <role>s", "two of our SREs"
            found = self._partitive(token)
            if found is not None:
                return found
        if lower in w.anyone:
            return mention(SYSTEM)  # nobody in particular: "anyone could have made this slip"
        if lower in w.plural_pronouns:
            return mention(SYSTEM if self._plural_thing_before(token) else PERSON)
        if lower in v.collective and not self._modifiers(token) and not self._sub_team(token):
            return mention(WE)
        if token.tag_ in ("PRP", "PRP$", "WDT", "EX", "DT"):
            return mention(SYSTEM)
        return None

    def _sub_team(self, token: Word) -> bool:
        """"the team in <a place>", "the team at <a company>": a part, not the authors."""
        return any(c.dep_ == "prep" and c.lower_ in self.w.sub_team_preps
                   for c in token.children)

    def _handle(self, token: Word) -> bool:
        """"@name", or the last part of "@name-x" (the tokenizer splits at the hyphen)."""
        doc, i = self.doc, token.i
        start = token
        while start.i >= 2 and doc[start.i - 1].text == "-" and doc[start.i - 2].head.i == i:
            start = doc[start.i - 2]
        return start.text.startswith("@") and len(start.text) > 2 and \
            start.text[1:].lower() not in self.v.safe

    def _partitive(self, token: Word) -> Mention | None:
        whole = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
        inner = self.who(whole) if whole is not None else None
        if self.blameable(inner) and whole is not None:
            left = self.left_edge(token)
            return Mention(inner.kind, left, whole.i + 1, self.doc[left:whole.i + 1].text)
        return None

    def _on_call_end(self, token: Word) -> tuple[int, bool]:
        """Where a noun phrase ends that the parser cut before "on-call", and whether the
        phrase is "<noun> on-call" (a role whatever the noun)."""
        doc, end = self.doc, token.i + 1
        if end + 2 < len(doc) and doc[end].lower_ == "on" and doc[end + 1].text == "-" and \
                doc[end + 2].lower_ == "call" and token.tag_ in ("NN", "JJ", "NNP"):
            return end + 3, True
        if token.lower_ == "on" and end + 1 < len(doc) and doc[end].text == "-" and \
                doc[end + 1].lower_ == "call":
            return end + 2, False  # the parser can head "the secondary on-call" with "on"
        return end, False

    def _noun(self, token: Word, end: int, mention: MentionOf) -> Mention | None:
        v = self.v
        lower = token.lower_.replace("\u2019", "'")
        phrase = norm(self.doc[self._modifier_edge(token):end].text)
        if self._numbered(token):
            return mention(SYSTEM)  # "T4 Engineering", "Hotfix 4": a vendor's or a thing's name
        if phrase in v.roles and phrase not in v.ambiguous or phrase in v.people or \
                _ends_with_any(phrase, v.multiword_persons):
            return mention(ROLE)  # "our new hire", "the on-call SRE"
        poss = [c for c in token.children if c.dep_ == "poss"]
        if poss and poss[0].lower_ in self.w.collective_possessives and \
                lower not in v.role_words:
            return mention(SYSTEM)
        if lower in v.team_heads:
            modifiers = self._modifiers(token)
            ours = not modifiers and lower not in self.w.distinct_units or \
                any(m.lower_ in self.w.our for m in modifiers)
            if ours and not self._sub_team(token):
                return mention(WE)
            return mention(TEAM)
        if lower in v.people:
            return mention(PERSON)
        if lower in self.w.group_nouns and self._department(token):
            return mention(TEAM)  # "the networking group"
        if lower in v.role_words:
            return mention(ROLE if self._role_is_human(token) else SYSTEM)
        if lower in v.teams and (token.is_upper or token.is_title) and not any(
                c.dep_ == "det" for c in token.children) and not self._qualifier(token):
            return mention(TEAM)
        return self._name(token, mention)

    def _department(self, token: Word) -> bool:
        """Whether a group's words before it name a department ("the analytics group")."""
        modifiers = self._modifiers(token)
        return bool(modifiers) and all(m.lower_ in self.w.group_teams for m in modifiers)

    def _role_is_human(self, token: Word) -> bool:
        """"the mobile lead", "the storage admin": people; "the Kubernetes operator": not."""
        v = self.v
        if token.lower_ in v.ambiguous and self._process_act(token):
            return False  # "<verb>ed by the supervisor" (a process verb): a program
        if token.lower_ not in v.ambiguous or self._human_role(token):
            return True
        return token.lower_ in self.w.team_roles and token.tag_.startswith("NN") and not any(
            m.lower_ in v.safe and not m.is_lower or m.lower_ in self.w.tool_parts
            for m in self._modifiers(token))

    def _name(self, token: Word, mention: MentionOf) -> Mention | None:
        v, w = self.v, self.w
        lower = token.lower_
        if not (NAME_SHAPE.match(token.text) or self._hyphenated_name(token)) or \
                token.tag_ not in ("NNP", "NN", "NNPS", "NNS", "VBN", "JJ"):
            return mention(SYSTEM)
        if lower in v.safe or lower in w.calendar_words or lower in v.role_words:
            return mention(SYSTEM)
        if any(c.dep_ == "det" and c.lower_ not in w.group_determiners for c in token.children):
            return mention(SYSTEM)
        if self._not_a_name(token) or self._machine(token) or self._fails_by_itself(token) \
                or self._coded_name(token):
            return mention(SYSTEM)
        if self._taken_up_as_thing(token) or self._organisation(token):
            return mention(SYSTEM)
        surname = any(c.dep_ == "compound" and NAME_SHAPE.match(c.text)
                      for c in token.children) or (
            token.dep_ == "compound" and NAME_SHAPE.match(token.head.text))
        first = token.i == self._clause_start(token)
        if first and not surname:
            if token.tag_ != "NNP" and len(lower) >= 6 and lower.endswith(self._suffixes):
                return mention(SYSTEM)
            if self._plural_subject(token):
                return mention(SYSTEM)  # "Mounts are still missing": things, not someone
            if any(p.lower_ in w.thing_pronouns for o in token.head.children
                   if o.dep_ == "dobj" for p in o.children):
                return mention(SYSTEM)  # "<Name> forgot its <state>": a thing
            return mention(PERSON, weak=1 if token.tag_ == "NNP" else 2)
        # a capitalised plural inside the sentence may be a name the tagger took for a
        # plural ("Beatriz", "Ines"), or a product's plural: only as sure as a first word
        return mention(PERSON, weak=2 if token.tag_ == "NNS" else 0)

    def _organisation(self, token: Word) -> bool:
        """"due to Hacker News", "blocked by Acme Labs": a capitalised name whose last word
        names a publication, a company or a product (``name_heads``), not a surname."""
        return token.lower_ in self.w.name_heads and any(
            c.dep_ == "compound" and NAME_SHAPE.match(c.text) for c in token.children)

    def _taken_up_as_thing(self, token: Word) -> bool:
        """"<Name> skipped the file because it only watches the top folder", "<Name> missed
        the change since its checks run elsewhere": a reason clause in the present (how
        something always works) that takes the name up as "it": the name is a program's
        ("X ignored the alert because it looked like a duplicate": the alert)."""
        if token.dep_ != "nsubj" or token.head.tag_ != "VBD":
            return False
        it = self.w.thing_pronouns | self.w.pointing_subjects - {"this", "that"}
        return any(c.dep_ == "advcl" and self._present(c) and any(
            g.dep_ in ("nsubj", "nsubjpass") and (g.lower_ in it or any(
                p.dep_ == "poss" and p.lower_ in it for p in g.children))
            for g in c.children) for c in token.head.children)

    @staticmethod
    def _present(verb: Word) -> bool:
        """A verb in the present ("watches", "run"; a bare "run" the tagger may call a
        participle when nothing helps it)."""
        return verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "VBN" and not any(
            c.dep_ in ("aux", "auxpass") for c in verb.children)

    @staticmethod
    def _numbered(token: Word) -> bool:
        """A capitalised noun with a number in or right after its name ("T4 Engineering",
        "Hotfix 4", "Sprint 12"): a vendor, a release or a thing; people and teams are not
        numbered."""
        if not token.text[:1].isupper():
            return False
        coded = [t for t in (token, *(c for c in token.children if c.dep_ == "compound"))
                 if any(ch.isdigit() for ch in t.text) and any(ch.isalpha() for ch in t.text)]
        # a number right after the name; a time stamp before it is no part of it
        after = [c for c in token.children if c.dep_ == "nummod" and c.i > token.i]
        return bool(coded or after)

    @staticmethod
    def _plural_subject(token: Word) -> bool:
        """A lone capitalised subject whose verb agrees in the plural ("<Mounts> are", "<Pods>
        were"): a plural of things; one person's name takes "is", "was", "has"."""
        if token.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ == "conj"
                                                           for c in token.children):
            return False
        verb = token.head
        # (an auxiliary's form, not the tag of a past tense the tagger misread)
        # ("if X were…" is the subjunctive of one person: "were" counts for a plural tag only)
        plural = ("are", "aren't") if token.tag_ not in ("NNS", "NNPS") else \
            ("are", "aren't", "were", "weren't")
        return any(t.lower_ in plural
                   for t in (verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass")))
                   if t.i > token.i)

    @staticmethod
    def _coded_name(token: Word) -> bool:
        """"KMS Key V2", "Redis 7 Cluster": a name with an acronym or a number in it
        names a thing (a certificate, a product, a version), not a person."""
        parts = [token, *(c for c in token.children if c.dep_ == "compound")]
        if token.dep_ == "compound":
            parts += [token.head, *(c for c in token.head.children if c.dep_ == "compound")]
        return any(any(ch.isdigit() for ch in t.text) or (t.text.isupper() and len(t.text) >= 3)
                   for t in parts)

    def _machine(self, token: Word) -> bool:
        """"<Name>, our deploy bot, …": a name the sentence itself introduces as a program
        (read from the words between the commas: the parser often breaks the apposition)."""
        doc = self.doc
        if token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
            return False
        for word in doc[token.i + 2:token.i + 8]:
            if word.text == ",":
                return doc[word.i - 1].lower_ in self.w.machine_nouns
        return False

    def _fails_by_itself(self, token: Word) -> bool:
        """"<Name> crashed on the new fork", "<Name> panicked": what only software does to
        itself makes the name a program's."""
        verb = token.head
        return token.dep_ == "nsubj" and verb.lower_ in self.w.self_failure_verbs and not any(
            c.dep_ == "dobj" for c in verb.children)

    def _process_act(self, token: Word) -> bool:
        """Whether the word is the doer of what software does to processes."""
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "agent":
            head = head.head
        elif token.dep_ != "nsubj":
            return False
        return head.lower_ in self.w.process_verbs

    def _hyphenated_name(self, token: Word) -> bool:
        """The second half of a hyphenated given name the tokenizer split ("Joon-ho")."""
        doc, i = self.doc, token.i
        return token.is_lower and i >= 2 and doc[i - 1].text == "-" and \
            bool(NAME_SHAPE.match(doc[i - 2].text)) and doc[i - 2].head.i == i

    def _not_a_name(self, token: Word) -> bool:
        """A capitalised word that is no person's name by its place in the phrase: a plural
        ("Published Artifact Groups"), a word qualifying a lower-case noun after it ("Latent
        bug", "Dev workloads"), the first part of a hyphenated term ("Denial-of-Service"),
        or a word of a tool's name ("Terraform Cloud")."""
        doc, w = self.doc, self.w
        if token.tag_ == "NNPS" and any(c.dep_ == "compound" for c in token.children):
            return True
        if token.tag_ == "NNS" and token.lower_.endswith(self._plurals):
            return True  # "Validators", "Consumers": a common noun's plural, capitalised
        if self._qualifier(token):
            return True
        if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and \
                doc[token.i + 2].lower_ in w.hyphen_links:
            return True
        parts = [c for c in token.children if c.dep_ == "compound"]
        chain = [t for t in token.subtree if t.i < token.i and t.dep_ == "compound"]
        if len(chain) >= 2 and all(NAME_SHAPE.match(part.text) for part in chain):
            return True  # "Session Token Format": a title-cased term, not a full name
        if token.dep_ == "compound":
            parts.append(token.head)
        return any(part.lower_ in self.v.safe for part in parts)

    def _qualifier(self, token: Word) -> bool:
        """A capitalised word qualifying a lower-case noun after it ("<Team> builds", "Latent
        bug"): part of the noun's name, not someone."""
        head = token.head
        if head.lower_.endswith("ing") and head.i == token.i + 1 and \
                token.i != self._clause_start(token):
            return False  # "…was Ilse rebalancing every index": a gerund misread as a noun
        return token.dep_ in ("amod", "compound", "nmod") and head.i > token.i and \
            head.is_lower and head.tag_.startswith("NN") and \
            head.lower_ not in self.w.hyphen_verb_prefixes and \
            head.lower_ not in self.v.team_heads and head.lower_ not in self.v.role_words

    @property
    def _plurals(self) -> tuple[str, ...]:
        return tuple(sorted(self.w.plural_suffixes))

    @property
    def _suffixes(self) -> tuple[str, ...]:
        return tuple(sorted(self.w.common_noun_suffixes))

    def _has_det(self, token: Word, words: frozenset[str]) -> bool:
        return any(c.dep_ == "det" and c.lower_ in words for c in token.children)

    def _clause_start(self, token: Word) -> int:
        """Index of the first word of the sentence, or of the clause after a 'Label:'."""
        start = token.sent.start
        while start < len(self.doc) and (self.doc[start].is_punct or self.doc[start].is_space):
            start += 1
        if self.label_end is not None and token.i > self.label_end:
            start = self.label_end + 1
            while start < len(self.doc) and self.doc[start].lower_ in self.w.articles:
                start += 1
        return start

    def starts_clause(self, token: Word) -> bool:
        """Whether the word opens the sentence (or the clause after a "Label:"), as an
        imperative does."""
        return token.i == self._clause_start(token)

    def _modifiers(self, token: Word) -> list[Word]:
        return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss",
                                                         "npadvmod") and c.i < token.i]

    def _human_role(self, token: Word) -> bool:
        modifiers = self._modifiers(token)
        if not modifiers:
            return True
        phrase = norm(self.doc[min(m.left_edge.i for m in modifiers):token.i + 1].text)
        if phrase in self.v.roles:
            return True
        # (a degree adverb qualifies the qualifier: "a reasonably careful reviewer")
        words = {norm(m.text) for m in modifiers if not any(
            c.dep_ == "advmod" for c in m.children)} | {
            t.lower_ for m in modifiers for t in m.subtree
            if not t.is_punct and not (t.dep_ == "advmod" and t.head.i == m.i)}
        return bool(words) and words <= (self.v.qualifiers | self.w.personal_determiners |
                                         self.w.competent_words)

    def _modifier_edge(self, token: Word) -> int:
        """Where the compounds and adjectives before ``token`` start (no determiner)."""
        left = token.i
        for child in token.lefts:
            if child.dep_ in ("amod", "compound", "nmod") and child.i == left - 1 or (
                    child.dep_ in ("amod", "compound", "nmod") and child.right_edge.i >= left - 2):
                left = min(left, child.left_edge.i)
        return left

    def left_edge(self, token: Word) -> int:
        left = token.i
        for child in token.lefts:
            if child.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "quantmod",
                              "punct", "predet", "advmod"):
                left = min(left, child.left_edge.i)
        return left

    def _prev(self, token: Word, word: str) -> bool:
        return token.i > 0 and self.doc[token.i - 1].lower_ == word

    def _plural_thing_before(self, token: Word) -> bool:
        """Whether "they" may stand for things, or for outsiders ("a customer's client keeps
        whatever release they chose"), rather than for colleagues: a plural thing before
        it, a company named by its domain ("Northwind.net's switch … waited on them sending
        a spare"), or two things or acts joined ("disabling the cache and moving the proxy …
        they misled us")."""
        before = self.doc[token.sent.start:token.i]
        return any(other.lower_ in self.w.outsider_words or
                   other.tag_ in ("NNS", "NNPS") and self._not_people(other) or
                   other.tag_ in ("NNP", "NNPS") and _DOMAIN.search(other.text) is not None or
                   other.dep_ == "conj" and other.head.i < other.i and
                   all(self._thing_or_act(t) for t in (other, other.head))
                   for other in before)

    def _not_people(self, word: Word) -> bool:
        v = self.v
        return word.lower_ not in v.team_heads and word.lower_ not in v.role_words and \
            word.lower_ not in v.people

    def _thing_or_act(self, word: Word) -> bool:
        """A common noun that names no person, or an act ("removing the proxy")."""
        return word.tag_ == "VBG" or word.tag_ in ("NN", "NNS") and self._not_people(word)

    @staticmethod
    def blameable(mention: Mention | None, level: int = 0) -> TypeIs[Mention]:
        """A person, role or team, named at least as surely as ``level`` (see Mention.weak)."""
        if mention is None or mention.kind not in _BLAMEABLE:
            return False
        return mention.weak <= level

    # -- grammar helpers ---------------------------------------------------------------
    def subject(self, verb: Word) -> Word | None:
        """The subject of ``verb``, repairing the parser's usual misreadings (kept)."""
        if verb.i not in self._subjects:
            self._subjects[verb.i] = self._find_subject(verb)
        return self._subjects[verb.i]

    def _find_subject(self, verb: Word) -> Word | None:
        proxy = self.split_perfect(verb)
        if proxy is not None:
            return self.subject(proxy)
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if len(subjects) > 1 and verb.dep_ == "relcl":
            # "a check that the DBA skipped": the relative word is the object, not the doer
            subjects = [c for c in subjects if c.lower_ not in self.w.relative_pronouns]
        if len(subjects) > 1:  # "14:07 UTC — @handle restarted…": the stamp is no subject
            subjects = [c for c in subjects if not self._time_stamp(c)] or subjects
        if len(subjects) > 1:  # "Technical Detail: <product> maintains…": a label
            subjects = [c for c in subjects if not any(
                p.text == ":" and p.i > c.i for p in c.children)] or subjects
        if subjects:
            return self._explicit_subject(verb, subjects[0])
        for aux in verb.children:  # "X should have double-checked": hung on "have"
            if aux.dep_ == "aux" and aux.i < verb.i:
                found = next((c for c in aux.children if c.dep_ == "nsubj"), None)
                if found is not None:
                    return found
        return self._implicit_subject(verb)

    def _explicit_subject(self, verb: Word, child: Word) -> Word:
        stamped = self._stamped(child)
        if stamped is not None:
            return stamped
        if child.dep_ == "csubj":  # "Whoever merged this should have …": whoever merged it
            return next((c for c in child.children if c.dep_ == "nsubj" and c.tag_ == "WP"),
                        child)
        if child.lower_ in self.w.relative_pronouns and verb.dep_ == "relcl":
            if child.tag_ == "WDT" and self.blameable(self.who(verb.head)):
                return child  # "a tool written by X, which sends…": "which" is no person
            return verb.head
        if child.lower_ in self.w.hyphen_verb_prefixes and child.i + 2 == verb.i and \
                self.doc[child.i + 1].text == "-":
            # "X force-pushed": the parser makes "force" the subject
            owner = next((c for c in child.children if c.dep_ in (
                "compound", "nmod", "amod", "poss")), None)
            if owner is not None:
                return owner
        return child

    @staticmethod
    def _time_stamp(token: Word) -> bool:
        """"14:07 UTC", "09:12": a number, or a word a number before it qualifies."""
        return any(t.tag_ == "CD" for t in token.subtree if t.i <= token.i)

    def _stamped(self, child: Word) -> Word | None:
        """"14:07 UTC — <someone> restarted…": a timeline line's time stamp taken for the
        subject, with the person who acts hung on it as an apposition."""
        if not self._time_stamp(child):
            return None
        return next((c for c in child.children if c.dep_ == "appos" and c.i > child.i and
                     self.blameable(self.who(c), 2)), None)

    def _implicit_subject(self, verb: Word) -> Word | None:
        if verb.tag_ in ("VBD", "VBZ") and not any(c.dep_.startswith("nsubj") for c in
                                                   verb.children):
            # "The <role> forgot…": the noun before a subjectless finite verb is read as its
            # compound; it is the subject
            noun = next((c for c in verb.children if c.dep_ == "compound" and c.i < verb.i
                         and c.tag_.startswith("NN")), None)
            if noun is not None:
                return noun
        before = self.doc[verb.i - 1] if verb.i else None
        if verb.dep_ == "amod" and verb.tag_ in ("VBD", "VBZ") and before is not None and \
                before.tag_.startswith("NN") and before.dep_ in ("ROOT", "nsubj"):
            return before  # "X's deploy broke uploads": "broke" misread as an adjective
        if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ", "VBP") and \
                verb.head.tag_.startswith("NN") and verb.head.i < verb.i:
            # "The <role> needed to…": a finite verb misread as a noun's clause
            return verb.head
        if verb.dep_ in ("ccomp", "advcl") and verb.head.tag_.startswith("VB") and \
                verb.head.i == verb.i - (
                1 + sum(1 for c in verb.children if c.dep_ == "aux" and c.i < verb.i)) and \
                verb.head.lower_ in self.v.role_words:
            return verb.head  # "The team lead should…": "lead" misread as a verb
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i or self._split_conj(verb):
            head = verb.head
            if head.tag_.startswith("VB") or head.dep_ == "ROOT":
                found = self.subject(head)
                if found is None and verb.dep_ == "conj" and not self.passive(verb):
                    # "X was expected to <act> … and should have done so": the passive
                    # subject of the first verb acts in the second
                    found = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                return found
        return None

    def _split_conj(self, verb: Word) -> bool:
        """"X acknowledged the page but, as far as we know, neglected to…": a second verb of
        the same subject that an aside between commas made the parser hang as a clause."""
        head = verb.head
        return verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBN") and head.i < verb.i and \
            not any(c.dep_ in ("mark", "aux", "auxpass") for c in verb.children) and any(
                c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children)

    def diligence(self, verb: Word) -> bool:
        """A diligence verb ("check", "read", "make sure"): blame when not done."""
        return verb.lower_ in self.v.negated or self._followed_by(verb, self.v.negated_phrases)

    def neutral(self, verb: Word) -> bool:
        """What responders do that is never blame ("paged", "rolled back", "took over")."""
        return verb.lower_ in self.v.neutral or self._followed_by(verb, self.v.neutral_phrases)

    def _followed_by(self, verb: Word, tails: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
        words = tuple(t.lower_ for t in self.doc[verb.i + 1:verb.i + 4])
        return any(words[:len(rest)] == rest for rest in tails.get(verb.lower_, ()))

    def polar_question(self) -> bool:
        """"Was the nurse negligent?", "Did anyone skip the check?": a yes-no question (it
        opens with a verb and ends with a question mark) asks; it states nothing."""
        words = [t for t in self.doc if not t.is_space]
        return len(words) > 2 and words[-1].text == "?" and words[0].tag_ in _AUX_TAGS and \
            words[0].dep_ in ("ROOT", "aux", "auxpass")

    def indefinite(self, token: Word | None) -> bool:
        """"a developer", "some committer": nobody in particular."""
        return token is not None and any(
            c.dep_ == "det" and c.lower_ in self.w.indefinite_determiners for c in token.children)

    def named_only(self, token: Word | None) -> bool:
        """"the name of the engineer who removed the data": who someone is, talked about
        (a document naming people), not a statement of what they did."""
        return token is not None and token.dep_ == "pobj" and token.head.lower_ == "of" \
            and token.head.head.lower_ in self.w.identity_nouns

    def made_to(self, verb: Word) -> bool:
        """Whether a thing made the person act: "the dashboard led the operator to…", "made
        the on-call look in the wrong place" (the causer, not the person, is the agent)."""
        head = verb.head
        if self._made_easy(verb):
            return True
        if verb.dep_ not in ("ccomp", "xcomp") or head.i >= verb.i or \
                head.lower_ not in self.w.causative_verbs:
            return False
        return not self.blameable(self.who(self.subject(head)), 2)

    def _made_easy(self, verb: Word) -> bool:
        """"It was easy for the on-call to miss the alert": the circumstances made the slip
        easy (not in hindsight: "it would have been easy for X to check" is minimising)."""
        head = verb.head
        if not any(m.dep_ == "mark" and m.lower_ == "for" for m in verb.children) or not any(
                c.dep_ == "acomp" and c.lower_ in self.w.easy_words for c in head.children):
            return False
        return not any(a.lower_ in self.w.would for a in self.auxiliaries(head))

    def split_perfect(self, verb: Word) -> Word | None:
        """The "have" of "should have force-pushed" when the parser, split at the hyphen,
        made "have" the main verb and the participle its clause."""
        head = verb.head
        if verb.dep_ != "ccomp" or verb.tag_ != "VBN" or head.lower_ not in self.w.have_verbs \
                or not 2 <= verb.i - head.i <= 3 or self.doc[verb.i - 1].text != "-":
            return None
        return head

    def auxiliaries(self, verb: Word) -> list[Word]:
        """The verb's auxiliaries, with those the parser hangs on another auxiliary ("should"
        under "have" in "X should have double-checked")."""
        proxy = self.split_perfect(verb)
        if proxy is not None:
            return sorted([proxy, *self.auxiliaries(proxy)], key=lambda word: word.i)
        aux = [c for c in verb.children if c.dep_ == "aux"]
        return sorted(aux + [g for c in aux for g in c.children if g.dep_ == "aux"],
                      key=lambda word: word.i)

    @staticmethod
    def passive(verb: Word) -> bool:
        return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)

    def reduced_passive(self, verb: Word) -> bool:
        """"Node excluded from <the config>": a fragment's passive, written without "was"
        (a past form with no object, "from" right after it)."""
        following = self.after(verb)
        return verb.tag_ in ("VBD", "VBN") and following is not None and \
            following.lower_ == "from" and not any(c.dep_ == "dobj" for c in verb.children)

    def negated(self, verb: Word) -> Word | None:
        verb = self.split_perfect(verb) or verb
        for child in verb.children:
            if child.dep_ == "neg" or (child.lower_ in self.w.negators and
                                       child.dep_ in ("advmod", "neg")):
                return child
        return None

    def suppressed(self, anchor: Word, *, own_negation_ok: bool = False,
                   in_subject_ok: bool = False) -> bool:
        """Negated, denied ("nobody…"), or talked about ("we avoid calling this…").

        Negation reaches up the parse only within a clause: "If X had read the runbook,
        none of this would have happened" still blames X. With ``in_subject_ok``, a verb's
        negation does not reach into its subject: "the sloppy script didn't have a WHERE
        clause" still calls the script sloppy.
        """
        anchor = self.split_perfect(anchor) or anchor
        token = anchor
        in_scope = True
        subject_of = False
        if any(t.dep_ in ("compound", "appos") and t.lower_ in self.v.meta
               for c in anchor.children if c.dep_ in ("compound", "appos")
               for t in (c, *c.children)):
            return True  # "the phrase operator error", "the label human error": a name
        for _ in range(40):
            if in_scope and self._denied_at(token, anchor, own_negation_ok,
                                            in_subject_ok and subject_of):
                return True
            if token.i != anchor.i and token.lower_ in self.v.meta and not subject_of:
                return True
            if token.dep_ == "ROOT" or token.head.i == token.i:
                return False
            if self._leaves_scope(token):
                in_scope = False  # "Had X checked, nothing would have broken"
            # "<someone>'s error was believing…": the cue is what believes, not what is talked of
            subject_of = token.dep_ in ("nsubj", "nsubjpass")
            token = token.head
        return False

    def _leaves_scope(self, token: Word) -> bool:
        """Whether a negation above ``token``'s clause does not reach into it: a condition
        ("Had X checked, nothing would have broken"), a relative or coordinate clause, or a
        clause the parser hangs on the consequence after it ("X turned off the alerts, so
        nobody saw…")."""
        dep = token.dep_
        if dep in ("advcl", "parataxis") or dep == "conj" and not token.tag_.startswith("JJ") \
                or dep == "relcl" and not self._infinitive(token):
            return True
        # "Anyone would have seen it, yet X did not": a coordinate clause parsed as a
        # complement of the one after it
        return dep == "ccomp" and (self.inversion(token) is not None or any(
            c.lower_ in self.w.consequence_words and token.i < c.i < token.head.i
            for c in token.head.children) or token.i < token.head.i and any(
            c.dep_ == "cc" and c.i > token.i for c in token.children))

    @staticmethod
    def _infinitive(clause: Word) -> bool:
        """"someone to hold accountable": a clause of purpose, inside its noun's scope."""
        return any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)

    def _denied_at(self, token: Word, anchor: Word, own_negation_ok: bool,
                   from_subject: bool = False) -> bool:
        if self._has_det(token, self.w.none_determiners):
            return True
        if (token.i != anchor.i or not own_negation_ok) and not from_subject and (
                token.tag_.startswith(("VB", "JJ")) or token.dep_ in ("ROOT", "prep")) and \
                self.negated(token) is not None:
            return True
        if token.i != anchor.i and any(c.dep_ == "nsubj" and c.lower_ in self.w.nothing
                                       for c in token.children):
            return True  # "nothing suggests anyone was careless"
        if token.dep_ == "prep" and token.i > 0 and \
                self.doc[token.i - 1].lower_ in self.w.negators:
            return True  # "…, not for someone to hold accountable"
        if self._set_aside(token) or self._never_at(token):
            return True
        return any(child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in self.v.nobody and self.nobody_in_group(child) is None or any(
                c.dep_ == "det" and c.lower_ == "no" for c in child.children))
            for child in token.children)

    def _set_aside(self, token: Word) -> bool:
        """"instead of asking why X skipped it", "rather than blaming X": set aside."""
        return token.dep_ in ("pcomp", "pobj") and token.i >= 2 and \
            self.doc[token.i - 2].lower_ in self.w.set_aside_words

    def _never_at(self, token: Word) -> bool:
        """"At no point did anyone…": a fronted negative adverbial denies the clause."""
        return any(c.dep_ == "prep" and c.i < token.i and any(
            p.dep_ == "pobj" and p.lower_ in self.w.occasion_nouns and
            self._has_det(p, self.w.none_determiners) for p in c.children)
            for c in token.children)

    def nobody_in_group(self, token: Word) -> Mention | None:
        """"nobody on the <name> team", "no one from <a company>": a denial that
        singles out a group other than the authors (who then did not act)."""
        if token.lower_ not in self.v.nobody:
            return None
        inner = self.who(self.pobj(token, *self.w.sub_team_preps, "on"))
        if not self.blameable(inner):
            return None
        return Mention(inner.kind, token.i, inner.end, self.doc[token.i:inner.end].text)

    @staticmethod
    def span_with_subject(subject: Mention | None, start: int, end: int) -> tuple[int, int]:
        """Include the subject when it directly precedes the cue ("The DBA neglected")."""
        if subject is not None and subject.end <= start and start - subject.end <= 3:
            return subject.start, end
        return start, end

    def _cause_label_end(self) -> int | None:
        """Index of the ':' of a leading "Root cause:" style label, if any."""
        doc = self.doc
        for token in doc[:10]:
            if (token.text in (":", "\u2014", "-") or token.is_punct and token.text.endswith(":")) \
                    and token.i > 0 and (  # ("Root cause (5th why):": "):" is one token)
                    token.text != "-" or _end(doc[token.i - 1]) < token.idx):  # not "on-call"
                words = {t.lower_ for t in doc[:token.i]}
                if words & self.v.cause_labels:
                    return token.i
                return None
        return None

    def counterfactual_clause(self, verb: Word) -> bool:
        """"if X had…", or an inversion: "had X…", "were X to have…". Not an "if" that asks
        a question ("to see if they had met this error", "asked whether …")."""
        if any(c.dep_ == "mark" and c.lower_ in self.w.if_words for c in verb.children):
            return not self._asks(verb)
        return self.inversion(verb) is not None

    def _asks(self, verb: Word) -> bool:
        """Whether an "if" clause is the question a verb before it asks ("to see if they had
        met this error"), not the condition of one that would have been ("…, we would have
        known"; "we would have known if …")."""
        head = verb.head
        return head.lower_ in self.w.question_verbs and head.i < verb.i and not any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in head.children)

    def inversion(self, verb: Word) -> Word | None:
        """The "had"/"were"/"should" right before the verb's subject, if the clause is
        inverted ("Had the DBA taken…", "…had the <team> read…")."""
        subject = self.subject(verb)
        if subject is None:
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is None or subject.i > verb.i:
            return None
        start = self.left_edge(subject)
        if start == 0:
            return None
        before = self.doc[start - 1]
        if before.lower_ in self.w.inverters and before.i < subject.i:
            return before
        return None

    def person_or_work(self, token: Word | None, level: int = 2) -> Mention | None:
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
        if self.blameable(mention, level) and not (mention.weak and self._component(token)):
            return Mention(mention.kind, mention.start, token.i + 1,
                           self.doc[mention.start:token.i + 1].text)
        # "a delete by X", "a manual kubectl delete by X": the by-phrase may hang on a modifier
        # or on a noun the parser hung below the head ("a manual DELETE by X")
        holders = [token, *(c for c in token.children if c.dep_ in ("amod", "compound")),
                   *(c for c in token.children if c.dep_ == "acl" and c.tag_.startswith("NN"))]
        for holder in holders:
            mention = self.who(self.pobj(holder, "by"))
            if self.blameable(mention, level):
                return mention
        for clause in token.children:  # "a command typed by <someone>" (an act; "a tool written
            # by X", "data accepted by <a tool>" name no act on the system)
            if clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.lower_ in self.v.actions:
                mention = self.who(self.by_agent(clause))
                if self.blameable(mention, level):
                    return mention
        doer = next((c for c in token.children if c.dep_ in ("compound", "nmod") and
                     c.i < token.i and any(t.tag_ == "VBG" for t in self.doc[c.i + 1:token.i])),
                    None)  # "<the role> bulk-editing <things>": misread as a compound
        mention = self.who(doer)
        if self.blameable(mention, level):
            return mention
        if token.tag_ == "VBG":  # "by X force-pushing…": the gerund's subject as a compound
            doer = next((c for c in token.children if c.i < token.i and c.dep_ in (
                "compound", "nmod", "nsubj", "poss")), None)
            mention = self.who(doer)
            if self.blameable(mention, level):
                return mention
        return None

    def _component(self, token: Word) -> bool:
        """A part of a product ("<Name>'s autoscaler", "<Name>'s validator client"): what a
        name that may be a product's owns, not a person's work."""
        return token.lower_ in self.w.component_nouns or \
            norm(self.doc[self._modifier_edge(token):token.i + 1].text) in self.w.component_nouns

    @staticmethod
    def pobj(token: Word, *prepositions: str, deps: tuple[str, ...] = ("prep",)) -> Word | None:
        """The object of the first of ``token``'s prepositions named (``by`` -> its noun)."""
        return next((p for c in token.children if c.dep_ in deps and
                     c.lower_ in prepositions for p in c.children if p.dep_ == "pobj"), None)

    def after(self, token: Word) -> Word | None:
        """The word right after ``token``, if any."""
        return self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None

    def next_noun(self, index: int) -> Word | None:
        for token in self.doc[index:index + 5]:
            if token.tag_ in _NOUN_TAGS:
                head = token
                while head.dep_ in ("compound",) and head.head.i != head.i:
                    head = head.head
                return head
        return None

    def passive_agent(self, verb: Word, kind: BlameKind, cue_start: int) -> BlameHit | None:
        """The person (or, for damage, the person's work) a passive verb is done by."""
        agent = self.by_agent(verb)
        mention = self.person_or_work(agent, 2) if kind is BlameKind.person_as_cause \
            else self.who(agent)
        if not self.blameable(mention, level=2) or agent is None:
            return None
        if self.suppressed(verb, own_negation_ok=False):
            return None
        aux = [c.i for c in verb.children if c.dep_ in ("auxpass",)]
        start = min([cue_start, *aux])
        return self.hit(kind, start, agent.i + 1, mention.text, verb.i, verb.i + 1)

    def hyphenated(self, token: Word) -> str:
        """"hand-typed" as one word: spaCy splits it into hand - typed."""
        return norm(self.doc[token.left_edge.i:token.right_edge.i + 1].text)

    def nounish(self, token: Word) -> bool:
        return token.tag_ in (*_NOUN_TAGS, "WP") or token.lower_ in self.w.person_pronouns \
            or self._implicated(token) is not None  # "those involved"


def _end(word: Word) -> int:
    return word.idx + len(word.text)


def _ends_with_any(phrase: str, words: frozenset[str]) -> bool:
    """Whether ``phrase`` ends with " " + one of ``words``: a set lookup per space in the
    phrase instead of a pass over every word."""
    index = phrase.find(" ")
    while index != -1:
        if phrase[index + 1:] in words:
            return True
        index = phrase.find(" ", index + 1)
    return False
