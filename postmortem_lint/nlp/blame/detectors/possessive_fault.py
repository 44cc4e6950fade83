"""Someone's mistake, error, fault or oversight: "X's mistake", "a mistake by the DBA",
"X made an error", "the fault lies with X", "the error was X's", "this one is on <team>"."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.sentence import PERSON, Mention, Sentence
from postmortem_lint.nlp.blame.tokens import Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind

KIND = BlameKind.possessive_fault
Owner = tuple[Mention, int, int]
_LEVEL = 2


def detect(s: Sentence) -> Iterator[BlameHit]:
    doc = s.doc
    nouns: dict[int, Word] = {}
    for span in s.matches.get("FAULT", []):
        nouns[span.root.i] = span.root
    for noun_i in s.owned_faults:
        nouns.setdefault(noun_i, doc[noun_i])
    for noun in doc:  # "responsibility for the data loss falls on X"
        if noun.lower_ in s.w.burden_nouns and _about_damage(s, noun):
            nouns.setdefault(noun.i, noun)
    shared = [noun for noun in doc if noun.lower_ in s.w.shared_faults]
    for noun in shared:  # "the <team>'s failure" (not "the failure of <a tool>")
        found = _possessor(s, noun) or _on_their_part(s, noun)
        if found is not None and not s.suppressed(noun):
            yield s.hit(KIND, found[1], found[2], found[0].text, noun.i, noun.i + 1)
    for noun in nouns.values():
        if noun.tag_.startswith("VB") and noun.lower_ not in s.w.fault_verbs_as_nouns and \
                noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "attr"):
            continue
        found = fault_owner(s, noun)
        if found is None or s.suppressed(noun):
            continue
        mention, start, end = found
        yield s.hit(KIND, start, end, mention.text, noun.i, noun.i + 1)
    yield from _on_someone(s)


def fault_owner(s: Sentence, noun: Word) -> Owner | None:
    """Whose fault: "X's mistake", "a mistake by the DBA", "X made an error", "mistakes were
    made by X", "the fault lies with X", "the error was X's"."""
    for find in (_possessor, _by_owner, _made_it, _lies_with, _was_theirs, _made_by):
        found = find(s, noun)
        if found is not None:
            return found
    return None


def _possessor(s: Sentence, noun: Word) -> Owner | None:
    mention = s.who(next((c for c in noun.children if c.dep_ == "poss"), None))
    if s.blameable(mention, _LEVEL):
        return mention, mention.start, noun.i + 1
    return None


def _by_owner(s: Sentence, noun: Word) -> Owner | None:
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in s.w.owner_prepositions:
            continue
        target = next((p for p in prep.children if p.dep_ == "pobj"), None) or next((
            g for c in prep.children if c.dep_ == "pcomp" for g in c.children
            if g.dep_ in ("nsubj", "nsubjpass")), None)  # "the fault of whoever changed…"
        if target is not None and prep.lower_ == "on" and target.lower_ in s.w.part_words:
            # "on X's part", "on the part of X"
            target = next((c for c in target.children if c.dep_ == "poss"), None) or \
                s.pobj(target, "of")
        mention = s.who(target)
        if s.blameable(mention, _LEVEL) and target is not None:
            return mention, s.left_edge(noun), target.i + 1
    return None


def _on_their_part(s: Sentence, noun: Word) -> Owner | None:
    """"a failure on the part of the DBA", "a failure on X's part": a person's own."""
    part = s.pobj(noun, "on")
    if part is None or part.lower_ not in s.w.part_words:
        return None
    return _by_owner(s, noun)


def _made_it(s: Sentence, noun: Word) -> Owner | None:
    head = noun.head
    if head.lower_ not in s.w.make_verbs:
        return None
    if noun.dep_ == "dobj":
        subject = s.subject(head)
        mention = s.who(subject)
        if subject is not None and _generic(s, subject, head):
            return None  # "a tired developer can make a mistake like this": anyone can
        if s.blameable(mention, _LEVEL):
            start, end = s.span_with_subject(mention, head.i, noun.i + 1)
            return mention, start, end
    if noun.dep_ == "nsubjpass":
        agent = s.by_agent(head)
        mention = s.who(agent)
        if s.blameable(mention, _LEVEL) and agent is not None:
            return mention, noun.i, agent.i + 1
    return None


def _generic(s: Sentence, subject: Word, verb: Word) -> bool:
    """Whether the subject is an indefinite someone ("a developer") of a verb with a
    modal of possibility ("can make"): a statement about anyone, not about one person."""
    return s.indefinite(subject) and any(c.lower_ in s.w.generic_modals
                                         for c in s.auxiliaries(verb))


