"""What people did or should have done: failure verbs, minimising, counterfactuals and
judgments."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postmortem_lint.nlp.blame.grammar import (
    BE,
    DO,
    HAVE,
    NAME_SHAPE,
    PERSON,
    PERSON_ONLY_VERBS,
    Grammar,
    Hit,
    Mention,
)
from postmortem_lint.nlp.blame.parsed import Word
from postmortem_lint.nlp.hits import BlameKind
from postmortem_lint.nlp.lexicon import inflections

# What makes an act sound trivial in hindsight: "a quick look", "one glance".
_TRIVIAL = frozenset({"quick", "simple", "single", "one", "basic", "cursory", "brief",
                      "momentary", "two-second", "five-second", "ten-second"})


_AVOIDED = frozenset(inflections("avoid") | inflections("prevent"))
_HAPPEN = frozenset(inflections("happen"))


class ConductReading(Grammar):
    """What people did or should have done, read from one sentence."""

    # -- failure verbs -----------------------------------------------------------------
    def failures(self) -> Iterator[Hit]:
        a = self.a
        phrasal = {span.start: span for span in self.matches.get("FAILURE", [])}
        yield from self._undone_by()
        for verb in self.doc:
            lower = verb.lower_
            span = phrasal.get(verb.i)
            is_fail = lower in a.fail
            if not (lower in a.failure or span is not None or is_fail or lower in a.negated):
                continue
            if not (verb.tag_.startswith("VB") or (span is not None and verb.tag_ in ("NN", "JJ"))):
                continue
            misread_subject = None
            if verb.dep_ in ("amod", "compound"):
                head = verb.head  # "Hamid glossed over…" parsed as a name with an adjective
                if not (span is not None and head.i == verb.i - 1 and head.tag_ == "NNP" and
                        head.dep_ == "ROOT"):
                    continue
                misread_subject = head
            negation = self.negated(verb)
            host = verb.head  # "didn't double-check": the parser heads the verb with "double"
            if negation is None and verb.dep_ == "xcomp" and host.i == verb.i - 2 and \
                    self.doc[verb.i - 1].text == "-" and host.lower_ in ("double", "cross"):
                negation = self.negated(host)
                if negation is not None and lower in a.negated:
                    subject = self.who(self.subject(host))
                    if self.blameable(subject, 1) and not self.suppressed(
                            host, own_negation_ok=True):
                        start = min(negation.i, *(c.i for c in host.children
                                                  if c.dep_ == "aux" and c.i < host.i))
                        start, stop = self.span_with_subject(subject, start, verb.i + 1)
                        yield (BlameKind.failure_verb, start, stop, subject.text, host.i,
                               verb.i + 1)
                    continue
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
            if any(c.dep_ == "dobj" and c.lower_ in ("nothing", "none") for c in verb.children):
                continue  # "Yusuf missed nothing in the handoff notes"
            if negation is not None:
                cue_start = min(negation.i, cue_start)
                aux = [c.i for c in verb.children if c.dep_ == "aux" and c.i < verb.i and
                       c.lower_ in DO]
                cue_start = min([cue_start, *aux])
            if self.passive(verb) or self.by_agent(verb) is not None:
                # "…was acknowledged and then forgotten by the secondary": a conjoined passive
                yield from self._passive_agent(verb, BlameKind.failure_verb, cue_start)
                continue
            subject = self.who(misread_subject or self.subject(verb))
            if not self.blameable(subject, 2 if lower in PERSON_ONLY_VERBS or
                                  misread_subject is not None else 1):
                continue
            if self.suppressed(verb, own_negation_ok=negation is not None):
                continue
            start, stop = self.span_with_subject(subject, cue_start, end)
            yield (BlameKind.failure_verb, start, stop, subject.text, cue_start, end)

    def _undone_by(self) -> Iterator[Hit]:
        """"The warnings went unheeded by the mobile team": diligence not done, by someone."""
        for word in self.doc:
            if word.lower_ not in self.a.undone:
                continue
            holders = [word, word.head] if word.dep_ in ("acomp", "advmod", "oprd", "xcomp") \
                else [word]  # "remained unanswered by X": the parser hangs "by" on the verb
            agent = next((a for a in (self.by_agent(h) or next((
                p for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                for p in c.children if p.dep_ == "pobj"), None) for h in holders)
                if a is not None), None)
            mention = self.who(agent)
            if agent is None or not self.blameable(mention, 2) or self.suppressed(word):
                continue
            start = word.head.i if word.dep_ in ("advcl", "acomp", "xcomp", "oprd") and \
                word.head.i == word.i - 1 else word.i
            yield (BlameKind.failure_verb, start, agent.i + 1, mention.text, word.i, word.i + 1)

    def _without(self, verb: Word) -> Iterator[Hit]:
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
        yield from self._one_look()
        for label in ("ALL_IT_TOOK", "AS_EASY_AS", "WOULD_HAVE_TAKEN"):
            for span in self.matches.get(label, []):
                mention = next((m for m in (self.who(t) for t in self.doc[span.end:span.end + 5])
                                if self.blameable(m, 2)), None)
                after = self.doc[span.end] if span.end < len(self.doc) else None
                if mention is None and label == "WOULD_HAVE_TAKEN" and after is not None and \
                        NAME_SHAPE.match(after.text) and after.lower_ not in self.a.safe:
                    # "it would have taken Sven ten seconds": the tagger may not see a name
                    mention = Mention(PERSON, after.i, after.i + 1, after.text)
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

    def _one_look(self) -> Iterator[Hit]:
        """"A quick look by the reviewer would have caught it": hindsight that makes a
        person's missed check look trivial."""
        for verb in self.verbs():
            aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
            if "would" not in aux or not aux & HAVE:
                continue
            subject = self.subject(verb)
            if subject is None or not any(c.lower_ in _TRIVIAL for c in subject.children
                                          if c.dep_ in ("amod", "nummod", "det")):
                continue
            mention = next((m for m in (self.who(p) for p in subject.subtree
                                        if p.dep_ in ("pobj", "poss"))
                            if self.blameable(m, 1)), None)
            if mention is None or self.suppressed(verb):
                continue
            start = subject.left_edge.i
            yield (BlameKind.minimising, start, subject.i + 1, mention.text, start, subject.i + 1)

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
                negation = self.negated(verb)
                # "she shouldn't have pushed to main" blames; "he shouldn't have had to…" and
                # "could not have known" do not
                negated_ok = negation is not None and modal.lower_ in ("should", "ought") and \
                    verb.lower_ not in HAVE
                if self.suppressed(verb, own_negation_ok=negated_ok):
                    continue
                if negated_ok and negation is not None:
                    modal = min(modal, negation, key=lambda t: t.i)
                start, end = self.span_with_subject(subject, modal.i, verb.i + 1)
                yield (BlameKind.counterfactual, modal.i, verb.i + 1, subject.text, modal.i,
                       verb.i + 1)
                continue
            # "had Y double-checked…", "if Omar had read…", "were X to have paused…"
            inverted = self._inversion(verb)
            had = next((c for c in aux if c.lower_ in ("had", "'d")), None)
            perfect = had is not None or inverted is not None and (
                has_have or inverted.lower_ in ("had", "'d"))
            # "had they read…": the tagger may leave the participle as a bare VB
            participle = verb.tag_ in ("VBN", "VBD") or verb.tag_ == "VB" and inverted is not None
            if perfect and participle and self._counterfactual_clause(
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
            if verb.lower_ in ("supposed", "expected", "needed", "had", "required", "meant"):
                if subject is None and verb.lower_ in ("supposed", "expected", "required",
                                                       "meant"):
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
        yield from self._avoided_if()
        yield from self._were_to_have()

    def _avoided_if(self) -> Iterator[Hit]:
        """"The whole outage is avoided if Dmitri waits…": a present-tense counterfactual."""
        for verb in self.verbs():
            if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "if"
                                               for c in verb.children):
                continue
            main = verb.head  # (no lemmatizer in the pipeline: compare word forms)
            if main.lower_ not in _AVOIDED | _HAPPEN or self.negated(verb):
                continue
            if main.lower_ in _HAPPEN and self.negated(main) is None and not any(
                    c.lower_ in ("none", "nothing") for c in main.subtree):
                continue  # "none of this happens if…"
            subject = self.who(self.subject(verb))
            if not self.blameable(subject, 1) or verb.lower_ in self.a.stative:
                continue
            mark = next(c for c in verb.children if c.dep_ == "mark")
            yield (BlameKind.counterfactual, mark.i, verb.i + 1, subject.text, verb.i,
                   verb.i + 1)

    def _were_to_have(self) -> Iterator[Hit]:
        """"Were Mikko to have checked the lag, …": the parser splits the inversion apart."""
        doc = self.doc
        if len(doc) < 5 or doc[0].lower_ != "were":
            return
        subject = next((c for c in doc[0].children if c.dep_ == "nsubj"), None)
        mention = self.who(subject)
        if subject is None or not self.blameable(mention, 2):
            return
        verb = next((t for t in doc[subject.i + 1:subject.i + 6] if t.tag_ == "VBN" and any(
            c.lower_ == "to" for c in t.children) and any(c.lower_ in HAVE for c in t.children)),
            None)
        if verb is None or self.negated(verb) is not None:
            return
        yield (BlameKind.counterfactual, 0, verb.i + 1, mention.text, verb.i, verb.i + 1)

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

    def _cf_governor(self, governor: Word, cue: int) -> Word | None:
        """The verb that makes a judgment phrase counterfactual, if any: "had we been more
        careful", "X should have been more careful", "a more careful operator would have…"."""
        while governor.dep_ not in ("ROOT",) and not governor.tag_.startswith("VB"):
            governor = governor.head
        would_subject = any(c.lower_ == "would" for c in governor.children) and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i <= cue <= c.i
            for c in governor.children)
        if would_subject or self._counterfactual_clause(governor) or any(
                c.lower_ in ("should", "ought", "could") for c in governor.children):
            return governor
        return None

    def _regret(self, verb: Word) -> bool:
        """'X could have caught it' blames; 'it could have been worse' does not."""
        return verb.lower_ not in BE and verb.dep_ in ("ROOT", "conj", "ccomp")

    def _and_did_not(self, verb: Word) -> bool:
        tail = self.doc[verb.i:].text.lower()
        return bool(re.search(r"\b(and|but)\s+(did ?n[o']t|didn't|never did|did not)\b|"
                              r"[;,]\s*instead\b", tail))

    # -- judgment --------------------------------------------------------------------------
    def judgments(self) -> Iterator[Hit]:
        for label in ("JUDGMENT_WORD", "JUDGMENT"):
            for span in self.matches.get(label, []):
                root = span.root
                # the phrase may carry its own negation: "not paying attention", "couldn't be
                # bothered to"
                own = label == "JUDGMENT" and (root.lower_ == "bothered" or any(
                    t.dep_ == "neg" for t in span))
                if self.suppressed(root, own_negation_ok=own):
                    continue
                yield (BlameKind.judgment, span.start, span.end, "", span.start, span.end)
        for span in self.matches.get("CF_JUDGMENT", []):
            governor = self._cf_governor(span.root.head if span.root.dep_ != "ROOT"
                                         else span.root, span.start)
            if governor is None and span.root.tag_ == "VBG":
                governor = self._cf_governor(span.root, span.start)  # "had X been paying…"
            if governor is None or self.suppressed(governor):
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
