"""PM703."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.depth.policy import (
    DocumentKindOptions,
    OutlineOptions,
    asks_of,
    follows_template,
    lightweight,
)
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Postmortem

_PARTS = (
    ("went_well", "What went well", "the runbooks, alerts and decisions that helped"),
    ("went_wrong", "What went wrong", "the gaps that slowed detection or recovery"),
)


class LessonsMissingOptions(DocumentKindOptions, OutlineOptions):
    min_template_parts: int = Field(
        5, ge=0, description="Fewest parts of a postmortem template (summary, impact, "
        "timeline, root cause, action items, lessons…) a Markdown document must have as "
        "sections before missing lessons are reported. A report told in a few parts (an "
        "incident write-up, a blog post) reflects in its narrative, its root cause and its "
        "next steps, where the absence of lessons cannot be claimed; the full template "
        "(summary, impact, timeline, root cause, action items) without them is missing them. "
        "0 checks every document.")
    accept_lessons: bool = Field(
        True, description="Accept a single non-empty Lessons learned section that is not "
        "split into what went well and what went wrong.")

    def parts(self, doc: Postmortem) -> int:
        return doc.template_parts  # every part counts: how complete the template is


class LessonsMissing(Rule):
    """What went well or what went wrong is missing.

    Stage 4 of the guides, "what worked / didn't": reinforce the good ("runbooks
    followed, heroes who followed process") and fix the bad ("missing dashboards,
    slow escalation"). Leaving out what went well loses the practices worth
    keeping; leaving out what went wrong loses the gaps the action items should
    close. "What could be better", "What didn't go so well" and the other
    synonyms in ``rules/sections.yaml`` count, also inside a heading that names another
    section first ("Recovery and lessons learned"), and a section that reflects on the
    incident under another heading ("Postmortem", "Conclusion", "How are we going to do
    better?") when its text names shortcomings (``reflection_headings`` and
    ``shortcoming_cues`` in the rule data) counts as what went wrong. One finding per
    missing part, saying which, or one finding when the document reflects on neither.
    Not checked on a document that shows it is not the postmortem yet (see
    ``skip-kinds``): a status update on an incident still open, or a note that says
    the postmortem is published separately, nor on a report with fewer than five template
    parts as sections (``min-template-parts``): an incident write-up, a blog post or a
    short note reflects in its narrative, its root cause and its next steps, where the
    absence of lessons cannot be claimed; the full template without them is missing them.
    A severity whose depth policy (``rules/depth.yaml``) is ``lightweight`` (SEV-4 and
    below in the built-in policies: "a lightweight retro for minor incidents") is not
    asked either; without a severity both are asked.

    Bad::

        ## Summary
        Orders were taxed at last year's rates for three hours.

        ## Impact
        1,240 orders were taxed at the 2025 rates.

        ## Timeline
        - 09:02 UTC — flag cache refreshes; 2025 tax tables used.
        - 12:30 UTC — new orders taxed correctly.

        ## Root cause
        A feature-flag cleanup job archived a flag still in use.

        ## Action items
        - Block archiving a flag read in the last 30 days — @lena, due 2026-02-06

        ## What went wrong
        - Archiving a flag changed production behaviour with no warning.

    Good::

        ## Summary
        Orders were taxed at last year's rates for three hours.

        ## Impact
        1,240 orders were taxed at the 2025 rates.

        ## Timeline
        - 09:02 UTC — flag cache refreshes; 2025 tax tables used.
        - 12:30 UTC — new orders taxed correctly.

        ## Root cause
        A feature-flag cleanup job archived a flag still in use.

        ## Action items
        - Block archiving a flag read in the last 30 days — @lena, due 2026-02-06

        ## What went well
        - The hourly reconciliation report caught the mismatch.

        ## What went wrong
        - Archiving a flag changed production behaviour with no warning.
    """

    code = "PM703"
    name = "lessons-missing"
    level = Level.warning
    family = "depth"
    Options = LessonsMissingOptions
    options: LessonsMissingOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        if not asks_of(doc, self.options) or not follows_template(doc, self.options):
            return
        if lightweight(doc, ctx.data):
            return  # a minor incident's lightweight retro
        found = {"went_well": bool(doc.went_well or doc.went_well_span),
                 "went_wrong": bool(doc.went_wrong or doc.went_wrong_span)}
        own = {kind: found[kind] or doc.section(kind) is not None for kind in found}
        for kind in found:
            found[kind] = found[kind] or doc.section_about(kind) is not None
        lessons = doc.section_about("lessons")
        if not any(own.values()) and self.options.accept_lessons and lessons is not None \
                and doc.has_text(lessons):
            return
        if not any(found.values()):
            yield self.problem(
                doc.top, 'The postmortem says neither what went well nor what went wrong; '
                'add "## What went well" and "## What went wrong" (or "## Lessons learned")',
                hint="the practices worth keeping and the gaps the action items close, 3 to "
                "5 bullet points each")
            return
        for kind, heading, about in _PARTS:
            if found[kind]:
                continue
            yield self.problem(
                doc.top, f'The postmortem has no "{heading}" section; add "## {heading}" with '
                f"{about}",
                hint=f'e.g. "## {heading}" followed by 3 to 5 bullet points')
