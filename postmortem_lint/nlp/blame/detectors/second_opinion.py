"""The classifier's second opinion: a sentence the rules found nothing in, that the classifier
scores as blame, is reported when the sentence shows a person, role or team acting (a named
person, an @handle, a role, a team other than "we"), and only on that actor and its act:
"<the role> waved the change through", "<Name>'s rushed rollout", "pushed through by <the
role>". Systems, products, "we", attackers and customers acting are never enough, nor a
responder's neutral act (paging, deciding, rolling back) or judgment call ("deemed it safe"),
nor someone only being something ("<Name> was awake")."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from postmortem_lint.nlp.blame.classifier import Opinion
from postmortem_lint.nlp.blame.sentence import Mention, Sentence
from postmortem_lint.nlp.blame.tokens import Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind

# the parts of a verb phrase the finding spans: particles, negation, objects, complements
_PHRASE_DEPS = frozenset({"prt", "neg", "dobj", "acomp", "xcomp", "attr", "oprd", "dative",
                          "prep", "agent", "advmod", "npadvmod"})
_MAX_WORDS = 8  # the act is marked on at most this many words after its verb
# where else in a sentence someone is the one acting or owning the act
_SLOTS = frozenset({"nsubj", "nsubjpass", "poss", "pobj"})
# a pronoun ("she", "their") or "who" may stand for anyone (customers, a vendor's staff,
# nobody in particular): the second opinion wants the person named
_PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$", "WDT"})
# how surely a capitalised word must be a name (Mention.weak): a clause's first word tagged
# as a proper noun counts, one tagged as a common noun does not
_SURE = 1
# an opinion this sure marks the person, role or team it is about wherever the sentence
# names them: the one disciplined ("<Name> was sent home"), judged ("<Name> should be
# embarrassed") or acted on ("supervised by his mentor")
_CERTAIN = 0.95
# the kinds that are about the person wherever they stand; a fault, an error or a
# "simply" is in words the rules read ("<Name>'s e-mail address" is no fault of theirs)
_ABOUT_SOMEONE = frozenset((BlameKind.discipline, BlameKind.judgment,
                            BlameKind.counterfactual, BlameKind.failure_verb,
                            BlameKind.person_as_cause))


def detect(s: Sentence, opinion: Opinion, threshold: float,
           acting: Sequence[BlameHit] = ()) -> Iterator[BlameHit]:
    """The classifier's kind on the person acting: one the agent detector found (``acting``)
    and named (not a pronoun), else the first person, role or team acting in the sentence."""
    if opinion.score < threshold:
        return
    named = [hit for hit in acting if hit.who.lower() not in s.w.person_pronouns]
    if named:
        hit = named[0]
        yield BlameHit(opinion.kind, hit.start, hit.end, hit.who, (hit.start, hit.end))
        return
    # someone's thing is a fault where it acts or is what the damage is put on ("<Name>'s
    # script black-holed the traffic", "is on the contractor's merge"), not where it is
    # handled ("gave out <Name>'s e-mail address")
    actor = _actor(s, handled=opinion.kind is not BlameKind.possessive_fault)
    if actor is None and opinion.score >= _CERTAIN and opinion.kind in _ABOUT_SOMEONE:
        actor = _named(s)
    if actor is not None:
        mention, start, end = actor
        end = _word_end(s, end)
        yield s.hit(opinion.kind, start, end, mention.text, start, end)


def _actor(s: Sentence, handled: bool = True) -> tuple[Mention, int, int] | None:
    """The first person, role or team acting in the sentence, with the words of its act."""
    for verb in s.verbs:
        if s.neutral(verb) or verb.lower_ in s.w.be_verbs or s.suppressed(verb):
            continue
        mention = _someone(s, s.subject(verb))
        if mention is not None and not s.passive(verb):
            return mention, min(mention.start, verb.i), _phrase_end(s, verb, mention)
        # (a judgment call is no act: "deemed safe enough by the developer")
        mention = _someone(s, s.by_agent(verb))
        if mention is not None and verb.lower_ not in s.w.cognition_verbs:
            return mention, min(verb.i, mention.start), max(verb.i + 1, mention.end)
    for token in s.doc:  # "<Name>'s rushed rollout", "a blunder by <the team>"
        if token.dep_ not in _SLOTS or s.suppressed(token):
            continue
        if token.dep_ == "pobj" and token.head.lower_ != "by":
            continue  # only "a blunder by <the team>" acts; "rests with <the team>" owns
        mention = _someone(s, token)
        if mention is None:
            continue
        head = token.head.head if token.dep_ == "pobj" else token.head
        if not handled and token.dep_ == "poss" and head.dep_ in ("dobj", "dative"):
            continue
        if head.lower_ in s.w.be_verbs or head.lower_ in s.w.cognition_verbs or \
                s.neutral(head) or head.dep_ == "dobj" and s.neutral(head.head):
            continue  # (nor "<someone> praised <Name>'s conduct": the work of a neutral act)
        start, end = min(mention.start, head.i), max(mention.end, head.i + 1)
        if head.tag_.startswith("VB") and head.i > token.i:  # the act that follows: its phrase
            end = _phrase_end(s, head, mention)
        if end - start <= _MAX_WORDS:
            return mention, start, end
    return None


def _named(s: Sentence) -> tuple[Mention, int, int] | None:
    """The first person, role or team the sentence surely names, anywhere in it."""
    for token in s.doc:
        if token.dep_ == "compound" and token.head.i > token.i and \
                token.head.tag_.startswith("NN"):
            continue  # a part of a longer phrase: its head names the whole
        if s.suppressed(token):
            continue
        mention = _someone(s, token)
        if mention is not None:
            return mention, mention.start, mention.end
    return None


def _someone(s: Sentence, token: Word | None) -> Mention | None:
    """The person, role or team ``token`` surely names (not a pronoun)."""
    if token is None or token.tag_ in _PRONOUN_TAGS:
        return None
    mention = s.who(token)
    return mention if s.blameable(mention, _SURE) else None


def _phrase_end(s: Sentence, verb: Word, mention: Mention) -> int:
    end = max(verb.i, mention.end - 1)
    for child in verb.children:
        if child.i > verb.i and child.dep_ in _PHRASE_DEPS:
            end = max(end, max(t.i for t in child.subtree))
    return min(end, verb.i + _MAX_WORDS) + 1


def _word_end(s: Sentence, end: int) -> int:
    """``end`` moved past the rest of a word the tokenizer split ("re-pointed")."""
    doc = s.doc
    while end < len(doc) and doc[end].idx == doc[end - 1].idx + len(doc[end - 1].text) and \
            (doc[end].text == "-" or not doc[end].is_punct):
        end += 1
    return end
