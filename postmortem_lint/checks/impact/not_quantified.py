"""PM202."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import OutlineOptions, follows_template
from postmortem_lint.checks.impact.evidence import impact_anchor, mentions
from postmortem_lint.checks.impact.missing import has_impact
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import mostly_in_other_script


class ImpactNotQuantified(Rule):
    """The impact gives no number of affected users, requests, orders or customers, nor a share.

    The guides' checklist asks for "impact quantified where possible". "Some
    customers saw errors for a while" cannot be compared with the next incident,
    does not tell support how many people to contact, and hides whether this was
    a blip or an outage. A count ("11,270 customers"), a share ("44% of
    authorizations") or a numeric ``users_affected`` field is enough. What counts
    as a unit is rule data (``impact_units`` in ``rules/impact.yaml``). A percentage
    that states a service objective or the error budget spent ("the 99.9% SLO",
    "used 41% of the error budget", recognised by ``sla_terms``) is not a count of
    what was affected. The size may be written outside the impact section: a count in
    a sentence of the summary, timeline, root cause or whys that says what happened to
    what it counts ("45 pull requests were stuck", "a class of ~40 students was having
    trouble"; words in ``impact_effects``), or a whole service down ("a downtime of our
    package server"). What was spared ("mobile clients were not affected") does not
    size what was hit, and a whole elsewhere does not size an impact stated as a part
    ("some users"). Any unit the writer counts in does: a fraction ("2/5 of the
    shoppers", "one in five checkouts"), a part of a whole ("4.2m out of the pool's 9m"),
    a count of whatever was hit ("a single plugin was tampered with", "12 missing
    voters"), a range of counts ("between 5 and 10 teams"), how many people something
    happened to, also under "What went wrong" ("500+ users were upgraded"), an impact that
    says there was none ("No known impact"), a whole share in words ("most of our
    network"), every visit ending in an error ("visiting the site results in a 502
    error"), what was hit named one by one ("sessions with A, B and C"), or a whole
    network down for a stated time ("the devnet had 9 hours of downtime", "a chain-wide
    halt", "10 minutes of network downtime") or degraded as a whole ("the network suffered a
    significant degradation"). An impact confined to the team's own work
    ("merges were on hold", "the build could not be shipped") or a deliberate whole ("the
    mirrors were taken down for maintenance") has no one to count. The finding points at
    the first statement about users or orders that gives no number. Only a document laid
    out as a postmortem is asked (``min-template-parts`` parts of a postmortem's analysis,
    default 2; a summary, the fix and the lessons do not count): a status page's entry
    or a short notice says what broke, and counting who it hit is a postmortem's work.

    An impact written in another language (a quarter of its words in another script, such
    as Korean) is not judged: the words of its numbers cannot be read.

    Bad::

        ## Summary
        A search release returned partial results.

        ## Root cause
        The release capped each shard's reply at 50 hits.

        ## Impact
        - Some customers saw incomplete search results, and conversion dropped noticeably.

    Good::

        ## Summary
        A search release returned partial results.

        ## Root cause
        The release capped each shard's reply at 50 hits.

        ## Impact
        - 38,000 searches (12% of the window) returned incomplete results for 4,100 users.
    """

    code = "PM202"
    name = "impact-not-quantified"
    level = Level.warning
    family = "impact"
    Options = OutlineOptions
    options: OutlineOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        impact = doc.impact
        if not follows_template(doc, self.options):
            return  # a short note or a status page's entry: told, not analysed
        if not has_impact(doc) or impact.users_affected is not None \
                or impact.quantity is not None:
            return
        if mostly_in_other_script(impact.text):
            return  # written in another language: its numbers' words cannot be read
        units = ctx.data.impact_units
        # Point at the statement that talks about users or orders without a number, if any.
        vague = next((line for prose in impact.text for line in prose.lines()
                      if mentions([line], units)), None)
        span = vague.strip().whole if vague is not None else impact_anchor(doc)
        yield self.problem(
            span, "The impact is not quantified: it gives no count of affected "
            "users, requests or orders and no percentage; state how many were affected",
            hint='e.g. "4,100 users (12% of searches) got incomplete results"; if exact '
            'numbers are unknown, give an estimate and say how it was made')
