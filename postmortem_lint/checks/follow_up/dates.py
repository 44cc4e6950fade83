"""The incident's calendar day, as the follow-up rules measure from it."""

from __future__ import annotations

import datetime as dt

from postmortem_lint.model import Postmortem
from postmortem_lint.model.facts import incident_facts


def incident_day(doc: Postmortem) -> dt.date | None:
    """The incident date field, else the start field, else the dated onset entry."""
    meta = doc.meta
    if meta.incident_date is not None:
        return meta.incident_date.value
    if meta.incident_start is not None:
        return meta.incident_start.value.date()
    onset = next((entry for entry in doc.timeline.entries if entry.dated), None)
    if onset is not None and onset.at is not None:
        return onset.at.date()
    facts = incident_facts(doc)
    if facts.resolution is not None and facts.resolution_dated:
        return facts.resolution.date()
    return None
