"""PM303."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.timeline.anchor import timeline_anchor
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model.facts import entry_times


class TimelineOutOfOrder(Rule):
    """A timeline entry is earlier than an entry listed before it.

    A timeline is read top to bottom as the story of the incident; an entry out
    of place makes readers (and the detection-delay and time-to-resolve metrics)
    get the sequence wrong. Times are compared in UTC, and a time-only timeline
    that passes midnight is understood as continuing on the next day. A timeline
    written entirely newest-first is reported once.

    Bad::

        ## Timeline

        | Time | Event |
        |---|---|
        | 2026-03-04 10:14 UTC | auth-service scaled to 120 pods |
        | 2026-03-04 10:09 UTC | Resize rollback started |

    Good::

        ## Timeline

        | Time | Event |
        |---|---|
        | 2026-03-04 10:09 UTC | Resize rollback started |
        | 2026-03-04 10:14 UTC | auth-service scaled to 120 pods |
    """

    code = "PM303"
    name = "timeline-out-of-order"
    level = Level.warning
    family = "timeline"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        entries = doc.timeline.entries
        times = entry_times(entries)
        known = [t for t in times if t is not None]
        if len(known) < 2 or len({t.tzinfo is None for t in known}) != 1:
            return  # mixed zoned and zone-less times cannot be compared
        steps = list(zip(known, known[1:], strict=False))
        backwards = sum(1 for a, b in steps if b < a)
        ties = sum(1 for a, b in steps if b == a)
        if backwards >= 2 and backwards == len(steps) - ties:
            yield self.problem(
                timeline_anchor(doc), "The timeline is listed newest first; list entries "
                "oldest first so it reads as the story of the incident",
                hint="reverse the order of the entries")
            return
        latest = None
        latest_text = ""
        for entry, at in zip(entries, times, strict=True):
            if at is None:
                continue
            if latest is not None and at < latest:
                yield self.problem(
                    entry.time_text.span, f'Timeline entry "{entry.time_text.value}" is '
                    f'earlier than the entry before it ("{latest_text}"); move it to its '
                    "place in time order",
                    hint="check the time against the logs; if it is right, move the entry up")
                continue
            latest, latest_text = at, entry.time_text.value
