"""PM701."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.depth.policy import FinishedOutlineOptions, asks_of, follows_template
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class SeverityMissingOptions(FinishedOutlineOptions):
    min_template_parts: int = Field(
        5, ge=0, description="Fewest parts of a postmortem's analysis (impact, timeline, "
        "root cause, detection, trigger, five whys, action items, what went well or wrong…; "
        "a summary, the fix and the lessons, which any story has, do not count) a Markdown "
        "document that records no fields must have as sections before a missing severity "
        "is reported: the full form of a team's process; a document with fields (a date, "
        "status, owner or authors field, front matter) is always asked. A narrative report "
        "(what happened, its impact, timeline, cause and next steps) keeps no process "
        "fields. 0 checks every document.")


class SeverityMissing(Rule):
    """The postmortem declares no severity, so its depth cannot be matched to it.

    The guides: "severity should match depth of postmortem (lightweight for small
    incidents)". Severity decides which sections are required, whether five whys
    are expected and how fine the timeline must be (``rules/depth.yaml``); without
    it every document is held to the full template. It also drives quarterly
    incident statistics. A severity that is present but not understood is
    reported by PM003 instead. A severity stated in the text rather than a field
    counts as declared: "flagged as a Sev1 incident" or "we made this a P1" in the
    timeline, a level the incident was set to ("severity raised to High",
    "declared a major incident", "a critical incident was declared", "we treated this
    as a P2"), or a label closing each incident's heading in a report
    of several ("### API outage (Major)").

    Severity is a label of a team's incident process, so it is asked of a postmortem kept
    as a record: one that records its facts as fields (a date, status, owner or authors
    field; front matter) or is laid out in the full form of a team's process
    (``min-template-parts`` parts of a postmortem's analysis, default 5: detection,
    trigger, whys, what went well and wrong besides impact, timeline, cause and actions).
    A report told as a narrative (an incident write-up, a blog post, a short note on a
    status site) is not told it lacks a field of a form it never followed. 0 checks every
    document. A report written for the public (it apologises to its readers, or is a
    site's post, and declares no field of a team's postmortem) is not asked either
    (``skip-kinds``): customers are told what happened, not how the team triaged it.

    Bad::

        # Checkout errors after promo-service rollout
        **Date:** 2026-02-17

        ## Impact
        12% of checkouts failed for 40 minutes.

        ## Root cause
        A promo-service release sent malformed prices.

    Good::

        # Checkout errors after promo-service rollout
        **Date:** 2026-02-17
        **Severity:** SEV-1

        ## Impact
        12% of checkouts failed for 40 minutes.

        ## Root cause
        A promo-service release sent malformed prices.
    """

    code = "PM701"
    name = "severity-missing"
    level = Level.warning
    family = "depth"
    Options = SeverityMissingOptions
    options: SeverityMissingOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        meta = ctx.document.meta
        if not (ctx.document.kept_as_record or follows_template(ctx.document, self.options)) \
                or not asks_of(ctx.document, self.options):
            return  # a free-form write-up or a public report: no process fields to ask for
        if meta.severity is not None or meta.severity_unknown is not None \
                or meta.severity_stated is not None:
            return
        yield self.problem(
            ctx.document.top, "The postmortem declares no severity; add one so its depth "
            "can be matched (SEV-1/2: full template, minor incidents: lightweight)",
            hint='e.g. "**Severity:** SEV-2" (or "severity: SEV-2" in YAML)')
