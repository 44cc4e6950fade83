"""Minimising hindsight: "she simply forgot", "he just didn't check", "all X had to do was",
"one glance from X would have shown it", "it would have taken X a minute"."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.sentence import NAME_SHAPE, PERSON, Mention, Sentence
from postmortem_lint.nlp.blame.tokens import Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind

KIND = BlameKind.minimising


def detect(s: Sentence) -> Iterator[BlameHit]:
    for adverb in s.doc:
        if adverb.lower_ in s.v.minimisers or adverb.lower_ in s.w.only_words:
            yield from _minimised(s, adverb)
    yield from _one_look(s)
    yield from _it_took(s)
    yield from _all_had_to(s)
    yield from _simple_matter(s)
    yield from _plain_to(s)
    yield from _easy_for(s)


def _minimised(s: Sentence, adverb: Word) -> Iterator[BlameHit]:
    verb = adverb.head
    if not verb.tag_.startswith("VB") or adverb.i > verb.i:
        return
    w = s.w
    subject = s.who(s.subject(verb))
    if not s.blameable(subject, 2 if verb.lower_ in w.person_only_verbs else 1):
        return
    complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    must = verb.lower_ in w.have_verbs | w.need_verbs and complement is not None
    without = any(c.lower_ in w.without_words for c in verb.children) or any(
        c.lower_ in w.without_words for c in verb.subtree if c.dep_ == "prep")
    if adverb.lower_ in w.only_words and not must:
        return
    failed = verb.lower_ in s.v.failure or verb.lower_ in w.fail_verbs or \
        s.negated(verb) is not None
    # (not a state: "<people> who simply want to <do something>")
    judgmental = adverb.lower_ in w.minimiser_judgments and not s.neutral(verb) and \
        verb.lower_ not in s.v.stative
    # "just assumed it was fine", "just ran <one thing> instead of <another>"
    careless = verb.lower_ in w.presume_verbs and any(c.dep_ == "ccomp" for c in verb.children) \
        or any(
        t.lower_ in w.instead_of for t in verb.subtree if t.i > verb.i)
    if not (failed or must or without or judgmental or careless or _just_did(s, verb)):
        return
    if s.suppressed(verb, own_negation_ok=True):
        return
    end = verb.i + 1
    if must and complement is not None:
        end = complement.i + 1
        obj = next((c for c in complement.children if c.dep_ == "dobj"), None)
        if obj is not None:
            end = obj.right_edge.i + 1
    elif without:
        end = min(max(t.i for t in verb.subtree if t.i >= verb.i) + 1, verb.i + 8)
    yield s.hit(KIND, adverb.i, end, subject.text, adverb.i, end)


def _just_did(s: Sentence, verb: Word) -> bool:
    """"<someone> just pushed it", "<someone> just copied the key": a plain past act made
    light of (not a neutral or routine one, "X just restarted the pod", nor a recent one,
    "X had just deployed", "X just finished the rollback as the alert fired")."""
    return verb.tag_ in ("VBD", "VBN") and verb.dep_ in ("ROOT", "conj") and \
        not s.neutral(verb) and verb.lower_ not in s.v.stative and \
        verb.lower_ not in s.w.have_verbs | s.w.do_verbs | s.w.be_verbs and \
        not any(c.dep_ in ("aux", "auxpass") for c in verb.children) and not any(
            c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in s.w.moment_marks
                                      for m in c.children) for c in verb.children)


def _one_look(s: Sentence) -> Iterator[BlameHit]:
    """"One glance from <someone> would have shown it": hindsight that makes a person's
    missed check look trivial."""
    w = s.w
    for verb in s.verbs:
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if not aux & w.would or not aux & w.have_verbs:
            continue
        subject = s.subject(verb)
        if subject is None or not any(c.lower_ in w.trivial_words for c in subject.children
                                      if c.dep_ in ("amod", "nummod", "det")):
            continue
        mention = next((m for m in (s.who(p) for p in subject.subtree
                                    if p.dep_ in ("pobj", "poss"))
                        if s.blameable(m, 1)), None)
        if mention is None or s.suppressed(verb):
            continue
        start = subject.left_edge.i
        yield s.hit(KIND, start, subject.i + 1, mention.text, start, subject.i + 1)


def _it_took(s: Sentence) -> Iterator[BlameHit]:
    """"All it would have taken was for X to…", "as simple as X running…", "it would have
    taken X ten seconds"."""
    for label in ("ALL_IT_TOOK", "AS_EASY_AS", "WOULD_HAVE_TAKEN"):
        for span in s.matches.get(label, []):
            mention = next((m for m in (s.who(t) for t in s.doc[span.end:span.end + 5])
                            if s.blameable(m, 2)), None)
            after = s.doc[span.end] if span.end < len(s.doc) else None
            if mention is None and label == "WOULD_HAVE_TAKEN" and after is not None and \
                    NAME_SHAPE.match(after.text) and after.lower_ not in s.v.safe:
                # "it would have taken <Name> ten seconds": the tagger may not see a name
                mention = Mention(PERSON, after.i, after.i + 1, after.text)
            if mention is None or s.suppressed(span.root):
                continue
            yield s.hit(KIND, span.start, max(span.end, mention.end), mention.text,
                        span.start, span.end)


