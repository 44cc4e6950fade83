"""The incident's calendar day, as the follow-up rules measure from it."""

from __future__ import annotations

import datetime as dt

from postmortem_lint.model import Postmortem


def incident_day(doc: Postmortem) -> dt.date | None:
    """The incident's day as the model holds it (front matter, title, opening paragraph,
    timeline or file name)."""
    day = doc.meta.incident_date
    return day.value if day is not None else None
