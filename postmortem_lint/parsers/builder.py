"""Turns what a parser found (fields, timeline rows, action rows…) into the model.

Both parsers feed this one builder, so a value means the same thing whatever
format it was written in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from postmortem_lint.model import (
    ActionItem,
    ContributingFactor,
    ItemStatus,
    Located,
    ParseProblem,
    Phase,
    Postmortem,
    Prose,
    ProseRole,
    Span,
    TimelineEntry,
    Why,
    join_prose,
)
from postmortem_lint.model.practices import DetectionMethod
from postmortem_lint.parsers import (
    action_items,
    analysis,
    cost,
    document_kind,
    practices,
    prose_facts,
    times,
    values,
    voice,
)
from postmortem_lint.parsers.detection import classify as detection_method
from postmortem_lint.parsers.phases import phase_reader
from postmortem_lint.phrases import find_phrases, has_phrase
from postmortem_lint.ruledata import RuleData

_PHASE_ORDER = ("resolution", "mitigation", "detection", "escalation", "onset")
# Where the incident's day may be read, best first.
_DATE_SOURCES = ("front-matter", "title", "first-paragraph", "timeline", "file-name", "narrative")


# Sections that say what caused the incident.
_CAUSE_SECTIONS = frozenset(("root_cause", "contributing_factors", "summary"))
# What makes a process the project's own: "our …", "the project's …", "Acme's …".
_OWNED = re.compile(r"(?:\bour|\w['’]s)\s+(?:own\s+)?(?:\w+\s+)?$", re.IGNORECASE)
# An entry that dates the start back from its own time: "a transfer made 30 minutes
# earlier", "errors had begun some hours before".
_EARLIER = re.compile(r"\b(?:\d+|a few|several|some|an?|one|two|three)\s+"
                      r"(?:seconds?|minutes?|mins?|hours?|days?)\s+(?:earlier|prior)\b")


@cache
def _phrases_ci(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Whole-word phrases, any case: "Security Advisory", "assigned to this issue"."""
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _first_phrase(words: list[str], texts: list[Prose]) -> Located[str] | None:
    """The first of the phrases found in the texts, where it stands."""
    pattern = _phrases_ci(tuple(words))
    if pattern is None:
        return None
    for prose in texts:
        found = pattern.search(prose.text)
        if found is not None:
            return Located(value=found.group(0), span=prose.span(*found.span()))
    return None


# Words that make a key in a heading or a sentence the place where work is tracked:
# "(tracked in OPS-12)", "epic PLAT-7", "see #41".
_TRACKING_WORD = re.compile(r"\b(?:track(?:ed|ing)?|issues?|tickets?|epic|jira|board|see|in)\b",
                            re.IGNORECASE)


# The value of an explicit "due:"/"deadline:" field, up to the next separator.
_INLINE_DUE_VALUE = re.compile(r"\b(?:due(?: date)?|deadline)\s*[:=]\s*([^,;|·()\n]{1,40})",
                               re.IGNORECASE)


def _linked_ticket(texts: list[Prose], any_link: bool = False
                   ) -> tuple[tuple[str, int, int] | None, Prose | None]:
    """The first link whose target is a ticket (any link in a Ticket column), with the span
    of the link's text."""
    find = values.find_ticket if any_link else values.find_tracker
    for prose in texts:
        for start, end, href in prose.links:
            if find(href) is not None:
                return (href, start, max(end, start + 1)), prose
    return None, None


def _located(prose: Prose, value):  # noqa: ANN001, ANN202 - generic helper
    return Located(value=value, span=prose.whole, raw=prose.text)


def _words_at(prose: Prose, start: int, end: int) -> Located[str]:
    """The words of ``prose`` from ``start`` to ``end``, where they stand in the source."""
    return Located(value=prose.text[start:end], span=prose.span(start, end))


EARLIEST_YEAR, LATEST_YEAR = 1990, 2100  # years a postmortem's own date falls in


