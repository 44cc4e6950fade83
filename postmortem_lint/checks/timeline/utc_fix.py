"""The fix for a timeline time written in another zone: the same instant in UTC."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import tz

from postmortem_lint.checks.timeline.anchor import show_time
from postmortem_lint.engine.finding import Applicability, Edit, Fix
from postmortem_lint.model import TimelineEntry

# Abbreviations that name more than one zone (CST: US Central or China; IST: India,
# Ireland or Israel; BST: British Summer or Bangladesh) and zones written out, which mean
# standard or daylight time by the season: the converted time is a guess a person confirms.
UNCERTAIN_ZONES = frozenset({"cst", "ist", "bst", "eastern time", "central time",
                             "mountain time", "pacific time", "central european time"})
# Where each standard/daylight abbreviation is used: "PST" written on a July day most
# likely means Pacific time (PDT), so converting the offset as written needs a person.
_SEASONAL = {"pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
             "mst": "America/Denver", "mdt": "America/Denver", "cdt": "America/Chicago",
             "est": "America/New_York", "edt": "America/New_York",
             "cet": "Europe/Berlin", "cest": "Europe/Berlin",
             "eet": "Europe/Helsinki", "eest": "Europe/Helsinki",
             "wet": "Europe/Lisbon", "west": "Europe/Lisbon",
             "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
             "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland"}
# A numeric offset is read for sure only in an ISO 8601 timestamp (2026-02-17T18:02-08:00),
# after UTC/GMT (UTC-8), or apart from the time (18:02 -08:00): "10:01-10:02" is a range.
_OFFSET_SIGN = re.compile(r"^[+-]\d")


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
    if not _offset_is_certain(entry.zone, written.value):
        return None
    text = show_time(utc, with_date=entry.has_date)
    applicability = Applicability.safe if _zone_is_certain(entry.zone, at) \
        else Applicability.unsafe
    return Fix(message=f"write {text}", applicability=applicability,
               edits=[Edit(span=span, text=text)])


def all_in_utc(entries: list[TimelineEntry]) -> Fix | None:
    """One fix for entries reported together: every time rewritten in UTC, or no fix (half
    a timeline in UTC would read worse than none); unsafe when one of them is."""
    fixes = [utc_fix(entry) for entry in entries]
    if not fixes or any(fix is None for fix in fixes):
        return None
    applicability = Applicability.unsafe if any(
        fix.applicability is Applicability.unsafe for fix in fixes if fix is not None) \
        else Applicability.safe
    return Fix(message=f"write the {len(entries)} times in UTC", applicability=applicability,
               edits=[edit for fix in fixes if fix is not None for edit in fix.edits])


def _offset_is_certain(zone: str, written: str) -> bool:
    if not _OFFSET_SIGN.match(zone):
        return True
    before = written[:written.rfind(zone)]
    return before.endswith(" ") or "T" in before


def _zone_is_certain(zone: str, at: dt.datetime) -> bool:
    """Whether the written zone means one offset on that day."""
    key = zone.lower().strip("()")
    if key in UNCERTAIN_ZONES:
        return False
    region = _SEASONAL.get(key)
    if region is None:
        return True
    local = tz.gettz(region)
    if local is None:
        return True
    return at.replace(tzinfo=None).replace(tzinfo=local).utcoffset() == at.utcoffset()
