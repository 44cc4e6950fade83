"""PM301."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model.span import Span


class TimelineZoneMissing(Rule):
    """A timeline entry's time has no time zone.

    The guides ask for a minute-resolution timeline in UTC. A bare ``14:32`` is
    ambiguous as soon as responders, logs and readers sit in different zones,
    and durations computed across a daylight-saving change come out wrong.
    A zone stated once covers the timeline: in the column header (``Time (UTC)``),
    in a note above it or in the opening (``All times in PDT``,
    ``All times in Pacific``), or by the text writing the timeline's own times
    with a zone elsewhere (a ``05:13`` entry and "outages beginning from UTC
    05:13" in the impact). PM302 then asks for UTC if that zone is not UTC.
    When no entry has a zone the fix is one note for the whole timeline, so the
    rule reports once, at the first entry, with the count; when only some
    entries lack one, it reports each of them.

    Bad::

        ## Timeline

        - 14:32 — Deploy of checkout-api v2.1.3 started

    Good::

        ## Timeline

        - 14:32 UTC — Deploy of checkout-api v2.1.3 started
    """

    code = "PM301"
    name = "timeline-zone-missing"
    level = Level.error
    family = "timeline"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        entries = ctx.document.timeline.entries
        bare = [entry for entry in entries if entry.zone is None]
        if not bare:
            return
        if len(bare) == len(entries) and len(bare) > 1:
            times = sorted((entry.time_text for entry in bare), key=lambda t: t.span.line)
            first, last = times[0], times[-1]
            # Spans the whole timeline, so a pull request that edits any entry keeps it.
            whole = Span(line=first.span.line, column=first.span.column,
                         end_line=last.span.end_line, end_column=last.span.end_column)
            yield self.problem(
                whole,
                f"None of the {len(bare)} timeline entries has a time zone; write times in "
                f"UTC (e.g. {first.value} UTC)",
                hint='state the zone once in the heading or column header ("Timeline (UTC)", '
                '"Time (UTC)"), or add "UTC" after each time')
            return
        for entry in bare:
            yield self.problem(
                entry.time_text.span,
                f'Timeline entry "{entry.time_text.value}" has no time zone; write times '
                f"in UTC (e.g. {entry.time_text.value} UTC)",
                hint='add "UTC" after the time, or state it once in the column header '
                '("Time (UTC)")')
