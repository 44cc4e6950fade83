"""Judgments of people or their work: careless, sloppy, "should have known better",
"obviously" about a person's act, "had we been more careful", "anyone paying attention
would have seen…"."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.sentence import WE, Sentence
from postmortem_lint.nlp.blame.tokens import Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind

KIND = BlameKind.judgment


def detect(s: Sentence) -> Iterator[BlameHit]:
    if s.polar_question():
        return  # "Was the nurse negligent? No: …": asked, to be answered, not said
    yield from _hindsight_subjects(s)
    yield from _judging_words(s)
    yield from _counterfactual_judgments(s)
    yield from _not_thought_through(s)
    yield from _hindsight_adverbs(s)
    yield from _poor_choice(s)
    yield from _unfit(s)


def _unfit(s: Sentence) -> Iterator[BlameHit]:
    """"The intern was not competent to deploy", "X isn't qualified for on-call": a person's
    fitness for the work denied."""
    for word in s.doc:
        verb = word.head
        if word.lower_ not in s.w.fitness_words or word.dep_ != "acomp" or \
                verb.lower_ not in s.w.be_verbs:
            continue
        negation = s.negated(verb)
        subject = s.who(s.subject(verb))
        if negation is None or not s.blameable(subject, 2) or \
                s.suppressed(verb, own_negation_ok=True):
            continue
        yield s.hit(KIND, min(negation.i, word.i), word.i + 1, subject.text, word.i, word.i + 1)


def _judging_words(s: Sentence) -> Iterator[BlameHit]:
    for label in ("JUDGMENT_WORD", "JUDGMENT"):
        for span in s.matches.get(label, []):
            root = span.root
            if len(span) == 1 and root.lower_ in s.w.technical_judgments and \
                    root.head.lower_ in s.w.technical_heads:
                continue  # "lazy lookups", "a dumb pipe": a technical sense
            if len(span) == 1 and _judges_an_event(s, root):
                continue
            if len(span) == 1 and root.i + 1 < len(s.doc) and s.doc[root.i + 1].text == "-":
                continue  # "idiot-proof": the first half of a word for a thing's quality
            # the phrase may carry its own negation: "not paying attention", "couldn't be
            # bothered to"
            own = label == "JUDGMENT" and (root.lower_ == "bothered" or any(
                t.dep_ == "neg" or t.lower_ in s.w.none_determiners for t in span))
            if own and _denies_its_head(s, root, range(span.start, span.end)):
                root = root.head  # "not up to the job", "no idea what…": judge the clause
                doer = s.who(s.subject(root))
                if doer is not None and doer.kind == WE:
                    continue  # "we had no idea what they were doing with it": not a judgment
            # an adjective on a noun keeps its judgment when the verb is negated
            if not s.suppressed(root, own_negation_ok=own, in_subject_ok=root.dep_ == "amod"):
                yield s.hit(KIND, span.start, span.end, "", span.start, span.end)


def _denies_its_head(s: Sentence, root: Word, span: range) -> bool:
    """Whether the phrase's own "not" or "no" is the negation of the clause it hangs on."""
    return root.dep_ == "neg" or any(c.dep_ == "det" and c.i in span and
                                     c.lower_ in s.w.none_determiners for c in root.children)


def _judges_an_event(s: Sentence, word: Word) -> bool:
    """"Such a long disruption is inexcusable", "an unacceptable outage": the event judged,
    which the authors own, not a person or their work ("his delay" stays a person's)."""
    while word.dep_ == "conj" and word.head is not word:  # "unacceptable and embarrassing"
        word = word.head
    if word.dep_ == "acomp":
        target = s.subject(word.head)
    elif word.dep_ == "amod":
        target = word.head
    else:
        return False
    return target is not None and target.lower_ in s.w.judged_events and not any(
        c.dep_ == "poss" for c in target.children)


def _not_thought_through(s: Sentence) -> Iterator[BlameHit]:
    """"didn't think it through", "without thinking twice": about a person's act."""
    for span in s.matches.get("NEGATED_JUDGMENT", []):
        root = s.doc[span.start]
        negation = s.negated(root)
        without = root.head.lower_ in s.w.without_words
        subject = s.who(s.subject(root.head if without else root))
        if not (negation is not None or without) or not s.blameable(subject, 2):
            continue
        if s.suppressed(root, own_negation_ok=True):
            continue
        start = negation.i if negation is not None and negation.i < span.start else span.start
        yield s.hit(KIND, start, span.end, subject.text, span.start, span.end)


def _counterfactual_judgments(s: Sentence) -> Iterator[BlameHit]:
    for span in s.matches.get("CF_JUDGMENT", []):
        governor = _cf_governor(s, span.root.head if span.root.dep_ != "ROOT" else span.root,
                                span.start)
        if governor is None and span.root.tag_ == "VBG":
            governor = _cf_governor(s, span.root, span.start)  # "had X been paying…"
        if governor is None or s.suppressed(governor) or _to_the_reader(s, governor) or \
                _nobodys_work(s, span.root):
            continue
        start = min([span.start] + [c.i for c in governor.children
                                    if c.dep_ in ("aux", "mark") and c.i < span.start])
        yield s.hit(KIND, start, span.end, "", span.start, span.end)


