"""Whose fault: possessive fault, discipline, human error."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.grammar import (
    BE,
    LIE,
    MAKE,
    PERSON,
    POSSESSIVE_PRONOUNS,
    Grammar,
    Hit,
    Mention,
    norm,
)
from postmortem_lint.nlp.blame.parsed import Word
from postmortem_lint.nlp.hits import BlameKind
from postmortem_lint.nlp.lexicon import inflections

_BLAME = frozenset(inflections("blame"))
# Verbs whose subject (a tool, a gap) acts on the human error: "the console allowed a fat
# finger to…", "nothing prevented operator error from…".
_ALLOW = frozenset(form for verb in ("allow", "let", "permit", "enable", "prevent", "stop",
                                     "catch", "block", "absorb", "tolerate")
                   for form in inflections(verb))


class FaultReading(Grammar):
    """Whose fault it was, read from one sentence."""

    # -- possessive fault --------------------------------------------------------------
    def possessive(self) -> Iterator[Hit]:
        doc = self.doc
        nouns: dict[int, Word] = {}
        for span in self.matches.get("FAULT", []):
            nouns[span.root.i] = span.root
        for noun_i in self.owned_faults:
            nouns.setdefault(noun_i, doc[noun_i])
        for noun in doc:  # "responsibility for the data loss falls on X"
            if noun.lower_ in ("responsibility", "accountability") and self._about_damage(noun):
                nouns.setdefault(noun.i, noun)
        for noun in nouns.values():
            if noun.tag_.startswith("VB") and noun.lower_ not in ("slip", "doing") and \
                    noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "attr"):
                continue
            found = self._fault_owner(noun)
            if found is None or self.suppressed(noun):
                continue
            mention, start, end = found
            yield (BlameKind.possessive_fault, start, end, mention.text, noun.i, noun.i + 1)
        yield from self._on_someone()

    def _fault_owner(self, noun: Word) -> tuple[Mention, int, int] | None:
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
            target = next((p for p in prep.children if p.dep_ == "pobj"), None) or next((
                s for c in prep.children if c.dep_ == "pcomp" for s in c.children
                if s.dep_ in ("nsubj", "nsubjpass")), None)  # "the fault of whoever changed…"
            if target is not None and prep.lower_ == "on" and target.lower_ == "part":
                # "on X's part", "on the part of X"
                target = next((c for c in target.children if c.dep_ == "poss"), None) or next((
                    p for c in target.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"), None)
            mention = self.who(target)
            if self.blameable(mention, level) and target is not None:
                return mention, self._left_edge(noun), target.i + 1
        head = noun.head
        if noun.dep_ == "dobj" and head.lower_ in MAKE:
            mention = self.who(self.subject(head))
            if self.blameable(mention, level):
                start, end = self.span_with_subject(mention, head.i, noun.i + 1)
                return mention, start, end
        if noun.dep_ == "nsubjpass" and head.lower_ in MAKE:
            agent = self.by_agent(head)
            mention = self.who(agent)
            if self.blameable(mention, level) and agent is not None:
                return mention, noun.i, agent.i + 1
        if noun.dep_ == "nsubj" and head.lower_ in LIE:
            target = next((p for c in head.children if c.dep_ == "prep" and c.lower_ in (
                "with", "on") for p in c.children if p.dep_ == "pobj"), None)
            mention = self.who(target)
            if self.blameable(mention, level) and target is not None:
                return mention, noun.i, target.i + 1
        if noun.dep_ == "nsubj" and head.lower_ in BE:
            # "the error was Ayşe's", "the slip was hers"
            target = next((c for c in head.children if c.dep_ in ("attr", "acomp") and (any(
                g.dep_ == "case" for g in c.children) or c.lower_ in POSSESSIVE_PRONOUNS)),
                None)
            mention = self.who(target) if target is not None and \
                target.lower_ not in POSSESSIVE_PRONOUNS else None
            if target is not None and target.lower_ in ("hers", "his"):
                mention = Mention(PERSON, target.i, target.i + 1, target.text)
            if self.blameable(mention, level) and target is not None:
                end = target.i + (1 if target.lower_ in POSSESSIVE_PRONOUNS else 2)
                return mention, noun.i, end
        clause = next((c for c in noun.children if c.dep_ in ("acl", "relcl") and
                       c.lower_ in MAKE), None)
        if clause is not None:  # "a typo made by an engineer"
            agent = self.by_agent(clause)
            mention = self.who(agent)
            if self.blameable(mention, level) and agent is not None:
                return mention, self._left_edge(noun), agent.i + 1
        return None

    def _about_damage(self, noun: Word) -> bool:
        """"responsibility for the outage", "the misconfiguration was the responsibility…"."""
        damage = self.a.damage_nouns
        for_damage = any(p.lower_ in damage for c in noun.children if c.dep_ == "prep" and
                         c.lower_ == "for" for p in c.children if p.dep_ == "pobj")
        subject = self.subject(noun.head) if noun.dep_ == "attr" else None
        return for_damage or (subject is not None and subject.lower_ in damage)

    def _on_someone(self) -> Iterator[Hit]:
        """"This one is on the platform team": the fault put on someone."""
        for verb in self.doc:
            if verb.lower_ not in BE:
                continue
            subject = self.subject(verb)
            pointed = subject is not None and any(c.lower_ in ("this", "that")
                                                  for c in subject.children)
            if subject is None or not (subject.lower_ in ("this", "that", "it") or pointed and (
                    subject.lower_ == "one" or subject.lower_ in self.a.damage_nouns)):
                continue  # "This one is on X", "This outage was on the infrastructure team"
            target = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"
                           for p in c.children if p.dep_ == "pobj"), None)
            mention = self.who(target)
            if self.blameable(mention, 2) and target is not None and not self.suppressed(verb):
                yield (BlameKind.possessive_fault, verb.i, target.i + 1, mention.text, verb.i,
                       target.i + 1)

    # -- discipline ------------------------------------------------------------------------
    def discipline(self) -> Iterator[Hit]:
        voluntary = any(t.lower_ in ("request", "requested", "volunteered", "voluntarily")
                        for t in self.doc)  # "…at his own request" is not a sanction
        spans = [*self.matches.get("DISCIPLINE", []),
                 *([] if voluntary else self.matches.get("OFF_ROTATION", []))]
        # who() is pure: classifying every noun only matters when a discipline phrase matched
        mentions = [m for m in (self.who(t) for t in self.doc if self._nounish(t))
                    if self.blameable(m, level=2)] if spans else []
        for span in spans:
            if not mentions:
                continue
            if self.suppressed(span.root):
                continue
            yield (BlameKind.discipline, span.start, span.end, mentions[0].text, span.start,
                   span.end)
        for verb in self.doc:
            if verb.lower_ not in self.a.discipline_verbs or not verb.tag_.startswith("VB"):
                continue
            particles = self.a.discipline_particles.get(verb.lower_)
            if particles is not None and not any(
                    word.lower_ in particles for word in self.doc[verb.i + 1:verb.i + 4]):
                continue  # a phrasal sanction ("written up", "let go") without its particle
            patient = None
            if self.passive(verb) and verb.lower_.startswith("reassign") and any(
                    c.dep_ == "dobj" for c in verb.children):
                continue  # "was reassigned the incident commander role": given a task
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

    def _hyphenated(self, token: Word) -> str:
        """"hand-typed" as one word: spaCy splits it into hand - typed."""
        return norm(self.doc[token.left_edge.i:token.right_edge.i + 1].text)

    @staticmethod
    def _looked_past(noun: Word) -> bool:
        """"looks past human error", "rather than operator error": named to be set aside;
        "issues that allowed a fat finger to take down…": the system is the subject."""
        head = noun.head
        if head.lower_ in ("past", "beyond", "than") or (
                head.lower_ == "of" and head.head.lower_ == "instead"):
            return True
        return any(verb.lower_ in _ALLOW and noun.i > verb.i for verb in (head, head.head))

    @staticmethod
    def _nounish(token: Word) -> bool:
        return token.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "WP") or \
            token.lower_ in ("whoever", "someone")

    # -- human error -------------------------------------------------------------------
    def human_error(self) -> Iterator[Hit]:
        for span in self.matches.get("HUMAN_ERROR", []):
            root = span.root
            # "the review blamed human error for…" cites it as the cause; "it is tempting to
            # blame human error" does not
            anchor = root.head if root.head.lower_ in _BLAME and root.dep_ == "dobj" else root
            if self.suppressed(anchor) or self._looked_past(root):
                continue
            yield (BlameKind.human_error, span.start, span.end, "", span.start, span.end)
        # "a manual slip", "an operator misstep": a human-error word before any fault noun
        for span in self.matches.get("FAULT", []):
            noun = span.root
            modifier = next((c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                             and c.i < noun.i and (c.lower_ in self.a.human_error_modifiers or
                                                   self._hyphenated(c) in
                                                   self.a.human_error_modifiers)), None)
            if modifier is None or noun.tag_ == "NNS" and modifier.lower_ == "user":
                continue
            if self.suppressed(noun) or self._looked_past(noun):
                continue
            yield (BlameKind.human_error, modifier.i, span.end, "", modifier.i, span.end)
        # "Primary cause: human (wrong flag passed…)"
        if self.label_end is not None and self.label_end + 1 < len(self.doc):
            word = self.doc[self.label_end + 1]
            after = self.doc[word.i + 1] if word.i + 1 < len(self.doc) else None
            if word.lower_ in ("human", "humans", "people", "operator", "person") and (
                    after is None or after.is_punct):
                yield (BlameKind.human_error, word.i, word.i + 1, "", word.i, word.i + 1)
