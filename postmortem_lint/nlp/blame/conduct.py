"""What people did or should have done: failure verbs, minimising, counterfactuals and
judgments."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from postmortem_lint.nlp.blame.grammar import (
    BE,
    DO,
    HAVE,
    PERSON_ONLY_VERBS,
    Grammar,
    Hit,
)
from postmortem_lint.nlp.hits import BlameKind
from postmortem_lint.nlp.lexicon import inflections


class ConductReading(Grammar):
    """What people did or should have done, read from one sentence."""

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
                       c.lower_ in DO]
                cue_start = min([cue_start, *aux])
            if self.passive(verb):
                yield from self._passive_agent(verb, BlameKind.failure_verb, cue_start)
                continue
            subject = self.who(self.subject(verb))
            if not self.blameable(subject, 2 if lower in PERSON_ONLY_VERBS else 1):
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
            agent = self.by_agent(acting)
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
            if not self.blameable(subject, 2 if verb.lower_ in PERSON_ONLY_VERBS else 1):
                continue
            negation = self.negated(verb)
            verb_lower = verb.lower_
            complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            must = verb_lower in HAVE | frozenset(inflections("need")) and complement is not None
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
        for verb in self.verbs():
            subject = self.who(self.subject(verb))
            aux = [c for c in verb.children if c.dep_ == "aux"]
            modal = next((c for c in aux if c.lower_ in ("should", "ought", "could", "shouldve")),
                         None)
            if modal is None and verb.dep_ == "xcomp" and verb.head.lower_ == "ought":
                modal = verb.head
            has_have = any(c.lower_ in HAVE for c in aux)
            if modal is not None and has_have and verb.tag_ == "VBN":
                if self.passive(verb) or verb.lower_ in BE:
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
                if verb.lower_ in BE:
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
            if "would" not in aux or not aux & HAVE or verb.tag_ != "VBN":
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
        return verb.lower_ not in BE and verb.dep_ in ("ROOT", "conj", "ccomp")

    def _and_did_not(self, verb: Token) -> bool:
        tail = self.doc[verb.i:].text.lower()
        return bool(re.search(r"\b(and|but)\s+(did ?n[o']t|didn't|never did|did not)\b", tail))

    # -- judgment --------------------------------------------------------------------------
    def judgments(self) -> Iterator[Hit]:
        for label in ("JUDGMENT_WORD", "JUDGMENT"):
            for span in self.matches.get(label, []):
                root = span.root
                if self.suppressed(root):
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
