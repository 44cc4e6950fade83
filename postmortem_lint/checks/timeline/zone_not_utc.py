"""PM302."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from postmortem_lint.checks.timeline.anchor import show_time
from postmortem_lint.checks.timeline.utc_fix import all_in_utc, utc_fix
from postmortem_lint.engine.finding import Applicability, Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import TimelineEntry


def _in_utc(entry: TimelineEntry) -> str | None:
    """The entry's time converted to UTC, as the author should write it."""
    if entry.at is None or entry.at.tzinfo is None:
        return None
    utc = entry.at.astimezone(dt.UTC)
    text = show_time(utc, with_date=entry.has_date)
    shift = (utc.date() - entry.at.date()).days
    if not entry.has_date and shift:
        text += " (the next day)" if shift > 0 else " (the day before)"
    return text


class TimelineZoneNotUtc(Rule):
    """Timeline times are written in a zone other than UTC.

    The guides ask for the timeline "in UTC". Logs, alerts and dashboards are in
    UTC; responders and readers sit in several zones; local zones change with
    daylight saving, so durations across the change come out wrong and readers
    must convert every line. A zone declared once in a column header
    (``Time (PST)``) is reported once, at the header; entries that each write the
    same zone are reported once, at the first of them, with the count. A time
    also given in UTC (``13:14 EDT (17:14 UTC)``) is in UTC.

    Fix: a time written with its zone on a known day is rewritten in UTC
    (``2026-02-17 18:02 PST`` becomes ``2026-02-18 02:02 UTC``); a time without
    a date in its text is fixed only when the day stays the same. Entries reported
    together are fixed together, or not at all. The fix is safe, except for
    abbreviations that name several zones (CST, IST, BST) and standard-time
    abbreviations on a daylight-saving day (PST in July), where it is unsafe.

    Bad::

        | Time (PST) | Event |
        |---|---|
        | 09:40 | Evictions begin |

    Good::

        | Time (UTC) | Event |
        |---|---|
        | 17:40 | Evictions begin |
    """

    code = "PM302"
    name = "timeline-zone-not-utc"
    level = Level.warning
    family = "timeline"
    fix_kind = Applicability.safe

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        timeline = ctx.document.timeline
        declared = timeline.declared_zone
        by_zone: dict[str, list[TimelineEntry]] = {}
        for entry in timeline.entries:
            if entry.zone is not None and not entry.is_utc:
                by_zone.setdefault(entry.zone, []).append(entry)
        for zone, entries in by_zone.items():
            first = entries[0]
            converted = _in_utc(first)
            written = first.time_text.value
            if zone not in written:
                written = f"{written} {zone}"
            example = f"e.g. {written} is {converted}" if converted else None
            if declared is not None and declared.value == zone:
                yield self.problem(
                    declared.span, f"Timeline times are in {zone}, not UTC; convert them to "
                    'UTC and say "Time (UTC)"', hint=example)
            elif len(entries) > 1:
                yield self.problem(
                    first.time_text.span, f"{len(entries)} timeline entries are in {zone}, "
                    "not UTC; write the timeline in UTC", hint=example,
                    fix=all_in_utc(entries))
            else:
                yield self.problem(
                    first.time_text.span, f'Timeline entry "{first.time_text.value}" is in '
                    f"{zone}, not UTC; write it in UTC",
                    hint=f"write {converted}" if converted else
                    'convert the time to UTC and add "UTC" after it', fix=utc_fix(first))