class DocumentBuilder:
    def __init__(self, path: str, fmt: str, line_count: int, data: RuleData):
        self.doc = Postmortem(path=path, format=fmt, line_count=max(line_count, 1))
        self.data = data
        self._undated: dict[str, tuple[Prose, dt.datetime]] = {}  # bare start/end times
        # Whether numeric dates ("06/04/2023") are written day first: one reading per document.
        self.dayfirst = False
        self._date_stated = False  # whether a date field (not a start time) gave the day
        # work a sentence says is left out of what shipped ("Except for the third fix, these
        # changes are in 1.2"): open, though every item above it is done
        self.open_work_stated: Located[str] | None = None
        self.timeline_day: Located[dt.date] | None = None  # the first day the timeline states
        # The time of day a date field gives with the incident's day ("date: 2026-03-04
        # 14:32"): its start when the same fields also record how it ended.
        self._date_moment: Located[dt.datetime] | None = None
        # Whether the fields say the incident is over ("resolved: true", "status: resolved").
        self.resolved = False
        # The top-level keys of the front matter, where written: a site's post shows in them.
        self.front_matter_keys: list[Located[str]] = []
        self._post_date: Located[dt.date] | None = None  # a post's own date, set aside

    # -- problems ---------------------------------------------------------------
    def problem(self, code: str, message: str, span: Span) -> None:
        self.doc.problems.append(ParseProblem(code=code, message=message, span=span))

    # -- metadata fields ---------------------------------------------------------
    def set_field(self, name: str, prose: Prose) -> bool:
        """Record a metadata/impact field; returns False when the field is unknown."""
        text = prose.text.strip()
        if not text:
            return True
        meta, impact = self.doc.meta, self.doc.impact
        if name == "status" and values.normalise_key(text) in self.data.resolved_states:
            self.resolved = True
        if name == "status" and values.normalise_key(text) in self.data.post_states:
            return True  # "status: publish": a site's post, not a team's form
        if name in ("id", "title", "status", "incident_class", "security_review", "cost"):
            target = meta
            if getattr(target, name) is None:
                setattr(target, name, _located(prose, text))
        elif name == "owner":
            if meta.owner is None:
                meta.owner = _located(prose, text)
        elif name == "authors":
            for part in re.split(r",|;|\band\b|&", text):  # parts are stripped: no \s* here
                if part.strip():
                    meta.authors.append(_located(prose, part.strip()))
        elif name == "services":
            for part in re.split(r"[,;]", text):
                if part.strip():
                    meta.services.append(_located(prose, part.strip()))
        elif name == "severity":
            if values.is_status_page_state(text, self.data):
                meta.severity_unknown = meta.severity_unknown or _located(prose, text)
                return True  # "severity: major-outage": a status page's component state
            severity = values.parse_severity(text, self.data)
            if severity is None:
                meta.severity_unknown = _located(prose, text)
                self.problem("PM003", f'unknown severity "{text[:40]}"; use SEV-0…SEV-4, P0…P4 '
                             "or critical/high/medium/low", prose.whole)
            elif meta.severity is None:
                meta.severity = _located(prose, severity)
        elif name == "audience":
            audience = values.parse_audience(text)
            if audience is None:
                self.problem("PM003", f'unknown audience "{text[:40]}"; use internal or '
                             "customer-facing", prose.whole)
            elif meta.audience is None:
                meta.audience = _located(prose, audience)
        elif name in ("incident_start", "incident_end"):
            at = times.parse_datetime(text, self.data.time_zones)
            if at is None and times.is_impossible_date(text):
                self.problem("PM003", f'impossible date "{text[:30]}"', prose.whole)
            elif at is None and self._time_without_date(name, prose, text):
                pass  # resolved against the incident's date when the document is finished
            elif at is None:
                meta.unparsed.append(_located(prose, text))
            elif at is not None and getattr(meta, name) is None:
                setattr(meta, name, _located(prose, at))
                if name == "incident_start":
                    meta.incident_start_source = "field"
                    self.date_incident(_located(prose, at.date()), "front-matter")
        elif name in ("incident_date", "date_written", "date_published", "review_date"):
            self._set_date(name, prose, text)
        elif name == "security":
            flag = values.parse_bool(text)
            if flag is not None and meta.security is None:
                meta.security = _located(prose, flag)
        elif name == "users_affected":
            count = values.parse_count(text)
            if count is not None and impact.users_affected is None:
                impact.users_affected = _located(prose, count)
            impact.text.append(prose)
        elif name == "duration":
            duration = times.parse_duration(text)
            if duration is not None and impact.duration is None:
                impact.duration = _located(prose, duration)
            elif duration is None and impact.duration_stated is None and \
                    values.normalise_key(text) in self.data.unknown_values:
                impact.duration_stated = _located(prose, text)  # "Duration: Unknown"
        elif name == "revenue":
            impact.revenue = impact.revenue or _located(prose, text)
            impact.text.append(prose)
        elif name == "sla_breached":
            flag = values.parse_bool(text)
            if impact.sla_breached is None and flag is not None:
                impact.sla_breached = _located(prose, flag)
        elif name == "data_loss":
            impact.data_loss = impact.data_loss or _located(prose, text)
        elif name == "review_owner":
            self.doc.follow_up.owner = self.doc.follow_up.owner or _located(prose, text)
        elif name in practices.FIELDS:
            practices.read_field(self.doc, name, prose, self.data)
        else:
            return False
        return True

    def _set_date(self, name: str, prose: Prose, text: str) -> None:
        day = times.parse_date(text, dayfirst=self.dayfirst)
        if day is None:
            found = times.find_date(text, dayfirst=self.dayfirst)
            day = found[0] if found else None
        if day is None:
            if times.is_impossible_date(text):
                self.problem("PM003", f'impossible date "{text[:30]}"', prose.whole)
            else:
                self.doc.meta.unparsed.append(_located(prose, text))
                if name == "review_date" and self.doc.follow_up.review_date_unparsed is None:
                    self.doc.follow_up.review_date_unparsed = _located(prose, text)
            return
        if name == "review_date":
            follow = self.doc.follow_up
            follow.review_date = follow.review_date or _located(prose, day)
            follow.span = follow.span or prose.whole
        elif name == "incident_date":
            self.date_incident(_located(prose, day), "front-matter", stated=True)
            at = times.parse_datetime(text, self.data.time_zones)
            if at is not None and at.time() != dt.time() and self._date_moment is None:
                self._date_moment = _located(prose, at)  # midnight is a day, not a moment
        elif getattr(self.doc.meta, name) is None:
            setattr(self.doc.meta, name, _located(prose, day))

    # -- the incident's day ---------------------------------------------------------
    def date_incident(self, day: Located[dt.date], source: str, *, stated: bool = False
                      ) -> None:
        """Record the incident's day unless a better source already gave it. A stated date
        field wins over the start field's day; both win over a date read from prose."""
        meta = self.doc.meta
        if not EARLIEST_YEAR <= day.value.year <= LATEST_YEAR:
            return  # "Aug 15" read with no year known: no day of this incident
        current = _DATE_SOURCES.index(meta.incident_date_source) \
            if meta.incident_date_source in _DATE_SOURCES else len(_DATE_SOURCES)
        wanted = _DATE_SOURCES.index(source)
        if meta.incident_date is None or wanted < current or (
                stated and wanted == current and not self._date_stated):
            meta.incident_date, meta.incident_date_source = day, source
            self._date_stated = self._date_stated or stated

    def post_date_is_publication(self) -> None:
        """A site's post (its front matter has a post's keys: layout, permalink, author…)
        dates itself with a plain ``date``: the day it was published, which is often days
        after the incident. The incident's day is then read from the title, the first
        paragraph or the timeline, and the publication day is kept as such."""
        meta, keys = self.doc.meta, self.front_matter_keys
        names = {values.normalise_key(key.value) for key in keys}
        if meta.incident_date is None or meta.incident_date_source != "front-matter" or \
                "date" not in names or not names & set(self.data.post_keys):
            return
        if self.resolved or any(field is not None for field in (
                meta.incident_end, meta.severity, meta.severity_unknown, meta.status)):
            return  # a status page's entry: its fields, date included, are the incident's
        date_key = next(key for key in keys if values.normalise_key(key.value) == "date")
        if meta.incident_date.span.line != date_key.span.line:
            return  # the day came from a field that names the incident
        if meta.date_published is None:
            meta.date_published = meta.incident_date
        self._post_date = meta.incident_date
        meta.incident_date, meta.incident_date_source = None, None
        self._date_stated = False

    def dated_by_post(self) -> bool:
        """Whether the incident's day came from a front matter whose keys name no field of
        a team's form but the title and the date ("title:" and "date:" of a site's page)."""
        meta, keys = self.doc.meta, self.front_matter_keys
        if not keys or meta.incident_date is None or meta.incident_date_source != "front-matter":
            return False
        lines = {key.span.line for key in keys}
        if meta.incident_date.span.line not in lines:
            return False  # a "Date:" line of the body: a form's field
        fields = {values.field_for_key(key.value, self.data) for key in keys}
        return fields <= {None, "title", "incident_date"}

    def post_date_if_nothing_else(self) -> None:
        """A post whose text dates the incident nowhere: its day is the post's, as before."""
        if self._post_date is not None and self.doc.meta.incident_date is None:
            self.date_incident(self._post_date, "front-matter")

    def post_date_over_impossible(self) -> None:
        """A post whose text gives the post's own day and month in another year is dated by
        the post: a year mistyped in a timeline's heading ("2012-04-09" in a post of
        2020-04-09). (A day after the post's may be right: a post's date can be stale.)"""
        post, read = self._post_date, self.doc.meta.incident_date
        if post is None or read is None or read.span == post.span:
            return
        if (read.value.month, read.value.day) == (post.value.month, post.value.day) and \
                read.value.year != post.value.year:
            self.doc.meta.incident_date = post
            self.doc.meta.incident_date_source = "front-matter"

    def default_date(self) -> dt.date | None:
        """The day of the incident (the model's one fact), for times written without one."""
        meta = self.doc.meta
        return meta.incident_date.value if meta.incident_date is not None else None

    # -- timeline -----------------------------------------------------------------

    def add_timeline_entry(self, time_prose: Prose, event: Prose, span: Span, *,
                           phase_text: str | None = None, declared_zone: str | None = None,
                           default_date: dt.date | None = None) -> TimelineEntry | None:
        """Add a row whose time is at the start of ``time_prose``; None if it has no time."""
        zones = self.data.time_zones
        found = times.find_timestamp(time_prose.text, zones, within=12,
                                     default_date=default_date, dayfirst=self.dayfirst,
                                     labels=True)
        if found is None:
            return None
        zone, is_utc, at = found.zone, found.is_utc, found.at
        if zone is None and declared_zone is not None and at is not None:
            tzinfo, is_utc = times._zone_offset(declared_zone, zones)  # noqa: SLF001
            zone = declared_zone
            if tzinfo is not None:
                at = at.replace(tzinfo=tzinfo)
        entry = TimelineEntry(
            span=span,
            time_text=Located(value=time_prose.text[found.start:found.end],
                              span=time_prose.span(found.start, found.end)),
            at=at, has_date=found.has_date, zone=zone, is_utc=is_utc, text=event)
        labelled = self.phase_from_label(phase_text) if phase_text else None
        if labelled is not None:
            entry.phases, entry.phase_explicit = [labelled], True
        self.read_phases(entry)
        self.doc.timeline.entries.append(entry)
        return entry

    def read_phases(self, entry: TimelineEntry) -> None:
        """The phases an entry's words mark, unless the author labelled one."""
        if not entry.phase_explicit:
            labelled = self.label_phase(entry.text.text)
            if labelled is not None:
                entry.phases, entry.phase_explicit = [labelled], True
            else:
                entry.phases = self.classify_phases(entry.text.text)
                entry.unresolved = phase_reader(self.data).denies(
                    "resolution", entry.text.text.lower())
                if Phase.resolution not in entry.phases and \
                        times.find_stated_duration(entry.text.text) is not None:
                    # "an outage of 7 minutes from 05:13": the entry gives the end too;
                    # told of nothing else, its time is the start ("At 06:10 UTC the
                    # API had a 12 minute disruption")
                    if not entry.phases:
                        entry.phases.append(Phase.onset)
                    entry.phases.append(Phase.resolution)
        entry.phase = entry.phases[0] if entry.phases else None

    def extend_entry(self, entry: TimelineEntry, more: Prose) -> None:
        """A line that continues the entry above it: its words count for the entry's phase."""
        entry.text = join_prose([entry.text, more], separator="\n") \
            if entry.text.text.strip() else more
        self.read_phases(entry)

    def phase_from_label(self, text: str) -> Phase | None:
        """A Phase/Stage column's label: "Onset", "Identify", "Remediate", "Resolve"."""
        label = values.normalise_key(text)
        if not label:
            return None
        for phase in Phase:
            if label == phase.value or label in self.data.phases.get(phase.value, []):
                return phase
        found = self.classify_phases(label)
        return found[0] if found else None

    def label_phase(self, text: str) -> Phase | None:
        """A phase the author labelled: "**Onset:** first errors", "Resolved: all clear"."""
        match = _PHASE_LABEL.match(text)
        if match is None:
            return None
        label = values.normalise_key(match.group(1))
        for phase in Phase:
            if label == phase.value or label in self.data.phases.get(phase.value, []):
                return phase
        return None

    def classify_phase(self, text: str) -> Phase | None:
        found = self.classify_phases(text)
        return found[0] if found else None

    def classify_phases(self, text: str) -> list[Phase]:
        """Every phase whose words the text contains, main phase first. A change that is
        deployed or merged is a fix, not the onset, when the text says it is one."""
        lowered = text.lower()
        reader = phase_reader(self.data)
        found = [Phase(phase) for phase in _PHASE_ORDER if reader.marks(phase, lowered)
                 or (phase == "resolution" and reader.back(lowered))]
        if reader.fixed(lowered):  # "corrected the setting": the fix, whatever else it says
            found = [phase for phase in found if phase is not Phase.onset]
            found += [phase for phase in (Phase.resolution, Phase.mitigation)
                      if phase not in found]
        if Phase.onset not in found and _EARLIER.search(lowered):
            found.append(Phase.onset)  # "an odd transfer made about 30 minutes earlier"
        if reader.fix_applied(lowered):  # "fix deployed": the response, not the cause
            found = [phase for phase in found if phase is not Phase.onset]
            found += [phase for phase in (Phase.mitigation, Phase.resolution)
                      if phase not in found]
        elif Phase.mitigation in found and Phase.onset in found and reader.change(lowered):
            found.remove(Phase.onset)  # "rolled back the deploy": the change is the rollback
        return found

    def settle_phases(self) -> None:
        """What an entry is by its place. An incident opened or declared is its detection
        when the timeline opens with it, or labels no phase and notes no earlier
        detection. A change deployed or applied after the incident was detected is the
        response to it (a fix): mitigation and resolution, not onset.
        What the timeline records before anyone noticed the incident (a change, a first
        silent failure, an attacker's first step) is its onset."""
        entries = self.doc.timeline.entries
        reader = phase_reader(self.data)
        labelled = any(entry.phase_explicit for entry in entries)
        for index, entry in enumerate(entries):
            if Phase.detection in entry.phases or (labelled and index > 0):
                break
            if not entry.phase_explicit and reader.marks("opened", entry.text.text.lower()):
                # the incident opened: when the team learned of it, its detection, if the
                # timeline opens with it or labels no phase (then a missing label says
                # nothing); a labelled timeline that opens the incident late lacks one
                entry.phases.append(Phase.detection)
                entry.phase = entry.phases[0]
                break
        first_detected = next((i for i, entry in enumerate(entries)
                               if Phase.detection in entry.phases), None)
        if first_detected is None:
            return
        for entry in entries[:first_detected]:
            if not entry.phase_explicit and not {Phase.onset, Phase.mitigation,
                                                 Phase.resolution} & set(entry.phases):
                entry.phases.append(Phase.onset)
                entry.phase = entry.phases[0]
        for entry in entries[first_detected + 1:]:
            phases = entry.phases
            if not entry.phase_explicit and reader.change(entry.text.text.lower()):
                phases = [p for p in phases if p is not Phase.onset]
                entry.phases = phases + [p for p in (Phase.mitigation, Phase.resolution)
                                         if p not in phases]
                entry.phase = entry.phases[0]
        self.alert_as_onset(labelled)

    def alert_as_onset(self, labelled: bool) -> None:
        """A timeline that labels no phase, records nothing before the incident was found
        and opens on an automated alert: the alert times the onset as closely as the
        document can, so it is the onset as well as the detection."""
        timed = [entry for entry in self.doc.timeline.entries if entry.at is not None]
        if labelled or not timed or any(Phase.onset in entry.phases for entry in timed):
            return
        first = timed[0]
        if Phase.detection in first.phases and detection_method(
                first.text.text, self.data) is DetectionMethod.monitoring:
            first.phases.append(Phase.onset)

    def zone_from_same_times(self) -> None:
        """A timeline written without any zone, whose times the text writes elsewhere with
        one ("outages beginning from UTC 05:13" and a "05:13" entry), is in that zone."""
        timeline = self.doc.timeline
        entries = [entry for entry in timeline.entries if entry.at is not None]
        if not entries or timeline.declared_zone is not None or \
                any(entry.zone is not None for entry in timeline.entries):
            return
        bare = {f"{entry.at.hour:02d}:{entry.at.minute:02d}" for entry in entries
                if entry.at is not None}
        texts = [prose for prose in self.doc.prose if prose.role == ProseRole.narrative]
        texts += [entry.text for entry in timeline.entries]
        zones = self.data.time_zones
        matches = [(prose, found) for prose in texts
                   for found in times.zoned_clocks(prose.text, zones) if found[0] in bare]
        if not matches or len({found[1] for _, found in matches}) != 1:
            return  # none, or the same times in two zones: still ambiguous
        prose, (_, zone, start, end) = matches[0]
        timeline.declared_zone = Located(value=zone, span=prose.span(start, end))
        tzinfo, is_utc = times._zone_offset(zone, zones)  # noqa: SLF001
        for entry in timeline.entries:
            entry.zone, entry.is_utc = zone, is_utc
            if entry.at is not None and tzinfo is not None:
                entry.at = entry.at.replace(tzinfo=tzinfo)

    def narrative_timeline(self) -> None:
        """The events the text tells with their time outside a timeline list or table (a
        narrative, status updates, a dated account), one per sentence that names a moment;
        a paragraph that names a single moment (a status update: its words, then its time)
        is one event, as is a short line that is only a time ("**Update 14:02 UTC**")
        with the paragraph below it."""
        doc = self.doc
        lists = [span for span in (doc.timeline.span, doc.action_items_span) if span is not None]
        label: tuple[Prose, times.TimeMatch] | None = None  # a time written above its update
        for prose in doc.prose:
            if prose.role != ProseRole.narrative or prose.section in _NOT_NARRATIVE or \
                    any(span.covers_line(prose.whole.line) for span in lists):
                label = None
                continue
            above, label = label, self._time_label(prose)
            if label is not None:
                continue
            if above is not None and not self._event_moments(prose.text):
                self._add_narrated(above[0], above[1], prose)
                continue
            events: list[tuple[Prose, times.TimeMatch]] = []
            # a moment written as a code span ("rolled out on `Apr 28 20:00 UTC`")
            code_events: list[tuple[Prose, times.TimeMatch, str]] = []
            for start, end in prose_facts.sentences(prose.text):
                sentence = prose.slice(start, end)
                moments = self._event_moments(sentence.text)
                in_code = self._code_moments(prose, start, end)
                if in_code and (not moments or in_code[0][0].start < moments[0].start):
                    if _tells_event(sentence.text, [in_code[0][0], *moments]):
                        code_events.append((sentence, *in_code[0]))
                    continue
                if moments and _tells_event(sentence.text, moments):
                    events.append((sentence, moments[0]))
            whole = prose.strip()
            if len(events) == 1 and len(whole.text) <= _STATUS_UPDATE_LENGTH and \
                    whole.text.find(events[0][0].text) >= 0:
                sentence, moment = events[0]
                shift = whole.text.find(sentence.text)
                events = [(whole, dataclasses.replace(moment, start=moment.start + shift,
                                                      end=moment.end + shift))]
            for text, moment in events:
                self._add_narrated(text, moment, text)
            for text, moment, written in code_events:
                self._add_narrated(text, moment, text, written)

    def _code_moments(self, prose: Prose, start: int, end: int
                      ) -> list[tuple[times.TimeMatch, str]]:
        """The moments a sentence writes as code spans, each placed where its span was cut
        out of the sentence's text, with the span's text."""
        found = []
        for offset, code in prose.code:
            if not start <= offset < end:
                continue
            moments = self._event_moments(code)
            if moments and moments[0].has_time:
                moment, place = moments[0], offset - start
                day = times.find_date(code, self.default_date(), self.dayfirst)
                if not moment.has_date and day is not None and moment.at is not None:
                    # "Apr 28 around 20:00 UTC": the day and the time are one moment
                    moment = dataclasses.replace(moment, has_date=True, at=moment.at.replace(
                        year=day[0].year, month=day[0].month, day=day[0].day))
                found.append((dataclasses.replace(moment, start=place, end=place + 1), code))
        return found

    def _add_narrated(self, where: Prose, moment: times.TimeMatch, text: Prose,
                      written: str | None = None) -> None:
        entry = TimelineEntry(
            span=where.whole,
            time_text=Located(value=written or where.text[moment.start:moment.end],
                              span=where.span(moment.start, moment.end)),
            at=moment.at, has_date=moment.has_date, has_time=moment.has_time,
            zone=moment.zone, is_utc=moment.is_utc, text=text)
        self.read_phases(entry)
        self.doc.timeline.narrative.append(entry)

    def _time_label(self, prose: Prose) -> tuple[Prose, times.TimeMatch] | None:
        """A short line that only gives a time of day, as status updates head their text
        ("**Update 14:02 UTC**", "Resolved - 14:40 UTC"); None for anything else."""
        text = prose.text.strip()
        if "\n" in text or len(text.split()) > _LABEL_WORDS:
            return None
        moments = self._event_moments(text)
        if len(moments) != 1 or not moments[0].has_time or _tells_event(text, moments):
            return None
        return prose, moments[0]

    def _event_moments(self, text: str) -> list[times.TimeMatch]:
        """The moments a sentence names as events: not the ends of a window it gives
        ("between 19:00 and 21:00 UTC", "from 3 March to 5 March")."""
        windows = [found[1:] for found in (prose_facts.find_time_range(text),
                                           prose_facts.find_date_range(text, None))
                   if found is not None]
        return [moment for moment in times.find_moments(
                    text, self.data.time_zones, default_date=self.default_date(),
                    dayfirst=self.dayfirst)
                if not any(start <= moment.start < end for start, end in windows)]

    # -- action items -----------------------------------------------------------------
    def add_action_item(self, description: Prose, span: Span, cells: dict[str, Prose],
                        checkbox: str | None = None, *,
                        status: ItemStatus | None = None, owner: Located[str] | None = None,
                        ticket: Located[str] | None = None,
                        horizon: Located[str] | None = None, in_prose: bool = False) -> None:
        """Add an item; ``status``, ``owner``, ``ticket`` and ``horizon`` come from the
        heading or label above it ("Completed", "Platform team (@platform)", "Short-term
        (tracked in #41)") and apply when the item does not say its own. ``in_prose``: the
        item is a sentence of the text, not a line of a list or table."""
        item = self.read_action_item(description, span, cells, checkbox)
        item.in_prose = in_prose
        if item.status is None and status is not None:
            item.status = Located(value=status, span=item.words.span(0, 1))
        if item.owner is None and owner is not None:
            item.owner = owner
        if item.ticket is None and ticket is not None:
            item.ticket = ticket
        item.horizon = horizon
        item.about_document = action_items.about_document(item.words.text, self.data)
        item.standing_rule = action_items.states_rule(item.words.text, self.data)
        found = next(find_phrases(item.words.text, self.data.vague_exhortations), None)
        if found is not None:
            item.exhortation = Located(value=item.words.text[found[0]:found[1]],
                                       span=item.words.span(*found))
        self.doc.action_items.append(item)

    def heading_ticket(self, heading: Prose) -> Located[str] | None:
        """A tracker named in a heading or label above items: "Short-term (tracked in
        [#41](…))" covers every item below it."""
        found = values.find_tracker(heading.text)
        if found is not None and not found[0].lower().startswith("http") and \
                _TRACKING_WORD.search(heading.text[max(0, found[1] - 30):found[1]]) is None:
            found = None  # "Fix for CVE-2023-1234" names what to fix, not where it is tracked
        if found is None:
            found, linked = _linked_ticket([heading])
            heading = linked or heading
        if found is None:
            return None
        return Located(value=found[0], span=heading.span(found[1], found[2]))

    def add_action_detail(self, prose: Prose) -> None:
        """A line that describes the item above it (a nested bullet, a continuation): its
        ticket link and its status mark belong to that item."""
        if not self.doc.action_items:
            return
        item = self.doc.action_items[-1]
        item.details.append(prose)
        details = self.read_action_item(prose, prose.whole, {})
        if item.ticket is None:
            item.ticket = details.ticket
        mark = action_items.status_mark(prose, self.data)
        if mark is not None and (item.status is None or item.status.value == ItemStatus.open):
            item.status = mark

    def heading_owner(self, heading: Prose) -> Located[str] | None:
        """An owner named in a heading above items: "Platform (@platform)", "Owner: Ana"."""
        return _inline_owner(heading)

    def add_action_reference(self, prose: Prose) -> None:
        """A link or "See …" line in the action list outside any item: when it points at a
        tracker, every item is tracked there."""
        found = values.find_tracker(prose.text)
        if found is None:
            found, linked = _linked_ticket([prose])
            prose = linked or prose
        if found is not None and self.doc.action_items_tracker is None:
            self.doc.action_items_tracker = Located(value=found[0],
                                                    span=prose.span(found[1], found[2]))

    def add_action_details(self, prose: Prose) -> bool:
        """Fill the last action item's missing fields from a line that starts with a field
        label (a nested "Owner: … · Due: …" bullet); False when the line is not such a line."""
        if not self.doc.action_items or not _starts_with_action_label(prose.text, self.data):
            return False
        item = self.doc.action_items[-1]
        details = self.read_action_item(prose, prose.whole, {})
        for name in ("owner", "due", "due_unparsed", "priority", "status", "type", "ticket"):
            if getattr(item, name) is None:
                setattr(item, name, getattr(details, name))
        return True

    def read_action_item(self, description: Prose, span: Span, cells: dict[str, Prose],
                         checkbox: str | None = None) -> ActionItem:
        data = self.data
        item = ActionItem(span=span, description=description)
        text = description.text
        if "owner" in cells and cells["owner"].text.strip():
            item.owner = _located(cells["owner"].strip(), cells["owner"].text.strip())
        else:
            item.owner = _inline_owner(description) or action_items.lead_owner(description,
                                                                              data)
        if "due" in cells and cells["due"].text.strip():
            self._set_due(item, cells["due"].strip())
        else:
            match = re.search(r"\b(?:due|by|deadline|target|eta)\b\s*[:=]?\s*", text, re.I)
            found = times.find_date(text[match.end():] if match else text)
            if found:
                base = match.end() if match else 0
                item.due = Located(value=found[0],
                                   span=description.span(base + found[1], base + found[2]))
            else:  # "due: TBD", as a Due cell holding TBD: written, but not a date
                written = _INLINE_DUE_VALUE.search(text)
                if written is not None and written.group(1).strip():
                    item.due_unparsed = Located(value=written.group(1).strip(),
                                                span=description.span(*written.span(1)))
                else:  # "within two weeks", "by the end of the quarter"
                    item.due_unparsed = action_items.due_in_words(description)
        if "priority" in cells and cells["priority"].text.strip():
            prose = cells["priority"].strip()
            priority = values.parse_priority(prose.text, data)
            if priority is not None:
                item.priority = _located(prose, priority)
        else:
            found_priority = values.find_priority(text, data)
            if found_priority:
                item.priority = Located(value=found_priority[0],
                                        span=description.span(found_priority[1], found_priority[2]))
            else:
                item.priority = action_items.lead_priority(description, data)
        marked = next((found for found in (action_items.status_mark(prose, data)
                                           for prose in (description, *cells.values()))
                       if found is not None), None)
        if "status" in cells and cells["status"].text.strip():
            status = values.parse_status(cells["status"].text, data)
            if status is not None:
                item.status = _located(cells["status"].strip(), status)
            else:
                item.status = marked
        elif marked is not None and (checkbox is None or checkbox.lower() != "x"):
            item.status = marked
        elif checkbox is not None:
            item.status = Located(value=ItemStatus.done if checkbox.lower() == "x"
                                  else ItemStatus.open, span=span)
        else:
            match = re.search(r"\bstatus\s*[:=]\s*([\w' -]{2,20})", text, re.I)
            status = values.parse_status(match.group(1), data) if match else None
            if match and status:
                item.status = Located(value=status, span=description.span(*match.span()))
        if "type" in cells and cells["type"].text.strip():
            kind = values.parse_action_type(cells["type"].text, data)
            if kind is not None:
                item.type = _located(cells["type"].strip(), kind)
        else:
            for match in re.finditer(r"\b(?:type|category)\s*[:=]\s*(\w+)|[\[(](\w+)[\])]",
                                     text, re.I):  # "(Platform)" is not a type; "(detect)" is
                kind = values.parse_action_type(match.group(1) or match.group(2), data)
                if kind:
                    item.type = Located(value=kind, span=description.span(*match.span()))
                    break
        ticket_source = cells.get("ticket") or description
        # In a Ticket column any link is the ticket; in the text only a tracker's link is.
        found_ticket = (values.find_ticket if "ticket" in cells else values.find_tracker)(
            ticket_source.text)
        if found_ticket is None:
            for cell in cells.values():
                found_ticket = values.find_tracker(cell.text)
                if found_ticket:
                    ticket_source = cell
                    break
        if found_ticket is None:  # "[JIRA](https://…)": the ticket is the link's target
            found_ticket, linked = _linked_ticket(
                [cells["ticket"]] if "ticket" in cells else [description, *cells.values()],
                any_link="ticket" in cells)
            ticket_source = linked or ticket_source
        if found_ticket:
            item.ticket = Located(value=found_ticket[0],
                                  span=ticket_source.span(found_ticket[1], found_ticket[2]))
        if not cells and (item.status is None or item.type is None):
            _bare_status_and_type(item, description, data)
        item.empty = [name for name, located in (("owner", item.owner),
                                                 ("due", item.due_unparsed))
                      if located is not None and self._is_empty(located.value)]
        item.text = action_items.item_words(item)
        return item

    def _is_empty(self, value: str) -> bool:
        """Whether a field value means "left empty" ("-", "n/a", "unassigned")."""
        wanted = {values.normalise_key(v) or v.strip() for v in self.data.empty_values}
        return (values.normalise_key(value) or value.strip()) in wanted

    def drop_status_views(self) -> None:
        """The items of a section that shows the status of the action items listed above
        ("## Action Items Status" over a checklist of them) are those items again, not new
        ones."""
        doc = self.doc
        views = [section.span for section in doc.sections
                 if section.kind == "action_items" and has_phrase(
                     section.title.value, self.data.item_status_views)]
        if not views:
            return
        mirrored = [item for item in doc.action_items
                    if any(view.covers_line(item.span.line) for view in views)]
        if len(mirrored) < len(doc.action_items):  # the items it mirrors are listed too
            doc.action_items = [item for item in doc.action_items if item not in mirrored]

    def finish_actions(self) -> None:
        """Items that report work already done ("Added monitoring for …") in a list of such
        items are done; a list of plans with one past-tense line stays open, unless the line
        says who did it ("We added …")."""
        self.drop_status_views()
        items = self.doc.action_items
        kept = action_items.label_owners_kept(items)
        for item in items:
            owner = item.owner
            if owner is not None and owner.raw == action_items.LABEL_OWNER and \
                    owner.value not in kept:
                item.owner = None
                item.text = action_items.item_words(item)
        for item in items:  # a link to the commit that made the change: the work is done
            if item.status is None and item.ticket is not None and \
                    values.is_commit_link(item.ticket.value):
                item.status = Located(value=ItemStatus.done, span=item.ticket.span)
        for item in items:  # "(shipped in 2.4.1)": the release has it
            if item.status is None and action_items.landed(item.description.text):
                item.status = Located(value=ItemStatus.done, span=item.words.span(0, 1))
        unmarked = [item for item in items if item.status is None and not item.standing_rule]
        for item in unmarked:  # "We enabled …", "I've disabled …": said done, in any list
            if any(action_items.reports_done(text) for text in (
                    item.description.text, action_items.after_label(item.description.text))):
                item.status = Located(value=ItemStatus.done, span=item.words.span(0, 1))
        unmarked = [item for item in unmarked if item.status is None]
        past = [item for item in unmarked if action_items.past_tense(item.words.text)
                or any(action_items.past_tense(text, self.data)
                       for text in (item.description.text,
                                    action_items.after_label(item.description.text)))]
        if past and len(past) * 2 > len(unmarked):
            for item in past:
                item.status = Located(value=ItemStatus.done, span=item.words.span(0, 1))
        for item in past:  # "✅ Reverted …", "✅ Issued credits …", "Sent the notice …"
            if item.status is None and _among_done(items, item):
                item.status = Located(value=ItemStatus.done, span=item.words.span(0, 1))

    def _length_in_words(self, opening: list[Prose], narrative: list[Prose]) -> None:
        """The incident's length where it is not a clock length: in words in the opening
        or the impact ("several hours of delay"), or an exposure's window anywhere ("between
        v0.14 and v0.17"); and whether the opening says the service never went down."""
        impact = self.doc.impact
        for prose in opening:
            if impact.no_outage is None:
                found = next(find_phrases(prose.text, self.data.no_outage), None)
                if found is not None:
                    impact.no_outage = _words_at(prose, *found)
            where = prose_facts.find_vague_length(prose.text)
            if where is not None and impact.duration_stated is None:
                impact.duration_stated = _words_at(prose, *where)
        for prose in narrative if impact.duration_stated is None else []:
            if prose.section == "timeline":
                continue
            where = prose_facts.find_exposure_window(prose.text)
            if where is not None:
                impact.duration_stated = _words_at(prose, *where)
                return

    def _data_lost_only(self, texts: list[Prose]) -> None:
        """Where the text tells data lost, deleted or corrupted, when no sentence tells a
        service down or unusable: the incident is a defect in the data."""
        lost: Located[str] | None = None
        for prose in texts:
            if next(find_phrases(prose.text, self.data.outage_terms), None) is not None:
                return
            where = prose_facts.find_data_lost(prose.text, self.data.data_lost)
            if lost is None and where is not None:
                lost = _words_at(prose, *where)
        self.doc.impact.data_lost_only = lost

    def shipped_above(self, sentence: Prose, exception: Prose | None) -> None:
        """A sentence that says the changes above it shipped ("These changes have been
        available since version 1.2"): the items read from the prose above are done; an
        exception it names ("Except for the third fix") is work still open."""
        for item in self.doc.action_items:
            if item.in_prose and item.status is None and \
                    item.span.line < sentence.whole.line:
                item.status = Located(value=ItemStatus.done, span=sentence.whole)
        if exception is not None and self.open_work_stated is None:
            self.open_work_stated = Located(value=exception.text.strip(), span=exception.whole)

    def _set_due(self, item: ActionItem, prose: Prose) -> None:
        day = times.parse_date(prose.text, self.default_date())
        if day is not None:
            item.due = _located(prose, day)
        else:
            if times.is_impossible_date(prose.text):
                self.problem("PM003", f'impossible date "{prose.text[:30]}"', prose.whole)
            item.due_unparsed = _located(prose, prose.text)

    # -- analysis parts -----------------------------------------------------------------
    def add_why(self, prose: Prose) -> None:
        if prose.text.strip():
            self.doc.five_whys.append(Why(span=prose.whole, text=prose))

    def add_factor(self, prose: Prose, score: Prose | None = None) -> None:
        if not prose.text.strip():
            return
        located_score = None
        if score is not None and score.text.strip():
            match = re.match(r"\s*(-?\d+)", score.text)
            if match:
                located_score = _located(score.strip(), int(match.group(1)))
        self.doc.contributing_factors.append(
            ContributingFactor(span=prose.whole, text=prose, score=located_score))

    def _time_without_date(self, name: str, prose: Prose, text: str) -> bool:
        """Remember a start or end written as a bare time ("14:32 UTC"); False if not one."""
        found = times.find_timestamp(text, self.data.time_zones, within=0)
        if found is None or found.has_date or found.at is None:
            return False
        self._undated.setdefault(name, (prose, found.at))
        return True

    def date_from_text(self, prose: Prose, source: str) -> bool:
        """Date the incident with the first date a text gives, as read from ``source``;
        whether it gives one."""
        found = times.find_date(prose.text, dayfirst=self.dayfirst)
        if found is None:
            return False
        day, start, end = found
        self.date_incident(Located(value=day, span=prose.span(start, end)), source)
        return True

    def date_from_title(self) -> None:
        """The incident's day as the title states it: "API outage - September 29, 2025"."""
        title = self.doc.meta.title
        if title is None:
            return
        found = times.find_date(title.value, dayfirst=self.dayfirst)
        if found is not None:
            self.date_incident(Located(value=found[0], span=title.span), "title")
            return
        heading = self._date_heading()
        if heading is not None:
            self.date_incident(heading, "title")

    def _date_heading(self) -> Located[dt.date] | None:
        """The date a heading right under an undated title opens with: "# Postmortems" then
        "## 22/Mar/2022" dates what follows."""
        sections = self.doc.sections
        if len(sections) < 2 or sections[0].body or sections[1].level <= sections[0].level:
            return None
        text = sections[1].title.value.strip(" *_")
        found = times.find_date(text, dayfirst=self.dayfirst)
        if found is None or found[1] != 0:
            return None
        return Located(value=found[0], span=sections[1].title.span)

    def date_from_timeline_and_name(self) -> None:
        """Without a better source, the incident's day is the timeline's first full date,
        else a post's day (see ``post_date_is_publication``), else a date at the start of
        the file's name ("2019-01-23-hook-outage.md")."""
        first = next((entry for entry in self.doc.timeline.entries
                      if entry.has_date and entry.at is not None), None)
        if self.timeline_day is not None:
            self.date_incident(self.timeline_day, "timeline")
        elif first is not None and first.at is not None:
            self.date_incident(Located(value=first.at.date(), span=first.time_text.span),
                               "timeline")
        self.post_date_if_nothing_else()
        self.post_date_over_impossible()
        self.date_from_file_name()

    def date_from_file_name(self) -> None:
        """A full date in the file's name ("2019-01-23-hook-outage.md"): the last resort."""
        name = re.split(r"[\\/]", self.doc.path)[-1]
        found = _NAME_DATE.search(name)
        if found is None:
            return
        try:
            day = dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            return
        self.date_incident(Located(value=day, span=Span.point(1)), "file-name")

    def finish(self) -> Postmortem:
        """Give bare start/end times the incident's date, or report that they have none."""
        self.doc.sole_writer = voice.sole_writer(self.doc)
        self.settle_phases()
        self.date_from_title()
        self.date_from_timeline_and_name()
        self.finish_actions()
        meta = self.doc.meta
        for name, (prose, at) in sorted(self._undated.items(), reverse=True):
            if getattr(meta, name) is not None:
                continue
            day = self.default_date()
            if day is not None:
                setattr(meta, name, _located(prose, at.replace(
                    year=day.year, month=day.month, day=day.day)))
                continue
            label = name.removeprefix("incident_")
            self.problem("PM003", f'{label} time "{prose.text.strip()[:30]}" has no date; '
                         "write it in full (2026-03-04 14:32 UTC) or give the incident's date",
                         prose.whole)
        self._undated = {}
        self.start_from_date()
        self.document_kind()
        self.zone_from_same_times()
        self.narrative_timeline()
        self.recovery_unaided()
        self.timeline_elsewhere()
        self.prose_facts()
        practices.read_facts(self.doc, self.data)
        return self.doc

    def recovery_unaided(self) -> None:
        """Where the text says the incident ended on its own, with no one acting on it."""
        phrases = tuple(self.data.unaided_recovery)
        for prose in [*self.doc.prose, *(entry.text for entry in self.doc.timeline.entries)]:
            found = next(find_phrases(prose.text, phrases), None)
            if found is not None:
                self.doc.timeline.recovered_unaided = prose.span(*found)
                return

    def start_from_date(self) -> None:
        """A status page's entry records an incident as a date with its time and its
        resolution ("date: 2026-03-04 14:32" and "resolvedWhen: 2026-03-04 16:05", or
        "resolved: true"): when the fields say it ended, the date's time is when it began."""
        meta, moment = self.doc.meta, self._date_moment
        if meta.incident_start is not None or moment is None:
            return
        if meta.incident_end is not None and moment.value.date() <= meta.incident_end.value.date() \
                or meta.incident_end is None and self.resolved:
            meta.incident_start, meta.incident_start_source = moment, "date"

    def timeline_elsewhere(self) -> None:
        """Where a sentence names the timeline and links to another page that holds it:
        "A detailed timeline is in [our advisory](https://…)". A link within the same
        document ("#timeline") is no timeline elsewhere."""
        pattern = _phrases_ci(tuple(self.data.timeline_names))
        if pattern is None:
            return
        for prose in self.doc.prose:
            if prose.role is not ProseRole.narrative:
                continue
            for match in pattern.finditer(prose.text):
                start = max(prose.text.rfind(". ", 0, match.start()) + 1, 0)
                end = prose.text.find(". ", match.end())
                end = len(prose.text) if end < 0 else end
                linked = any(s < end and e > start and not href.startswith("#")
                             for s, e, href in prose.links) \
                    or _URL.search(prose.text, start, end) is not None
                if linked:
                    self.doc.timeline.elsewhere = prose.span(match.start(), match.end())
                    return

    def document_kind(self) -> None:
        """What the document is (a postmortem, a status update on an open incident, a note
        that promises the postmortem separately, a report for the public), and whether it
        is itself a published security advisory (its title says so) or a tracker issue ("Is
        someone assigned to this issue?")."""
        doc, data = self.doc, self.data
        doc.meta.tracker_issue = _first_phrase(data.tracker_issue_phrases, doc.prose)
        title = doc.meta.title
        if title is not None:
            pattern = _phrases_ci(tuple(data.advisory_titles))
            found = pattern.search(title.value) if pattern is not None else None
            if found is not None:
                doc.meta.advisory = Located(value=found.group(0), span=title.span)
        doc.meta.dated_by_post = self.dated_by_post()
        doc.meta.kind = document_kind.document_kind(doc, data, self.front_matter_keys)
        doc.open_work = document_kind.open_work(doc, data) or self.open_work_stated
        doc.systemic_analysis = analysis.systemic_analysis(doc, data)
        if doc.meta.advisory is None:
            self.own_security_process()
        self.external_cause()

    def external_cause(self) -> None:
        """Where the root cause, its factors or the summary place the cause outside the
        team's own systems ("an upstream outage", "beyond our control", "no local
        issues")."""
        self.doc.external_cause = _first_phrase(
            self.data.external_cause_phrases,
            [prose for prose in self.doc.prose
             if prose.role == ProseRole.narrative and prose.section in _CAUSE_SECTIONS])

    def own_security_process(self) -> None:
        """A sentence that places the document under the project's own vulnerability
        process ("In line with our security policy, …", "The project's vulnerability
        response process worked"): the security team's own disclosure."""
        pattern = _phrases_ci(tuple(self.data.security_processes))
        if pattern is None:
            return
        for prose in self.doc.prose:
            if prose.role != ProseRole.narrative:
                continue
            for found in pattern.finditer(prose.text):
                before = prose.text[max(0, found.start() - 40):found.start()]
                if _OWNED.search(before) is not None:
                    self.doc.meta.advisory = Located(value=found.group(0),
                                                     span=prose.span(*found.span()))
                    return

    # -- facts stated in sentences ------------------------------------------------------
    def prose_facts(self) -> None:
        """The root cause, the impact, its size and its duration where the text states them
        in sentences rather than in sections or fields."""
        doc, data = self.doc, self.data
        narrative = [p for p in doc.prose if p.role == ProseRole.narrative]
        opening = [p for p in narrative if p.section in ("summary", None)
                   and not p.text.startswith("[^")]  # not a footnote's text
        title = [] if doc.meta.title is None else [
            Prose(text=doc.meta.title.value, runs=[(0, doc.meta.title.span.line,
                                                     doc.meta.title.span.column)])]
        # A sentence that states the cause outright wins over less direct causal language.
        for loose in (False, True):
            if doc.root_cause or doc.root_cause_span is not None:
                break
            for prose in [*title, *opening, *(p for p in narrative if p not in opening
                                              and p.section not in _NOT_CAUSE_SECTIONS)]:
                found = prose_facts.find_cause(prose.text, loose)
                if found is not None:
                    doc.root_cause.append(prose.slice(*found))
                    doc.root_cause_span = prose.span(*found)
                    break
        impact = doc.impact
        if impact.span is None and not impact.text and not doc.has_section("impact"):
            self._impact_in_overview(opening)
            if impact.span is None:
                self._impact_elsewhere([p for p in narrative if p.section != "timeline"
                                        and not p.text.startswith("[^")])  # not footnotes
            if impact.span is None:
                self._impact_in_timeline()
        if impact.duration is None:
            for prose in [*impact.text, *doc.summary]:
                stated = times.find_stated_duration(prose.text) \
                    if prose.role == ProseRole.narrative else None
                if stated is not None:
                    value, start, end = stated
                    impact.duration = Located(value=value, span=prose.span(start, end),
                                              raw=prose.text[start:end])
                    break
        for prose in [*title, *opening[:3]]:
            several = prose_facts.find_several_incidents(prose.text)
            if several is not None:
                impact.several_incidents = _words_at(prose, *several)
                break
        written = doc.meta.date_written or doc.meta.incident_date
        for prose in [*impact.text, *doc.summary, *title, *opening[:2]]:  # the overview
            mentioned = times.find_duration(prose.text) or prose_facts.find_moment_range(
                prose.text) or prose_facts.find_time_range(prose.text) or \
                prose_facts.find_spoken_duration(prose.text) or \
                prose_facts.find_date_range(prose.text, written.value if written else None)
            if mentioned is not None:
                impact.duration_mentioned = Located(
                    value=mentioned[0], span=prose.span(mentioned[1], mentioned[2]),
                    raw=prose.text[mentioned[1]:mentioned[2]])
                break
        self._length_in_words([*title, *opening, *impact.text, *doc.summary], narrative)
        self._data_lost_only([*title, *narrative])
        for prose in narrative if impact.duration_mentioned is None else []:
            # Anywhere in the text: "the outage lasted 45 minutes", "it took us 9 hours to
            # resolve"; a duration mentioned in passing elsewhere is not the incident's.
            stated = times.find_stated_duration(prose.text) or \
                prose_facts.find_lasting(prose.text)
            where = prose_facts.find_resolution_time(prose.text)
            if stated is None and where is not None:
                length = times.find_duration(prose.text[where:]) or \
                    prose_facts.find_spoken_duration(prose.text[where:])
                stated = None if length is None or length[1] != 0 else \
                    (length[0], where, where + length[2])
            if stated is not None:
                impact.duration_mentioned = Located(
                    value=stated[0], span=prose.span(stated[1], stated[2]),
                    raw=prose.text[stated[1]:stated[2]])
                break
        if impact.quantity is None:
            # With an impact section its size is read there; else in the overview.
            in_section = doc.has_section("impact") or any(p.role == ProseRole.field
                                                          for p in impact.text)
            for prose in impact.text if in_section else [*impact.text, *opening]:
                found = prose_facts.find_quantity(prose.text, data.impact_units,
                                                  data.impact_totals, data.sla_terms,
                                                  cost.money_pattern(data))
                if found is not None:
                    impact.quantity = _words_at(prose, found[0], found[1])
                    break
                # what every visit got, written as code: "visiting the hub returns `502`"
                outage = prose_facts.find_whole_outage(prose.shown) if prose.code else None
                if outage is not None:
                    impact.quantity = Located(value=prose.shown[outage[0]:outage[1]],
                                              span=prose.whole)
                    break
        if impact.quantity is None and (impact.text or impact.span is not None):
            self._quantity_elsewhere(narrative)
        if doc.meta.severity is None and doc.meta.severity_unknown is None:
            self._severity_stated()

    def _severity_stated(self) -> None:
        """A severity stated outside a field: "flagged as a Sev1 incident" in the timeline,
        "We made this a P1 priority", "(Major)" closing an incident's heading in a report
        of several. The most severe one stated is the document's."""
        meta = self.doc.meta
        for prose in self.doc.prose:
            if prose.section in ("action_items", "prevention", "follow_up"):
                continue  # "### Add an alert (High)": an item's priority
            heading = prose.role is ProseRole.heading
            for start, end in prose_facts.find_severities(prose.text, heading):
                raw = prose.text[start:end]
                # the whole label must be a severity: not "(Draft)", nor "(Criticality)"
                severity = values.parse_severity(raw, self.data, exact=True)
                if severity is not None and (meta.severity_stated is None or severity.level
                                             < meta.severity_stated.value.level):
                    meta.severity_stated = Located(value=severity, span=prose.span(start, end),
                                                   raw=raw)

    def _quantity_elsewhere(self, narrative: list[Prose]) -> None:
        """An impact that gives no number may be sized elsewhere: "60 pull requests were
        stuck" in the summary, "a workshop of ~30 users was having issues" in the timeline,
        "13,000 records were removed" in the whys, "500+ users were upgraded" under what
        went wrong. A whole ("all", "the API went down") does not size an impact stated as
        a part ("some users")."""
        impact = self.doc.impact
        part = any(prose_facts.narrows(prose.text, self.data.impact_units)
                   for prose in impact.text)
        for prose, start, (first, last) in self._sized_sentences(
                [p for p in narrative if p not in impact.text], wholes=not part, people=True):
            impact.quantity = _words_at(prose, start + first, start + last)
            return
        for prose in self.doc.summary if part else []:
            # the whole service down for a stated time sizes it for everyone, whatever
            # part the impact names ("The chain halted for almost four hours" and "many
            # validators had to roll back")
            for start, end in prose_facts.sentences(prose.text):
                sentence = prose.text[start:end]
                outage = prose_facts.find_whole_outage(sentence)
                if outage is not None and times.find_duration(sentence) is not None:
                    impact.quantity = _words_at(prose, start + outage[0], start + outage[1])
                    return

    def _impact_elsewhere(self, narrative: list[Prose]) -> None:
        """With no impact section and none stated in the overview, a sentence elsewhere (the
        root cause, the whys) that says what was hit and how much ("…, causing a slowdown
        of all uploads") is the impact statement."""
        for prose, start, _ in self._sized_sentences(narrative, wholes=True):
            end = next(e for s, e in prose_facts.sentences(prose.text) if s == start)
            self.doc.impact.text.append(prose)
            self.doc.impact.span = prose.span(start, end)
            return

    def _sized_sentences(self, narrative: list[Prose], wholes: bool, people: bool = False
                         ) -> Iterator[tuple[Prose, int, tuple[int, int]]]:
        """Sentences outside plans and lessons that say what was hit (an impact cue or
        effect) and how much, or with ``people`` how many people something happened to
        ("1,200 customers were charged twice", also under what went wrong): each prose, the
        sentence's start, and the size's offsets in the sentence. What was spared ("no
        customers were affected") is no size."""
        data = self.data
        effects = prose_facts.phrase_pattern((*data.impact_cues, *data.impact_effects))
        if effects is None:
            return
        customers = data.impact_classes.get("customer", []) if people else []
        for prose in narrative:
            # What went wrong may count the people it happened to ("500 users were
            # upgraded"); its other counts (alerts, pages) do not size the impact.
            lesson = people and prose.section == "went_wrong"
            if prose.section in _NOT_IMPACT_SECTIONS and not lesson:
                continue
            for start, end in prose_facts.sentences(prose.text):
                sentence = prose.text[start:end]
                found = None
                if not lesson and effects.search(sentence) is not None:
                    found = prose_facts.find_quantity(sentence, data.impact_units,
                                                      data.impact_totals, data.sla_terms,
                                                      cost.money_pattern(data), spared=False,
                                                      wholes=wholes)
                if found is None and customers:
                    found = prose_facts.find_people_hit(sentence, customers)
                if found is not None:
                    yield prose, start, found

    def _impact_in_timeline(self) -> None:
        """With no impact stated anywhere else, a timeline entry that says the whole site or
        service was down ("Confirmed the website was unresponsive") is the impact
        statement: all of it, for as long as the timeline says. An entry about a part
        ("launches failed for some users") is not."""
        for entry in self.doc.timeline.entries:
            found = prose_facts.find_service_down(entry.text.text)
            if found is not None:
                self.doc.impact.text.append(entry.text)
                self.doc.impact.span = entry.text.span(*found)
                return

    def _impact_in_overview(self, opening: list[Prose]) -> None:
        """With no impact section or field, the overview's sentence that says what the
        incident did to users or services, or how long the outage lasted ("a 34 minute
        outage starting at 14:44 UTC"), is the impact statement; the impact rules then ask
        for what it leaves out."""
        impact = self.doc.impact
        for prose in opening:
            if prose.role != ProseRole.narrative:
                continue
            found = prose_facts.find_impact(prose.text, self.data.impact_cues,
                                            self.data.impact_units)
            if found is None and times.find_duration(prose.text) is not None \
                    and prose in self.doc.summary:
                found = (0, len(prose.text))
            if found is not None:
                impact.text.append(prose)
                impact.span = prose.span(*found)
                return


