"""PM204."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import requires
from postmortem_lint.checks.impact.evidence import impact_anchor, mentions
from postmortem_lint.checks.impact.missing import has_impact
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class DataLossUnstated(Rule):
    """The postmortem never says whether data was lost or its integrity affected.

    The guides list "data integrity if relevant" among the impact facts, and
    data-loss scares are one of the triggers for writing a postmortem at all.
    Readers, support and (for regulated industries) auditors need to know
    whether records were lost, duplicated or corrupted; "none" is an answer
    worth writing. A ``data_loss`` field or any sentence about data loss or
    integrity (phrases in ``data_loss_terms``, ``rules/impact.yaml``) is enough.
    Documents without any impact section are left to PM201, and minor incidents
    whose depth policy does not require an impact section are not reported. Off by
    default: the guides ask for it "if relevant", and most published postmortems of
    outages that touched no data do not write a data-loss line; select it where the
    template has one.

    Bad::

        ## Impact
        - 1.21 million viewers were logged out for 85 minutes.

    Good::

        ## Impact
        - 1.21 million viewers were logged out for 85 minutes.
        - **Data loss:** none; watch progress is stored outside the session cache.
    """

    code = "PM204"
    name = "data-loss-unstated"
    level = Level.warning
    family = "impact"
    # "Data integrity if relevant": most outages touch no data, and their writers say nothing.
    default_enabled = False

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        if not has_impact(doc) or not requires(doc, ctx.data, "impact") \
                or doc.impact.data_loss is not None:
            return
        if mentions(doc.prose, ctx.data.data_loss_terms):
            return
        yield self.problem(
            impact_anchor(doc), "The impact does not say whether any data was lost or "
            'corrupted; add a data loss line, even if the answer is "none"',
            hint='e.g. "- **Data loss:** none; failed writes were rejected before reaching '
            'storage"')
