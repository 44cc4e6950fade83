"""A person, role or team as the subject of a failure: "X forgot", "the DBA never checked",
"the page was ignored by <a role>", "went unheeded by the <team>", "approved it without
reading the diff"."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.sentence import Sentence
from postmortem_lint.nlp.blame.tokens import Phrase, Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind
from postmortem_lint.nlp.vocabulary import norm, verb_index

KIND = BlameKind.failure_verb


def detect(s: Sentence) -> Iterator[BlameHit]:
    # keyed by the phrase's verb: its first word, or the half after a hyphen ("rubber-stamped")
    phrasal = {span.start + verb_index(tuple(t.text for t in span)): span
               for label in ("FAILURE", "SAT_ON") for span in s.matches.get(label, [])}
    yield from _undone_by(s)
    yield from _let_lapse(s)
    yield from _forced_through(s)
    yield from _without_safeguard(s)
    v = s.v
    for verb in s.doc:
        lower = verb.lower_
        span = phrasal.get(verb.i)
        if not (lower in v.failure or span is not None or lower in s.w.fail_verbs or
                s.diligence(verb)):
            continue
        if not (verb.tag_.startswith("VB") or (span is not None and verb.tag_ in ("NN", "JJ"))):
            continue
        yield from _failure_at(s, verb, span)


def _failure_at(s: Sentence, verb: Word, span: Phrase | None) -> Iterator[BlameHit]:
    misread_subject = None
    if verb.dep_ in ("amod", "compound"):
        head = verb.head  # "<Name> glossed over…" parsed as a name with an adjective
        if not (span is not None and head.i == verb.i - 1 and head.tag_ == "NNP" and
                head.dep_ == "ROOT"):
            return
        misread_subject = head
    negation = s.negated(verb)
    if negation is None:  # "nobody on the <team> tested it": the team's denial
        doer = s.subject(verb)
        if doer is not None and s.nobody_in_group(doer) is not None:
            negation = doer
    if negation is None and _double_checked(s, verb):
        yield from _double_check(s, verb)
        return
    if negation is None and _diligence(s, verb, span):
        yield from _without(s, verb)
        return
    cue = _cue(s, verb, span, negation)
    if cue is None:
        return
    cue_start, end = cue
    if s.passive(verb) or s.by_agent(verb) is not None:
        # "…was seen, then forgotten by <someone>": a conjoined passive
        hit = s.passive_agent(verb, KIND, cue_start)
        if hit is not None:
            yield hit
        return
    subject_word = misread_subject or s.subject(verb)
    subject = s.who(subject_word)
    # a capitalised plural first word ("Crates failed to build") is a name only with a verb
    # only people do
    plural = subject_word is not None and subject_word.tag_ == "NNS"
    level = 1 if plural and verb.lower_ not in s.w.person_only_verbs else 2
    if verb.lower_ in s.w.fail_verbs and not _failed_diligence(s, verb):
        level = 0  # "Builds failed to link": things fail; a capitalised word is no name here
    if not s.blameable(subject, level):
        return
    if s.suppressed(verb, own_negation_ok=negation is not None) or s.made_to(verb):
        return
    start, stop = s.span_with_subject(subject, cue_start, end)
    yield s.hit(KIND, start, stop, subject.text, cue_start, end)


def _cue(s: Sentence, verb: Word, span: Phrase | None,
         negation: Word | None) -> tuple[int, int] | None:
    """Where the failure cue starts and ends, or None when the verb is no failure here."""
    v, lower = s.v, verb.lower_
    end = verb.i + 1
    if lower in s.w.fail_verbs:
        complement = next((c for c in verb.children if c.dep_ == "xcomp" and
                           c.tag_.startswith("VB")), None)
        following = s.doc[verb.i + 1].lower_ if verb.i + 1 < len(s.doc) else ""
        if complement is None or following in s.w.failover_particles or any(
                c.dep_ == "prt" for c in verb.children):
            return None  # "failed over" is a neutral act
        end = complement.i + 1
    elif span is not None:
        end = span.end
    elif lower in v.failure and not s.diligence(verb):
        if lower.startswith("bother") and negation is None:
            return None
    elif not _diligence_not_done(s, verb, negation):
        return None
    if lower in v.failure and negation is not None and not s.diligence(verb):
        return None  # "did not forget"
    if any(c.dep_ == "dobj" and c.lower_ in s.w.nothing and (span is None or c.i >= span.end)
           for c in verb.children):
        return None  # "<someone> missed nothing in the notes" (not "did nothing": the phrase)
    if span is not None and any(c.dep_ == "dobj" and c.lower_ in s.w.nothing and (
            any(g.dep_ == "amod" for g in c.children) or c.i + 1 < len(s.doc)
            and s.doc[c.i + 1].tag_.startswith(("JJ", "RB"))) for c in verb.children):
        return None  # "did nothing wrong", "did nothing unusual": a defence, not a failure
    if negation is not None and (_looked_and_found_nothing(s, verb) or _experience(s, verb)):
        return None
    if negation is not None and _decided_not_to(s, verb, negation):
        return None
    cue_start = verb.i
    if negation is not None:
        aux = [c.i for c in verb.children if c.dep_ == "aux" and c.i < verb.i and
               c.lower_ in s.w.do_verbs]
        cue_start = min([negation.i, cue_start, *aux])
    return cue_start, end


def _failed_diligence(s: Sentence, verb: Word) -> bool:
    """"failed to notify", "failed to check": what people fail to do."""
    complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    return complement is not None and s.diligence(complement)


def _looked_and_found_nothing(s: Sentence, verb: Word) -> bool:
    """"not seeing anything wrong", "didn't find anything": a search that came up empty."""
    return any(c.dep_ == "dobj" and c.lower_ in s.w.indefinites for c in verb.children)


def _experience(s: Sentence, verb: Word) -> bool:
    """"I have never seen the lag this high": what someone has lived through."""
    return verb.lower_ in s.w.experience_verbs and any(
        c.dep_ == "aux" and c.lower_ in s.w.have_verbs and c.lower_ not in s.w.past_perfect
        for c in verb.children)


def _forced_through(s: Sentence) -> Iterator[BlameHit]:
    """"The change was pushed through by the release manager": forced past the checks (not
    "the rollback was pushed through", a remedy hurried as it should be)."""
    for verb in s.verbs:
        if verb.lower_ in s.w.forced_through_verbs and s.passive(verb) and any(
                c.dep_ == "prt" and c.lower_ == "through" for c in verb.children) and not any(
                c.dep_ == "nsubjpass" and c.lower_ in s.v.neutral for c in verb.children):
            hit = s.passive_agent(verb, KIND, verb.i)
            if hit is not None:
                yield hit


def _decided_not_to(s: Sentence, verb: Word, negation: Word) -> bool:
    """"agreed not to update", "decided to not page": a choice, its negation inside the
    infinitive (not "failed to…", "didn't bother to…", whose negation is on the head)."""
    return verb.dep_ == "xcomp" and negation.i < verb.i and verb.head.i < negation.i and \
        verb.head.lower_ not in s.w.fail_verbs and not s.diligence(verb.head)


def _diligence(s: Sentence, verb: Word, span: Phrase | None) -> bool:
    """A diligence verb ("check", "read"): blame only when negated or skipped."""
    v, lower = s.v, verb.lower_
    return lower not in s.w.fail_verbs and span is None and not (
        lower in v.failure and not s.diligence(verb))


def _diligence_not_done(s: Sentence, verb: Word, negation: Word | None) -> bool:
    """A diligence verb is a failure only when negated ("never checked"), not where the
    system hid the thing ("could not see") or in a counterfactual."""
    if negation is None:
        return False
    if any(c.dep_ == "aux" and c.lower_ in s.w.inability_modals for c in verb.children):
        return False
    return not s.counterfactual_clause(verb) and not _gap_explains(s, verb)


def _gap_explains(s: Sentence, verb: Word) -> bool:
    """"<the runbook> never covered it, so <someone> had not seen it": what the person did
    not do follows from what the system or process did not do."""
    doc = s.doc
    link = next((t for t in reversed(doc[:verb.i]) if t.lower_ in s.w.consequence_words and
                 t.i > 0 and doc[t.i - 1].text in (",", ";")), None)
    return link is not None and any(
        other.i < link.i and s.negated(other) is not None and
        not s.blameable(s.who(s.subject(other)), 2) for other in s.verbs)


def _double_checked(s: Sentence, verb: Word) -> bool:
    """"didn't double-check": the parser heads the verb with "double"."""
    host = verb.head
    return verb.dep_ == "xcomp" and host.i == verb.i - 2 and s.doc[verb.i - 1].text == "-" \
        and host.lower_ in s.w.double_prefixes and s.negated(host) is not None


def _double_check(s: Sentence, verb: Word) -> Iterator[BlameHit]:
    host = verb.head
    negation = s.negated(host)
    if negation is None or not s.diligence(verb):
        return
    subject = s.who(s.subject(host))
    if s.blameable(subject, 1) and not s.suppressed(host, own_negation_ok=True):
        start = min(negation.i, *(c.i for c in host.children if c.dep_ == "aux" and c.i < host.i))
        start, stop = s.span_with_subject(subject, start, verb.i + 1)
        yield s.hit(KIND, start, stop, subject.text, host.i, verb.i + 1)


def _undone_by(s: Sentence) -> Iterator[BlameHit]:
    """"The warnings went unheeded by <someone>": diligence not done, by someone."""
    for word in s.doc:
        if word.lower_ not in s.v.undone:
            continue
        holders = [word, word.head] if word.dep_ in ("acomp", "advmod", "advcl", "oprd",
                                                     "xcomp") \
            else [word]  # "remained unanswered by X": the parser hangs "by" on the verb
        agent = next((found for found in (s.by_agent(h) or s.pobj(h, "by", deps=("prep", "agent"))
                                        for h in holders)
                      if found is not None), None)
        mention = s.who(agent)
        if agent is None or not s.blameable(mention, 2) or s.suppressed(word):
            continue
        start = word.head.i if word.dep_ in ("advcl", "acomp", "xcomp", "oprd") and \
            word.head.i == word.i - 1 else word.i
        yield s.hit(KIND, start, agent.i + 1, mention.text, word.i, word.i + 1)


def _let_lapse(s: Sentence) -> Iterator[BlameHit]:
    """"The certificate was allowed to expire by <someone>", "X let the domain lapse": a
    lapse someone let happen (the "by" may hang on either verb)."""
    for verb in s.verbs:
        if verb.lower_ not in s.w.permit_verbs:
            continue
        lapse = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and
                      c.lower_ in s.w.lapse_verbs), None)
        if lapse is None:
            continue
        agent = (s.by_agent(verb) or s.pobj(lapse, "by", deps=("prep", "agent"))) \
            if s.passive(verb) else s.subject(verb)
        mention = s.who(agent)
        if agent is None or not s.blameable(mention, 2) or s.suppressed(verb):
            continue
        start, end = sorted((min(verb.i, agent.i), max(agent.i, lapse.i) + 1))
        yield s.hit(KIND, start, end, mention.text, verb.i, lapse.i + 1)


def _without(s: Sentence, verb: Word) -> Iterator[BlameHit]:
    """"approved the change without reading the diff", "instead of checking the lag,
    promoted the replica": a person skipping diligence."""
    prep = verb.head
    # "instead of checking", "rather than check": the act done in place of the diligence
    instead = prep.i > 0 and s.doc[prep.i - 1].lower_ in s.w.set_aside_words
    if verb.tag_ not in ("VBG", "VB") or verb.tag_ == "VB" and not instead or \
            not (prep.lower_ in s.w.without_words or instead) or \
            verb.dep_ not in ("pcomp", "pobj"):
        return
    acting = prep.head
    if acting.lower_ in s.w.set_aside_words:
        acting = acting.head
    if not acting.tag_.startswith("VB"):
        return
    mention = s.who(s.by_agent(acting) if s.passive(acting) else s.subject(acting))
    if not s.blameable(mention, 1) or s.suppressed(acting):
        return
    end = verb.i + 1
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "prep")), None)
    if obj is not None:
        end = min(obj.right_edge.i + 1, verb.i + 6)
    yield s.hit(KIND, prep.i, end, mention.text, prep.i, end)