def _simple_matter(s: Sentence) -> Iterator[BlameHit]:
    """"a simple matter of <doing it>, which <someone> didn't do": the act made trivial, then a
    person not doing it."""
    for span in s.matches.get("SIMPLE_MATTER", []):
        rest = s.doc[span.end:]
        mention = next((m for m in (s.who(t) for t in rest if s.nounish(t))
                        if s.blameable(m, 2)), None)
        failed = any(s.negated(t) is not None or t.lower_ in s.v.failure
                     for t in rest if t.tag_.startswith("VB"))
        if mention is None or not failed or s.suppressed(span.root):
            continue
        yield s.hit(KIND, span.start, span.end, mention.text, span.start, span.end)


def _all_had_to(s: Sentence) -> Iterator[BlameHit]:
    for span in s.matches.get("ALL_HAD_TO", []):
        between = span[1:-4]
        mention = next((m for m in (s.who(t) for t in between) if s.blameable(m, level=2)),
                       None)
        if mention is None or s.suppressed(span[-1]):
            continue
        yield s.hit(KIND, span.start, span.end, mention.text, span.start, span.end)


def _plain_to(s: Sentence) -> Iterator[BlameHit]:
    """"It should have been obvious to X that…": what a person, in hindsight, is told they
    should have seen."""
    w = s.w
    for word, verb, aux in _in_hindsight(s, w.plain_words, w.blame_modals):
        target = s.pobj(word, "to") or s.pobj(verb, "to")
        mention = s.who(target)
        if target is None or not s.blameable(mention, 2) or s.suppressed(verb):
            continue
        start = min(a.i for a in aux)
        yield s.hit(KIND, start, target.i + 1, mention.text, start, target.i + 1)


def _easy_for(s: Sentence) -> Iterator[BlameHit]:
    """"It would have been trivial for X to spot it": in hindsight, what a person did not do
    made to look trivial ("it was easy for X to miss", with no hindsight, says the system made
    the slip easy)."""
    w = s.w
    for word, verb, _ in _in_hindsight(s, w.easy_words, w.would):
        act = next((c for c in verb.children if c.dep_ in ("advcl", "xcomp", "ccomp") and any(
            m.lower_ == "for" for m in c.children if m.dep_ == "mark")), None)
        doer = next((c for c in act.children if c.dep_ == "nsubj"), None) if act else None
        mention = s.who(doer)
        if act is None or doer is None or not s.blameable(mention, 2) or s.suppressed(verb):
            continue
        yield s.hit(KIND, word.i, act.i + 1, mention.text, word.i, act.i + 1)


def _in_hindsight(s: Sentence, words: frozenset[str],
                  modals: frozenset[str]) -> Iterator[tuple[Word, Word, list[Word]]]:
    """The words as the complement of a verb in hindsight ("should have been obvious",
    "would have been trivial"): each word, its verb and the verb's auxiliaries."""
    for word in s.doc:
        if word.lower_ not in words or word.dep_ != "acomp":
            continue
        verb = word.head
        aux = s.auxiliaries(verb)
        if any(a.lower_ in modals for a in aux) and any(a.lower_ in s.w.have_verbs for a in aux):
            yield word, verb, aux
