"""Facts derived from a postmortem's timeline: when each phase began and the delays between.

Shared by the timeline rules, the JSON output and audits, so it is computed one way.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from postmortem_lint.model.document import Phase, Postmortem, TimelineEntry


class IncidentFacts(BaseModel):
    onset: dt.datetime | None = None
    detection: dt.datetime | None = None
    mitigation: dt.datetime | None = None
    resolution: dt.datetime | None = None
    comparable: bool = False  # whether entry times can be compared (same zone or aware)
    resolution_dated: bool = False  # whether ``resolution`` is on a known calendar day
    # phase -> where its time came from: "labelled" by the author in the timeline,
    # "stated" in the incident's start/end fields, or "guessed" from an entry's words
    sources: dict[str, str] = Field(default_factory=dict)

    def _minutes(self, start: dt.datetime | None, end: dt.datetime | None) -> float | None:
        if start is None or end is None or not self.comparable:
            return None
        return round((end - start).total_seconds() / 60, 1)

    @property
    def detection_delay_minutes(self) -> float | None:
        return self._minutes(self.onset, self.detection)

    @property
    def time_to_mitigate_minutes(self) -> float | None:
        return self._minutes(self.onset, self.mitigation)

    @property
    def time_to_resolve_minutes(self) -> float | None:
        return self._minutes(self.onset, self.resolution)

    def as_metrics(self) -> dict[str, float | str | None]:
        return {
            "onset": self.onset.isoformat() if self.onset else None,
            "detection": self.detection.isoformat() if self.detection else None,
            "mitigation": self.mitigation.isoformat() if self.mitigation else None,
            "resolution": self.resolution.isoformat() if self.resolution else None,
            "detection_delay_minutes": self.detection_delay_minutes,
            "time_to_mitigate_minutes": self.time_to_mitigate_minutes,
            "time_to_resolve_minutes": self.time_to_resolve_minutes,
        }


def entry_times(entries: list[TimelineEntry]) -> list[dt.datetime | None]:
    """Entry times made comparable: aware times in UTC; time-only entries that wrap past
    midnight are moved to the next day. An entry whose day differs from the entry's before
    it as read (a day heading or date row between them gave it) keeps its day: a timeline
    listed newest first, day by day, goes back in time."""
    out: list[dt.datetime | None] = []
    previous: dt.datetime | None = None
    previous_day: dt.date | None = None
    for entry in entries:
        at = entry.at
        if at is None:
            out.append(None)
            continue
        day = at.date()
        if at.tzinfo is not None:
            at = at.astimezone(dt.UTC)
        comparable = previous is not None and (at.tzinfo is None) == (previous.tzinfo is None)
        if comparable and previous is not None and not entry.has_date and at < previous \
                and previous - at > dt.timedelta(hours=12) and day == previous_day:
            at += dt.timedelta(days=1) * ((previous - at).days + 1)
        out.append(at)
        previous, previous_day = at, day
    return out


def entry_phases(entry: TimelineEntry) -> list[Phase]:
    """The phases an entry marks (models built before ``phases`` existed carry one)."""
    if entry.phases:
        return entry.phases
    return [entry.phase] if entry.phase is not None else []


def _utc(at: dt.datetime) -> dt.datetime:
    return at.astimezone(dt.UTC) if at.tzinfo is not None else at


def incident_facts(doc: Postmortem) -> IncidentFacts:
    """When each phase began. A phase the author labelled (a Phase column, "**Onset:**")
    wins over the incident's start/end fields, which win over phases guessed from words."""
    entries = doc.timeline.entries
    times = entry_times(entries)
    known = [t for t in times if t is not None]
    comparable = bool(known) and len({t.tzinfo is None for t in known}) == 1
    facts = IncidentFacts(comparable=comparable)
    labelled: dict[Phase, tuple[dt.datetime, bool]] = {}
    guessed: dict[Phase, tuple[dt.datetime, bool]] = {}
    for entry, at in zip(entries, times, strict=True):
        if at is not None:
            found = labelled if entry.phase_explicit else guessed
            for phase in entry_phases(entry):
                found.setdefault(phase, (at, entry.dated))
    meta = doc.meta
    onset = meta.incident_start if meta.incident_start_source != "date" else None
    stated = {Phase.onset: onset, Phase.resolution: meta.incident_end}
    chosen: dict[Phase, dt.datetime] = {}
    dated: dict[Phase, bool] = {}
    for phase in (Phase.onset, Phase.detection, Phase.mitigation, Phase.resolution):
        field = stated.get(phase)
        if phase in labelled:
            chosen[phase], dated[phase] = labelled[phase]
            facts.sources[phase.value] = "labelled"
        elif field is not None:
            chosen[phase], dated[phase] = _utc(field.value), True
            facts.sources[phase.value] = "stated"
        elif phase in guessed:
            chosen[phase], dated[phase] = guessed[phase]
            facts.sources[phase.value] = "guessed"
    facts.resolution_dated = dated.get(Phase.resolution, False)
    facts.onset = chosen.get(Phase.onset)
    facts.detection = chosen.get(Phase.detection)
    facts.mitigation = chosen.get(Phase.mitigation)
    facts.resolution = chosen.get(Phase.resolution)
    zones = {at.tzinfo is None for at in chosen.values()}
    facts.comparable = len(zones) == 1 and (comparable or not known)
    return facts
