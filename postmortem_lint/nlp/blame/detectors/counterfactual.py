"""What a person should have done: "X should have run the tests", "had Y double-checked…",
"was supposed to renew…", "the outage is avoided if X waits", "were X to have checked"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postmortem_lint.nlp.blame.sentence import PERSON, Mention, Sentence
from postmortem_lint.nlp.blame.tokens import Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind

KIND = BlameKind.counterfactual
_AND_DID_NOT = re.compile(r"\b(and|but)\s+(\w+\s+)?(did ?n[o']t|didn't|never did|did not)\b|"
                          r"[;,]\s*instead\b")


def detect(s: Sentence) -> Iterator[BlameHit]:
    for verb in s.verbs:
        subject = s.who(s.subject(verb))
        aux = s.auxiliaries(verb)
        found = _should_have(s, verb, subject, aux)
        if found is None:
            found = _had_done(s, verb, subject, aux)
        if found is None:
            found = _supposed_to(s, verb, subject)
        if found:
            yield from found
    yield from _avoided_if(s)
    yield from _were_to_have(s)
    yield from _but_for(s)
    yield from _change_habit(s)
    yield from _more_care(s)
    yield from _check_first(s)


def _should_have(s: Sentence, verb: Word, subject: Mention | None,
                 aux: list[Word]) -> list[BlameHit] | None:
    """"X should have run…", "she shouldn't have pushed…"; None when not this shape."""
    w = s.w
    modal = next((c for c in aux if c.lower_ in w.regret_modals), None)
    if modal is None and verb.dep_ == "xcomp" and verb.head.lower_ == "ought":
        modal = verb.head
    if modal is None and any(c.dep_ == "advmod" and c.lower_ in w.ideal_adverbs
                             for c in verb.children):
        modal = next((c for c in aux if c.lower_ in w.would), None)  # "ideally, X would have"
    if modal is None or not any(c.lower_ in w.have_verbs for c in aux) or verb.tag_ != "VBN":
        return None
    if s.passive(verb) or verb.lower_ in w.be_verbs:
        return []
    if modal.lower_ == "could" and not _regret(s, verb):
        return []
    if not s.blameable(subject, 2):
        return []
    negation = s.negated(verb)
    # "she shouldn't have pushed to main" blames; "he shouldn't have had to…" and "could
    # not have known" do not
    negated_ok = negation is not None and modal.lower_ in w.blame_modals and \
        verb.lower_ not in w.have_verbs
    if s.suppressed(verb, own_negation_ok=negated_ok):
        return []
    if negated_ok and negation is not None:
        modal = min(modal, negation, key=lambda t: t.i)
    return [s.hit(KIND, modal.i, verb.i + 1, subject.text, modal.i, verb.i + 1)]


def _had_done(s: Sentence, verb: Word, subject: Mention | None,
              aux: list[Word]) -> list[BlameHit] | None:
    """"had Y double-checked…", "if X had read…": None when not this shape."""
    w = s.w
    inverted = s.inversion(verb)
    had = next((c for c in aux if c.lower_ in w.past_perfect), None)
    has_have = any(c.lower_ in w.have_verbs for c in aux)
    perfect = had is not None or inverted is not None and (
        has_have or inverted.lower_ in w.past_perfect)
    # "had she looked…": the tagger may leave the participle as a bare VB
    participle = verb.tag_ in ("VBN", "VBD") or verb.tag_ == "VB" and inverted is not None
    # "if X had not disabled the alert": not doing a harmful act, so the act is blamed
    harmful = verb.lower_ in s.v.actions and not s.neutral(verb)
    negated = s.negated(verb) is not None
    if not (perfect and participle and s.counterfactual_clause(verb)) or s.passive(verb) or \
            negated and not (harmful or _act_harmed(s, verb)):
        return None
    if verb.lower_ in w.be_verbs:
        return []  # "had we been more careful" is a judgment
    if verb.lower_ in w.undergone_verbs:
        return []  # "had they received the signed config": what happened to them, not an act
    if inverted is not None and inverted.lower_ not in w.past_perfect and _anyone(s, verb):
        return []  # "Were some committer to have compromised …": a scenario weighed
    if not s.blameable(subject, level=2) or s.suppressed(verb, own_negation_ok=negated):
        return []
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in w.if_words),
                None)
    start = mark.i if mark is not None else inverted.i if inverted is not None \
        else had.i if had is not None else verb.i
    end = verb.i + 1
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "prep", "xcomp")
                and c.i > verb.i), None)
    if obj is not None:
        end = min(obj.right_edge.i + 1, verb.i + 8)
    return [s.hit(KIND, start, end, subject.text, verb.i, verb.i + 1)]


def _anyone(s: Sentence, verb: Word) -> bool:
    """Whether the verb's subject is nobody in particular ("some committer", "a reviewer")."""
    return s.indefinite(next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")),
                             None))


