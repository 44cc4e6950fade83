"""The fix for a timeline time written in another zone: the same instant in UTC."""

from __future__ import annotations

import datetime as dt

from postmortem_lint.checks.timeline.anchor import show_time
from postmortem_lint.engine.finding import Applicability, Edit, Fix
from postmortem_lint.model import TimelineEntry

# Abbreviations that name more than one zone (CST: US Central or China; IST: India,
# Ireland or Israel; BST: British Summer or Bangladesh) and zones written out, which mean
# standard or daylight time by the season: the converted time is a guess a person confirms.
UNCERTAIN_ZONES = frozenset({"cst", "ist", "bst", "eastern time", "central time",
                             "mountain time", "pacific time", "central european time"})


def utc_fix(entry: TimelineEntry) -> Fix | None:
    """The time rewritten in UTC, when the new text is known: an aware time on a known
    day, written with its zone in the span the fix replaces. A time whose date sits in
    another cell (or nowhere) is fixed only when the day does not change."""
    at, written = entry.at, entry.time_text
    if at is None or at.tzinfo is None or not entry.dated or entry.zone is None:
        return None
    if entry.zone not in written.value or at.second or at.microsecond:
        return None  # a zone from the header, or seconds the UTC form would drop
    span = written.span
    if span.end_line != span.line or span.end_column - span.column != len(written.value):
        return None  # the span is not exactly the written time: do not guess
    utc = at.astimezone(dt.UTC)
    if utc.date() != at.date() and not entry.has_date:
        return None  # the date written elsewhere would have to change too
    text = show_time(utc, with_date=entry.has_date)
    applicability = (Applicability.unsafe if entry.zone.lower().strip("()") in UNCERTAIN_ZONES
                     else Applicability.safe)
    return Fix(message=f"write {text}", applicability=applicability,
               edits=[Edit(span=span, text=text)])
