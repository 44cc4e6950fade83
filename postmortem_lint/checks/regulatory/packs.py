"""Which regulatory packs apply to a document, and what it records for each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from postmortem_lint.model import Postmortem, Prose, Span
from postmortem_lint.model.document import UNDATED
from postmortem_lint.model.facts import incident_facts
from postmortem_lint.model.practices import Notification
from postmortem_lint.phrases import find_phrases, has_phrase
from postmortem_lint.ruledata import RegulatoryFramework, RegulatoryRecord, RuleData


def _texts(doc: Postmortem) -> list[Prose]:
    return [*doc.prose, *(item.description for item in doc.action_items)]


def applicable(doc: Postmortem, data: RuleData, enabled: tuple[str, ...]
               ) -> Iterator[tuple[str, RegulatoryFramework, Span]]:
    """(key, framework, where it is triggered) for each enabled framework that applies:
    its trigger phrase's first place, or the document's title when it has none."""
    for key in enabled:
        framework = data.regulatory.get(key)
        if framework is None:
            continue
        if not framework.applies_when:
            yield key, framework, doc.top
            continue
        for prose in doc.prose:
            found = next(find_phrases(prose.text, framework.applies_when), None)
            if found is not None:
                yield key, framework, prose.span(*found)
                break


def records(doc: Postmortem, record: RegulatoryRecord) -> bool:
    """Whether the document records it: a phrase, a decline, or a metadata field."""
    if any(getattr(doc.meta, field, None) is not None for field in record.fields):
        return True
    phrases = [*record.terms, *record.declined_terms]
    return any(has_phrase(prose.text, phrases) for prose in _texts(doc))


def declined(doc: Postmortem, record: RegulatoryRecord) -> bool:
    return bool(record.declined_terms) and any(
        has_phrase(prose.text, record.declined_terms) for prose in _texts(doc))


def notices(doc: Postmortem, record: RegulatoryRecord) -> list[Notification]:
    """The notifications that are this record (their sentence uses one of its phrases)."""
    return [notice for notice in doc.notifications if has_phrase(notice.text, record.terms)]


def discovered(doc: Postmortem) -> dt.date | None:
    """The day the incident was discovered: the detection entry, else the incident's
    start or date."""
    facts = incident_facts(doc)
    if facts.detection is not None and facts.detection.date() != UNDATED:
        return facts.detection.date()
    meta = doc.meta
    if meta.incident_start is not None:
        return meta.incident_start.value.date()
    if meta.incident_date is not None:
        return meta.incident_date.value
    return None
