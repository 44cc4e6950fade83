"""Where a finding about the timeline as a whole points, and how times are shown."""

from __future__ import annotations

import datetime as dt

from postmortem_lint.model import Postmortem, Span


def timeline_anchor(doc: Postmortem) -> Span:
    """The timeline heading (or YAML key), else the first entry, else the document."""
    section = doc.section("timeline")
    if section is not None:
        return section.title.span
    if doc.timeline.entries:
        return doc.timeline.entries[0].span
    return doc.timeline.span or doc.top


def show_time(at: dt.datetime, with_date: bool = False) -> str:
    """A time as a reader would write it: "14:32 UTC", "2026-03-04 14:32 UTC"."""
    text = at.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")
    if at.tzinfo is not None and at.utcoffset() == dt.timedelta(0):
        return text + " UTC"
    return text
