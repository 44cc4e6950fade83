"""PM303."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from postmortem_lint.checks.timeline.anchor import timeline_anchor
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import TimelineEntry
from postmortem_lint.model.facts import entry_times


class TimelineOutOfOrder(Rule):
    """A timeline entry is earlier than an entry listed before it.

    A timeline is read top to bottom as the story of the incident; an entry out
    of place makes readers (and the detection-delay and time-to-resolve metrics)
    get the sequence wrong. Only the entries out of place are reported: one wrong
    date does not make every later entry a finding, and adjacent entries moved out of
    place together are one finding. Times are compared in UTC, and
    a time-only timeline that passes midnight is understood as continuing on the
    next day; a time under a day heading keeps that day, so a timeline grouped by day,
    newest day first, goes back in time. A timeline written entirely newest-first is
    reported once (a time-only one may step forward once, where it crosses midnight),
    except on a status page's entry, whose updates are newest first by convention.

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
        forwards = len(steps) - ties - backwards
        # newest first throughout; a time-only list may step forward once where it crosses
        # midnight ("15:00 (Sat)" above "20:30" of the day before)
        rollover = forwards == 1 and backwards >= 3 and not any(e.has_date for e in entries)
        if backwards >= 2 and (forwards == 0 or rollover):
            if doc.status_page_entry:
                return  # a status page lists its updates newest first, as its readers expect
            yield self.problem(
                timeline_anchor(doc), "The timeline is listed newest first; list entries "
                "oldest first so it reads as the story of the incident",
                hint="reverse the order of the entries")
            return
        placed = [(entry, at) for entry, at in zip(entries, times, strict=True)
                  if at is not None]
        in_order = _longest_in_order([at for _, at in placed])
        for run in _runs_out_of_place(placed, in_order):
            yield self._report(placed, in_order, run)

    def _report(self, placed: list[tuple[TimelineEntry, dt.datetime]], in_order: set[int],
                run: list[int]) -> Problem:
        """One finding for a run of adjacent entries out of place (one wrong date moves
        them together), at the entry next to where the order breaks."""
        first, last = run[0], run[-1]
        before = next((placed[i] for i in range(first - 1, -1, -1) if i in in_order), None)
        after = next((placed[i] for i in range(last + 1, len(placed)) if i in in_order), None)
        others = len(run) - 1
        if before is not None and placed[first][1] < before[1]:
            entry = placed[first][0]
            where = f'earlier than the entry before it ("{before[0].time_text.value}")'
            also = f" (and the {others} after it)" if others else ""
        elif after is not None:
            entry = placed[last][0]
            where = f'later than the entry after it ("{after[0].time_text.value}")'
            also = f" (and the {others} before it)" if others else ""
        else:
            entry, where, also = placed[first][0], "out of time order", ""
        return self.problem(
            entry.time_text.span, f'Timeline entry "{entry.time_text.value}"{also} is {where}; '
            "move it to its place in time order or correct its time",
            hint="check the time against the logs; if it is right, move the entry")


def _runs_out_of_place(placed: list[tuple[TimelineEntry, dt.datetime]], in_order: set[int]
                       ) -> list[list[int]]:
    """The entries out of place, grouped into runs of adjacent entries that are in order
    among themselves and all on the same side of the entries around them."""
    runs: list[list[int]] = []
    for index in range(len(placed)):
        if index in in_order:
            continue
        if runs and runs[-1][-1] == index - 1 and placed[index - 1][1] <= placed[index][1]:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _longest_in_order(times: list[dt.datetime]) -> set[int]:
    """Indexes of the longest run of entries (not necessarily adjacent) already in time
    order: the other entries are the ones out of place, however many follow them. Of
    equally long runs, the one that keeps the earlier-listed entries wins."""
    ranks = {at: rank for rank, at in enumerate(sorted(set(times)))}
    # Read from the last entry back, each rank negated: a non-decreasing run of these is
    # an in-order run of the entries, and ties keep the entry listed first.
    values = [-ranks[at] for at in reversed(times)]
    tails: list[int] = []  # position of the last value of the best run of each length
    previous: list[int] = [-1] * len(values)
    for position, value in enumerate(values):
        low, high = 0, len(tails)
        while low < high:  # the first run whose last value is greater than this one
            middle = (low + high) // 2
            if values[tails[middle]] <= value:
                low = middle + 1
            else:
                high = middle
        previous[position] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(position)
        else:
            tails[low] = position
    kept: set[int] = set()
    position = tails[-1] if tails else -1
    while position >= 0:
        kept.add(len(values) - 1 - position)
        position = previous[position]
    return kept
