"""A person as the cause: cause links ("caused by X"), damage verbs ("X took down the
cluster", "X's deploy broke…"), copulas and clefts ("X is the root cause", "It was X's change
that broke…", "What took down the service was X's push"), "because X…", "went down when X
deployed…", and a person acting right after a "Root cause:" label."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.detectors.agent import agent_clauses
from postmortem_lint.nlp.blame.sentence import NAME_SHAPE, PERSON, SYSTEM, Mention, Sentence
from postmortem_lint.nlp.blame.tokens import Phrase, Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind

KIND = BlameKind.person_as_cause


def detect(s: Sentence) -> Iterator[BlameHit]:
    yield from _cause_links(s)
    yield from _damage(s)
    yield from _copula_cause(s)
    yield from _because(s)
    yield from _thanks_to(s)
    yield from _when(s)
    yield from _labelled(s)
    yield from _author_of_damage(s)
    yield from _answerable(s)


def _cause_links(s: Sentence) -> Iterator[BlameHit]:
    for span in s.matches.get("CAUSE_LINK", []):
        last = span[-1]
        target = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
        if target is None and span.end < len(s.doc):
            target = s.next_noun(span.end)
        mention = s.person_or_work(target)
        if mention is None and target is not None:
            # "caused by X pushing…": the gerund's subject, or the noun after the link
            mention = s.person_or_work(s.next_noun(span.end))
        if mention is None or s.suppressed(span.root) or _exposed(s, span.root) or \
                not _origin_of_damage(s, span) or _response_set_off(s, span.root):
            continue
        end = max(mention.end, span.end)
        yield s.hit(KIND, span.start, end, mention.text, span.start, end)


def _origin_of_damage(s: Sentence, span: Phrase) -> bool:
    """A link that only says where something came from ("came from X", "the work of X",
    "started with X") is a cause when what came is damage: "the downtime came from X
    restarting…", not "the fix came from X" or "the recovery was the work of X"."""
    link = next((t for t in span if t.lower_ in s.w.origin_verbs), None)
    if link is None:
        return True
    subject = s.subject(link.head if link.dep_ in ("attr", "pobj") else link)
    # (or a failure itself as the subject: "the 502s came from X…")
    return subject is not None and (any(
        t.lower_ in s.v.damage_nouns and t.lower_ not in s.v.neutral for t in subject.subtree)
        or subject.lower_ in s.v.outcomes)


def _response_set_off(s: Sentence, verb: Word) -> bool:
    """"a restart was triggered by X", "the failover was started by X": the response to the
    failure that X set off, not damage X caused."""
    return any(c.dep_ in ("nsubjpass", "nsubj") and c.lower_ in s.w.response_nouns
               for c in verb.children)


def _exposed(s: Sentence, verb: Word) -> bool:
    """"the bug was triggered by X's fuzzer": a latent fault exposed, not damage caused."""
    return verb.lower_ in s.w.exposing_verbs and any(
        c.dep_ in ("nsubjpass", "nsubj") and c.lower_ in s.w.latent_faults
        for c in verb.children)


def _damage(s: Sentence) -> Iterator[BlameHit]:
    v = s.v
    phrasal = {span.start: span for span in s.matches.get("DAMAGE", [])}
    for verb in s.verbs:
        lower = verb.lower_
        span = phrasal.get(verb.i)
        # (a person taking a thing offline may do it on purpose: only their work, split)
        put_down = _put_down(s, verb) and not s.blameable(s.who(s.subject(verb)), 2)
        damage = (lower in v.damage or span is not None or put_down) and \
            not _metric_lowered(s, verb)
        cause = lower in v.cause_verbs and _damage_object(s, verb) or (
            lower in v.actions and (_then_damaged(s, verb) or _by_accident(s, verb) or
                                    _mistaken(s, verb))) or \
            _work_destroyed(s, verb) or _work_harmed(s, verb)
        if not (damage or cause or _wrong_object(s, verb)):
            continue
        if s.passive(verb):
            hit = s.passive_agent(verb, KIND, verb.i) if (damage or cause) and \
                not _exposed(s, verb) else None
            if hit is not None:
                yield hit
            continue
        if s.negated(verb) is None:
            yield from _damaged_by(s, verb, span)


