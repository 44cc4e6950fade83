"""The classifier's second opinion: a sentence the rules found nothing in, that the classifier
scores as blame, is reported when the sentence shows a person, role or team acting (a named
person, an @handle, a role, a team other than "we"), and only on that actor and its act:
"<the role> waved the change through", "<Name>'s rushed rollout", "pushed through by <the
role>". Systems, products, "we", attackers and customers acting are never enough, nor a
responder's neutral act (paging, deciding, rolling back), nor someone only being something
("<Name> was awake")."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.classifier import Opinion
from postmortem_lint.nlp.blame.sentence import Mention, Sentence
from postmortem_lint.nlp.blame.tokens import Word
from postmortem_lint.nlp.hits import BlameHit

# the parts of a verb phrase the finding spans: particles, negation, objects, complements
_PHRASE_DEPS = frozenset({"prt", "neg", "dobj", "acomp", "xcomp", "attr", "oprd", "dative",
                          "prep", "agent", "advmod", "npadvmod"})
_MAX_WORDS = 8  # the act is marked on at most this many words after its verb
# where else in a sentence someone is the one acting or owning the act
_SLOTS = frozenset({"nsubj", "nsubjpass", "poss", "pobj"})
_WH_TAGS = frozenset({"WP", "WP$", "WDT"})
# how surely a capitalised word must be a name (Mention.weak): a clause's first word tagged
# as a proper noun counts, one tagged as a common noun does not
_SURE = 1


def detect(s: Sentence, opinion: Opinion, threshold: float) -> Iterator[BlameHit]:
    if opinion.score < threshold:
        return
    actor = _actor(s)
    if actor is not None:
        mention, start, end = actor
        yield s.hit(opinion.kind, start, end, mention.text, start, end)


def _actor(s: Sentence) -> tuple[Mention, int, int] | None:
    """The first person, role or team acting in the sentence, with the words of its act."""
    for verb in s.verbs:
        if s.neutral(verb) or verb.lower_ in s.w.be_verbs or s.suppressed(verb):
            continue
        mention = _someone(s, s.subject(verb))
        if mention is not None and not s.passive(verb):
            return mention, min(mention.start, verb.i), _phrase_end(s, verb, mention)
        mention = _someone(s, s.by_agent(verb))
        if mention is not None:
            return mention, min(verb.i, mention.start), max(verb.i + 1, mention.end)
    for token in s.doc:  # "<Name>'s rushed rollout", "a blunder by <the team>"
        if token.dep_ not in _SLOTS or s.suppressed(token):
            continue
        mention = _someone(s, token)
        if mention is None:
            continue
        head = token.head.head if token.dep_ == "pobj" else token.head
        if head.lower_ in s.w.be_verbs or s.neutral(head):
            continue
        start, end = min(mention.start, head.i), max(mention.end, head.i + 1)
        if end - start <= _MAX_WORDS:
            return mention, start, end
    return None


def _someone(s: Sentence, token: Word | None) -> Mention | None:
    """The person, role or team ``token`` surely names; not "who" or "whoever" standing for
    nobody in particular ("know who is responsible")."""
    if token is None or token.tag_ in _WH_TAGS:
        return None
    mention = s.who(token)
    return mention if s.blameable(mention, _SURE) else None


def _phrase_end(s: Sentence, verb: Word, mention: Mention) -> int:
    end = max(verb.i, mention.end - 1)
    for child in verb.children:
        if child.i > verb.i and child.dep_ in _PHRASE_DEPS:
            end = max(end, max(t.i for t in child.subtree))
    return min(end, verb.i + _MAX_WORDS) + 1