def _tells_event(text: str, moments: list[times.TimeMatch]) -> bool:
    """Whether a sentence says something besides its times: "Last updated: 2026-03-31"
    or "Date: 4 March" is a field, not an event."""
    rest, start = [], 0
    for moment in moments:
        rest.append(text[start:moment.start])
        start = moment.end
    rest.append(text[start:])
    return len(re.findall(r"[A-Za-z]{2,}", " ".join(rest))) >= _EVENT_WORDS


_EVENT_WORDS = 3
_LABEL_WORDS = 6  # a line this short that gives a time heads the update below it
_STATUS_UPDATE_LENGTH = 400  # a paragraph this short naming one moment is one update

# Sections whose dated sentences are plans or references, not events of the incident.
_NOT_NARRATIVE = {"timeline", "action_items", "follow_up", "prevention", "appendix",
                  "lessons"}

# Sections whose sentences are not where a document states what caused the incident.
_NOT_CAUSE_SECTIONS = {"action_items", "went_well", "got_lucky", "appendix", "prevention",
                       "follow_up", "communication"}

# Sections whose counts do not size the impact: plans, lessons, what went well, references.
_NOT_IMPACT_SECTIONS = _NOT_CAUSE_SECTIONS | {"lessons", "went_wrong", "resolution",
                                             "contributing_factors", "cost", "metadata"}