def _nobodys_work(s: Sentence, word: Word) -> bool:
    """"data that a more careful attempt would have saved": a way of working in general,
    no one's work (not "a more careful engineer", "X's more careful review")."""
    return word.dep_ == "amod" and s.person_or_work(word.head) is None


def _to_the_reader(s: Sentence, governor: Word) -> bool:
    """"if you have been paying attention to our blog": the reader, not a colleague."""
    subject = s.subject(governor)
    return subject is not None and subject.lower_ in s.w.reader_pronouns


def _hindsight_adverbs(s: Sentence) -> Iterator[BlameHit]:
    for adverb in s.doc:
        if adverb.lower_ not in s.v.hindsight:
            continue
        verb = adverb.head
        doer = (s.by_agent(verb) if s.passive(verb) else s.subject(verb)) \
            if verb.tag_.startswith("VB") else None
        subject = s.who(doer)
        if s.blameable(subject, 1):
            yield s.hit(KIND, adverb.i, adverb.i + 1, subject.text, adverb.i, adverb.i + 1)


def _hindsight_subjects(s: Sentence) -> Iterator[BlameHit]:
    """"Anyone paying attention would have seen…", "even a junior engineer would have
    known…", "a competent engineer would have checked…", "nobody with any experience would
    run…": hindsight that judges whoever did not."""
    w = s.w
    for verb in s.verbs:
        aux = {c.lower_ for c in s.auxiliaries(verb)}
        subject = s.subject(verb)
        if not aux & w.would or subject is None:
            continue
        perfect = bool(aux & w.have_verbs) and verb.tag_ == "VBN"
        if _nobody_competent(s, subject):
            if s.negated(verb) is not None:  # "nobody" is the construction itself
                continue
        elif not (perfect and _imagined_better(s, subject)) or \
                s.suppressed(verb, own_negation_ok=True):
            continue  # ("a careful <role> would not have typed it": the better one's restraint)
        even = any(c.lower_ in w.even_words for c in subject.children)
        start = s.left_edge(subject) if even or subject.lower_ not in w.anybody | s.v.nobody \
            else subject.i
        yield s.hit(KIND, start, verb.i + 1, "", start, verb.i + 1)


def _imagined_better(s: Sentence, subject: Word) -> bool:
    """"anyone paying attention", "even a junior engineer", "a competent engineer"."""
    w = s.w
    if subject.lower_ in w.anybody:
        return any(c.dep_ in ("acl", "prep", "relcl", "amod") for c in subject.children)
    if not s.blameable(s.who(subject), 2):
        return False
    return any(c.lower_ in w.even_words for c in subject.children) or any(
        c.dep_ == "amod" and c.lower_ in w.competent_words for c in subject.children)


def _nobody_competent(s: Sentence, subject: Word) -> bool:
    """"nobody with any experience", "no one in their right mind"."""
    return subject.lower_ in s.v.nobody | s.w.anybody and any(
        t.lower_ in s.w.competence_nouns for t in subject.subtree if t.i > subject.i)


def _cf_governor(s: Sentence, governor: Word, cue: int) -> Word | None:
    """The verb that makes a judgment phrase counterfactual, if any: "had we been more
    careful", "X should have been more careful", "a more careful <role> would have…"."""
    while governor.dep_ not in ("ROOT",) and not governor.tag_.startswith("VB"):
        governor = governor.head
    would_subject = any(c.lower_ in s.w.would for c in governor.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i <= cue <= c.i
        for c in governor.children)
    if would_subject or s.counterfactual_clause(governor) or any(
            c.lower_ in s.w.regret_modals for c in governor.children):
        return governor
    return None


def _poor_choice(s: Sentence) -> Iterator[BlameHit]:
    """"a bad call by the <role>", "X's poor decision", "a bad idea for X to <act>": a
    person's choice judged."""
    w = s.w
    for noun in s.doc:
        if noun.lower_ not in w.choice_nouns or not any(
                c.dep_ == "amod" and c.lower_ in w.poor_words for c in noun.children):
            continue
        mention = s.who(_chooser(s, noun))
        if not s.blameable(mention, 2) or s.suppressed(noun):
            continue
        start = s.left_edge(noun)
        yield s.hit(KIND, start, noun.i + 1, mention.text, start, noun.i + 1)


def _chooser(s: Sentence, noun: Word) -> Word | None:
    """Whose choice: "by X", "X's", or the doer of "for X to <act>"."""
    owner = s.pobj(noun, "by") or next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    clause = next((c for c in (*noun.children, *noun.head.children) if c.i > noun.i and
                   c.tag_.startswith("VB") and any(g.dep_ == "mark" and g.lower_ == "for"
                                                   for g in c.children)), None)
    return s.subject(clause) if clause is not None else None
