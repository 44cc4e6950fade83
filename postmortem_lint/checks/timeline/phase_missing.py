"""PM304."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.timeline.anchor import timeline_anchor
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Phase, TimelineEntry, mostly_in_other_script
from postmortem_lint.model.facts import entry_phases

_MIN_ENTRIES = 2
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
    (``rules/timeline.yaml``: phrases, every form of a verb, a verb and its object
    such as "receives emails"); an entry may mark several phases. An incident
    opened or declared is the detection when the timeline opens with it or labels
    no phase; in a timeline that labels its phases, an incident declared after
    other entries is no detection (when was it noticed?).
    What the timeline records before the first detection (a change, a first
    silent failure, an attacker's first step) is the onset; a change deployed or
    applied after it, or an entry that says the problem was fixed or the bad change
    undone ("corrected", "reverted", "unpublished", "service restored"), is the fix:
    mitigation and resolution. A timeline that labels no phase and opens on an automated
    alert ("First alert fires", "Pingdom emails about the outage"; the monitoring phrases
    of ``rules/detection.yaml``) with nothing recorded before it times its onset by that
    alert, as closely as its record can. A phase the text gives with its
    time outside the timeline (a summary of the phases above it: "At 07:29 UTC the
    upgrade was activated") counts too. Incident start and end fields count as
    onset and resolution; an entry that gives the outage's length from its start
    ("an outage of 7 minutes from 05:13") gives its end too. An incident the text
    says ended with no one acting on it ("resolved automatically", "no manual
    intervention") has no mitigation to time. In a timeline that labels no phase,
    a fix that ends it (only announcements after it) ends the record, as its reader
    takes it: the resolution. One finding lists every missing
    phase; a narrative with a single timed entry is not judged, nor a timeline written in
    another language (most entries with a quarter of their words in another script, such as
    Korean or Chinese), whose phases the English vocabulary cannot read.

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
        if len([entry for entry in entries if entry.at is not None]) < _MIN_ENTRIES:
            return  # no timeline at all is PM300; one time in a story is no list
        timed = [entry for entry in entries if entry.at is not None]
        if mostly_in_other_script([entry.text for entry in timed]):
            return  # written in another language: its phases cannot be read
        narrated = [entry for entry in doc.timeline.narrative if entry.has_time]
        present = {phase for entry in [*entries, *narrated]
                   if entry.at is not None for phase in entry_phases(entry)}
        if doc.meta.incident_start is not None and doc.meta.incident_start_source != "date":
            present.add(Phase.onset)  # a status entry's date is no onset entry
        if doc.meta.incident_end is not None:
            present.add(Phase.resolution)
        if not any(entry.phase_explicit for entry in entries) and _ends_on_fix(timed):
            present.add(Phase.resolution)  # the record ends on the fix
        missing = [phase for phase in _REQUIRED if phase not in present
                   and not (phase is Phase.mitigation
                            and doc.timeline.recovered_unaided is not None)]
        if not missing:
            return
        names = [phase.value for phase in missing]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        noun = "entry" if len(names) == 1 else "entries"
        yield self.problem(
            timeline_anchor(doc), f"The timeline has no {listed} {noun}; add "
            f"{'its time' if len(names) == 1 else 'the time of each'} and label it",
            hint="e.g. " + "; ".join(f'"- 14:09 UTC — {_EXAMPLES[phase]}"' for phase in missing))


def _ends_on_fix(timed: list[TimelineEntry]) -> bool:
    """Whether the timeline ends on a fix that does not say the incident goes on, with
    only news after it (entries that announce or escalate: "status page updated")."""
    news = [Phase.escalation in phases and {Phase.mitigation, Phase.resolution}.isdisjoint(
        phases) for phases in map(entry_phases, timed)]
    last = next((index for index in range(len(timed) - 1, -1, -1) if not news[index]), None)
    return last is not None and entry_phases(timed[last]) == [Phase.mitigation] \
        and not timed[last].unresolved
