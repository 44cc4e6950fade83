"""PM403."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.depth.policy import (
    DocumentKindOptions,
    asks_of,
    policy_for,
    severity_label,
)
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Span


class FiveWhysOptions(DocumentKindOptions):
    min_levels: int = Field(5, ge=1, description="How many whys a five-whys analysis needs.")


class FiveWhysShallow(Rule):
    """The five whys are missing or shallower than five levels where severity requires them.

    Reported when the severity's depth policy asks for five whys and the
    document has neither a five-whys analysis nor a fishbone, or stops early.

    The guides use five whys or a fishbone "as a tool, not a ritual" to get from
    the proximate cause to a systemic one; "stopping too early" leaves the root
    cause at a person or a single change. Which severities need it is the
    ``five_whys`` flag of their depth policy (``rules/depth.yaml``): the full
    template for SEV-1/2, not for minor incidents. An analysis that already reaches
    systemic causes another way needs no five-whys list: two contributing factors that
    name a missing safeguard ("no end-to-end test exercised the real path"), or two
    headings that ask why ("Why it failed", "Why it was not caught"), or two causes that
    each answer a label asking why ("**Why it happened**: …"). A status page's entry or a
    short notice (paragraphs with no heading for a part of a postmortem's analysis) is not
    asked for one.
    Not checked on a document that shows it is not the postmortem yet (see
    ``skip-kinds``): a status update on an incident still open, or a note that says
    the postmortem is published separately.

    Bad::

        Severity: SEV-2

        ## Five whys
        1. Why were results incomplete? The alias pointed at a partial index.
        2. Why? The switch ran before the copy finished.
        3. Why? The manual procedure allows it.

    Good::

        Severity: SEV-2

        ## Five whys
        1. Why were results incomplete? The alias pointed at a partial index.
        2. Why? The switch ran before the copy finished.
        3. Why? The manual procedure lets the switch run at any time.
        4. Why? The switch script does not compare document counts.
        5. Why? Reindexing was designed for the scheduler, and the manual path was never reviewed.
    """

    code = "PM403"
    name = "five-whys-shallow"
    level = Level.warning
    family = "root-cause"
    Options = FiveWhysOptions
    options: FiveWhysOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        policy = policy_for(doc, ctx.data)
        if policy is None or not policy.five_whys or doc.has_section("fishbone") \
                or not asks_of(doc, self.options):
            return
        whys = doc.five_whys
        wanted = self.options.min_levels
        severity = severity_label(doc)
        if not whys:
            if doc.has_section("five_whys"):
                return  # written in a form the parser could not split (a code block…)
            if not doc.analysed:
                return  # a status page's entry or a short notice: told, not yet analysed
            if doc.systemic_analysis is not None:
                return  # factors naming missing safeguards, or headings asking why
            cause = doc.section("root_cause")
            yield self.problem(
                cause.title.span if cause is not None else doc.top,
                f"{severity} postmortems need a five-whys analysis (or a fishbone); add "
                f'"## Five whys" with {wanted} levels from the failure to a systemic cause',
                hint='e.g. "1. Why did checkout fail? … 5. Why was there no guard? …"')
            return
        if len(whys) >= wanted:
            return
        section = doc.section("five_whys")
        span: Span = section.title.span if section is not None else (
            doc.five_whys_span or whys[0].span)
        yield self.problem(
            span, f"The five whys stop after {len(whys)} level{'s' if len(whys) != 1 else ''}; "
            f"{severity} postmortems need {wanted}: keep asking why until you reach a "
            "process or design cause",
            hint="ask why the last answer was possible: what in tooling, process or design "
            "allowed it")