# A full date in a file's name: "2019-01-23-hook-outage.md", "outage-2019-01-23.md".
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_]?(\d{2})[-_]?(\d{2})(?!\d)")


_URL = re.compile(r"https?://\S+")
_PHASE_LABEL = re.compile(r"\W{0,4}([A-Za-z][A-Za-z -]{1,24}?)\s*:")

_SEGMENT = re.compile(r"[^,;·|—–]+")


def _bare_status_and_type(item: ActionItem, description: Prose, data: RuleData) -> None:
    """Status and type written as bare list values: "— owner: Ana, P1, prevent, in progress"."""
    for match in _SEGMENT.finditer(description.text):
        word = values.normalise_key(match.group(0))
        if not word or len(word) > 20:
            continue
        span = description.span(*match.span())
        if item.type is None and any(word in spellings for spellings in
                                     data.action_types.values()):
            kind = values.parse_action_type(word, data)
            item.type = Located(value=kind, span=span) if kind else None
        elif item.status is None:
            status = values.parse_status(word, data)
            if status is not None and word in (values.normalise_key(s) for spellings in
                                               data.statuses.values() for s in spellings):
                item.status = Located(value=status, span=span)


def _starts_with_action_label(text: str, data: RuleData) -> bool:
    match = re.match(r"\W{0,3}([A-Za-z][A-Za-z ]{0,20}?)\s*[:=]", text)
    if match is None:
        return False
    label = values.normalise_key(match.group(1))
    return any(label in data.columns.get(name, []) for name in
               ("owner", "due", "priority", "status", "type", "ticket"))


