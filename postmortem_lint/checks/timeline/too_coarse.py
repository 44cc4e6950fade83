"""PM306."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.depth.policy import policy_for, severity_label
from postmortem_lint.checks.timeline.anchor import timeline_anchor
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions

_BLOCKS = (60, 30, 15, 10, 5)  # minutes, coarsest first


class TooCoarseOptions(RuleOptions):
    min_entries: int = Field(
        4, ge=2, description="Timelines with fewer timed entries are not judged: a few entries "
        "on round times can be a coincidence.")


class TimelineTooCoarse(Rule):
    """The timeline is coarser than the severity needs (every entry on a 15-minute mark…).

    Every timed entry falling on a 5, 15, 30 or 60-minute mark, when the
    severity needs a finer timeline, is reported.

    The guides: "Minute-by-Minute for SEV-1, 15-min blocks for SEV-2/3". The
    resolution each severity needs is the ``timeline_resolution_minutes`` of its
    depth policy (``rules/depth.yaml``). Rounded times hide the detection delay
    and the order of events during the minutes that matter most.

    Bad::

        Severity: SEV-1

        ## Timeline

        - 14:00 UTC — Deploy starts
        - 14:15 UTC — Errors begin
        - 14:30 UTC — Alert fires
        - 14:45 UTC — Rollback complete

    Good::

        Severity: SEV-1

        ## Timeline

        - 14:02 UTC — Deploy starts
        - 14:07 UTC — Errors begin
        - 14:09 UTC — Alert fires
        - 14:26 UTC — Rollback complete
    """

    code = "PM306"
    name = "timeline-too-coarse"
    level = Level.warning
    family = "timeline"
    Options = TooCoarseOptions
    options: TooCoarseOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        policy = policy_for(doc, ctx.data)
        if policy is None:
            return
        times = [entry.at for entry in doc.timeline.entries if entry.at is not None]
        if len(times) < self.options.min_entries:
            return
        block = next((size for size in _BLOCKS if all(
            at.second == 0 and (at.hour * 60 + at.minute) % size == 0 for at in times)), None)
        needed = policy.timeline_resolution_minutes
        if block is None or block <= needed:
            return
        want = "to the minute" if needed <= 1 else f"at least every {needed} minutes"
        yield self.problem(
            timeline_anchor(doc), f"Every timeline entry is on a {block}-minute mark; "
            f"{severity_label(doc)} needs a timeline {want}: write the time each event "
            "actually happened",
            hint="take exact times from alert, chat and deploy logs (e.g. 14:07 UTC, not "
            "14:00 UTC)")
