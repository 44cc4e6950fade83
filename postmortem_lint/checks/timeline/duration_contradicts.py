"""PM307."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.timeline.anchor import show_time
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions
from postmortem_lint.model.facts import incident_facts


class DurationCheckOptions(RuleOptions):
    tolerance_minutes: float = Field(
        10, ge=0, description="Differences up to this many minutes are accepted.")
    tolerance_ratio: float = Field(
        0.2, ge=0, description="Differences up to this share of the timeline's duration are "
        "accepted (rounded durations such as 'about 2 hours').")
    use_guessed_phases: bool = Field(
        False, description="Also use onset and resolution guessed from an entry's words.")


def _minutes(value: float) -> str:
    hours, minutes = divmod(round(value), 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


class DurationContradictsTimeline(Rule):
    """The stated duration does not match the timeline's onset to resolution.

    The guides want facts that agree: the impact's duration, the timeline and any
    customer communication ("facts align with any external customer
    communication"). When they disagree, one of them is wrong, and SLA and time
    to resolve figures built on it are wrong too. Onset and resolution come from
    labelled timeline entries or the incident start/end fields.

    Bad::

        - **Duration:** 45 minutes

        ## Timeline

        | Time | Phase | Event |
        |---|---|---|
        | 18:12 UTC | Onset | First HTTP 500s |
        | 19:57 UTC | Resolution | Error rate at baseline |

    Good::

        - **Duration:** 1 hour 45 minutes (18:12 UTC to 19:57 UTC)

        ## Timeline

        | Time | Phase | Event |
        |---|---|---|
        | 18:12 UTC | Onset | First HTTP 500s |
        | 19:57 UTC | Resolution | Error rate at baseline |
    """

    code = "PM307"
    name = "duration-contradicts-timeline"
    level = Level.warning
    family = "timeline"
    Options = DurationCheckOptions
    options: DurationCheckOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        stated = doc.impact.duration
        if stated is None:
            return
        facts = incident_facts(doc)
        computed = facts.time_to_resolve_minutes
        if computed is None or facts.onset is None or facts.resolution is None or computed < 0:
            return
        trusted = {"labelled", "stated"} | ({"guessed"} if self.options.use_guessed_phases
                                            else set())
        if {facts.sources.get("onset"), facts.sources.get("resolution")} - trusted:
            return
        said = stated.value.total_seconds() / 60
        allowed = max(self.options.tolerance_minutes, self.options.tolerance_ratio * computed)
        if abs(said - computed) <= allowed:
            return
        dated = facts.onset.date() != facts.resolution.date()
        yield self.problem(
            stated.span, f"The stated duration ({_minutes(said)}) does not match the timeline: "
            f"onset {show_time(facts.onset, dated)} to resolution "
            f"{show_time(facts.resolution, dated)} is {_minutes(computed)}; correct one of them",
            hint="if the duration counts something else (e.g. time at full severity), say so "
            "next to it")