def _lies_with(s: Sentence, noun: Word) -> Owner | None:
    head = noun.head
    if noun.dep_ != "nsubj" or head.lower_ not in s.w.lie_verbs:
        return None
    target = s.pobj(head, *s.w.lie_prepositions)
    mention = s.who(target)
    if s.blameable(mention, _LEVEL) and target is not None:
        return mention, noun.i, target.i + 1
    return None


def _was_theirs(s: Sentence, noun: Word) -> Owner | None:
    """"the error was X's", "the slip was hers"."""
    head, w = noun.head, s.w
    if noun.dep_ != "nsubj" or head.lower_ not in w.be_verbs:
        return None
    target = next((c for c in head.children if c.dep_ in ("attr", "acomp") and (any(
        g.dep_ == "case" for g in c.children) or c.lower_ in w.possessive_pronouns)), None)
    if target is None:
        return None
    if target.lower_ in w.possessive_pronouns:
        mention = Mention(PERSON, target.i, target.i + 1, target.text) \
            if target.lower_ in w.person_pronouns else None
    else:
        mention = s.who(target)
    if s.blameable(mention, _LEVEL):
        end = target.i + (1 if target.lower_ in w.possessive_pronouns else 2)
        return mention, noun.i, end
    return None


def _made_by(s: Sentence, noun: Word) -> Owner | None:
    """"a typo made by an engineer", "an error introduced by the contractor"."""
    clause = next((c for c in noun.children if c.dep_ in ("acl", "relcl") and (
        c.lower_ in s.w.make_verbs or c.tag_ == "VBN" and not s.neutral(c) and
        c.lower_ not in s.v.stative)), None)
    if clause is None:
        return None
    agent = s.by_agent(clause)
    mention = s.who(agent)
    if s.blameable(mention, _LEVEL) and agent is not None:
        return mention, s.left_edge(noun), agent.i + 1
    return None


def _about_damage(s: Sentence, noun: Word) -> bool:
    """"responsibility for the outage", "the misconfiguration was the responsibility…"."""
    damage = s.v.damage_nouns
    subject = s.subject(noun.head) if noun.dep_ == "attr" else None
    # "for the outage", "for the missed renewal", "for the expired domain" (a failure, or a
    # thing left in a bad state, is damage too)
    failed = s.v.failure | s.w.bad_state_words
    for_damage = any(p.lower_ in damage or any(a.lower_ in failed for a in p.children
                                               if a.dep_ == "amod")
                     for c in noun.children if c.dep_ == "prep" and c.lower_ == "for"
                     for p in c.children if p.dep_ == "pobj")
    return for_damage or (subject is not None and subject.lower_ in damage)


def _on_someone(s: Sentence) -> Iterator[BlameHit]:
    """"This one is on the platform team": the fault put on someone."""
    w = s.w
    for verb in s.doc:
        if verb.lower_ not in w.be_verbs:
            continue
        subject = s.subject(verb)
        if subject is None:
            continue
        target = s.pobj(verb, "on")
        if not (_pointed(s, subject) or target is not None and _placed(s, target.head) and
                subject.lower_ not in w.burden_nouns | w.rotation_words):
            continue
        mention = s.who(target)
        if s.blameable(mention, 2) and target is not None and not s.suppressed(verb):
            yield s.hit(KIND, verb.i, target.i + 1, mention.text, verb.i, target.i + 1)


def _pointed(s: Sentence, subject: Word) -> bool:
    """"This one is on X", "This outage was on the <team>"."""
    w = s.w
    pointed = any(c.lower_ in w.point_words for c in subject.children)
    return subject.lower_ in w.pointing_subjects or pointed and (
        subject.lower_ == "one" or subject.lower_ in s.v.damage_nouns)


def _placed(s: Sentence, on: Word) -> bool:
    """"<the damage> is squarely on the <team>", "is on the <team>, not on the tooling":
    the fault placed on someone, weighed or set against something else."""
    subject = s.subject(on.head)
    if subject is not None and subject.lower_ in s.v.damage_nouns:
        return True  # "the outage was on <someone>"
    if any(c.lower_ in s.w.placement_adverbs for c in (*on.children, *on.head.children)
           if c.dep_ == "advmod") and subject is not None and _bad_thing(s, subject):
        return True
    return any(c.dep_ in ("conj", "prep") and c.lower_ == "on" and c.i > on.i and any(
        g.dep_ == "neg" for g in c.children) for c in (*on.head.children, *on.children))


def _bad_thing(s: Sentence, noun: Word) -> bool:
    """Damage, or a thing in a bad state ("the expired certificate", "duplicate charges")."""
    return noun.lower_ in s.v.damage_nouns or any(
        c.dep_ in ("amod", "compound") and c.lower_ in s.w.bad_state_words
        for c in noun.children)
