"""Sentences that record a notification or report, with the date they give
(``notification_terms``, ``rules/regulatory/notifications.yaml``)."""

from __future__ import annotations

from postmortem_lint.model import Located, Postmortem
from postmortem_lint.model.practices import Notification
from postmortem_lint.parsers import times
from postmortem_lint.parsers.sentences import outside_lists, sentences
from postmortem_lint.phrases import has_phrase
from postmortem_lint.ruledata import RuleData

_PLANS = frozenset(("action_items", "prevention"))


def read_notifications(doc: Postmortem, data: RuleData) -> None:
    if not data.notification_terms:
        return
    terms = tuple(data.notification_terms)
    texts = [prose for prose in outside_lists(doc, doc.prose) if prose.section not in _PLANS
             and has_phrase(prose.text, terms)]  # split only the texts that can match
    for sentence in sentences(texts):
        if not has_phrase(sentence.text, terms):
            continue
        found = times.find_date(sentence.text)
        on = Located(value=found[0], span=sentence.span(found[1], found[2]),
                     raw=sentence.text[found[1]:found[2]]) if found else None
        doc.notifications.append(Notification(span=sentence.whole, text=sentence.text, on=on))
    for entry in doc.timeline.entries:  # a timeline entry is dated by its time
        if has_phrase(entry.text.text, terms):
            on = Located(value=entry.at.date(), span=entry.time_text.span,
                         raw=entry.time_text.value) if entry.dated and entry.at else None
            doc.notifications.append(Notification(span=entry.span, text=entry.text.text,
                                                  on=on))
