"""PM205."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import requires
from postmortem_lint.checks.impact.evidence import impact_anchor, mentions
from postmortem_lint.checks.impact.missing import has_impact
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class SlaUnstated(Rule):
    """The postmortem never says whether an SLA or SLO was breached.

    An SLA breach is one of the impact facts the guides ask for; it decides
    service credits, customer communication ("facts align with any external
    customer communication") and, when the same failure repeats, an SLO review.
    An ``sla_breached`` field or any sentence about the SLA, SLO or error budget
    (phrases in ``sla_terms``, ``rules/impact.yaml``) is enough; "no SLA covers
    this service" is an answer too. Documents without any impact section are
    left to PM201, and minor incidents whose depth policy does not require an
    impact section are not reported. Off by default: many services have no SLA or SLO
    and most published postmortems do not write an SLA line; select it where the
    template has one.

    Bad::

        ## Impact
        - 9,800 contacts to member support in 85 minutes.

    Good::

        ## Impact
        - 9,800 contacts to member support in 85 minutes.
        - **SLA:** not breached; the 99.9% monthly login SLO has 31 minutes left.
    """

    code = "PM205"
    name = "sla-unstated"
    level = Level.warning
    family = "impact"
    # Most services, and most published postmortems, have no SLA to state.
    default_enabled = False

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        if not has_impact(doc) or not requires(doc, ctx.data, "impact") \
                or doc.impact.sla_breached is not None:
            return
        if mentions(doc.prose, ctx.data.sla_terms):
            return
        yield self.problem(
            impact_anchor(doc), "The impact does not say whether an SLA or SLO was breached; "
            'add an SLA line, even if the answer is "not breached" or "no SLA applies"',
            hint='e.g. "- **SLA:** breached; the 99.9% monthly availability commitment allows '
            '43 minutes and this incident lasted 2 hours"')