def _act_harmed(s: Sentence, verb: Word) -> bool:
    """"Had X not restarted it, replication would not have broken": without the act the
    harm is denied, so the act is blamed ("had X not paged us, we would have lost data"
    names harm that the act prevented: praise)."""
    main = verb.head
    if verb.dep_ not in ("advcl", "ccomp") or s.negated(main) is None or \
            not any(a.lower_ in s.w.would for a in s.auxiliaries(main)):
        return False
    inside = {t.i for t in verb.subtree}
    return any(t.lower_ in s.v.outcomes for t in main.subtree if t.i not in inside)


def _supposed_to(s: Sentence, verb: Word, subject: Mention | None) -> list[BlameHit]:
    """"was supposed to renew", "needed to <do it>… and didn't"."""
    w = s.w
    if verb.lower_ not in w.obligation_words:
        return []
    if subject is None and verb.lower_ in w.passive_obligations:
        subject = s.who(next((c for c in verb.children if c.dep_ == "nsubjpass"), None))
    complement = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and
                       any(t.lower_ == "to" for t in c.children)), None)
    if complement is None or not s.blameable(subject, 1):
        return []
    if s.passive(complement) or complement.lower_ in w.be_verbs:
        return []  # "was meant to be paged": something to be done to them
    hindsight = any(t.lower_ in w.hindsight_nouns for t in s.doc)  # "In hindsight, X needed to"
    unmet = verb.lower_ in w.unmet_obligations or hindsight or _needs_care(s, verb, complement)
    if not unmet and not _AND_DID_NOT.search(s.doc[verb.i:].text.lower()):
        return []
    if s.suppressed(verb):
        return []
    return [s.hit(KIND, verb.i, complement.i + 1, subject.text, verb.i, complement.i + 1)]


def _needs_care(s: Sentence, verb: Word, complement: Word) -> bool:
    """"<someone> needs to check it first": a person told what they must check. Not a
    burden the process puts on whoever holds the role: "needs to check <n> dashboards to
    find <it>" (a count, or a purpose, says so)."""
    burden = any(t.tag_ == "CD" or t.dep_ in ("advcl", "xcomp") and any(
        g.lower_ == "to" for g in t.children) for t in complement.subtree if t.i > complement.i)
    if verb.lower_ in s.w.need_verbs and verb.tag_ == "VBD":
        return s.diligence(complement) and not burden and _before_acting(s, complement)
    return verb.lower_ in s.w.need_verbs and verb.tag_ in ("VBZ", "VBP") and \
        s.diligence(complement) and not burden


def _before_acting(s: Sentence, complement: Word) -> bool:
    """"needed to confirm the cluster before running the script", "…check it first": a
    check owed before the act the person then did (not "needed to check it twice")."""
    marks = s.w.precondition_words
    return any(c.dep_ == "advmod" and c.lower_ in marks or c.dep_ == "prep" and
               c.lower_ in marks and any(g.tag_ == "VBG" for g in c.children)
               for c in complement.children)


def _avoided_if(s: Sentence) -> Iterator[BlameHit]:
    """"The whole outage is avoided if X waits…": a present-tense counterfactual."""
    w = s.w
    for verb in s.verbs:
        if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in w.if_words
                                           for c in verb.children):
            continue
        main = verb.head  # (no lemmatizer in the pipeline: compare word forms)
        if main.lower_ not in w.avoid_verbs | w.happen_verbs or s.negated(verb):
            continue
        if main.lower_ in w.happen_verbs and s.negated(main) is None and not any(
                c.lower_ in w.nothing for c in main.subtree):
            continue  # "none of this happens if…"
        subject = s.who(s.subject(verb))
        if not s.blameable(subject, 1) or verb.lower_ in s.v.stative:
            continue
        mark = next(c for c in verb.children if c.dep_ == "mark")
        yield s.hit(KIND, mark.i, verb.i + 1, subject.text, verb.i, verb.i + 1)


