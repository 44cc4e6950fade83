"""The one typed model of a postmortem that every parser produces and every rule reads.

Markdown and YAML postmortems both become a :class:`Postmortem`; each value
keeps the span it was read from so findings point at the exact place.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import ClassVar

from pydantic import BaseModel, Field

from postmortem_lint.model.practices import (
    Detection,
    ImpactReach,
    IncidentCost,
    Notification,
    WrittenAt,
)
from postmortem_lint.model.prose import Prose
from postmortem_lint.model.span import Located, Span


class Severity(BaseModel):
    """A severity normalised from SEV-1, SEV1, P1, Critical…: level 0 is the most severe."""

    level: int
    label: str


class Audience(str, Enum):
    internal = "internal"
    customer_facing = "customer-facing"


class Phase(str, Enum):
    onset = "onset"
    detection = "detection"
    escalation = "escalation"
    mitigation = "mitigation"
    resolution = "resolution"
    other = "other"


class Priority(BaseModel):
    """P0 (most urgent) … P4; named priorities (critical, high…) are mapped to a rank."""

    rank: int
    label: str


class ItemStatus(str, Enum):
    open = "open"
    in_progress = "in progress"
    done = "done"
    wont_do = "won't do"
    unknown = "unknown"


class ActionType(str, Enum):
    prevent = "prevent"
    detect = "detect"
    recover = "recover"
    process = "process"
    mitigate = "mitigate"
    other = "other"  # a declared type outside the four (some templates have "other")


class DocumentKind(str, Enum):
    """What a document is: the incident's postmortem, or a note written before it."""

    postmortem = "postmortem"
    # An update on an incident still open: written while it runs, before anything is known
    # of its cause, its lessons or its fixes ("status: investigating").
    status_update = "status-update"
    # An incident note that says the postmortem is published as a separate document ("a
    # detailed postmortem will follow on our blog"): the analysis belongs there.
    postmortem_elsewhere = "postmortem-elsewhere"
    # A postmortem published for customers or users (it apologises to its readers, thanks
    # them, or is a site's post): it tells what happened and what changes, not the team's
    # own bookkeeping (severity, owners, due dates, tickets, a review meeting).
    public_report = "public-report"


class Metadata(BaseModel):
    id: Located[str] | None = None
    title: Located[str] | None = None
    severity: Located[Severity] | None = None
    severity_unknown: Located[str] | None = None  # a severity that could not be normalised
    # A severity the text states outside a field: "declared a Sev 1 incident" in the
    # timeline, "(Major)" after an incident's heading; the most severe one stated.
    severity_stated: Located[Severity] | None = None
    status: Located[str] | None = None
    audience: Located[Audience] | None = None
    authors: list[Located[str]] = Field(default_factory=list)
    owner: Located[str] | None = None
    incident_start: Located[dt.datetime] | None = None
    incident_end: Located[dt.datetime] | None = None
    # Where incident_start was read: "field" (a start field), or "date" (a status page's
    # entry: the date's time, when its fields say the incident ended). A start read from
    # the date bounds the incident's window, not its onset as a phase of the timeline.
    incident_start_source: str | None = None
    # The incident's calendar day: the one fact every rule, the timeline and audits read.
    incident_date: Located[dt.date] | None = None
    # Where incident_date was read: "front-matter" (front matter or a date field),
    # "title", "first-paragraph", "timeline" (its first full date), "file-name" or
    # "narrative" (the date the text gives most often).
    incident_date_source: str | None = None
    # The day was read from a front matter that records nothing else of a team's form (a
    # title and a date, as every page of a site has): a post's date, not a form's field.
    dated_by_post: bool = False
    date_written: Located[dt.date] | None = None
    # When the post went public (a blog's "published", "pubDate"): later than the writing
    # when a public version follows an internal review, so it never stands for it.
    date_published: Located[dt.date] | None = None
    services: list[Located[str]] = Field(default_factory=list)
    incident_class: Located[str] | None = None
    security: Located[bool] | None = None
    security_review: Located[str] | None = None
    cost: Located[str] | None = None
    # Values of date fields that could not be read as dates ("YYYY-MM-DD", "next week").
    unparsed: list[Located[str]] = Field(default_factory=list)
    summary_written: Located[WrittenAt] | None = None  # when the incident summary was written
    # Where the title says the document is itself a published security advisory
    # ("Security Advisory: …"): the disclosure as security published it, not a draft.
    advisory: Located[str] | None = None
    # Where the document shows it is itself a tracker issue ("Is someone assigned to this
    # issue?"): its follow-up actions are tracked in it.
    tracker_issue: Located[str] | None = None
    # Where the document shows it is not the team's own postmortem (an open status field,
    # a closing line that says work goes on while the cause is not known yet, one that
    # promises the postmortem separately, or a report written for the public): the kind,
    # at its evidence. None: a postmortem.
    kind: Located[DocumentKind] | None = None

    @property
    def records_fields(self) -> bool:
        """Whether the document records its facts as fields (front matter, "**Status:**"
        lines, a table of fields)."""
        return any(value is not None for value in (
            self.id, self.severity, self.severity_unknown, self.status, self.owner,
            self.audience, self.incident_start, self.incident_end, self.date_written)) \
            or bool(self.authors or self.services) \
            or self.incident_date is not None and self.incident_date_source == "front-matter" \
            and not self.dated_by_post


