"""PM702."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pydantic import Field

from postmortem_lint.checks.depth.policy import (
    DocumentKindOptions,
    asks_of,
    heading_for,
    policy_for,
    severity_label,
)
from postmortem_lint.checks.impact.missing import has_impact
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Postmortem, Prose, ProseRole

_INTRO_WORDS = 20  # a paragraph under the title this long is the summary


def _is_paragraph(prose: Prose) -> bool:
    """Narrative text, not a block of "Key: value" lines."""
    return prose.role == ProseRole.narrative and not any(
        ": " in line.text[:40] for line in prose.lines())


def _opening(doc: Postmortem) -> list[Prose]:
    """The paragraphs a document opens with: under its title heading, or before any
    heading when the title is a front-matter field."""
    first = doc.sections[0] if doc.sections else None
    if first is not None and first.level == 1 and first.kind is None:
        return [prose for prose in first.body if _is_paragraph(prose)]
    before = first.span.line if first is not None else doc.line_count + 1
    return [prose for prose in doc.prose if prose.whole.line < before and _is_paragraph(prose)]


def _words(doc: Postmortem) -> int:
    return sum(len(prose.text.split()) for prose in doc.prose
               if prose.role == ProseRole.narrative)


def _has_intro(doc: Postmortem, short_note_words: int = 0) -> bool:
    """A summary paragraph written straight under the title, without a heading; in a
    note short enough to read at a glance, any opening paragraph."""
    opening = _opening(doc)
    if any(len(prose.text.split()) >= _INTRO_WORDS for prose in opening):
        return True
    return bool(opening) and _words(doc) <= short_note_words


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


class SectionsMissingOptions(DocumentKindOptions):
    reported_elsewhere: list[str] = Field(
        default_factory=lambda: ["impact", "timeline", "root_cause", "contributing_factors",
                                 "went_well", "went_wrong", "action_items"],
        description="Section kinds whose absence a more specific rule reports (PM201, PM300, "
        "PM401, PM402, PM703, the action-item rules); not reported twice.")
    short_note_words: int = Field(
        200, ge=0, description="A document of at most this many words of text is read at a "
        "glance: its opening paragraph is its summary, however short.")


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
    sections with a dedicated rule (impact, timeline, root cause…) are left to it. A
    paragraph under the title (or before the first heading, when the title is a
    front-matter field) is the summary; so is any opening paragraph of a note of at most
    ``short-note-words`` words, which a reader takes in at a glance.
    Not checked on a document that shows it is not the postmortem yet (see
    ``skip-kinds``): a status update on an incident still open, or a note that says
    the postmortem is published separately.

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
        if policy is None or not asks_of(doc, self.options):
            return
        skipped = set(self.options.reported_elsewhere)
        for kind in policy.required:
            if kind in skipped or present(doc, kind) or (
                    kind == "summary" and _has_intro(doc, self.options.short_note_words)):
                continue
            heading = heading_for(kind, ctx.data)
            others = [p for p in ctx.data.sections.get(kind, [])[1:4]]
            yield self.problem(
                doc.top, f'{severity_label(doc)} postmortems need a "{heading}" section '
                f'(depth policy "{policy.name}"); add "## {heading}"',
                hint="also recognised: " + ", ".join(f'"{o}"' for o in others) if others
                else None)
