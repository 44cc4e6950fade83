"""PM300."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import (
    OutlineOptions,
    follows_template,
    policy_for,
    requires,
)
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Postmortem


class TimelineMissing(Rule):
    """The postmortem has no timeline.

    The guides' stage 2 goal is "a minute-resolution timeline in UTC" that
    separates onset, detection, mitigation and resolution. Without it, detection
    delay and time to resolve cannot be measured, and the narrative cannot be
    checked against logs and alerts. Minor incidents whose depth policy
    (``rules/depth.yaml``) does not require a timeline are not reported.

    What matters is that a reader can reconstruct what happened when. A narrative
    that tells it (sentences or timestamped status updates naming two or more
    moments, across at least two of onset, detection, mitigation and resolution:
    "At 09:15 UTC we deployed …; by 09:40 UTC traffic was back to normal") is a
    timeline in prose and is not reported, unless the severity's depth policy asks
    a minute-by-minute timeline (SEV-1 in the built-in policies). Nor is a short entry
    (a status page's record of an incident: paragraphs, no headed parts of an analysis)
    whose fields or text time its start and its resolution ("date: 2026-03-04 14:32",
    "resolvedWhen: 2026-03-04 16:05"), or whose front matter lists its timed updates.
    One sentence that gives a window in a postmortem, or a document with no sequence of
    times at all, is reported. A timeline published elsewhere and linked from the text
    ("the full timeline is in [our advisory](https://…)") is not missing. A free-form
    write-up with fewer than two parts of a postmortem's analysis as sections
    (``min-template-parts``: impact, root cause, action items…; what happened, how it was
    fixed and what was learned, which any story of an incident has, do not count) is not
    reported either: a blog post or a ticket's summary tells its times in its narrative,
    or has none a reader needs.

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
    Options = OutlineOptions
    options: OutlineOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        if doc.timeline.entries or doc.has_section("timeline") \
                or doc.timeline.elsewhere is not None:
            return
        if not requires(doc, ctx.data, "timeline") or not follows_template(doc, self.options):
            return
        if doc.timeline.narrated and not _minute_by_minute(doc, ctx):
            return  # the narrative tells what happened when: a timeline in prose
        if doc.window_stated and not doc.analysed:
            return  # a short entry that times its start and its resolution
        yield self.problem(
            doc.top, "The postmortem has no timeline; add a timeline with a UTC time for "
            "onset, detection, mitigation and resolution",
            hint='e.g. "## Timeline" followed by "- 14:02 UTC — **Onset:** first '
            'payment failures"')


def _minute_by_minute(doc: Postmortem, ctx: RuleContext) -> bool:
    """Whether the severity's depth policy asks a minute-by-minute timeline (SEV-1 in
    the built-in policies), which a few times in a narrative do not give."""
    policy = policy_for(doc, ctx.data)
    return policy is not None and policy.timeline_resolution_minutes <= 1