class Impact(BaseModel):
    span: Span | None = None  # the impact section or field; None when absent
    text: list[Prose] = Field(default_factory=list)
    users_affected: Located[int] | None = None
    duration: Located[dt.timedelta] | None = None
    revenue: Located[str] | None = None
    sla_breached: Located[bool] | None = None
    data_loss: Located[str] | None = None
    # Where the impact, the overview or the opening says how much was affected ("1,240
    # orders", "31%", "$12,400", "all users", "everyone"); None when nothing does.
    quantity: Located[str] | None = None
    # A length of time the impact, the overview or the title mentions ("for 2h 15m",
    # "between 19:00 and 21:00 UTC"), or one a sentence anywhere gives as the incident's
    # ("it took us 9 hours to resolve"); read once by the parser for rules that only ask
    # whether one is. Not always the incident's own length, so ``duration`` stays apart.
    duration_mentioned: Located[dt.timedelta] | None = None
    # A length said without a clock length: in words ("several hours of delay"), as not
    # known ("Duration: unknown"), or as the window of an exposure between two versions or
    # dates ("between v0.14 and v0.17", "introduced in June 2015 and fixed in April 2021").
    duration_stated: Located[str] | None = None
    # Where the document says the service never went down ("almost suffered an outage",
    # "resolved before an outage was incurred"): a near miss has no outage length.
    no_outage: Located[str] | None = None
    # Where the text tells data lost, deleted or corrupted ("2,500 records were deleted",
    # "data loss") while nothing in it tells a service down or unusable: a defect in the
    # data (a bug that silently removed records), with no outage length to state.
    data_lost_only: Located[str] | None = None
    # Where the title or the opening says the document covers several incidents ("a
    # monthly report", "multiple outages this month"): each has its own length, none is
    # the document's.
    several_incidents: Located[str] | None = None


# The calendar day given to a time written without a date in a document that states none.
UNDATED = dt.date(1970, 1, 1)


class TimelineEntry(BaseModel):
    span: Span
    time_text: Located[str]  # the timestamp as written
    at: dt.datetime | None = None  # aware when a zone was given; None if unparseable
    has_date: bool = False
    has_time: bool = True
    zone: str | None = None  # as written ("UTC", "PST", "+02:00"); None when missing
    is_utc: bool = False
    phase: Phase | None = None  # the first of ``phases``
    # Every phase the entry marks ("rollback done, error rate back to normal" is both
    # mitigation and resolution).
    phases: list[Phase] = Field(default_factory=list)
    phase_explicit: bool = False
    # The entry says the incident is not over ("verified the issue is not resolved").
    unresolved: bool = False
    text: Prose

    @property
    def dated(self) -> bool:
        """Whether ``at`` is on a real calendar day (written, or the incident's date)."""
        return self.at is not None and (self.has_date or self.at.date() != UNDATED)


