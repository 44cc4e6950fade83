"""PM402."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.root_cause.missing import has_root_cause
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions


class NotSeparatedOptions(RuleOptions):
    accept_trigger: bool = Field(
        True, description="Accept a separate Trigger / Proximate cause section (the Google "
        "SRE template) as keeping the root cause apart from what else contributed.")


class RootCauseNotSeparated(Rule):
    """The root cause is given, but no contributing factors are listed apart from it.

    The guides: "root cause and contributing factors separate"; the final
    checklist asks "root cause vs contributing factors distinguished". Incidents
    come from several failures lining up (the Swiss-cheese model); one list
    mixing them hides which fix stops the class of failure and which ones only
    lower the odds. A root-cause section that opens with a list of several causes
    (after at most a lead-in line such as "The outage had three causes:") is reported
    unless a contributing-factors (or trigger, or "Technical cause") section keeps the
    rest apart; a single stated cause is not asked for a list of other factors, nor is
    a narrative of one cause followed by a list that details it ("We acted because: …"),
    nor a list of evidence for one cause (a lead-in such as "Evidence:" or "supported by
    these observations:", or a paragraph after it such as "These observations point to
    one cause: …"), nor the conditions that let a cause stated apart do its damage (a
    lead-in such as "Three conditions lined up to make the breach possible:").

    Bad::

        ## Root cause and contributing factors
        - Sessions share a cluster whose eviction policy treats them as cache data.
        - Capacity planning used average rather than peak memory.

    Good::

        ## Root cause
        Sessions share a cluster whose eviction policy treats them as cache data.

        ## Contributing factors
        - Capacity planning used average rather than peak memory.
    """

    code = "PM402"
    name = "root-cause-not-separated"
    level = Level.warning
    family = "root-cause"
    Options = NotSeparatedOptions
    options: NotSeparatedOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        if not has_root_cause(doc) or doc.contributing_factors \
                or doc.has_section("contributing_factors"):
            return
        if self.options.accept_trigger and doc.has_section("trigger"):
            return
        # The root-cause section listing several causes in one list mixes the root cause
        # with what else contributed ("Fault" and "Root cause and contributing factors" are
        # both root-cause sections). One stated cause with nothing else listed is not, nor
        # is a narrative of one cause with a list that details it ("We acted because: …").
        mixed = [s for s in doc.sections if s.kind == "root_cause"
                 and s.leading_list_items >= 2]
        if not mixed:
            return
        # "## Root cause" stating one cause, then "## Why did it happen?" listing what let it
        # happen: the list stands apart from the root cause already (a list headed "Root
        # cause and contributing factors" still mixes them)
        if any(s.kind == "root_cause" and s.leading_list_items < 2 and doc.has_text(s)
               for s in doc.sections) and \
                not any("contributing_factors" in s.also for s in mixed):
            return
        section = max(mixed, key=lambda s: len(s.body))
        span = section.title.span
        yield self.problem(
            span, "No contributing factors are listed apart from the root cause; state the "
            'one root cause here and list the rest under "## Contributing factors"',
            hint="contributing factors are process gaps, missing tests, alert gaps: the "
            "conditions that let the root cause turn into an incident")

