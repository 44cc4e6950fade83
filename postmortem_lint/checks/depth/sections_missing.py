"""PM702."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pydantic import Field

from postmortem_lint.checks.depth.policy import heading_for, policy_for, severity_label
from postmortem_lint.checks.impact.missing import has_impact
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions
from postmortem_lint.model import Postmortem

_INTRO_WORDS = 20  # a paragraph under the title this long is the summary


def _has_intro(doc: Postmortem) -> bool:
    """A summary paragraph written straight under the title, without a heading."""
    if not doc.sections or doc.sections[0].level != 1 or doc.sections[0].kind is not None:
        return False
    return any(len(prose.text.split()) >= _INTRO_WORDS and not any(
        ": " in line.text[:40] for line in prose.lines())  # not a block of "Key: value" lines
        for prose in doc.sections[0].body)


_CONTENT: dict[str, Callable[[Postmortem], bool]] = {
    "summary": lambda doc: bool(doc.summary) or _has_intro(doc),
    "impact": has_impact,
    "timeline": lambda doc: bool(doc.timeline.entries),
    "root_cause": lambda doc: bool(doc.root_cause or doc.root_cause_span),
    "contributing_factors": lambda doc: bool(doc.contributing_factors),
    "five_whys": lambda doc: bool(doc.five_whys),
    "went_well": lambda doc: bool(doc.went_well),
    "went_wrong": lambda doc: bool(doc.went_wrong),
    "got_lucky": lambda doc: bool(doc.got_lucky),
    "action_items": lambda doc: bool(doc.action_items),
    "follow_up": lambda doc: doc.follow_up.review_date is not None,
}


class SectionsMissingOptions(RuleOptions):
    reported_elsewhere: list[str] = Field(
        default_factory=lambda: ["impact", "timeline", "root_cause", "contributing_factors",
                                 "went_well", "went_wrong", "action_items"],
        description="Section kinds whose absence a more specific rule reports (PM201, PM300, "
        "PM401, PM402, PM703, the action-item rules); not reported twice.")


def present(doc: Postmortem, kind: str) -> bool:
    """Whether the document has a section of this kind, under any heading, or its content."""
    found = _CONTENT.get(kind)
    return doc.has_section(kind) or (found is not None and found(doc))


class SectionsMissingForSeverity(Rule):
    """A section that the depth policy requires for this severity is missing.

    The guides: "severity should match depth of postmortem (lightweight for small
    incidents)". The policy in ``rules/depth.yaml`` lists, per severity, the
    sections a postmortem needs: the full template for SEV-1/2, a lighter one
    below. Headings are recognised through the synonyms in ``rules/sections.yaml``
    (Google SRE, PagerDuty, Atlassian and the guides' templates), so "Overview"
    or "Incident summary" count as a summary. One finding per missing section;
    sections with a dedicated rule (impact, timeline, root cause…) are left to it.

    Bad::

        # Search returned partial results

        Severity: SEV-2

        ## Timeline

        - 09:48 UTC — **Detection:** seller reports reach support

    Good::

        # Search returned partial results

        Severity: SEV-2

        ## Summary

        On 2026-01-19 search served a partly built index for 100 minutes.

        ## Timeline

        - 09:48 UTC — **Detection:** seller reports reach support
    """

    code = "PM702"
    name = "sections-missing-for-severity"
    level = Level.warning
    family = "depth"
    Options = SectionsMissingOptions
    options: SectionsMissingOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        policy = policy_for(doc, ctx.data)
        if policy is None:
            return
        skipped = set(self.options.reported_elsewhere)
        for kind in policy.required:
            if kind in skipped or present(doc, kind):
                continue
            heading = heading_for(kind, ctx.data)
            others = [p for p in ctx.data.sections.get(kind, [])[1:4]]
            yield self.problem(
                doc.top, f'{severity_label(doc)} postmortems need a "{heading}" section '
                f'(depth policy "{policy.name}"); add "## {heading}"',
                hint="also recognised: " + ", ".join(f'"{o}"' for o in others) if others
                else None)