_NARRATED_MIN = 2  # moments, and phases among them, for a narrative to tell a sequence


def _times_of_day(entries: list[TimelineEntry]) -> set[dt.datetime]:
    """The distinct moments the entries give with a time of day."""
    return {entry.at for entry in entries if entry.at is not None and entry.has_time}


class Timeline(BaseModel):
    span: Span | None = None
    entries: list[TimelineEntry] = Field(default_factory=list)
    declared_zone: Located[str] | None = None  # e.g. from a "Time (UTC)" column header
    # The days the timeline gives to events written with a date and no time ("2021-06-16 |
    # Release with the bug published", "- 3 May: fix released"): an incident told over
    # days. Its timed events are ``entries``.
    days: list[Located[dt.date]] = Field(default_factory=list)
    # Events the text tells with their time outside any timeline list or table: a
    # narrative ("At 09:15 UTC we deployed …; by 09:40 traffic was back to normal"),
    # timestamped status updates, a dated account ("On 16 March … on 18 March …"). One
    # entry per sentence (per paragraph when the paragraph names one moment), in reading
    # order; its text is that sentence, its time the first moment named in it. Times
    # that bound a window ("between 19:00 and 21:00") are not events.
    narrative: list[TimelineEntry] = Field(default_factory=list)
    # Where the text says the incident ended without anyone acting ("resolved
    # automatically once the upstream link stabilised", "no manual intervention").
    recovered_unaided: Span | None = None
    # Where the text says the timeline is published elsewhere, with a link to it ("a
    # detailed timeline is in [the advisory](https://…)").
    elsewhere: Span | None = None

    @property
    def narrated_moments(self) -> int:
        """How many distinct moments the narrative's events name; a day named without a
        time is not a second moment when an event gives a time on that day."""
        timed = _times_of_day(self.narrative)
        days = {entry.at.date() for entry in self.narrative
                if entry.at is not None and not entry.has_time}
        return len(timed) + len(days - {at.date() for at in timed})

    @property
    def narrated(self) -> bool:
        """Whether the narrative tells what happened when: events at two or more moments
        that mark at least two phases (it started, was found, fixed, ended), or events at
        three or more times of day whatever their words (a few timestamped updates), so a
        reader can reconstruct the sequence without a timeline list."""
        phases = {phase for entry in self.narrative if entry.at is not None
                  for phase in (entry.phases or ([entry.phase] if entry.phase else []))}
        return len(_times_of_day(self.narrative)) > _NARRATED_MIN or (
            self.narrated_moments >= _NARRATED_MIN and len(phases) >= _NARRATED_MIN)

    @property
    def narrated_length(self) -> bool:
        """Whether the narrative times both ends of the incident: a first moment, and a
        later-told one at another time that marks its mitigation or resolution ("at 11:58
        the server was up again"), so its length can be computed."""
        timed = [entry for entry in self.narrative if entry.at is not None]
        ends = (Phase.mitigation, Phase.resolution)
        return self.narrated and any(
            entry.at != timed[0].at and any(phase in ends for phase in entry.phases)
            for entry in timed[1:])


class Why(BaseModel):
    span: Span
    text: Prose


class ContributingFactor(BaseModel):
    span: Span
    text: Prose
    score: Located[int] | None = None