def _damaged_by(s: Sentence, verb: Word, span: Phrase | None) -> Iterator[BlameHit]:
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.head.tag_ != "VBG":
        return  # "X could keep working, but creating issues had to wait": a gerund, no act
    subject = s.subject(verb)
    mention = s.person_or_work(subject, 1)
    if mention is None or s.suppressed(verb) or s.made_to(verb) or s.named_only(subject) or \
            _named_thing_failed(s, verb, subject) or _planned(s, verb) or _possible(s, verb):
        return
    end = span.end if span is not None else verb.i + 1
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:
        end = max(end, min(obj.right_edge.i + 1, obj.i + 4))
    start, stop = s.span_with_subject(mention, verb.i, end)
    yield s.hit(KIND, start, stop, mention.text, verb.i, end)


def _possible(s: Sentence, verb: Word) -> bool:
    """"<someone> might take out loans in your name": a possibility, not an act."""
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return any(a in s.w.possibility_modals for a in auxes) and \
        not any(a in s.w.perfect_have for a in auxes)


def _named_thing_failed(s: Sentence, verb: Word, subject: Word | None) -> bool:
    """"<Name>'s validator client crashed": a thing of a first word that may be a product's
    name failing by itself (no object, no "down"): not damage a person's work did."""
    following = s.after(verb)
    if subject is None or s.blameable(s.who(subject), 1) or any(
            c.dep_ in ("dobj", "prt") for c in verb.children) or \
            following is not None and following.tag_.startswith(("NN", "DT", "PRP", "CD", "JJ")):
        return False  # an object, perhaps one the parser hung elsewhere
    owners = [g for c in (subject, *subject.children) for g in c.children
              if g.dep_ == "poss" and (c.i == subject.i or c.i < subject.i)]
    return any(mention is not None and mention.weak > 0
               for mention in (s.who(owner) for owner in owners))


def _then_damaged(s: Sentence, verb: Word) -> bool:
    """"<the route> was announced by X, which black-holed traffic", "<the release> was
    rushed out by X, and it took <the service> down", "X deleted the alias, and every
    service crashed": what X did then did the damage."""
    if _which_damaged(s, verb):
        return True
    return any(c.dep_ == "conj" and damaging(s, c) and any(
        g.dep_ == "nsubj" and (g.lower_ in s.w.pointing_subjects or _fell_over(s, c, g))
        for g in c.children) for c in verb.children)


def _fell_over(s: Sentence, clause: Word, subject: Word) -> bool:
    """"X deleted the key alias, and every service that read it crashed": a thing failing
    by itself right after the act (no object: it did nothing to anything)."""
    mention = s.who(subject)
    return mention is not None and mention.kind == SYSTEM and not any(
        c.dep_ in ("dobj", "attr") for c in clause.children)


def _work_harmed(s: Sentence, verb: Word) -> bool:
    """"<someone>'s migration locked the orders table", "X's cleanup job removed the TLS
    certificates": a person's work (not the person, who may do it on purpose) doing harm to
    something that is neither bad nor meant to go."""
    if not _harms(s, verb):
        return False
    subject = s.subject(verb)
    return not (subject is None or s.blameable(s.who(subject), 2) or
                s.person_or_work(subject, 1) is None or subject.lower_ in s.w.remedy_nouns)


def _harms(s: Sentence, verb: Word) -> bool:
    """An active harm verb done to something that is neither bad nor meant to go ("locked the
    orders table", "blocked the payment API"; not "removed the stale entries")."""
    if verb.lower_ not in s.w.harm_verbs or s.passive(verb):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    spoiled = s.w.bad_state_words | s.w.disposable_words | s.v.wrong | s.w.threat_nouns
    return bool(objects) and not any(t.lower_ in spoiled for c in objects for t in c.subtree)


def _work_destroyed(s: Sentence, verb: Word) -> bool:
    """"<someone>'s script deleted <n> customer rows", "the production database was dropped
    by <someone>": a person's work (not the person: people delete things as their work)
    destroying data that matters, or a person destroying data that matters."""
    if verb.lower_ not in s.w.destructive_verbs:
        return False
    passive = s.passive(verb)
    objects = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    words = [t for c in objects for t in c.subtree if not (passive and t.i > verb.i)]
    valuable = any(t.lower_ in s.w.valuable_words or t.tag_ == "CD" for t in words) and \
        not any(t.lower_ in s.w.disposable_words for t in words)
    subject = s.by_agent(verb) if passive else s.subject(verb)
    if not valuable or s.person_or_work(subject, 1) is None:
        return False
    # the person themselves: only data that matters ("dropped the <live> schema")
    return not s.blameable(s.who(subject), 2) or any(c.lower_ in s.w.data_nouns for c in objects)


