"""A person as the cause: cause links, damage verbs, clefts, cause labels, and the
agents that cause statements must not name."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.grammar import (
    BE,
    NAME_SHAPE,
    Grammar,
    Hit,
)
from postmortem_lint.nlp.blame.parsed import Word
from postmortem_lint.nlp.hits import BlameKind
from postmortem_lint.nlp.lexicon import inflections

_BEGIN = frozenset(inflections("start") | inflections("begin"))


class CauseReading(Grammar):
    """Who is made the cause, read from one sentence."""

    # -- a person as the cause -----------------------------------------------------------
    def person_as_cause(self) -> Iterator[Hit]:
        yield from self._cause_links()
        yield from self._damage()
        yield from self._copula_cause()
        yield from self._because()
        yield from self._when()
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

    def _damage(self) -> Iterator[Hit]:
        a = self.a
        phrasal = {span.start: span for span in self.matches.get("DAMAGE", [])}
        for verb in self.verbs():
            lower = verb.lower_
            span = phrasal.get(verb.i)
            damage = lower in a.damage or span is not None
            cause = lower in a.cause_verbs and self._damage_object(verb) or (
                lower in a.actions and self._which_damaged(verb))
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

    def _which_damaged(self, verb: Word) -> bool:
        """"deleted the DNS zone, which took every domain offline": the act's own damage."""
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for clause in obj.children:
                if clause.dep_ == "relcl" and any(c.lower_ == "which" and c.dep_ == "nsubj"
                                                  for c in clause.children) and \
                        self._damaging(clause):
                    return True
        return False

    def _damage_object(self, verb: Word) -> bool:
        for child in verb.children:
            if any(c.dep_ == "det" and c.lower_ == "no" for c in child.children):
                continue
            if child.dep_ in ("dobj", "attr", "nsubjpass") and (
                    child.lower_ in self.a.damage_nouns or any(
                    c.lower_ in self.a.damage_nouns for c in child.children
                    if c.dep_ == "compound")):
                return True
        return False

    def _wrong_object(self, verb: Word) -> bool:
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
            if verb.lower_ not in BE:
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

    def _damaging(self, verb: Word) -> bool:
        """A damage verb ("broke", "took down") or a cause verb with damage as its object."""
        a = self.a
        phrasal = any(span.start == verb.i for span in self.matches.get("DAMAGE", []))
        return verb.lower_ in a.damage or phrasal or (
            verb.lower_ in a.cause_verbs and self._damage_object(verb))

    def _cleft(self, verb: Word) -> Iterator[Hit]:
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

    def _when(self) -> Iterator[Hit]:
        """"Checkout went down when Omar deployed the branch": damage timed to a person's act."""
        a = self.a
        for verb in self.verbs():
            if verb.dep_ != "advcl" or not any(c.lower_ in ("when", "after", "once", "as soon as")
                                               and c.dep_ in ("advmod", "mark")
                                               for c in verb.children):
                continue
            if verb.lower_ in a.neutral and verb.lower_ not in a.actions or \
                    verb.lower_ in a.stative or self.passive(verb) or self.negated(verb):
                continue
            main = verb.head
            # only outright damage ("broke", "crashed", "went down", "the outage started"):
            # "errors rose after Ravi deployed 4.2" is a timeline fact
            down = any(c.lower_ in ("down", "offline", "dark") for c in main.children)
            began = main.lower_ in _BEGIN and any(
                c.dep_ == "nsubj" and c.lower_ in a.damage_nouns for c in main.children)
            if not (main.lower_ in a.damage or down or began) or self.negated(main) is not None:
                continue
            mention = self.who(self.subject(verb))
            if not self.blameable(mention) or self.suppressed(main):
                continue
            mark = next(c for c in verb.children if c.lower_ in ("when", "after", "once"))
            yield (BlameKind.person_as_cause, mark.i, verb.i + 1, mention.text, verb.i,
                   verb.i + 1)

    def _labelled(self) -> Iterator[Hit]:
        """"Root cause: Ravi truncated the table": a person acting, right after a cause label."""
        if self.label_end is None:
            return
        for start, end, who, anchor in self._agent_clauses(after=self.label_end, labelled=True):
            yield (BlameKind.person_as_cause, start, end, who, anchor, anchor + 1)
            return
        yield from self._named_cause()
        # the parser can miss the subject of a fragment ("Tom force-pushed over main")
        index = self.label_end + 1
        while index < len(self.doc) and self.doc[index].lower_ in ("the", "a", "an"):
            index += 1
        if index >= len(self.doc):
            return
        token = self.doc[index]
        head = token
        while head.i + 1 < len(self.doc):
            following = self.doc[head.i + 1]
            name_goes_on = following.tag_ in ("NNP", "NN") and NAME_SHAPE.match(following.text)
            if following.dep_ == "punct" or not (name_goes_on or head.lower_ in ("on", "-",
                                                                                  "call")):
                break
            head = following
        mention = self.who(head)
        if not self.blameable(mention, level=2):
            return
        verb = next((t for t in self.doc[head.i + 1:head.i + 4]
                     if t.tag_ in ("VBD", "VBN", "VBZ")), None)
        if verb is None or verb.lower_ in self.a.neutral or verb.lower_ in self.a.stative:
            return
        yield (BlameKind.person_as_cause, mention.start, verb.i + 1, mention.text, verb.i,
               verb.i + 1)

    # -- agents (used where a cause is stated) -----------------------------------------
    def agents(self) -> Iterator[Hit]:
        for start, end, who, anchor in self._agent_clauses(after=-1):
            yield (BlameKind.agent, start, end, who, anchor, anchor + 1)

    def _named_cause(self) -> Iterator[Hit]:
        """"Root cause: the intern.", "Primary trigger: Tobias.": the label's whole answer is
        a person."""
        assert self.label_end is not None
        rest = [t for t in self.doc[self.label_end + 1:] if not (t.is_punct or t.is_space)]
        if not rest or len(rest) > 4:
            return
        head = next((t for t in rest if t.head.i == t.i or not (
            rest[0].i <= t.head.i <= rest[-1].i)), rest[-1])
        mention = self.who(head)
        if not self.blameable(mention, 2) or any(t.tag_.startswith("VB") for t in rest):
            return
        if mention.weak:
            return  # "Root cause: Heartbleed." may be a product: a lone first name is not enough
        if any(t.lower_ in ("owner", "owners", "author", "dri") for t in self.doc[:self.label_end]):
            return  # "Root cause owner: Tobias" names who follows up, not a cause
        yield (BlameKind.person_as_cause, rest[0].i, rest[-1].i + 1, mention.text, head.i,
               head.i + 1)

    def _agent_clauses(self, after: int, labelled: bool = False
                       ) -> Iterator[tuple[int, int, str, int]]:
        a = self.a
        for verb in self.verbs():
            if verb.i <= after:
                continue
            lower = verb.lower_
            # Right after "Root cause:", an act such as restarting or draining is the cause.
            neutral = lower in a.neutral and not (labelled and lower in a.actions)
            if neutral or lower in a.stative or verb.tag_ in ("VBG",) and \
                    verb.dep_ in ("amod", "compound", "pcomp", "pobj"):
                continue
            if verb.dep_ in ("amod", "compound", "acl") and verb.tag_ == "VBN":
                continue
            if self.passive(verb):
                agent = self.by_agent(verb)
                mention = self.who(agent)
                if agent is not None and self.blameable(mention, level=2) and \
                        not self.suppressed(verb):
                    yield verb.i, agent.i + 1, mention.text, verb.i
                continue
            if self.negated(verb) is not None and lower not in a.negated:
                continue
            subject_token = self.subject(verb)
            if subject_token is not None and subject_token.i <= after:
                # "Trigger: an SRE drained…": the label itself may be parsed as a subject too
                subject_token = next((c for c in verb.children
                                      if c.dep_ in ("nsubj", "csubj") and c.i > after), None)
            if subject_token is None:
                continue
            mention = self.who(subject_token)
            if labelled and not self.blameable(mention, 2):
                mention = self._person_or_work(subject_token, 2)  # "Nadia's cron change ran…"
            # "Deploy happened at 06:12": a capitalised first word is a name only when it
            # does something only people do in a cause statement.
            if not self.blameable(mention, 2 if lower in a.actions else 0) or self.suppressed(
                    verb, own_negation_ok=True) or self._counterfactual_clause(verb):
                continue
            start, end = self.span_with_subject(mention, verb.i, verb.i + 1)
            yield start, end, mention.text, verb.i