_OWNER = re.compile(
    r"\b(?i:owner|owners|assignee|assigned to|dri|who)\b\s*[:=]\s*"
    r"(?P<name>@?[\w.\-]+(?: [A-Z][\w.\-]*){0,3})|(?<![\w@.])(?P<handle>@[A-Za-z0-9][\w.\-]{0,38})")


def _inline_owner(description: Prose) -> Located[str] | None:
    match = _OWNER.search(description.text)
    if match is None:
        return None
    group = "name" if match.group("name") else "handle"
    start, end = match.span(group)
    name = re.split(r"\.(?=\s|$)", match.group(group))[0]  # "Marcus Chen. Priority P1"
    end = start + len(name)
    return Located(value=name, span=description.span(start, end))


_LIST_GAP = 2  # lines between two items of one list


def _among_done(items: list[ActionItem], item: ActionItem) -> bool:
    """Whether the other items of the item's list (items on adjacent lines) are all done."""
    at = items.index(item)
    start = end = at
    while start > 0 and items[start].span.line - items[start - 1].span.end_line <= _LIST_GAP:
        start -= 1
    while end + 1 < len(items) and \
            items[end + 1].span.line - items[end].span.end_line <= _LIST_GAP:
        end += 1
    others = items[start:at] + items[at + 1:end + 1]
    return bool(others) and all(other.status is not None and other.status.value
                                is ItemStatus.done for other in others)