def _mistaken(s: Sentence, verb: Word) -> bool:
    """"deleted <the live thing> thinking it was <the test one>": a mistaken act."""
    return any(c.dep_ in ("advcl", "xcomp", "dobj") and c.tag_ == "VBG" and
               c.lower_ in s.w.belief_verbs and any(g.dep_ == "ccomp" for g in c.children)
               for c in verb.subtree if c.head.i == verb.i or c.head.head.i == verb.i)


def _by_accident(s: Sentence, verb: Word) -> bool:
    """"accidentally deleted the customer table": an act done by mistake."""
    return any(c.dep_ == "advmod" and c.lower_ in s.w.accident_adverbs for c in verb.children)


def _which_damaged(s: Sentence, verb: Word) -> bool:
    """"deleted the DNS zone, which took every domain offline": the act's own damage (the
    parser may hang ", which…" on any noun after the verb)."""
    doc = s.doc
    if any(c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > verb.i and damaging(s, c)
           for clause in _own_clauses(verb) for c in clause.children):
        return True  # "deleted the DNS zone, starting the cascade"; "changed the record to
        # point at staging, causing the outage"
    return any(clause.dep_ == "relcl" and any(
        c.lower_ == "which" and c.dep_ == "nsubj" and (
            c.head.head.head.i == verb.i or c.i > 0 and doc[c.i - 1].text == ",")
        for c in clause.children) and _what_it_did(s, clause)
        for clause in verb.subtree if clause.i > verb.i)


def _own_clauses(verb: Word) -> list[Word]:
    """The verb and the purpose or manner clauses it governs that have no subject of their
    own ("changed the record to point at …"): the same act, told further."""
    found = [verb]
    for word in found:
        found += [c for c in word.children if c.dep_ in ("advcl", "xcomp") and c.i > word.i
                  and c.tag_ == "VB" and not any(g.dep_.startswith("nsubj") for g in c.children)]
    return found


def _what_it_did(s: Sentence, clause: Word) -> bool:
    """The clause damages, or says it is what damaged: ", which is what broke the branch"."""
    if damaging(s, clause):
        return True
    return clause.lower_ in s.w.be_verbs and any(
        c.dep_ in ("ccomp", "attr") and damaging(s, c) for c in clause.children)


def _damage_object(s: Sentence, verb: Word) -> bool:
    """"caused the outage", "created the corrupted index": damage, or a thing in a bad state."""
    nouns = s.v.damage_nouns
    return any(child.dep_ in ("dobj", "attr", "nsubjpass") and (
        _is_damage(s, child) or any(c.lower_ in nouns for c in child.children
                                    if c.dep_ == "compound") or
        # "the chain of failures", "a wave of errors"
        (s.pobj(child, "of") or child).lower_ in nouns or
        # "introduced the off-by-one that corrupted save files"
        any(c.dep_ == "relcl" and damaging(s, c) for c in child.children))
        for child in verb.children
        if not any(c.dep_ == "det" and c.lower_ == "no" for c in child.children)) or \
        _made_to_fail(s, verb)


def _made_to_fail(s: Sentence, verb: Word) -> bool:
    """"caused the disk to fill", "caused every job to fail": something made to come to harm."""
    return any(child.dep_ in ("ccomp", "xcomp") and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in child.children) and any(
        c.dep_ == "nsubj" for c in child.children) and  # (not "builds started to fail")
        (child.lower_ in s.v.outcomes or child.lower_ in s.w.harm_verbs or
         child.lower_ in s.v.damage) and s.negated(child) is None
        for child in verb.children)


def _wrong_object(s: Sentence, verb: Word) -> bool:
    for child in verb.children:
        targets = [child] if child.dep_ == "dobj" else [
            p for p in child.children if p.dep_ == "pobj"] if child.dep_ == "prep" else []
        if any(c.lower_ in s.v.wrong for target in targets for c in target.children
               if c.dep_ == "amod" and target.lower_ not in s.w.nothing):
            return True  # (not "did nothing wrong": a denial)
    return False


def damaging(s: Sentence, verb: Word) -> bool:
    """A damage verb ("broke", "took down") or a cause verb with damage as its object ("what
    caused the outage": the parser may leave the object to the copula)."""
    v = s.v
    phrasal = any(span.start == verb.i for span in s.matches.get("DAMAGE", []))
    if _metric_lowered(s, verb):
        return False
    return verb.lower_ in v.damage or phrasal or _put_down(s, verb) or \
        _made_into_damage(s, verb) or (
        verb.lower_ in v.cause_verbs and (_damage_object(s, verb) or verb.dep_ == "csubj" and any(
            c.dep_ == "nsubj" and c.lower_ in v.damage_nouns for c in verb.head.children)))