def _without_safeguard(s: Sentence) -> Iterator[BlameHit]:
    """"<someone> launched the backfill without a dry run", "merged it without review": an
    act on the system done without its safeguard."""
    for prep in s.doc:
        if prep.lower_ not in s.w.without_words or prep.dep_ != "prep":
            continue
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        acting = prep.head
        if acting.dep_ == "dobj":  # "deployed the fix without…": hung on the object
            acting = acting.head
        if noun is None or not _safeguard(s, noun) or not _acts_on_system(s, acting):
            continue
        passive = s.passive(acting)
        if not passive and not any(c.dep_ == "dobj" for c in acting.children):
            continue  # people act on something: "Builds ran without tests" is the system
        mention = s.who(s.by_agent(acting) if passive else s.subject(acting))
        if not s.blameable(mention, 2) or s.suppressed(acting):
            continue
        yield s.hit(KIND, prep.i, noun.i + 1, mention.text, prep.i, noun.i + 1)


def _acts_on_system(s: Sentence, verb: Word) -> bool:
    """An act on the system ("deployed", "merged"), or making a change to it ("the change was
    made by X", "X made the edit")."""
    if verb.lower_ in s.v.actions:
        return True
    return verb.lower_ in s.w.make_verbs and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lower_ in s.w.change_nouns for c in verb.children)


def _safeguard(s: Sentence, noun: Word) -> bool:
    words = s.w.safeguard_nouns
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
    phrase = norm(" ".join(t.text for t in (*modifiers, noun)))
    return noun.lower_ in words or phrase in words
