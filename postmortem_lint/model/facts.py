"""Facts derived from a postmortem's timeline: when each phase began and the delays between.

Shared by the timeline rules, the JSON output and audits, so it is computed one way.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from postmortem_lint.model.document import Phase, Postmortem, TimelineEntry


class IncidentFacts(BaseModel):
    onset: dt.datetime | None = None
    detection: dt.datetime | None = None
    mitigation: dt.datetime | None = None
    resolution: dt.datetime | None = None
    comparable: bool = False  # whether entry times can be compared (same zone or aware)

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
    midnight are moved to the next day."""
    out: list[dt.datetime | None] = []
    previous: dt.datetime | None = None
    for entry in entries:
        at = entry.at
        if at is None:
            out.append(None)
            continue
        if at.tzinfo is not None:
            at = at.astimezone(dt.UTC)
        if previous is not None and (at.tzinfo is None) == (previous.tzinfo is None):
            if not entry.has_date and at < previous and previous - at > dt.timedelta(hours=12):
                at += dt.timedelta(days=1) * ((previous - at).days + 1)
        out.append(at)
        previous = at
    return out


def incident_facts(doc: Postmortem) -> IncidentFacts:
    entries = doc.timeline.entries
    times = entry_times(entries)
    known = [t for t in times if t is not None]
    comparable = bool(known) and len({t.tzinfo is None for t in known}) == 1
    facts = IncidentFacts(comparable=comparable)
    first: dict[Phase, dt.datetime] = {}
    for entry, at in zip(entries, times, strict=True):
        if at is not None and entry.phase is not None and entry.phase not in first:
            first[entry.phase] = at
    facts.onset = first.get(Phase.onset)
    facts.detection = first.get(Phase.detection)
    facts.mitigation = first.get(Phase.mitigation)
    facts.resolution = first.get(Phase.resolution)
    if facts.onset is None and doc.meta.incident_start is not None:
        facts.onset = doc.meta.incident_start.value.astimezone(dt.UTC) \
            if doc.meta.incident_start.value.tzinfo else doc.meta.incident_start.value
        facts.comparable = facts.comparable and (facts.onset.tzinfo is None) == (
            known[0].tzinfo is None) if known else False
    if facts.resolution is None and doc.meta.incident_end is not None:
        end = doc.meta.incident_end.value
        facts.resolution = end.astimezone(dt.UTC) if end.tzinfo else end
    return facts