class ActionItem(BaseModel):
    span: Span
    description: Prose
    # The action's own words: the description without the status, owner, priority and the
    # trailing list of fields written in it ("Done — Fix X — owner: Ana, P1" -> "Fix X").
    text: Prose | None = None
    owner: Located[str] | None = None
    due: Located[dt.date] | None = None
    due_unparsed: Located[str] | None = None
    priority: Located[Priority] | None = None
    status: Located[ItemStatus] | None = None
    type: Located[ActionType] | None = None
    ticket: Located[str] | None = None
    # Fields written with a value that means "left empty" ("Owner: -", "Due: n/a").
    empty: list[str] = Field(default_factory=list)
    # Read from a sentence of prose ("We will add rate limiting …"), not from a list or table.
    in_prose: bool = False
    # The item is this postmortem's own process (writing this report, holding its
    # retrospective): the document itself, not an action to track.
    about_document: bool = False
    # The item states a rule the team now works to ("All features have a test before they
    # are merged", "Every deploy has a rollback plan"): in force from now on, with no date
    # to be done by.
    standing_rule: bool = False
    # Where the item asks people to try harder instead of changing the system ("be more
    # careful", "pay more attention"; ``vague_exhortations``): no action to own or track.
    exhortation: Located[str] | None = None
    # When the group heading or label above the item says it is to be done ("Immediate",
    # "Short-term", "Long-term"): a priority by horizon.
    horizon: Located[str] | None = None
    # The lines nested under the item or continuing it (sub-bullets, a second paragraph).
    details: list[Prose] = Field(default_factory=list)

    @property
    def words(self) -> Prose:
        """The action's own words (the whole description when nothing was cut off)."""
        return self.text if self.text is not None else self.description

    @property
    def closed(self) -> bool:
        """Whether the item is done or won't be done, or is a rule in force from now on
        ("Starting now, every deploy …"): its record is history or practice, not a plan
        with an owner and a date."""
        return self.standing_rule or self.status is not None and self.status.value in (
            ItemStatus.done, ItemStatus.wont_do)


class FollowUp(BaseModel):
    span: Span | None = None
    review_date: Located[dt.date] | None = None
    # A review date that could not be read as a date ("YYYY-MM-DD", "TBD", "next sprint").
    review_date_unparsed: Located[str] | None = None
    owner: Located[str] | None = None


class Section(BaseModel):
    """A heading and what follows it up to the next heading of the same or higher level."""

    # A bold label alone on its line ("**Impact**:") opens a section below every Markdown
    # heading level.
    LABEL_LEVEL: ClassVar[int] = 7

    title: Located[str]
    level: int
    kind: str | None = None  # canonical section kind from the synonyms in rule data
    span: Span
    body: list[Prose] = Field(default_factory=list)
    list_items: int = 0  # items of lists written directly under the heading (not nested)
    # Items of the list the section opens with (at most a lead-in line ending in a colon
    # before it): the section's content, not a list detailing a paragraph above it.
    leading_list_items: int = 0
    also: list[str] = Field(default_factory=list)  # other kinds the heading names


class CodeBlock(BaseModel):
    span: Span
    info: str = ""


class ParseProblem(BaseModel):
    """Something a parser could not understand; reported as a finding, never raised."""

    code: str  # rule code of the parse-problem family, e.g. PM002
    message: str
    span: Span


class SuppressionKind(str, Enum):
    disable = "disable"
    enable = "enable"
    disable_next_line = "disable-next-line"
    disable_line = "disable-line"
    disable_file = "disable-file"


class Suppression(BaseModel):
    """An inline ``postmortem-lint:`` directive, as written."""

    kind: SuppressionKind | None  # None: the directive does not parse (see ``problem``)
    codes: list[str]  # rule codes, prefixes or names as written; empty = every rule
    span: Span
    reason: str | None = None  # the justification written after ``--``
    problem: str | None = None  # why the directive does not parse; it then suppresses nothing


# Section kinds a short entry has besides its paragraphs: a summary (often its front
# matter's description), links, a note on communication, its details.
_ENTRY_PARTS = frozenset(("summary", "appendix", "communication", "metadata"))
# Sections any page may have, template or not.
_NOT_TEMPLATE_PARTS = frozenset(("appendix", "metadata"))
# Parts that any account of an incident has, told as a story or kept as a postmortem: what
# happened, what led up to it, how it was fixed, what was learned.
_STORY_PARTS = frozenset(("summary", "leadup", "response", "resolution", "lessons",
                          "communication"))
# A YAML postmortem's keys are the template's parts, whichever of them it fills in.
_TEMPLATE_PARTS_OF_YAML = frozenset(("impact", "timeline", "root_cause", "action_items"))