def _planned(s: Sentence, verb: Word) -> bool:
    """"took the replica offline to upgrade it", "…for maintenance": planned work."""
    w = s.w
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp") and child.lower_ in w.planned_verbs and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            return True
        if child.dep_ == "prep" and child.lower_ == "for" and any(
                p.lower_ in w.planned_work for p in child.children if p.dep_ == "pobj"):
            return True
    return False


def _put_down(s: Sentence, verb: Word) -> bool:
    """"took <the dispatcher> offline", "knocked <two regions> down": the down word after the
    object (the parser may make it the object itself)."""
    if verb.lower_ not in s.w.down_verbs:
        return False
    for word in s.doc[verb.i + 1:verb.i + 8]:
        if word.is_punct and word.text != "-" or word.tag_.startswith("VB") or word.tag_ == "IN":
            return False
        if word.lower_ in s.w.down_words and word.i > verb.i + 1:
            return True
    return False


def _metric_lowered(s: Sentence, verb: Word) -> bool:
    """"brought the error rate down": a measure taken down is a recovery, not damage."""
    return any(c.dep_ == "dobj" and c.lower_ in s.w.metrics for c in verb.children)


def _made_into_damage(s: Sentence, verb: Word) -> bool:
    """"turned a blip into an outage": an act that made something into damage."""
    return verb.lower_ in s.w.transform_verbs and (
        s.pobj(verb, "into") or verb).lower_ in s.v.damage_nouns


# -- copulas: "X is the root cause", clefts, "what broke it was X's push" ----------------------

def _copula_cause(s: Sentence) -> Iterator[BlameHit]:
    for verb in s.doc:
        if verb.lower_ not in s.w.be_verbs:
            continue
        subject = s.subject(verb)
        if subject is not None and subject.lower_ == "it":
            yield from _cleft(s, verb)
        elif subject is not None and (subject.lower_ in s.v.cause_nouns and subject.dep_ != "csubj"
                                      or _reason_for_damage(s, subject)):
            yield from _cause_is(s, verb, subject)
        elif subject is not None and subject.lower_ in s.v.damage_nouns:
            yield from _trouble_was(s, verb, subject)
        else:
            clause = next((c for c in verb.children if c.dep_ == "csubj"), None)
            if clause is not None and damaging(s, clause):
                yield from _what_damaged(s, verb, clause)
            else:
                yield from _person_is(s, verb, subject)


def _reason_for_damage(s: Sentence, subject: Word) -> bool:
    """"the reason for the outage"."""
    return subject.lower_ in s.w.reason_words and any(
        p.lower_ in s.v.damage_nouns for c in subject.children if c.dep_ == "prep"
        for p in c.children if p.dep_ == "pobj")


