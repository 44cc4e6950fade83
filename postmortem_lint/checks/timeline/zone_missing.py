"""PM301."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class TimelineZoneMissing(Rule):
    """A timeline entry's time has no time zone.

    The guides ask for a minute-resolution timeline in UTC. A bare ``14:32`` is
    ambiguous as soon as responders, logs and readers sit in different zones,
    and durations computed across a daylight-saving change come out wrong.
    A zone stated once in the column header (``Time (UTC)``) covers the column.

    Bad::

        - 14:32 — Deploy of checkout-api v2.1.3 started

    Good::

        - 14:32 UTC — Deploy of checkout-api v2.1.3 started
    """

    code = "PM301"
    name = "timeline-zone-missing"
    level = Level.error
    family = "timeline"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        for entry in ctx.document.timeline.entries:
            if entry.zone is None:
                yield self.problem(
                    entry.time_text.span,
                    f'Timeline entry "{entry.time_text.value}" has no time zone; write times '
                    f"in UTC (e.g. {entry.time_text.value} UTC)",
                    hint='add "UTC" after the time, or state it once in the column header '
                    '("Time (UTC)")')
