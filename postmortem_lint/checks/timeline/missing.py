"""PM300."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import requires
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class TimelineMissing(Rule):
    """The postmortem has no timeline.

    The guides' stage 2 goal is "a minute-resolution timeline in UTC" that
    separates onset, detection, mitigation and resolution. Without it, detection
    delay and time to resolve cannot be measured, and the narrative cannot be
    checked against logs and alerts. Minor incidents whose depth policy
    (``rules/depth.yaml``) does not require a timeline are not reported.

    Bad (YAML)::

        summary: The key was abused from 04:20 UTC until we rotated it at 09:05 UTC.
        root_cause: ...

    Good (YAML)::

        timeline:
          - time: 2026-01-08T04:20Z
            phase: onset
            event: First abusive SMS sent with the extracted key.
          - time: 2026-01-08T06:02Z
            phase: detection
            event: Provider suspends the account and e-mails us.
    """

    code = "PM300"
    name = "timeline-missing"
    level = Level.error
    family = "timeline"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        if doc.timeline.entries or doc.has_section("timeline"):
            return
        if not requires(doc, ctx.data, "timeline"):
            return
        yield self.problem(
            doc.top, "The postmortem has no timeline; add a timeline with a UTC time for "
            "onset, detection, mitigation and resolution",
            hint='e.g. "## Timeline" followed by "- 14:02 UTC — **Onset:** first '
            'payment failures"')
