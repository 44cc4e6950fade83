"""A person, role or team as the one acting. Not blame by itself: it becomes a finding
(PM110) only in a cause statement (root cause, contributing factor, the last why), where
naming who acted makes them the cause."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.sentence import TEAM, Sentence
from postmortem_lint.nlp.blame.tokens import Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind

KIND = BlameKind.agent
Clause = tuple[int, int, str, int]  # span start, end, who, the verb's index


def detect(s: Sentence) -> Iterator[BlameHit]:
    for start, end, who, anchor in agent_clauses(s, after=-1):
        yield s.hit(KIND, start, end, who, anchor, anchor + 1)


def agent_clauses(s: Sentence, after: int, labelled: bool = False) -> Iterator[Clause]:
    """Clauses after token ``after`` whose subject (or passive agent) is a person acting."""
    for verb in s.verbs:
        if verb.i <= after or not _an_act(s, verb, labelled):
            continue
        if s.passive(verb):
            agent = s.by_agent(verb)
            mention = s.who(agent)
            if agent is not None and s.blameable(mention, level=2) and not s.suppressed(verb):
                yield verb.i, agent.i + 1, mention.text, verb.i
            continue
        if s.negated(verb) is not None and not s.diligence(verb):
            continue
        found = _acting(s, verb, after, labelled)
        if found is not None:
            yield found


def _an_act(s: Sentence, verb: Word, labelled: bool) -> bool:
    v, lower = s.v, verb.lower_
    # Right after "Root cause:", an act such as restarting or draining is the cause.
    neutral = s.neutral(verb) and not (labelled and lower in v.actions)
    if neutral or lower in v.stative or lower in s.w.cognition_verbs or \
            verb.tag_ == "VBG" and verb.dep_ in ("amod", "compound", "pcomp", "pobj"):
        return False
    first = verb
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "… to make this change, and also make some fixes"
    if first.i != verb.i and s.neutral(first) and lower not in v.actions:
        return False  # "opened a PR …, and also make some fixes": the neutral act goes on
    head = first.head
    if first.dep_ in ("xcomp", "advcl") and head.i < first.i and (
            s.neutral(head) or head.lower_ in s.w.cognition_verbs):
        return False  # "opened a PR to make this change": the purpose of a neutral act
    following = s.after(verb)
    if following is not None and following.dep_ in ("aux", "auxpass") and \
            following.head.i != verb.i:
        return False  # "<Team> builds were moved…": a noun the tagger took for a verb
    if s.reduced_passive(verb):  # "Node excluded from <the config>": no act
        return False
    return not (verb.dep_ in ("amod", "compound", "acl") and verb.tag_ == "VBN")


def _acting(s: Sentence, verb: Word, after: int, labelled: bool) -> Clause | None:
    subject = s.subject(verb)
    if subject is not None and subject.i <= after:
        # "Trigger: an SRE drained…": the label itself may be parsed as a subject too
        subject = next((c for c in verb.children
                        if c.dep_ in ("nsubj", "csubj") and c.i > after), None)
    if subject is None or s.named_only(subject):
        return None
    mention = s.who(subject)
    if labelled and not s.blameable(mention, 2):
        mention = s.person_or_work(subject, 2)  # "X's cron change ran…"
    # "Deploy happened at 06:12": a capitalised first word is a name only when it does
    # something only people do in a cause statement.
    if not s.blameable(mention, 2 if verb.lower_ in s.v.actions else 0) or s.suppressed(
            verb, own_negation_ok=True) or s.counterfactual_clause(verb) or s.made_to(verb):
        return None
    group = mention.kind == TEAM or mention.text.lower() in s.w.plural_pronouns
    if group and verb.lower_ not in s.v.actions:
        # "the <team> made changes to…", "they added an option…": a group at work, not a cause
        return None
    start, end = s.span_with_subject(mention, verb.i, verb.i + 1)
    return start, end, mention.text, verb.i