def _cause_is(s: Sentence, verb: Word, subject: Word) -> Iterator[BlameHit]:
    """"The culprit was the night-shift operator", "the reason for it was X deploying"."""
    attr = next((c for c in verb.children if c.dep_ == "attr"), None)
    if attr is None:  # "…was X deploying on a Friday": the parser makes it a clause
        act = next((c for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VBG"), None)
        attr = s.subject(act) if act is not None else None
    mention = s.person_or_work(attr, 1)
    if mention is not None and attr is not None and not s.suppressed(verb):
        yield s.hit(KIND, subject.i, attr.i + 1, mention.text, verb.i, attr.i + 1)


def _trouble_was(s: Sentence, verb: Word, subject: Word) -> Iterator[BlameHit]:
    """"The problem was X copying the keys into staging": the damage named as a person's
    act (a person doing something, not "the problem was X's to fix")."""
    doer, act = _doer_and_act(s, verb)
    if doer is None or act is None or s.neutral(act) or act.lower_ in s.v.stative:
        return
    mention = s.who(doer)
    if s.blameable(mention, 1) and not s.suppressed(verb):
        yield s.hit(KIND, subject.i, act.i + 1, mention.text, verb.i, act.i + 1)


def _doer_and_act(s: Sentence, verb: Word) -> tuple[Word | None, Word | None]:
    """The person and the gerund after a copula, as the parser hangs them: "X copying" as a
    noun with a clause, as a clause with a subject, or as a gerund read as a noun."""
    attr = next((c for c in verb.children if c.dep_ == "attr"), None)
    if attr is None:
        act = next((c for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VBG"), None)
        return (s.subject(act) if act is not None else None), act
    act = next((c for c in attr.children if c.dep_ == "acl" and c.tag_ == "VBG"), None)
    if act is not None:
        return attr, act
    if attr.lower_.endswith("ing"):
        return next((c for c in attr.children if c.dep_ in ("compound", "poss", "nmod") and
                     c.i < attr.i), None), attr
    return None, None


def _what_damaged(s: Sentence, verb: Word, clause: Word) -> Iterator[BlameHit]:
    """"What took down the checkout service was X's config push"."""
    attr = next((c for c in verb.children if c.dep_ == "attr"), None)
    if attr is None:  # "…was X running a reindex": the parser makes it a clause
        act = next((c for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VBG"), None)
        attr = s.subject(act) if act is not None else None
    mention = s.person_or_work(attr, 1)
    if mention is None and attr is not None:
        # "…was <the role> pointing <a tool> at it": the parser may chain the person
        # and the act as modifiers of the act's object
        mention = next((m for m in (s.who(t) for t in s.doc[attr.left_edge.i:attr.i]
                                    if t.tag_.startswith("NN")) if s.blameable(m, 1)), None)
    if mention is not None and attr is not None and not s.suppressed(verb):
        yield s.hit(KIND, clause.left_edge.i, attr.i + 1, mention.text, verb.i, attr.i + 1)


def _person_is(s: Sentence, verb: Word, subject: Word | None) -> Iterator[BlameHit]:
    """"X's script is what corrupted…", "the <team> is the reason…", "X is to blame"."""
    mention = s.person_or_work(subject, 1)
    if mention is None or s.suppressed(verb):
        return
    w = s.w
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "attr") and any(
        g.lower_ == "what" and g.dep_ == "nsubj" for g in c.children)), None)
    if clause is not None and damaging(s, clause):
        yield s.hit(KIND, mention.start, clause.i + 1, mention.text, verb.i, clause.i + 1)
        return
    reason = next((c for c in verb.children if c.dep_ == "attr" and
                   c.lower_ in w.reason_words), None)
    if reason is not None and any(t.lower_ in s.v.outcomes for t in reason.subtree
                                  if t.i > reason.i) and not _credited(s, subject):
        yield s.hit(KIND, mention.start, reason.i + 1, mention.text, verb.i, reason.i + 1)
        return
    child = next((c for c in verb.children if _is_cause(s, c)), None)
    if child is not None and s.negated(child) is None:  # "is not to blame"
        end = child.right_edge.i + 1 if child.dep_ != "attr" else child.i + 1
        yield s.hit(KIND, mention.start, end, mention.text, verb.i, end)


def _credited(s: Sentence, work: Word | None) -> bool:
    """"X's fast escalation is the reason the outage lasted minutes": work praised."""
    return work is not None and any(c.dep_ == "amod" and c.lower_ in s.w.credit_qualities
                                    for c in work.children)


def _is_cause(s: Sentence, child: Word) -> bool:
    if child.dep_ == "attr" and child.lower_ in s.v.cause_nouns:
        # "X was the cause", "X is a root cause", "X was its source"; a bare noun names a
        # kind or a quality ("GitLab is open source"), not the cause
        return any(c.dep_ in ("det", "poss") for c in child.children)
    if child.dep_ in ("acomp", "xcomp", "prep") and child.lower_ in s.w.responsible_preps:
        words = {t.lower_ for t in child.subtree}
        damage = s.pobj(child, "for")  # "responsible for the corrupted backups", not for
        return bool(words & s.w.blame_words) or (  # "the incident review"
            child.lower_ in s.w.answerable_words and damage is not None and
            _is_damage(s, damage))
    return False


def _cleft(s: Sentence, verb: Word) -> Iterator[BlameHit]:
    """"It was the contractor's change that broke…": the cleft singles out the cause."""
    for attr in verb.children:
        if attr.dep_ != "attr":
            continue
        clause = next((c for c in attr.children if c.dep_ == "relcl"), None) or \
            _cleft_clause(s, verb, attr)
        if clause is None or clause.dep_ == "relcl" and not _subject_is(s, clause, attr):
            continue
        mention = s.person_or_work(attr)
        if mention is None or s.suppressed(verb) or _thing_cleft(s, clause, attr, mention):
            continue
        # a cleft singles out the doer: an act on the system ("who restarted the primary")
        # is the cause it points at, a responder's act ("who paged…") is not
        neutral = s.neutral(clause) and clause.lower_ not in s.v.actions
        if (neutral or clause.lower_ in s.v.stative) and not _bad_object(s, clause):
            continue
        yield s.hit(KIND, mention.start, clause.i + 1, mention.text, verb.i, clause.i + 1)


def _subject_is(s: Sentence, clause: Word, attr: Word) -> bool:
    """Whether the relative clause's doer is ``attr``: "the intern who deleted…", "the intern
    that deleted…" (not "the table that the intern deleted")."""
    subject = s.subject(clause) or clause
    return subject.i == attr.i or subject.lower_ in s.w.relative_pronouns and \
        subject.dep_ == "nsubj" and clause.head.i == attr.i


def _thing_cleft(s: Sentence, clause: Word, attr: Word, mention: Mention) -> bool:
    """"It was <Name> that lost the placement group": a lone name taken up by "that" or
    "which" is a thing's (a person is taken up by "who")."""
    lone_name = mention.end - mention.start == 1 and attr.i == mention.start and \
        bool(NAME_SHAPE.match(attr.text)) and mention.kind == PERSON
    return lone_name and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in s.w.thing_relatives
                             for c in clause.children)


def _cleft_clause(s: Sentence, verb: Word, attr: Word) -> Word | None:
    """"It was X who disabled…" with "who disabled…" hung on the copula, not on X."""
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i > attr.i and any(
        g.dep_ == "nsubj" and g.lower_ in s.w.relative_pronouns and g.i == attr.i + 1
        for g in c.children)), None)


