"""PM311."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import OutlineOptions, follows_template
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Postmortem, Span


def summary_anchor(doc: Postmortem) -> Span:
    section = doc.section("summary")
    return section.title.span if section is not None else doc.top


class DetectionUnstated(Rule):
    """The postmortem never says how the incident was found.

    The review framework's incident summary has a line for it: "Detection: How
    was it found? (Monitoring / Customer report / Internal discovery)", next to
    "Detection Delay: Time from incident start → first alert"; its quarterly review
    tracks "Mean time to detect (MTTD) — Is monitoring improving?". The six-stage
    workflow asks for "detection vs start vs mitigation vs resolution". Whether
    the alerting caught the failure, or a customer had to tell you, is the first
    fact a reader needs to judge the monitoring.

    A Detection field or section, or any sentence that tells how someone learned of
    the incident (alerted, paged, a customer reported, an engineer noticed: the
    ``detection_methods`` and ``detection_cues`` in ``rules/detection.yaml``) is
    enough. The detection delay needs a timeline entry for detection, which
    PM304 asks for. Only a document laid out as a postmortem is asked
    (``min-template-parts`` parts of a postmortem's analysis, default 2; a summary, the fix
    and the lessons do not count): a status page's entry or a short note tells
    what customers saw, not how the team learned of it.

    Bad::

        ## Summary
        The checkout service returned errors for 41 minutes after a deploy.

        ## Root cause
        The deploy shipped a payment client without its retry settings.

        ## Impact
        12% of checkouts failed.

    Good::

        ## Summary
        The checkout service returned errors for 41 minutes after a deploy.

        ## Root cause
        The deploy shipped a payment client without its retry settings.

        ## Impact
        12% of checkouts failed.

        **Detection:** a PagerDuty alert on the checkout error rate, 4 minutes after onset.
    """

    code = "PM311"
    name = "detection-unstated"
    level = Level.warning
    family = "detection"
    Options = OutlineOptions
    options: OutlineOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        detection = doc.detection
        if detection.statements or detection.declared or detection.mentioned:
            return
        if not follows_template(doc, self.options):
            return  # a status page's entry, a short note: no template's line to ask for
        yield self.problem(
            summary_anchor(doc), "The postmortem does not say how the incident was found "
            "(monitoring, a customer report, internal discovery); add a Detection line",
            hint='e.g. "**Detection:** a PagerDuty alert on the checkout error rate at 14:37 '
            'UTC, 5 minutes after onset"')
