"""PM221."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.depth.policy import DocumentKindOptions, asks_of
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Postmortem, Span


class CostMissingOptions(DocumentKindOptions):
    max_level: int = Field(
        2, ge=0, description="Check severities at or above this level (0 = most severe; the "
        "default 2 covers SEV-0 to SEV-2).")


def cost_anchor(doc: Postmortem) -> Span:
    section = doc.section("impact")
    if section is not None:
        return section.title.span
    return doc.impact.span or doc.top


class IncidentCostMissing(Rule):
    """A severe incident's postmortem states no incident cost, and no reason why not.

    The review framework has an "Incident Cost Calculator": revenue lost during
    downtime, SLA credits issued, emergency vendor or contractor costs, engineering
    hours × loaded rate, churn risk, giving a total and a cost per minute of
    downtime. Its quarterly review then asks for the "cost trend — total incident
    cost per quarter (should decrease)", and it recommends a postmortem "after any
    event costing >$5K". A cost is what lets prevention work compete for time with
    feature work; without it the quarterly trend has holes exactly where the worst
    incidents are.

    A ``Cost:`` field, an "Incident cost" section, a revenue field, or a sentence in
    the impact or summary that gives an amount with a currency next to a cost word
    ("$4,200 in SLA credits") states the cost. So does a reason it is not given
    ("not estimated, because billing data is not available yet") or a stated
    nothing ("no financial impact"); the words are rule data (``rules/cost.yaml``). A
    near miss that harmed nothing ("no realised harm", "the flaw was never exploited")
    has no cost to state.
    The amounts are read into the document model with their currency, and audits
    sum them per quarter. Checked only for severities at or above ``max-level``
    (default: SEV-2); silent when the severity is unknown, and on a status page's entry or
    a short notice (paragraphs with no heading for a part of a postmortem's analysis).
    Not checked on a document that shows it is not the postmortem yet (see
    ``skip-kinds``): a status update on an incident still open, or a note that says
    the postmortem is published separately.

    Bad::

        **Severity:** SEV-1

        ## Impact
        - Checkout failed for 41 minutes.

    Good::

        **Severity:** SEV-1

        ## Impact
        - Checkout failed for 41 minutes.
        - **Cost:** $23,000 (revenue lost $18,000; SLA credits $5,000).
    """

    code = "PM221"
    name = "incident-cost-missing"
    level = Level.warning
    family = "cost"
    Options = CostMissingOptions
    options: CostMissingOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        severity = doc.meta.severity
        if severity is None or severity.value.level > self.options.max_level:
            return
        cost = doc.incident_cost
        if cost.stated or cost.near_miss is not None or not asks_of(doc, self.options):
            return
        if not doc.analysed:
            return  # a status page's entry or a short notice: told, not yet analysed
        yield self.problem(
            cost_anchor(doc), f"This {severity.value.label} postmortem states no incident "
            "cost (revenue lost, SLA credits, vendor costs, engineering hours); give the "
            "total, or say why it cannot be estimated",
            hint='e.g. "- **Cost:** $23,000 (revenue lost $18,000; SLA credits $5,000)" or '
            '"- **Cost:** not estimated; refunds are still being processed"')