def _bad_object(s: Sentence, verb: Word) -> bool:
    """"approved the build with two failing checks": an act on something known to be bad;
    "restarted <one node> instead of <another>": an act on the wrong thing."""
    return verb.lower_ in s.v.actions and any(
        t.lower_ in s.w.bad_state_words | s.w.instead_of for c in verb.children
        if c.dep_ in ("dobj", "prep", "advmod") for t in c.subtree)


# -- "because X…", "when X…" ---------------------------------------------------------------

def _because(s: Sentence) -> Iterator[BlameHit]:
    v = s.v
    for verb in s.verbs:
        mark = next((c for c in verb.children if c.dep_ == "mark" and
                     c.lower_ in s.w.cause_markers), None)
        # a why's answer on its own: "Because X flushed it by hand."
        answer = verb.dep_ == "ROOT" and mark is not None and mark.i == 0 and \
            verb.right_edge.i >= len(s.doc) - 2
        if verb.dep_ != "advcl" and not answer or mark is None:
            continue
        # a responder's act (restarting, draining) is neutral, unless it is what the damage
        # is put down to: "went down because X restarted the primary" (a one-word act: not
        # "rolled back", a phrase)
        act = verb.lower_ in v.actions and verb.lower_ in v.neutral
        if (s.neutral(verb) and not _bad_object(s, verb) and not act) \
                or verb.lower_ in v.stative or s.passive(verb) or s.negated(verb) is not None \
                or _habitual(verb):
            continue
        mention = s.who(s.subject(verb))
        if not s.blameable(mention):
            continue
        if answer:  # "Why did the cache empty? Because X flushed it by hand."
            if (act or verb.lower_ in v.actions and not s.neutral(verb)) and \
                    not s.suppressed(verb):
                yield s.hit(KIND, mark.i, verb.i + 1, mention.text, verb.i, verb.i + 1)
            continue
        main = verb.head
        outcome = [t for t in main.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)
                   and t.lower_ in v.outcomes]
        harmed = bool(outcome) or _harmed(s, main)
        missed = not harmed and _did_not_happen(s, main)
        if not (harmed or missed) or s.suppressed(main, own_negation_ok=missed):
            continue
        end = verb.i + 1
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            end = min(obj.right_edge.i + 1, verb.i + 6)
        yield s.hit(KIND, mark.i, end, mention.text, verb.i, verb.i + 1)


def _did_not_happen(s: Sentence, main: Word) -> bool:
    """What should have happened and did not: "the DR site could not come up", "200
    customers never got a follow-up" (a loss that did not happen, "we did not lose data", is
    spared, not harmed)."""
    return s.negated(main) is not None and main.lower_ not in s.v.outcomes \
        and main.lower_ not in s.w.harm_verbs and main.lower_ not in s.w.be_verbs \
        and main.lower_ not in s.w.hit_verbs


def _habitual(verb: Word) -> bool:
    """"because <the framework> dispatches data with…": the present simple tells how
    something works, not an act of the incident."""
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children)


def _harmed(s: Sentence, main: Word) -> bool:
    """What befell the system: "the disk filled up", "customer data was exposed" (a harm verb
    with no object, or done to data that matters; not "the old keys were removed")."""
    if main.lower_ not in s.w.harm_verbs or s.negated(main) is not None:
        return False
    if not s.passive(main):
        return not any(c.dep_ == "dobj" for c in main.children)
    words = [t for c in main.children if c.dep_ == "nsubjpass" for t in c.subtree]
    return any(t.lower_ in s.w.data_nouns or t.lower_ in s.w.valuable_words for t in words) \
        and not any(t.lower_ in s.w.disposable_words for t in words)