def _were_to_have(s: Sentence) -> Iterator[BlameHit]:
    """"Were X to have looked first, …": the parser splits the inversion apart."""
    doc, w = s.doc, s.w
    if len(doc) < 5 or doc[0].lower_ != "were":
        return
    subject = next((c for c in doc[0].children if c.dep_ == "nsubj"), None)
    mention = s.who(subject)
    if subject is None or not s.blameable(mention, 2) or _anyone(s, doc[0]):
        return  # "Were a reviewer to have …": anyone, in a scenario weighed
    verb = next((t for t in doc[subject.i + 1:subject.i + 6] if t.tag_ == "VBN" and any(
        c.lower_ == "to" for c in t.children) and any(c.lower_ in w.have_verbs
                                                     for c in t.children)), None)
    if verb is None or s.negated(verb) is not None:
        return
    yield s.hit(KIND, 0, verb.i + 1, mention.text, verb.i, verb.i + 1)


def _regret(s: Sentence, verb: Word) -> bool:
    """'X could have caught it' blames; 'it could have been worse' does not."""
    return verb.lower_ not in s.w.be_verbs and verb.dep_ in ("ROOT", "conj", "ccomp")


def _but_for(s: Sentence) -> Iterator[BlameHit]:
    """"were it not for <someone> skipping a step, …": a person's failure as the cause."""
    for span in s.matches.get("BUT_FOR", []):
        act = next((t for t in s.doc[span.end:span.end + 6] if t.tag_ == "VBG"), None)
        if act is None or not (act.lower_ in s.v.failure or s.diligence(act) and
                               s.negated(act) is not None):
            continue
        doer = s.subject(act) or next((t for t in s.doc[span.end:act.i]
                                       if s.nounish(t)), None)
        mention = s.who(doer)
        if not s.blameable(mention, 1):
            continue
        yield s.hit(KIND, span.start, act.i + 1, mention.text, span.start, act.i + 1)


def _change_habit(s: Sentence) -> Iterator[BlameHit]:
    """"<someone> needs to stop <doing it>", "must start <checking>": a person told to
    drop or take up a habit, which says the habit was theirs."""
    w = s.w
    for verb in s.verbs:
        if verb.lower_ not in w.habit_verbs or not _directed(s, verb):
            continue
        act = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"), None)
        if act is None or act.lower_ in s.v.stative or s.passive(act):
            continue
        subject = s.who(s.subject(verb))
        if not s.blameable(subject, 2) or s.suppressed(verb):
            continue
        yield s.hit(KIND, verb.i, act.i + 1, subject.text, verb.i, act.i + 1)


def _check_first(s: Sentence) -> Iterator[BlameHit]:
    """"Going forward, <Name> must double-check the region before applying": a named person
    told to do the check they skipped (a role told so is a runbook step: "the on-call must
    check the region before applying")."""
    for verb in s.verbs:
        if not s.diligence(verb) or not any(c.lower_ in s.w.directive_modals
                                            for c in s.auxiliaries(verb)):
            continue
        word = s.subject(verb)
        subject = s.who(word)
        # "whoever is on call must check …" names a role: a runbook step
        if word is None or word.tag_ == "WP" or not s.blameable(subject, 1) or \
                subject.kind != PERSON or not _before_acting(s, verb) or s.suppressed(verb):
            continue
        modal = next(c for c in s.auxiliaries(verb) if c.lower_ in s.w.directive_modals)
        yield s.hit(KIND, modal.i, verb.i + 1, subject.text, modal.i, verb.i + 1)


def _directed(s: Sentence, verb: Word) -> bool:
    """Told to, now: "must stop", "should start", "needs to stop", "has to start" (not
    "had to stop", which tells what happened)."""
    if any(c.lower_ in s.w.directive_modals for c in s.auxiliaries(verb)):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.tag_ in ("VBZ", "VBP") and (
        head.lower_ in s.w.need_verbs or head.lower_ in s.w.have_verbs)


def _more_care(s: Sentence) -> Iterator[BlameHit]:
    """"With a little more care from X, it would not have shipped", "more attention by X
    would have caught it": the care a person is said to have lacked."""
    w = s.w
    cares = [noun for noun in s.doc if noun.lower_ in w.care_nouns and any(
        c.tag_ == "JJR" for c in noun.children if c.dep_ in ("amod", "advmod"))]
    if not cares or not any(a.lower_ in w.would for verb in s.verbs
                            for a in s.auxiliaries(verb)):
        return
    for noun in cares:
        giver = s.pobj(noun, *w.by_of_from)
        mention = s.who(giver)
        # (not read for denial: "…would not have shipped" denies the harm, not the care)
        if giver is None or not s.blameable(mention, 2):
            continue
        start = s.left_edge(noun)
        yield s.hit(KIND, start, giver.i + 1, mention.text, start, giver.i + 1)
