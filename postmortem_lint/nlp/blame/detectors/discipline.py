"""Disciplinary language about a person: "will be held accountable", "was reprimanded",
"removed from the rotation", "retraining for X", "must answer to the VP"."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.sentence import PERSON, Mention, Sentence
from postmortem_lint.nlp.blame.tokens import Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind

KIND = BlameKind.discipline


def detect(s: Sentence) -> Iterator[BlameHit]:
    yield from _phrases(s)
    for verb in s.doc:
        if verb.lower_ in s.v.discipline_verbs and verb.tag_.startswith("VB"):
            yield from _sanctioned(s, verb)
        elif verb.lower_ in s.v.discipline_verbs and s.starts_clause(verb):
            yield from _ordered(s, verb)


def _ordered(s: Sentence, verb: Word) -> Iterator[BlameHit]:
    """"Retrain <someone> on the procedure": an imperative sanction the tagger took for a
    name or a noun before the person it names."""
    if s.v.discipline_particles.get(verb.lower_) is not None:
        return
    person = s.next_noun(verb.i + 1)
    mention = s.who(person)
    if person is None or not s.blameable(mention, 2) or s.suppressed(person):
        return
    yield s.hit(KIND, verb.i, mention.end, mention.text, verb.i, verb.i + 1)


def _phrases(s: Sentence) -> Iterator[BlameHit]:
    # "…at his own request" is not a sanction
    voluntary = any(t.lower_ in s.w.voluntary_words for t in s.doc)
    spans = [*s.matches.get("DISCIPLINE", []), *s.matches.get("ANSWER_TO", []),
             *s.matches.get("LOSE_PRIVILEGES", []), *s.matches.get("ENGAGEMENT_ENDED", []),
             *s.matches.get("CONDUCT_INQUIRY", []), *s.matches.get("HOLD_ACCOUNTABLE", []),
             *([] if voluntary else s.matches.get("OFF_ROTATION", []))]
    if not spans:
        return
    mentions = [m for m in (s.who(t) for t in s.doc if s.nounish(t))
                if s.blameable(m, level=2)] or _anyone_who(s)
    if not mentions:
        return
    incident = any(t.lower_ in s.v.damage_nouns for t in s.doc)
    for span in spans:
        if not incident and span[-1].lower_ in s.w.assignment_words and \
                span[0].lower_ in s.w.off_rotation_verbs:
            continue  # "taken off the project after the reorg": not about an incident
        # a phrase may hold its own negation: "will not be renewed"
        own = any(t.lower_ in s.w.negators for t in span)
        if not s.suppressed(span.root, own_negation_ok=own) and not _none_of(s, span.root):
            yield s.hit(KIND, span.start, span.end, mentions[0].text, span.start, span.end)


def _sanctioned(s: Sentence, verb: Word) -> Iterator[BlameHit]:
    """A person undergoing a disciplinary verb: "was reprimanded", "we will retrain X"."""
    particles = s.v.discipline_particles.get(verb.lower_)
    if particles is not None and not _particle(s, verb, particles):
        return  # a phrasal sanction ("written up", "let go") without its particle
    if s.passive(verb) and verb.lower_ in s.w.reassign_verbs and any(
            c.dep_ == "dobj" for c in verb.children):
        return  # "was reassigned the incident commander role": given a task
    mention = _patient(s, verb)
    if not s.blameable(mention, level=2) or s.suppressed(verb) or _supposed(s, verb):
        return
    start = min([verb.i] + [c.i for c in verb.children
                            if c.dep_ in ("aux", "auxpass") and c.i < verb.i])
    end = verb.i + 1
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    if particle is not None:
        end = max(end, particle.i + 1)
    yield s.hit(KIND, start, end, mention.text, verb.i, verb.i + 1)


def _none_of(s: Sentence, noun: Word) -> bool:
    """"no written warnings, performance plans or other consequences": a list that "no"
    denies as a whole, from its first item."""
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first.i != noun.i and any(c.dep_ == "det" and c.lower_ in s.w.negations
                                     for c in first.children)


def _supposed(s: Sentence, verb: Word) -> bool:
    """"Punishing the responder would only make the next incident harder to report": a
    sanction as the subject of what it would do, weighed and not imposed."""
    return verb.dep_ == "csubj" and verb.tag_ == "VBG" and any(
        c.lower_ in s.w.would or c.lower_ in s.w.hedge_modals for c in s.auxiliaries(verb.head))


def _particle(s: Sentence, verb: Word, particles: frozenset[str]) -> bool:
    """"written up", "let go", "letting the engineer go" (the particle ends the phrase: "let
    the new hire go home" and "let her go to the conference" are no sanction)."""
    word = next((t for t in s.doc[verb.i + 1:verb.i + 6] if t.lower_ in particles), None)
    if word is None:
        return False
    after = s.after(word)
    return word.i == verb.i + 1 or after is None or after.is_punct or (
        after.tag_ == "IN" and after.lower_ != "to")


def _patient(s: Sentence, verb: Word) -> Mention | None:
    """Who undergoes the sanction: the passive subject or the object, or their owner."""
    if s.passive(verb):
        patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if patient is not None and patient.lower_ in s.w.relative_pronouns and \
                verb.dep_ == "relcl":
            patient = verb.head
    else:
        patient = next((c for c in verb.children if c.dep_ == "dobj"), None) or next((
            g for c in verb.children if c.dep_ == "ccomp" for g in c.children
            if g.dep_ == "nsubj"), None)  # "letting the engineer go": parsed as a clause
    # a person's access may be revoked, not a leaked key's
    mention = None if verb.lower_ in s.w.revoke_verbs else s.who(patient)
    if not s.blameable(mention, level=2) and patient is not None:
        owner = next((c for c in patient.children if c.dep_ == "poss"), None) or \
            s.pobj(patient, "for")
        mention = s.who(owner)
    return mention


def _anyone_who(s: Sentence) -> list[Mention]:
    """"anyone who deploys without approval will face…": a sanction threatened against
    whoever does something (not "anyone can be paged", nobody in particular)."""
    return [Mention(PERSON, t.i, t.i + 1, t.text) for t in s.doc
            if t.lower_ in s.w.anybody and any(c.dep_ in ("relcl", "acl") for c in t.children)]
