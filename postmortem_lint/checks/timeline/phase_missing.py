"""PM304."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.timeline.anchor import timeline_anchor
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Phase

_REQUIRED = (Phase.onset, Phase.detection, Phase.mitigation, Phase.resolution)
_EXAMPLES = {
    Phase.onset: "**Onset:** first errors returned to customers",
    Phase.detection: "**Detection:** error-rate alert pages the on-call engineer",
    Phase.mitigation: "**Mitigation:** rollback to the previous release started",
    Phase.resolution: "**Resolved:** error rate back at baseline; incident resolved",
}


class TimelinePhaseMissing(Rule):
    """The timeline has no entry for one of onset, detection, mitigation or resolution.

    The guides ask the timeline to separate "detection vs start vs mitigation vs
    resolution". Those four moments give the numbers every review tracks: time to
    detect (MTTD), time to mitigate and time to resolve (MTTR). An entry counts
    when it is labelled (a Phase column, ``**Detected:**``) or its words say so
    (``rules/timeline.yaml``); incident start and end fields count as onset and
    resolution. One finding per missing phase.

    Bad::

        ## Timeline

        - 09:02 UTC — **Onset:** flag cache refreshes; 2025 tax tables used.
        - 11:52 UTC — Incident declared SEV3.
        - 12:21 UTC — **Mitigation:** flag restored.
        - 12:30 UTC — **Resolution:** new orders taxed correctly.

    Good::

        ## Timeline

        - 09:02 UTC — **Onset:** flag cache refreshes; 2025 tax tables used.
        - 11:40 UTC — **Detection:** hourly tax reconciliation report shows a mismatch.
        - 11:52 UTC — Incident declared SEV3.
        - 12:21 UTC — **Mitigation:** flag restored.
        - 12:30 UTC — **Resolution:** new orders taxed correctly.
    """

    code = "PM304"
    name = "timeline-phase-missing"
    level = Level.warning
    family = "timeline"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        entries = doc.timeline.entries
        if not entries:
            return  # no timeline at all is PM300
        present = {entry.phase for entry in entries}
        if doc.meta.incident_start is not None:
            present.add(Phase.onset)
        if doc.meta.incident_end is not None:
            present.add(Phase.resolution)
        for phase in _REQUIRED:
            if phase in present:
                continue
            yield self.problem(
                timeline_anchor(doc), f"The timeline has no {phase.value} entry; add the time "
                f"of {phase.value} and label it",
                hint=f'e.g. "- 14:09 UTC — {_EXAMPLES[phase]}"')