def _thanks_to(s: Sentence) -> Iterator[BlameHit]:
    """"Thanks to X restarting the wrong database, orders were lost": ironic credit for
    damage (credit for a good outcome, "thanks to Ada's rollback the impact was small", is
    praise)."""
    for word in s.doc:
        target = s.pobj(word, "to") if word.lower_ in s.w.credit_words else None
        if target is None:
            continue
        act = next((c for c in target.children if c.dep_ == "acl" and c.tag_ == "VBG"), None)
        mention = s.person_or_work(target)
        main = word.head
        phrase = range(word.i, word.right_edge.i + 1)
        # what happened (the verbs and their complements), not what is named ("the outage
        # lasted only four minutes", "the failed jobs were retried" are praise)
        verbs = [main, *(t for t in main.subtree if t.dep_ == "conj" and t.tag_.startswith("VB"))]
        outcome = [t for v in verbs for t in (v, *v.children) if t.i not in phrase and
                   (t.i == v.i or t.dep_ in ("acomp", "prt", "oprd")) and
                   t.lower_ in s.v.outcomes]
        if mention is None or not outcome or main.i in phrase or s.suppressed(main):
            continue
        end = (act or target).i + 1
        yield s.hit(KIND, word.i, end, mention.text, word.i, end)


def _when(s: Sentence) -> Iterator[BlameHit]:
    """"Checkout went down when X deployed the branch": damage timed to a person's act."""
    v, w = s.v, s.w
    for verb in s.verbs:
        if verb.dep_ != "advcl" or not any(c.lower_ in w.time_markers and c.dep_ in (
                "advmod", "mark") for c in verb.children):
            continue
        if s.neutral(verb) and verb.lower_ not in v.actions or \
                verb.lower_ in v.stative or s.passive(verb) or s.negated(verb):
            continue
        if not _outright_damage(s, verb.head):
            continue
        mention = s.person_or_work(s.subject(verb))
        if not s.blameable(mention) or s.suppressed(verb.head):
            continue
        mark = next(c for c in verb.children if c.lower_ in w.time_marks)
        yield s.hit(KIND, mark.i, verb.i + 1, mention.text, verb.i, verb.i + 1)


def _outright_damage(s: Sentence, main: Word) -> bool:
    """Only outright damage ("broke", "crashed", "went down", "the outage started"): "errors
    rose after X deployed 4.2" is a timeline fact."""
    down = any(c.lower_ in s.w.down_words for c in main.children)
    began = main.lower_ in s.w.start_verbs and any(
        c.dep_ == "nsubj" and c.lower_ in s.v.damage_nouns for c in main.children)
    # "the incident was triggered when X…"
    caused = main.lower_ in s.v.cause_verbs and any(
        c.dep_ == "nsubjpass" and c.lower_ in s.v.damage_nouns for c in main.children)
    return (main.lower_ in s.v.damage or down or began or caused) and s.negated(main) is None


# -- after a "Root cause:" label -------------------------------------------------------------

def _labelled(s: Sentence) -> Iterator[BlameHit]:
    """"Root cause: X truncated the table": a person acting, right after a cause label."""
    if s.label_end is None:
        return
    for start, end, who, anchor in agent_clauses(s, after=s.label_end, labelled=True):
        yield s.hit(KIND, start, end, who, anchor, anchor + 1)
        return
    yield from _named_cause(s)
    yield from _their_work(s)
    yield from _fragment(s)


def _fragment(s: Sentence) -> Iterator[BlameHit]:
    """The parser can miss the subject of a fragment ("Root cause: X force-pushed…")."""
    assert s.label_end is not None
    doc = s.doc
    index = s.label_end + 1
    while index < len(doc) and doc[index].lower_ in s.w.articles:
        index += 1
    if index >= len(doc):
        return
    head = doc[index]
    while head.i + 1 < len(doc):
        following = doc[head.i + 1]
        name_goes_on = following.tag_ in ("NNP", "NN") and NAME_SHAPE.match(following.text)
        if following.dep_ == "punct" or not (name_goes_on or head.lower_ in ("on", "-", "call")):
            break
        head = following
    mention = s.who(head)
    if not s.blameable(mention, level=2):
        return
    verb = next((t for t in doc[head.i + 1:head.i + 4] if t.tag_ in ("VBD", "VBN", "VBZ")), None)
    if verb is None or s.neutral(verb) or verb.lower_ in s.v.stative or \
            s.reduced_passive(verb):
        return
    yield s.hit(KIND, mention.start, verb.i + 1, mention.text, verb.i, verb.i + 1)


