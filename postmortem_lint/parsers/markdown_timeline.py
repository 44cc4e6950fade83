"""A Markdown timeline section into timeline entries.

The structure (headings, list items, paragraphs, tables, code blocks) comes from
markdown-it's blocks; only the text of one line is searched for a time or date.
What a timeline section says, in every common layout:

- a line that starts with a time is an entry (``- 13:11: text``, ``**21:48:** text``,
  ``*2023-01-04 05:13*: text``, ``[12-05 16:21] text``, ``11:10 6th Nov 2023 text``);
- a heading that is a time is an entry whose text follows it (``### 13:35``); when the
  lines below it have times of their own, it only groups them;
- a date on its own (a heading, an italic line, a list item, a table row) sets the day of
  the entries below it, as does an entry written with its full date;
- a line without a time continues the entry above it (in the same paragraph or item, or
  nested below it) and its words count for that entry's phase; otherwise it is a note,
  which may declare the zone and day ("All times UTC on 2026-03-03");
- lines inside code blocks are logs, never entries, unless every line is a table row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from postmortem_lint.model import Located, Prose, Span, TimelineEntry
from postmortem_lint.parsers.times import declared_zone, find_date, find_timestamp, parse_date

if TYPE_CHECKING:
    from postmortem_lint.parsers.builder import DocumentBuilder
    from postmortem_lint.parsers.markdown_blocks import Block

# A day's name before its date ("Monday, April 1st", "Tue 2 May"): the date still leads.
_WEEKDAY = re.compile(r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
                      r",?\s+(?:the\s+)?", re.IGNORECASE)
_LEAD = " -–—:|*_[]()~"
# An hour written without a leading zero and without AM/PM: on a 12-hour clock it may be
# in the afternoon ("11:57 …", then "1:17 …").
_TWELVE_HOUR = re.compile(r"(?<!\d)[1-9]:\d{2}(?!\s*[ap]\.?m)", re.IGNORECASE)
# An entry's text grows with its continuation lines up to this many characters: enough for
# its phase words, and a chat log pasted under a time heading stays linear to read.
_CONTINUATION_LIMIT = 600
# Words after a leading date that make a line an event of that day, not a day's label.
_EVENT_WORDS = 3
_CLOCK_HOUR = re.compile(r"(\d{1,2}):\d{2}")
_MERIDIEM = re.compile(r"\d\s*([ap])\.?m\b", re.IGNORECASE)


class TimelineReader:
    """The entries of one document's timeline, read block by block in reading order."""

    def __init__(self, builder: DocumentBuilder,
                 code_time: Callable[[Prose], Prose | None] | None = None):
        self.b = builder
        self.doc = builder.doc
        self.zones = builder.data.time_zones
        self.code_time = code_time  # finds a time written as a code span at a line's start
        self.day: dt.date | None = None  # the day of the entries that follow
        self.last: TimelineEntry | None = None  # the entry untimed lines continue
        self.last_block: Block | None = None
        self.heading_entry: TimelineEntry | None = None  # an entry made from a heading
        self.afternoon = False  # under a heading such as "### 1:42-1:59 PM: Releases"
        self.twenty_four_hour = False  # whether an earlier entry showed a 24-hour clock
        # the zone the last entry that wrote one stated: it covers the bare times after it
        # ("21:45 (UTC): …" then "21:48: …"), as a date on an entry sets the day
        self.entry_zone: str | None = None

    def set_day(self, day: dt.date, where: Prose) -> None:
        """The day of the entries that follow; the first one the timeline states is
        remembered as a source of the incident's day."""
        self.day = day
        if self.b.timeline_day is None:
            self.b.timeline_day = Located(value=day, span=where.whole)

    # -- the day and the zone -------------------------------------------------------
    def base_day(self) -> dt.date | None:
        return self.day or self.b.default_date()

    def declare_zone(self, text: Prose) -> tuple[str, int, int] | None:
        zone = declared_zone(text.text, self.zones)
        if zone is not None and self.doc.timeline.declared_zone is None:
            self.doc.timeline.declared_zone = Located(value=zone[0],
                                                      span=text.span(zone[1], zone[2]))
        return zone

    def _zone(self) -> str | None:
        declared = self.doc.timeline.declared_zone
        return declared.value if declared is not None else self.entry_zone

    def _remember_zone(self, entry: TimelineEntry) -> None:
        if entry.zone is not None and self.doc.timeline.declared_zone is None:
            self.entry_zone = entry.zone

    def date_only(self, text: str) -> dt.date | None:
        """The day a line states when the line is only a date ("2016-11-08", "*May 12*",
        "March 5, 2025: testnet timeline", "Monday, April 1st, 2024")."""
        value = text.strip(_LEAD + " ")
        value = _WEEKDAY.sub("", value, count=1)  # "Monday, April 1st"
        day = parse_date(value, self.base_day(), self.b.dayfirst)
        if day is not None:
            return day
        found = find_date(value, self.base_day(), self.b.dayfirst)
        if found is not None and found[1] <= 2 and len(value) <= 80:
            return found[0]
        return None

    def is_time_heading(self, text: str, dates: bool = True) -> bool:
        """Whether a heading starts with a time of the timeline ("### 21:06", "### 4:09 PM:
        Follow-up") or, with ``dates``, is a day of it ("May 12")."""
        stripped = text.strip(_LEAD + "~ ")
        if not stripped:
            return False
        if find_timestamp(stripped, self.zones, within=0, dayfirst=self.b.dayfirst) is not None:
            return True
        return dates and parse_date(stripped, self.base_day(), self.b.dayfirst) is not None

    # -- blocks -----------------------------------------------------------------------
    def heading(self, prose: Prose, first_line: int) -> None:
        self.last, self.last_block, self.heading_entry = None, None, None
        self.declare_zone(prose)  # "## Timeline (all times UTC)"
        text = prose.text.strip()
        meridiem = _MERIDIEM.search(text[:40])
        self.afternoon = meridiem is not None and meridiem.group(1).lower() == "p"
        if not text:
            return
        lead = len(prose.text) - len(prose.text.lstrip(_LEAD))
        line = prose.slice(lead, len(prose.text))
        entry = self._entry(line, whole=prose)
        if entry is not None:
            self.heading_entry = self.last = entry
            return
        day = self.date_only(text)
        if day is not None:
            self.set_day(day, prose)

    def text(self, block: Block, prose: Prose) -> None:
        if self.last is None and block.kind == "paragraph" and len(prose.text) <= 200 \
                and not any(self.starts_with_time(line.strip()) for line in prose.lines()):
            self.note(prose)  # a note wrapped over lines: "… all times are in\nUTC."
            return
        for line in prose.lines():
            stripped = line.strip()
            if stripped.text:
                self.line(stripped, block)

    def line(self, line: Prose, block: Block) -> None:
        entry = self._entry(line)
        if entry is not None:
            if self.heading_entry is not None and self.heading_entry is not entry:
                # the heading groups timed lines ("### 10:07-10:29 AM: Coordination")
                entries = self.doc.timeline.entries
                index = next(i for i in range(len(entries) - 1, -1, -1)
                             if entries[i] is self.heading_entry)
                del entries[index]
                self.heading_entry = None
            self.last, self.last_block = entry, block
            return
        day = self.date_only(line.text)
        if day is not None and len(line.text.split()) <= 6:
            self.declare_zone(line)  # "2015-10-21 (all times UTC)"
            self.set_day(day, line)
            self.last = None
            return
        if self.last is not None and self._continues(block):
            if len(self.last.text.text) < _CONTINUATION_LIMIT:
                self.b.extend_entry(self.last, line)
            return
        found = find_date(line.text, self.base_day(), self.b.dayfirst)
        if found is not None and found[1] <= 2 and \
                len(line.text[found[2]:].strip(_LEAD).split()) >= _EVENT_WORDS:
            # "- 2021-06-16: release with the bug published": an event on that day
            self.set_day(found[0], line)
            self.dated_event(found[0], line.slice(found[1], found[2]))
            self.last = None
            return
        self.note(line)

    def dated_event(self, day: dt.date, where: Prose) -> None:
        """An event the timeline dates without a time: a day of the incident's course."""
        self.doc.timeline.days.append(Located(value=day, span=where.whole))

    def _continues(self, block: Block) -> bool:
        """Whether an untimed line in ``block`` belongs to the last entry: the same block,
        a block nested below it, or text under a heading that is an entry."""
        if self.last is self.heading_entry:
            return True
        return block is self.last_block or (
            self.last_block is not None and block.level > self.last_block.level)

    def note(self, line: Prose) -> None:
        """A line that is not an entry may state the zone and the day of the entries
        below it: "All times are UTC on 2026-03-03.", "2015-10-21 (all times UTC)"."""
        zone = self.declare_zone(line)
        found = find_date(line.text, self.base_day(), self.b.dayfirst)
        if found is not None and (zone is not None or len(line.text.split()) <= 4):
            self.set_day(found[0], line)

    # -- entries ----------------------------------------------------------------------
    def starts_with_time(self, line: Prose) -> bool:
        """Whether a line opens with a time ("- 09:31 UTC: …", "**21:48:** …")."""
        return find_timestamp(line.text, self.zones, within=12,
                              dayfirst=self.b.dayfirst, labels=True) is not None

    def labelled_by_time(self, line: Prose) -> bool:
        """Whether a line opens with its time, as an entry of a log does ("1727: …",
        "14:02 UTC - …"), rather than mentioning one ("At 14:02 we …")."""
        text = line.text.lstrip(_LEAD)
        return find_timestamp(text, self.zones, within=0, dayfirst=self.b.dayfirst,
                              labels=True) is not None

    def _entry(self, line: Prose, whole: Prose | None = None) -> TimelineEntry | None:
        """The entry a line starts, if it starts with a time."""
        day = self.base_day()
        found = find_timestamp(line.text, self.zones, within=12, default_date=day,
                               dayfirst=self.b.dayfirst, labels=True)
        time_prose = line
        if found is None:
            code = self.code_time(line) if self.code_time is not None else None
            if code is None:  # "- `2021-10-28 08:26` droplet created"
                return None
            time_prose = code
            lead = len(line.text) - len(line.text.lstrip(_LEAD))
            event = line.slice(lead, len(line.text))
        else:
            event = line.slice(found.end, len(line.text))
            event = event.slice(len(event.text) - len(event.text.lstrip(_LEAD)),
                                len(event.text))
        span = (whole or line).whole
        entry = self.b.add_timeline_entry(time_prose, event, span, default_date=day,
                                          declared_zone=self._zone())
        if entry is not None:
            self._remember_zone(entry)
            self._settle_clock(entry)
            if entry.has_date and entry.at is not None:
                self.set_day(entry.at.date(), line)
        return entry

    def _settle_clock(self, entry: TimelineEntry) -> None:
        """"1:17" after "11:57" on a 12-hour clock is 13:17: an hour written without a
        leading zero or AM/PM that would go back in time is read in the afternoon."""
        entries = self.doc.timeline.entries
        clock = _CLOCK_HOUR.search(entry.time_text.value)
        if clock is not None and int(clock.group(1)) >= 13:
            self.twenty_four_hour = True
        if entry.at is None or entry.has_date:
            return
        if self.afternoon and entry.at.hour < 12 and entry is not self.heading_entry \
                and not _MERIDIEM.search(entry.time_text.value):
            entry.at += dt.timedelta(hours=12)  # "- 4:09: …" under "### 4:09-4:56 PM"
            return
        if len(entries) < 2:
            return
        previous = entries[-2].at
        if previous is None or not _TWELVE_HOUR.match(entry.time_text.value):
            return
        if self.twenty_four_hour:
            return  # the timeline uses a 24-hour clock
        later = entry.at + dt.timedelta(hours=12)
        if (previous.tzinfo is None) != (entry.at.tzinfo is None):
            return
        if entry.at < previous <= later and entry.at.hour < 12 \
                and later.date() == entry.at.date():
            entry.at = later

    def start_table(self) -> None:
        self.last, self.last_block, self.heading_entry = None, None, None

    def row_date(self, cell: Prose) -> None:
        """A Date column's cell: the day of this row and the rows below it."""
        found = find_date(cell.text, self.base_day(), self.b.dayfirst)
        if found is not None:
            self.set_day(found[0], cell)

    def row(self, time_prose: Prose, event: Prose, span: Span, phase: str | None, *,
            in_utc: str | None = None) -> None:
        """One table row; a row with a date and no time sets the day of the rows below.
        ``in_utc``: the table gives this time in UTC too (a UTC column beside it)."""
        entry = self.b.add_timeline_entry(time_prose, event, span, phase_text=phase,
                                          declared_zone=self._zone(),
                                          default_date=self.base_day())
        if entry is None:
            day = self.date_only(time_prose.text)
            if day is not None:
                self.set_day(day, time_prose)
                if event.text.strip():
                    self.dated_event(day, time_prose)
            return
        self._remember_zone(entry)
        self._settle_clock(entry)
        if entry.has_date and entry.at is not None:
            self.set_day(entry.at.date(), time_prose)
        if in_utc is not None and entry.at is not None and entry.at.tzinfo is not None:
            entry.at, entry.zone, entry.is_utc = entry.at.astimezone(dt.UTC), in_utc, True

    def code(self, block: Block, rows: list[Prose]) -> None:
        """A code block is a log, not entries; a table pasted into one is read as rows."""
        if not rows or not all("|" in row.text for row in rows):
            return
        self.last, self.heading_entry = None, None
        for row in rows:
            self.line(row, block)
