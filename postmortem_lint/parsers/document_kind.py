"""What a document is: the incident's postmortem, or a note written before it.

A status page's entry on an incident still being worked, or an incident note that
promises the postmortem as a separate document, has no lessons, action items or cost to
ask for yet. The parser reads the kind once, from evidence a reader would point at, and
keeps that evidence's span; a document that shows no such evidence is a postmortem,
however short.
"""

from __future__ import annotations

import re
from functools import cache

from postmortem_lint.model import (
    Audience,
    DocumentKind,
    Located,
    Postmortem,
    Prose,
    ProseRole,
    Span,
)
from postmortem_lint.parsers.sentences import outside_lists, sentences
from postmortem_lint.parsers.values import is_status_page_state, normalise_key
from postmortem_lint.phrases import find_phrases, has_phrase
from postmortem_lint.ruledata import RuleData

# A heading that asks for the readers whether their own things were hit: "Are self-hosted
# installations affected?", "Is my data affected?".
_READERS_ASK = re.compile(r"(?:are|is|am|was|were) (?:[\w.'’/-]+ ){1,6}"
                          r"(?:affected|impacted|vulnerable|at risk)\?", re.IGNORECASE)
_CLOSING = 3  # the paragraphs a document closes with: where it says what comes next
_OPENING = 2  # the paragraphs it opens with: where a preliminary note says what it is
_PENDING_WORDS = 25  # a root cause this short that says it is unknown explains nothing yet
_SIGNS = 2  # signs of an open incident that make a status update (one alone is a
# postmortem's own wording: "Status: open" for its action items)
# Sections whose sentences plan work: a promise of a postmortem there is an action item.
_PLANS = frozenset(("action_items", "follow_up", "prevention"))
_NOT_THIS = re.compile(r"\b(?:this|these)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_ARTICLE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)


@cache
def _after(words: tuple[str, ...]) -> re.Pattern[str]:
    """A qualifier, then at most one more word, right before where the match is tested."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:\s+[\w-]+)?\s+$", re.IGNORECASE)


def document_kind(doc: Postmortem, data: RuleData, front_matter_keys: list[Located[str]]
                  ) -> Located[DocumentKind] | None:
    """The kind the document shows, at its evidence; None for a postmortem."""
    return _status_update(doc, data) or _postmortem_elsewhere(doc, data) \
        or _public_report(doc, data, front_matter_keys)


def _paragraphs(doc: Postmortem) -> list[Prose]:
    return [prose for prose in doc.prose if prose.role == ProseRole.narrative
            and prose.text.strip() and any(ch.isalpha() for ch in prose.text)]


def _closing(doc: Postmortem, count: int = _CLOSING) -> list[Prose]:
    """The paragraphs the document ends with."""
    return _paragraphs(doc)[-count:]


def _opening(doc: Postmortem) -> list[Prose]:
    """The paragraphs the document opens with, outside its timeline."""
    return [prose for prose in _paragraphs(doc) if prose.section != "timeline"][:_OPENING]


def _first(texts: list[Prose], phrases: list[str]) -> Span | None:
    for prose in texts:
        found = next(find_phrases(prose.text, phrases), None)
        if found is not None:
            return prose.span(*found)
    return None


def _status_update(doc: Postmortem, data: RuleData) -> Located[DocumentKind] | None:
    """An update on an incident still open: a status field in a state of a status page's
    incident ("investigating"); or, while the document explains no cause, two signs of an
    open incident among a status field saying "open", a root cause that only says it is
    not known yet, and a closing paragraph that says the work goes on."""
    status = doc.meta.status
    value = " ".join(status.value.lower().strip(" .").split()) if status is not None else ""
    if status is not None and value in data.status_update_states:
        return Located(value=DocumentKind.status_update, span=status.span, raw=status.value)
    pending = _first(doc.root_cause, data.cause_pending)
    cause_words = sum(len(prose.text.split()) for prose in doc.root_cause)
    if cause_words and (pending is None or cause_words > _PENDING_WORDS):
        return None  # the cause is explained: a postmortem, whatever else is still open
    signs: list[Span] = []
    if status is not None and value in data.open_states:
        signs.append(status.span)
    if pending is not None:
        signs.append(pending)
    ongoing = _first(_closing(doc, 2), data.work_ongoing)
    if ongoing is not None:
        signs.append(ongoing)
    if len(signs) < _SIGNS:
        return None
    return Located(value=DocumentKind.status_update, span=signs[0])


def _postmortem_elsewhere(doc: Postmortem, data: RuleData) -> Located[DocumentKind] | None:
    """An opening or closing sentence in the future tense that names a postmortem still to
    come: "a" postmortem or "a/the detailed" one, never "this" one, outside any list of
    plans ("This is a preliminary note; a full root cause analysis will follow")."""
    opening = _opening(doc)
    ends = opening + [prose for prose in _closing(doc) if prose not in opening]
    qualified = _after(tuple(data.report_qualifiers))
    for sentence in sentences(prose for prose in ends if prose.section not in _PLANS):
        text = sentence.text
        future = text.replace("’", "'").replace("'ll ", " will ")  # "We'll do a …"
        if next(find_phrases(future, data.future_markers), None) is None:
            continue
        for start, end in find_phrases(text, data.postmortem_nouns):
            before = text[max(0, start - 40):start]
            if _NOT_THIS.search(before) is not None:
                continue
            if _ARTICLE.search(before) is not None or qualified.search(before) is not None:
                return Located(value=DocumentKind.postmortem_elsewhere,
                               span=sentence.span(start, end), raw=sentence.text[start:end])
    return None


def _public_report(doc: Postmortem, data: RuleData, front_matter_keys: list[Located[str]]
                   ) -> Located[DocumentKind] | None:
    """A report written for customers or users: its audience says so, or its severity is a
    status page's component state ("severity: down"); or, when it declares
    no field of a team's own postmortem, its title makes it a disclosure ("Security
    advisory", "Vulnerability disclosure"), it is a site's post (a key of a post in its
    front matter), or a sentence speaks to its readers ("We apologize for …", "Thank you for your
    patience") outside its timeline and its action items (where an apology is work to do)."""
    meta = doc.meta
    if meta.audience is not None:
        if meta.audience.value is not Audience.customer_facing:
            return None
        return Located(value=DocumentKind.public_report, span=meta.audience.span,
                       raw=meta.audience.raw)
    state = meta.severity_unknown
    if state is not None and is_status_page_state(state.value, data) \
            and meta.severity is None:  # "severity: down": a status page's entry
        return Located(value=DocumentKind.public_report, span=state.span, raw=state.value)
    if doc.format == "yaml" or meta.tracker_issue is not None or any(
            field is not None for field in (meta.severity, meta.severity_unknown,
                                            meta.status, meta.owner, meta.id)):
        return None  # the team's own record: its fields are its process
    if meta.advisory is not None:  # "Security advisory: …", "Vulnerability disclosure"
        return Located(value=DocumentKind.public_report, span=meta.advisory.span,
                       raw=meta.advisory.value)
    post_key = next((key for key in front_matter_keys
                     if normalise_key(key.value) in data.post_keys), None)
    if post_key is not None:
        return Located(value=DocumentKind.public_report, span=post_key.span, raw=post_key.value)
    items = {item.words.whole.line for item in doc.action_items}  # "Apologise to …": to do
    timeline = doc.timeline.span
    told = [prose for prose in _paragraphs(doc) if prose.section != "timeline"
            and prose.whole.line not in items
            and not (timeline is not None and timeline.covers_line(prose.whole.line))]
    for sentence in sentences(told):
        text = sentence.text.replace("’", "'")  # "we’re sorry": one apostrophe, same length
        found = next(find_phrases(text, data.reader_address), None)
        if found is not None:
            return Located(value=DocumentKind.public_report, span=sentence.span(*found),
                           raw=sentence.text[found[0]:found[1]])
    for section in doc.sections:  # "## What should you do?", "## Are you affected?"
        title = section.title
        if has_phrase(title.value.replace("’", "'"), data.reader_address) \
                or _READERS_ASK.fullmatch(title.value.strip()) is not None:
            return Located(value=DocumentKind.public_report, span=title.span, raw=title.value)
    return None


# The parts where a document reflects on what it learned.
_REFLECTIONS = frozenset(("lessons", "went_well", "went_wrong", "got_lucky"))


def open_work(doc: Postmortem, data: RuleData) -> Located[str] | None:
    """The first sentence outside the action items and the timeline (the timeline tells
    what was said then, the items carry their own status) that says work is still to be
    done ("we need to …", "… needs to be more resilient"). In a lesson, a need ("We need
    to do more QA after refactoring" under Lessons learned) says what should hold from now
    on; only work said to remain ("we still need to …", "the remaining items") is open."""
    cues = data.open_work_cues
    in_lessons = [cue for cue in cues if cue not in data.lesson_cues]
    texts = outside_lists(doc, (prose for prose in doc.prose
                                if prose.role == ProseRole.narrative))
    for sentence in sentences(texts):
        reflecting = sentence.section in _REFLECTIONS
        found = next(find_phrases(sentence.text, in_lessons if reflecting else cues), None)
        if found is not None:
            return Located(value=sentence.text.strip(), span=sentence.span(*found))
    return None
