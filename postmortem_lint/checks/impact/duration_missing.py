"""PM203."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.impact.evidence import impact_anchor
from postmortem_lint.checks.impact.missing import has_impact
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model.facts import incident_facts


class ImpactDurationMissing(Rule):
    """The impact does not say how long it lasted, and the timeline cannot tell either.

    Duration is one of the four things the guides ask the impact to state (users
    affected, duration, data integrity, SLA breach). It is the basis of time to
    resolve (MTTR) in quarterly reviews and of any SLA calculation. A duration in
    the impact or summary text, a ``duration`` field, incident start and end fields, or a
    timeline with both an onset and a resolution entry is enough.

    Bad::

        ## Impact
        - 1,198 customers were charged the wrong tax.

    Good::

        ## Impact
        - **Duration:** 3 hours 28 minutes (09:02 UTC to 12:30 UTC).
        - 1,198 customers were charged the wrong tax.
    """

    code = "PM203"
    name = "impact-duration-missing"
    level = Level.warning
    family = "impact"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        impact = doc.impact
        if not has_impact(doc) or impact.duration is not None:
            return
        if impact.duration_mentioned is not None:
            return
        if incident_facts(doc).time_to_resolve_minutes is not None:
            return
        yield self.problem(
            impact_anchor(doc), "The impact does not say how long it lasted, and the timeline "
            "has no onset and resolution to compute it from; state the duration",
            hint='e.g. "- **Duration:** 45 minutes (18:12 UTC to 18:57 UTC)"')
