"""PM201."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import TemplateOptions, follows_template, requires
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Postmortem


def has_impact(doc: Postmortem) -> bool:
    """Whether the document states any impact: a section, an impact field, or impact text."""
    impact = doc.impact
    return bool(impact.span or impact.text or doc.has_section("impact")
                or impact.users_affected or impact.duration or impact.revenue
                or impact.data_loss or impact.sla_breached is not None)


class ImpactMissing(Rule):
    """The postmortem has no impact section or impact fields.

    Stage 2 of the guides is "timeline & impact": who was affected, for how long,
    whether data integrity suffered and whether an SLA was breached. Without it
    readers cannot judge severity, customer communication has no facts to align
    with, and the incident cannot be compared with others in quarterly reviews.
    Minor incidents whose depth policy (``rules/depth.yaml``) does not require an
    impact section are not reported. Without an impact section, an overview
    paragraph that says how long the outage lasted ("a 34 minute outage starting
    at 14:44 UTC") is taken as the impact statement, and so is a sentence elsewhere
    (not the timeline) that says what was hit and how much ("…, causing a slowdown of
    all uploads"), or else a timeline entry that says the whole site or service was down
    ("Confirmed the website was unresponsive"); PM202 to PM205 then ask for what it leaves
    out. The overview may say it in the present tense ("This affects the following
    servers: …") or as what people saw ("the banner was visible to every visitor"). In a
    vulnerability write-up the impact is the exposure: what an attacker could do ("allowed
    an attacker to bypass …") and which versions have the flaw ("versions 3.4.1 and
    earlier").

    Only a document laid out as a postmortem template is checked (``min-template-parts``
    sections such as a summary, a timeline and action items): a free-form write-up tells
    its impact in its narrative, in more ways than a reader of headings can recognise, and
    claiming it has none is a false alarm that costs the linter its readers' trust.

    Bad::

        ## Summary
        The campaign was sent three times.

        ## Timeline
        - 17:00 UTC: the send job started.

        ## Root cause
        The retry policy resent every batch that timed out.

        ## Action items
        - Make the send job idempotent (owner: Ines Duarte, due 2026-05-01).

    Good::

        ## Impact
        - **Users:** 2.3 million recipients got the notification three times.
        - **Duration:** 41 minutes (17:00 UTC to 17:41 UTC).
        - **Data loss:** none.
        - **SLA:** not breached.
    """

    code = "PM201"
    name = "impact-missing"
    level = Level.error
    family = "impact"
    Options = TemplateOptions
    options: TemplateOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        if has_impact(doc) or not requires(doc, ctx.data, "impact") \
                or not follows_template(doc, self.options):
            return
        yield self.problem(
            doc.top, 'The postmortem has no impact section; add "## Impact" stating users '
            "affected, duration, data loss and whether an SLA was breached",
            hint='e.g. "- **Users:** 2,140 organisations (61%) could not log in" and '
            '"- **Duration:** 2 hours 5 minutes (13:05 UTC to 15:10 UTC)"')
