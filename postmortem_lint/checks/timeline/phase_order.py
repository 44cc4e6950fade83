"""PM305."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.timeline.anchor import show_time, timeline_anchor
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions
from postmortem_lint.model import Phase, Postmortem, Span
from postmortem_lint.model.facts import IncidentFacts, entry_phases, incident_facts

# (later, earlier): the later phase cannot begin before the earlier one.
_ORDER = (
    (Phase.detection, Phase.onset),
    (Phase.mitigation, Phase.onset),
    (Phase.resolution, Phase.onset),
    (Phase.resolution, Phase.detection),
    (Phase.resolution, Phase.mitigation),
)


class PhaseOrderOptions(RuleOptions):
    use_guessed_phases: bool = Field(
        False, description="Also compare phases guessed from an entry's words, not only "
        "labelled ones and the incident start/end fields (more findings, some of them wrong).")


def _span(doc: Postmortem, phase: Phase, source: str) -> Span:
    if source == "stated":
        field = doc.meta.incident_start if phase is Phase.onset else doc.meta.incident_end
        if field is not None:
            return field.span
    for entry in doc.timeline.entries:
        if phase in entry_phases(entry) and (entry.phase_explicit or source == "guessed"):
            return entry.time_text.span
    return timeline_anchor(doc)


def _time(facts: IncidentFacts, phase: Phase) -> dt.datetime | None:
    return getattr(facts, phase.value)


class TimelinePhaseOrder(Rule):
    """Timeline phases are in an impossible order (detected before onset, resolved first).

    The guides ask for a timeline that tells detection, onset, mitigation and
    resolution apart; when they contradict each other, the detection delay and
    time to resolve computed from them are wrong, and usually a time or a label
    is wrong too. Only phases the author labelled (a Phase column,
    ``**Detection:**``) and the incident start/end fields are compared, unless
    ``use-guessed-phases`` is on.

    Bad::

        ## Timeline

        | Time | Phase | Event |
        |---|---|---|
        | 10:21 UTC | Onset      | Alias switched to the partial index |
        | 09:48 UTC | Detection  | Seller reports reach support |

    Good::

        ## Timeline

        | Time | Phase | Event |
        |---|---|---|
        | 09:48 UTC | Onset      | Alias switched to the partial index |
        | 10:21 UTC | Detection  | Seller reports reach support |
    """

    code = "PM305"
    name = "timeline-phase-order"
    level = Level.error
    family = "timeline"
    Options = PhaseOrderOptions
    options: PhaseOrderOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        facts = incident_facts(doc)
        if not facts.comparable:
            return
        usable = {"labelled", "stated"} | ({"guessed"} if self.options.use_guessed_phases
                                           else set())
        reported: set[Phase] = set()
        for later, earlier in _ORDER:
            late_at, early_at = _time(facts, later), _time(facts, earlier)
            late_src = facts.sources.get(later.value, "")
            early_src = facts.sources.get(earlier.value, "")
            if late_at is None or early_at is None or later in reported:
                continue
            if late_src not in usable or early_src not in usable or late_at >= early_at:
                continue
            reported.add(later)
            dated = late_at.date() != early_at.date()
            yield self.problem(
                _span(doc, later, late_src),
                f"{later.value.capitalize()} ({show_time(late_at, dated)}) is before "
                f"{earlier.value} ({show_time(early_at, dated)}); fix the time or the phase "
                "label so the timeline reads onset, detection, mitigation, resolution",
                hint="check both times against the alert and deploy logs")
