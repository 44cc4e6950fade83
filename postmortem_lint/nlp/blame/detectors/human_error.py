"""Human error given as the cause: "human error", "operator error", "a manual slip",
"Primary cause: human"."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.nlp.blame.sentence import Sentence
from postmortem_lint.nlp.blame.tokens import Word
from postmortem_lint.nlp.hits import BlameHit, BlameKind

KIND = BlameKind.human_error


def detect(s: Sentence) -> Iterator[BlameHit]:
    for span in s.matches.get("HUMAN_ERROR", []):
        root = span.root
        # "the review blamed human error for…" cites it as the cause; "it is tempting to
        # blame human error" does not
        anchor = _blamed_for(s, root)
        if _term(s, root):
            continue
        if not _suppressed(s, root, anchor) and not _set_aside(s, root):
            yield s.hit(KIND, span.start, span.end, "", span.start, span.end)
    yield from _human_fault(s)
    yield from _labelled_human(s)
    yield from _made_unnamed(s)


def _made_unnamed(s: Sentence) -> Iterator[BlameHit]:
    """"a mistake was made": a person's mistake with the person left out."""
    for span in s.matches.get("FAULT", []):
        noun = span.root
        verb = noun.head
        if noun.dep_ != "nsubjpass" or verb.lower_ not in s.w.make_verbs or \
                s.by_agent(verb) is not None or s.suppressed(verb):
            continue
        yield s.hit(KIND, s.left_edge(noun), verb.i + 1, "", noun.i, noun.i + 1)


def _human_fault(s: Sentence) -> Iterator[BlameHit]:
    """"a manual slip", "an operator misstep": a human-error word before any fault noun."""
    modifiers = s.v.human_error_modifiers
    # a role names a human as well: "technician error", "contractor mistake"
    roles = s.v.role_words - s.v.ambiguous
    for span in s.matches.get("FAULT", []):
        noun = span.root
        before = s.doc[noun.i - 1] if noun.i else None
        modifier = next((c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                         and c.i < noun.i and (c.lower_ in modifiers or c.lower_ in roles or
                                               s.hyphenated(c) in modifiers)), None)
        if modifier is None and before is not None and before.lower_ in modifiers and \
                before.tag_ in ("JJ", "NN"):
            modifier = before  # "a manual slip" the parser split into two subjects
        if modifier is None or noun.tag_ == "NNS" and modifier.lower_ == "user" or _term(s, noun):
            continue
        if _suppressed(s, noun, _blamed_for(s, noun)) or _set_aside(s, noun):
            continue
        yield s.hit(KIND, modifier.i, span.end, "", modifier.i, span.end)


def _term(s: Sentence, noun: Word) -> bool:
    """"operator error codes", "human error rate": naming a technical thing, not a cause."""
    head = noun.head
    return noun.dep_ == "compound" and head.i > noun.i and head.lower_ not in s.v.fault_nouns


def _blamed_for(s: Sentence, noun: Word) -> Word:
    """Where suppression is read from: "the review blamed human error for…" and "blamed the
    outage on operator error" cite it as the cause (from the verb up); "it is tempting to
    blame human error" does not."""
    head = noun.head
    if head.lower_ in s.w.blame_verbs and noun.dep_ == "dobj":
        return head
    if noun.dep_ == "pobj" and head.head.lower_ in s.w.blame_verbs:
        return head.head
    return noun


def _labelled_human(s: Sentence) -> Iterator[BlameHit]:
    """"Primary cause: human (wrong flag passed…)"."""
    if s.label_end is None or s.label_end + 1 >= len(s.doc):
        return
    word = s.doc[s.label_end + 1]
    after = s.after(word)
    if word.lower_ in s.w.human_labels and (after is None or after.is_punct):
        yield s.hit(KIND, word.i, word.i + 1, "", word.i, word.i + 1)


def _suppressed(s: Sentence, noun: Word, anchor: Word) -> bool:
    """Negated or talked about; "due to human error the certificates were not installed"
    gives it as the cause of what did not happen (the negation is the outcome's), so there
    only the cause link's own denial counts."""
    link = noun.head
    if link.dep_ in ("pcomp", "prep") and link.head.lower_ in s.w.cause_prepositions:
        link = link.head  # "due to", "because of": the parser hangs the noun on either word
    if noun.dep_ == "pobj" and link.lower_ in s.w.cause_prepositions and link.dep_ == "prep":
        return s.suppressed(link.head) and s.negated(link.head) is None
    return s.suppressed(anchor)


def _set_aside(s: Sentence, noun: Word) -> bool:
    """Named to be set aside: looked past, conceded, or called a symptom."""
    return _looked_past(s, noun) or _conceded(s, noun) or _a_symptom(s, noun)


def _a_symptom(s: Sentence, noun: Word) -> bool:
    """"Human error is a symptom here, not the cause": the guides' reading, not a cause."""
    verb = noun.head
    return noun.dep_ == "nsubj" and verb.lower_ in s.w.be_verbs and any(
        c.dep_ == "attr" and c.lower_ in s.w.symptom_words for c in verb.children)


def _conceded(s: Sentence, noun: Word) -> bool:
    """"While it can be attributed to human error, …": named in a hedged concession (a
    clause opened by while / although whose verb is hedged by can / may), which the rest
    of the sentence sets aside."""
    verb = noun
    for _ in range(8):  # up to the clause the phrase is in
        if verb.head.i == verb.i:
            return False
        verb = verb.head
        if verb.dep_ == "advcl" and any(c.lower_ in s.w.concessive_marks
                                        for c in verb.children if c.dep_ == "mark"):
            return any(c.lower_ in s.w.hedge_modals for c in s.auxiliaries(verb))
    return False


def _looked_past(s: Sentence, noun: Word) -> bool:
    """"looks past human error", "rather than operator error": named to be set aside;
    "issues that allowed a fat finger to take down…": the system is the subject."""
    head, w = noun.head, s.w
    if head.lower_ in w.set_aside or (
            head.lower_ == "of" and head.head.lower_ in w.instead_of):
        return True
    return any(verb.lower_ in w.enabling_verbs and noun.i > verb.i for verb in (head, head.head))