class Postmortem(BaseModel):
    """One postmortem, whatever its source format."""

    path: str
    format: str  # "markdown" or "yaml"
    line_count: int
    meta: Metadata = Field(default_factory=Metadata)
    sections: list[Section] = Field(default_factory=list)
    summary: list[Prose] = Field(default_factory=list)
    impact: Impact = Field(default_factory=Impact)
    timeline: Timeline = Field(default_factory=Timeline)
    root_cause: list[Prose] = Field(default_factory=list)
    root_cause_span: Span | None = None
    # Where the cause or its factors say it lay outside the team's own systems (a
    # provider's outage, an upstream or network-wide event): what the team can prevent is
    # narrower.
    external_cause: Located[str] | None = None
    contributing_factors: list[ContributingFactor] = Field(default_factory=list)
    contributing_span: Span | None = None
    five_whys: list[Why] = Field(default_factory=list)
    # Where the analysis reaches systemic causes without a five-whys list: two contributing
    # factors that name a missing safeguard ("no end-to-end test exercised it"), or two
    # headings that ask why ("Why it failed", "Why it was not caught").
    systemic_analysis: Located[str] | None = None
    five_whys_span: Span | None = None
    went_well: list[Prose] = Field(default_factory=list)
    went_well_span: Span | None = None
    went_wrong: list[Prose] = Field(default_factory=list)
    went_wrong_span: Span | None = None
    got_lucky: list[Prose] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    action_items_span: Span | None = None
    # A tracker written in the action-items section outside its items ("all items are
    # tracked in PLAT-1500", a bare link to the board): it covers every item.
    action_items_tracker: Located[str] | None = None
    # The authors' statement that no follow-up is needed ("No further actions are needed"):
    # a decision, not a forgotten section.
    actions_declined: Located[str] | None = None
    # Sentences outside the action items in which the authors report a lasting change made,
    # under way or planned ("We have pinned the base image", "We are now using a hosted
    # probe", "We are reviewing quotes from a second provider"), and the items of a list
    # introduced as such changes ("The changes we made since:"): the follow-up work of a
    # document that keeps no action list.
    changes_stated: list[Prose] = Field(default_factory=list)
    # The one person whose own account the document is ("I noticed …, I will move …": a
    # one-person project's report): the owner of its follow-ups, named or not.
    sole_writer: Located[str] | None = None
    # A sentence outside the action items and the timeline that says work is still to be
    # done ("we need to add more QA", "the testnet needs to mirror production"): open work
    # the item list does not show.
    open_work: Located[str] | None = None
    follow_up: FollowUp = Field(default_factory=FollowUp)
    prose: list[Prose] = Field(default_factory=list)  # every visible text, in reading order
    code_blocks: list[CodeBlock] = Field(default_factory=list)
    # Text shown as code (code blocks, code spans): never wording, but still published.
    code: list[Prose] = Field(default_factory=list)
    problems: list[ParseProblem] = Field(default_factory=list)
    suppressions: list[Suppression] = Field(default_factory=list)
    # The review framework's facts: how it was found, what it cost, who was notified.
    detection: Detection = Field(default_factory=Detection)
    incident_cost: IncidentCost = Field(default_factory=IncidentCost)
    notifications: list[Notification] = Field(default_factory=list)
    impact_reach: ImpactReach = Field(default_factory=ImpactReach)

    @property
    def status_page_entry(self) -> bool:
        """Whether the document is a status page's entry: a report for the public whose
        evidence is the page's component state ("severity: down")."""
        kind, state = self.meta.kind, self.meta.severity_unknown
        return kind is not None and kind.value is DocumentKind.public_report and \
            state is not None and kind.span == state.span

    @property
    def kept_as_record(self) -> bool:
        """Whether the document is a team's postmortem form: a YAML postmortem, or one that
        records its facts as fields. Its process fields (a severity, each action's owner and
        date) belong to it; a report told as a narrative keeps none."""
        return self.format == "yaml" or self.meta.records_fields

    @property
    def actions_bookkept(self) -> bool:
        """Whether most action items carry a field of a team's bookkeeping (an owner, a due
        date, a priority or a ticket): the list is kept as a team's record, whatever the
        document around it. A change told in a sentence of prose ("Going forward the web
        team is going to rebuild …") names who will make it, as a story does, and keeps no
        list."""
        items = [item for item in self.action_items
                 if not item.about_document and not item.in_prose]
        kept = sum(1 for item in items if any(field is not None for field in (
            item.owner, item.due, item.due_unparsed, item.priority, item.ticket)))
        return kept * 2 > len(items) > 0

    @property
    def kind(self) -> DocumentKind:
        """What the document is (a postmortem unless it shows otherwise)."""
        return self.meta.kind.value if self.meta.kind is not None else DocumentKind.postmortem

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)

    @property
    def end_stated(self) -> bool:
        """Whether the document times the incident's end: the end field, or a told event
        of its resolution at a time ("The issue is resolved at 05:20 UTC")."""
        return self.meta.incident_end is not None or any(
            entry.at is not None and entry.has_time and Phase.resolution in entry.phases
            for entry in self.timeline.narrative)

    @property
    def window_stated(self) -> bool:
        """Whether the document dates the incident's start (the start field, else the
        incident's day) and times its end, as a status page's entry records an incident."""
        meta = self.meta
        return (meta.incident_start is not None or meta.incident_date is not None) \
            and self.end_stated

    @property
    def window_timed(self) -> bool:
        """Whether both ends of the incident are moments (a start field with its time, and
        a timed end): its length can be computed."""
        return self.meta.incident_start is not None and self.end_stated

    @property
    def analysed(self) -> bool:
        """Whether the document has a heading for a part of a postmortem's analysis (impact,
        timeline, cause, response, lessons, actions…): more than a short entry's
        paragraphs under a title."""
        return any(s.kind is not None and s.kind not in _ENTRY_PARTS for s in self.sections)

    @property
    def template_parts(self) -> int:
        """How many parts of a postmortem template the document has as sections (summary,
        impact, timeline, root cause, actions, lessons…): a YAML postmortem counts as a template,
        its keys are the parts."""
        if self.format == "yaml":
            return len(_TEMPLATE_PARTS_OF_YAML)
        return len({s.kind for s in self.sections if s.kind is not None
                    and s.kind not in _NOT_TEMPLATE_PARTS})

    @property
    def analysis_parts(self) -> int:
        """How many parts of a postmortem's analysis the document has as sections (impact,
        timeline, root cause, detection, action items, what went well or wrong…), leaving
        out the parts any story of an incident has (what happened, how it was fixed, what
        was learned): a blog post or a ticket's summary has those, laid out as a
        postmortem or not. The labelled lines of a summary ("- **What caused it?**") are
        the summary's, not parts of their own."""
        if self.format == "yaml":
            return len(_TEMPLATE_PARTS_OF_YAML)
        parts: set[str] = set()
        heading: str | None = None  # the kind of the Markdown heading above
        for section in self.sections:
            if section.level < Section.LABEL_LEVEL:
                heading = section.kind
            elif heading == "summary":
                continue  # "- **What caused it?**" in a ticket's summary: the summary's line
            if section.kind is not None and section.kind not in \
                    _NOT_TEMPLATE_PARTS | _STORY_PARTS:
                parts.add(section.kind)
        return len(parts)

    def has_section(self, kind: str) -> bool:
        return any(s.kind == kind for s in self.sections)

    def section_about(self, kind: str) -> Section | None:
        """The section of that kind, else one whose heading also names it ("Recovery and
        lessons learned" for lessons)."""
        return self.section(kind) or next((s for s in self.sections if kind in s.also), None)

    def has_text(self, section: Section) -> bool:
        """Whether the section, or a subsection under its heading, has any text."""
        if any(prose.text.strip() for prose in section.body):
            return True
        return any(other.level > section.level and section.span.line < other.span.line
                   <= section.span.end_line and any(p.text.strip() for p in other.body)
                   for other in self.sections)

    @property
    def top(self) -> Span:
        """Where document-level findings point: the title, else line 1."""
        if self.meta.title is not None:
            return self.meta.title.span
        return Span.point(1)