def _their_work(s: Sentence) -> Iterator[BlameHit]:
    """"Root cause: X's untested change to the limiter": the label's answer is a person's
    work, with no verb saying what the work did."""
    assert s.label_end is not None
    rest = s.doc[s.label_end + 1:]
    if not len(rest) or any(t.tag_ in ("VBD", "VBZ", "VBP") for t in rest):
        return
    head = next((t for t in rest if t.head.i == t.i or t.head.i <= s.label_end), None)
    owner = next((c for c in head.children if c.dep_ == "poss"), None) if head else None
    mention = s.who(owner)
    if head is None or owner is None or not s.blameable(mention, 2):
        return
    yield s.hit(KIND, mention.start, head.i + 1, mention.text, head.i, head.i + 1)


def _named_cause(s: Sentence) -> Iterator[BlameHit]:
    """"Root cause: the intern.", "Primary trigger: <Name>.": the label's whole answer is a
    person."""
    assert s.label_end is not None
    rest = [t for t in s.doc[s.label_end + 1:] if not (t.is_punct or t.is_space)]
    if not rest or len(rest) > 4:
        return
    head = next((t for t in rest if t.head.i == t.i or not (
        rest[0].i <= t.head.i <= rest[-1].i)), rest[-1])
    mention: Mention | None = s.who(head)
    if not s.blameable(mention, 2) or any(t.tag_.startswith("VB") for t in rest):
        return
    if mention.weak:
        return  # "Root cause: <Product>." may be a product: a lone first name is not enough
    if any(t.lower_ in s.w.owner_labels for t in s.doc[:s.label_end]):
        return  # "Root cause owner: <Name>" names who follows up, not a cause
    yield s.hit(KIND, rest[0].i, rest[-1].i + 1, mention.text, head.i, head.i + 1)


def _author_of_damage(s: Sentence) -> Iterator[BlameHit]:
    """"The change that took down checkout was pushed by X", "the rule that blocked the
    payment API was added by X", "the commit responsible was merged by X": the person who made
    the thing that did the damage (not "…was reverted by X", a responder's act)."""
    for verb in s.verbs:
        if not s.passive(verb) or (s.neutral(verb) or verb.lower_ in s.v.stative) and \
                verb.lower_ not in s.w.authoring_verbs:
            continue
        thing = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if thing is None:
            continue
        clause = next((c for c in thing.children if c.dep_ == "relcl" and
                       (damaging(s, c) or _harms(s, c))), None)
        if (clause is None or (s.subject(clause) or clause).i != thing.i) and \
                not _then_damaged(s, verb) and not _culprit(s, thing):
            continue
        hit = s.passive_agent(verb, KIND, verb.i)
        if hit is not None:
            yield hit


def _culprit(s: Sentence, thing: Word) -> bool:
    """"the commit responsible", "the job responsible for the outage": a thing named as the
    one accountable for the damage."""
    return any(c.dep_ == "amod" and c.i > thing.i and c.lower_ in s.w.accountable_words and
               all(p.lower_ in s.v.damage_nouns for p in c.subtree if p.dep_ == "pobj")
               for c in thing.children)


def _answerable(s: Sentence) -> Iterator[BlameHit]:
    """"The person responsible for the outage is the on-call DBA", "the engineer
    responsible for the data loss": a person answering for damage (as a subject's
    complement, "X is responsible for …", see ``_is_cause``)."""
    for word in s.doc:
        if word.lower_ not in s.w.answerable_words or word.dep_ != "amod" or \
                s.suppressed(word):
            continue
        damage = s.pobj(word, "for")
        if damage is None or not _is_damage(s, damage):
            continue
        holder = word.head
        mention = s.who(holder)
        if not s.blameable(mention, 1) and holder.dep_ == "nsubj":
            # "the person responsible for … is <X>": the one named after the copula
            attr = next((c for c in holder.head.children if c.dep_ == "attr"), None)
            mention = s.who(attr)
        if not s.blameable(mention, 1):
            continue
        start, end = min(mention.start, word.i), max(mention.end, damage.right_edge.i + 1)
        yield s.hit(KIND, start, end, mention.text, word.i, word.i + 1)


def _is_damage(s: Sentence, noun: Word) -> bool:
    """Damage, or a thing in a bad state: "the outage", "the corrupted backups"."""
    return noun.lower_ in s.v.damage_nouns or any(
        c.dep_ == "amod" and c.lower_ in s.w.bad_state_words for c in noun.children)
