"""Reading times, dates and durations as postmortems write them.

Regular expressions here only find *where* a timestamp is inside one value
(never document structure); python-dateutil does the calendar work. Every
pattern is linear: no nested quantifiers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from dateutil import parser as date_parser
from dateutil import tz

from postmortem_lint.model.document import UNDATED

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
# Numeric day and month in either order ("06/04/2023", "9/25/20", "04-11-2023"); which
# comes first is decided once per document (:func:`numeric_day_first`). Written with dots
# it is a date with a year of this era or with two digits in each part ("15.10.2021",
# "01.07.30"); "proxy 1.9.25" and "v11.12.1304" are versions.
_NUMERIC = (r"(?:\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})|(?<![\w.])(?:\d{1,2}\.\d{1,2}\."
            r"(?:19|20)\d{2}|\d{2}\.\d{2}\.\d{2}))(?![\d/.-]\d)")
# (not inside a code or a name: "F06-08-01", "v2-1-3")
_DATE = (
    r"(?<![A-Za-z0-9])(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}"
    rf"|{_NUMERIC}"
    rf"|\d{{1,2}}[/-]{_MONTH}[/-]\d{{4}}"  # "22/Mar/2022", as logs write it
    rf"|{_MONTH}-\d{{1,2}}-\d{{4}}"  # "Apr-22-2022"
    rf"|{_MONTH} \d{{1,2}}{_ORDINAL},? ?(?:\d{{4}})?"
    rf"|\d{{1,2}}{_ORDINAL} (?:of )?{_MONTH},? ?(?:\d{{4}})?"
    # month and day without a year, only right before a time: "[12-05 16:21]"
    r"|\d{1,2}[/-]\d{1,2}(?=[ T][~≈]?\d{1,2}:\d{2}))"
)
# The clock must not run on into more digits ("14:321"); "AM"/"PM" may be followed by a
# colon ("9:55 AM: alert fires"), but not by more letters ("10:00 amended"). A colon after
# the minutes ends the time ("- 13:11: text") unless seconds follow. Four digits without a
# colon ("1625") count only after a date or before a zone (checked in find_timestamp).
_TIME = (
    r"(?P<time>(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,9})?)?"
    r"(?!\d|:\d)(?: ?(?P<ampm>[ap]\.?m\.?)(?![a-z]))?"
    r"|(?P<hour_only>\d{1,2}) ?(?P<ampm2>[ap]\.?m\.?)(?![a-z\d])"
    r"|(?<![\d.:,/-])(?P<hhmm_h>[01]\d|2[0-3])(?P<hhmm_m>[0-5]\d)(?![\d,./-]\d|\d))"
)
# Between a date and its time: "T", " at ", ", ", " - ", "/" or any run of blanks (tables
# are often padded: "2021-12-10   15:40").
# "2026-06-19 ~17:00", "4 May, approx. 09:10": a time given as approximate keeps its date.
_ABOUT = r"(?:(?:~|≈|ca\.|circa|approx\.?|approximately|roughly|around|about)\s*)?"
_TIMESTAMP = re.compile(
    rf"(?:{_DATE}(?:T|\s+at\s+|,\s*|\s+-\s+|/|\s+)?{_ABOUT})?{_TIME}", re.IGNORECASE)
# A date written after the time: "11:10 6th Nov 2023", "11:10 on 6 Nov 2023".
_DATE_AFTER = re.compile(rf"(?:,\s*|(?<!\s)\s+on\s+|(?<!\s)\s+)(?:[A-Za-z]{{3,9}},?\s+)?{_DATE}",
                         re.IGNORECASE)
# "10:07-10:29": the end of a range of times, which a zone offset (-10:29) resembles.
_RANGE_END = re.compile(r"[-–]\d{1,2}:\d{2}(?!:\d)")
_DATE_ONLY = re.compile(rf"^{_DATE}$", re.IGNORECASE)
_OFFSET = re.compile(r"(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?")
_ZONE_WORD = re.compile(r"\(?(?P<word>[A-Za-z][A-Za-z_/]{0,40}(?:[+-]\d{1,2}(?::?\d{2})?)?)\)?")
_NUMBER_WORDS = {
    "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "ninety": 90,
}
_DURATION_PART = re.compile(
    r"(?:(?<=[dhm])|(?<![\w.]))(?:(?P<n>\d+(?:\.\d+)?)(?: |\n(?=[a-z]{3}))?"
    r"(?P<unit>d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)"
    r"|(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")[ \n]"
    r"(?P<word_unit>days?|hours?|minutes?|mins?|seconds?))(?![a-z])",
    re.IGNORECASE)
_DURATION_GLUE = re.compile(r"[ ,]*(?:and )?", re.IGNORECASE)


@dataclass(frozen=True)
class TimeMatch:
    """A timestamp found in text: where it is and what it says."""

    start: int
    end: int  # end of the timestamp including its zone
    at: dt.datetime | None  # aware when a zone was given
    has_date: bool
    zone: str | None
    is_utc: bool
    has_time: bool = True  # False for a day written without a clock time ("on 4 March")


def zone_is_utc(word: str, zones: dict[str, float]) -> bool:
    """Whether a zone as written ("UTC", "GMT", "+00:00") is UTC."""
    return _zone_offset(word, zones)[1]


def _zone_offset(word: str, zones: dict[str, float]) -> tuple[dt.tzinfo | None, bool]:
    """tzinfo for a zone as written, and whether it is UTC."""
    key = word.lower().strip("()")
    if key in ("z", "utc", "gmt", "zulu") or key in ("utc+0", "utc+00:00", "utc-0", "gmt+0"):
        return dt.UTC, True
    match = re.fullmatch(r"(?:utc|gmt)?([+-]\d{1,2})(?::?(\d{2}))?", key)
    if match:
        hours = int(match.group(1))
        minutes = int(match.group(2) or 0) * (1 if hours >= 0 else -1)
        offset = dt.timedelta(hours=hours, minutes=minutes)
        return dt.timezone(offset), offset == dt.timedelta(0)
    if key in zones:
        offset = dt.timedelta(hours=zones[key])
        return dt.timezone(offset, word.upper()), offset == dt.timedelta(0) and key in ("wet",)
    if "/" in word:
        zone = tz.gettz(word)
        if zone is not None:
            return zone, word.lower() in ("etc/utc", "utc")
    return None, False


def find_timestamp(text: str, zones: dict[str, float], *, within: int = 60,
                   default_date: dt.date | None = None,
                   dayfirst: bool = False, labels: bool = False) -> TimeMatch | None:
    """The first timestamp that starts within ``within`` characters of the text's start.

    A time written in two zones ("13:14 EDT (17:14 UTC)") is read in UTC. With ``labels``
    (a line of a timeline), four digits that open the line as its label ("1727: …",
    "~1442 : …") are a time as well."""
    for match in _TIMESTAMP.finditer(text, 0, min(len(text), within + 40)):
        if match.start() > within:
            return None
        found = _timestamp_at(text, match, zones, default_date, dayfirst,
                              labels and _opens_as_label(text, match, default_date))
        if found is not None:
            return found
    return None


# Words that make a time a bound of something else, not the moment of an event: "in the
# 30 days prior to 18 March", "until 09:05", "since 2 March".
_BOUND_BEFORE = re.compile(r"\b(?:prior to|before|until|till|since|as of|up to|through)"
                           r"\s+(?:the\s+)?$", re.IGNORECASE)


def find_moments(text: str, zones: dict[str, float], *, default_date: dt.date | None = None,
                 dayfirst: bool = False) -> list[TimeMatch]:
    """Every moment a sentence names, in order: times with or without a date ("At 09:15
    UTC", "2026-03-04T10:02Z") and days without a time ("on 4 March 2026"). A day is read
    only with its year, or without one when the incident's day is known. A time or day
    that bounds something else ("prior to 18 March", "until 09:05") is not a moment."""
    found: list[TimeMatch] = []
    end = 0
    limit = min(len(text), 4000)
    for match in _TIMESTAMP.finditer(text, 0, limit):
        if match.start() < end:
            continue
        moment = _timestamp_at(text, match, zones, default_date, dayfirst)
        if moment is None:
            continue
        end = moment.end
        if not _BOUND_BEFORE.search(text[max(0, match.start() - 20):match.start()]):
            found.append(moment)
    taken = [(moment.start, moment.end) for moment in found]
    for match in re.finditer(_DATE, text[:limit], re.IGNORECASE):
        start, stop = match.span()
        if text[stop:stop + 1].isdigit():
            continue  # "May 2021" is a month, not 20 May
        stop = start + len(match.group(0).rstrip(" ,"))
        if any(a < stop and start < b for a, b in taken) or \
                _BOUND_BEFORE.search(text[max(0, start - 20):start]):
            continue
        written = match.group("date")
        if not (_has_year(written) or default_date is not None) or \
                re.fullmatch(r"\d{1,2}[/-]\d{1,2}", written):
            continue
        day = _parse_date_text(written, default_date, dayfirst)
        if day is None:
            continue
        found.append(TimeMatch(start=start, end=stop, at=dt.datetime(day.year, day.month,
                                                                    day.day),
                               has_date=True, zone=None, is_utc=False, has_time=False))
    return sorted(found, key=lambda moment: moment.start)


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    if match.group("hhmm_h") is not None:
        return int(match.group("hhmm_h")), int(match.group("hhmm_m")), 0
    hour = int(match.group("hour") or match.group("hour_only"))
    minute = int(match.group("minute") or 0)
    second = int(match.group("second") or 0)
    ampm = (match.group("ampm") or match.group("ampm2") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


# "1727: …", "~1442 : …", "**0915**: …": four digits that label a line of a timeline
_LABEL_LEAD = re.compile(r"[\s~≈*_>(\[-]*")
_LABEL_END = re.compile(r"[*_)\]]{0,4}\s?:(?!\d)")


def _opens_as_label(text: str, match: re.Match[str], day: dt.date | None) -> bool:
    """Whether four digits label the line as its time; one that could be a year ("2019:
    the cluster was built") only on a day already known (under a day's heading)."""
    hour = match.group("hhmm_h")
    return hour is not None and match.group("date") is None and \
        (day is not None or hour not in ("19", "20")) and \
        _LABEL_LEAD.fullmatch(text, 0, match.start()) is not None and \
        _LABEL_END.match(text, match.end()) is not None


def _timestamp_at(text: str, match: re.Match[str], zones: dict[str, float],
                  default_date: dt.date | None, dayfirst: bool,
                  label: bool = False) -> TimeMatch | None:
    clock = _clock(match)
    if clock is None:
        return None
    hour, minute, second = clock
    date_text = match.group("date")
    day = _parse_date_text(date_text, default_date, dayfirst) if date_text else None
    end = match.end()
    if date_text is None:  # "11:10 6th Nov 2023": the date after the time
        after = _DATE_AFTER.match(text, end)
        if after is not None:
            day = _parse_date_text(after.group("date"), default_date, dayfirst)
            end = after.end() if day is not None else end
    iso_like = "T" in match.group(0).upper() or match.group("second") is not None
    range_end = None if iso_like else _RANGE_END.match(text, end)
    if range_end is not None:  # "10:07-10:29": the range is written as the entry's time
        end = range_end.end()
    zone_text, tzinfo, is_utc = _read_zone(text, end, zones)
    if match.group("hhmm_h") is not None and zone_text is None and not label and not (
            date_text and re.search(r"\d{4}", date_text)):
        return None  # "2019" or "1625" alone is a year or a number, not a time
    if zone_text is not None:
        end = _zone_end(text, end, zone_text)
    base = day or default_date
    # A time with no date sits on a placeholder day, so entries still order by time of day.
    on = base if base is not None else UNDATED
    at = dt.datetime(on.year, on.month, on.day, hour, minute, second, tzinfo=tzinfo)
    # a day without a year ("Feb 7") is a full date only when the incident's year is known
    dated = day is not None and (default_date is not None or _has_year(date_text or text))
    found = TimeMatch(start=match.start(), end=end, at=at, has_date=dated,
                      zone=zone_text, is_utc=is_utc)
    if zone_text is not None and not is_utc:
        return _prefer_utc(text, found, zones, on, dayfirst) or found
    return found


def _second_rendering(text: str, pos: int) -> int | None:
    """Where a second rendering of the same moment starts after a time: "13:14 EDT
    (17:14 UTC)", "09:41 CET / 08:41 UTC"; None when nothing of the kind follows."""
    window = text[pos:pos + 8]
    stripped = window.lstrip(" \t")
    if not stripped or stripped[0] not in "(/|," or len(window) - len(stripped) > 3:
        return None
    start = pos + len(window) - len(stripped) + 1
    rest = text[start:start + 4]
    return start + len(rest) - len(rest.lstrip(" \t"))


def _prefer_utc(text: str, found: TimeMatch, zones: dict[str, float], on: dt.date,
                dayfirst: bool) -> TimeMatch | None:
    """The same moment written again in UTC right after a local time, if it is."""
    after = _second_rendering(text, found.end)
    if after is None:
        return None
    second = _TIMESTAMP.match(text, after)
    if second is None:
        return None
    again = _timestamp_at(text, second, zones, on, dayfirst)
    if again is None or not again.is_utc or again.at is None or found.at is None:
        return None
    at = again.at
    if not again.has_date:  # the UTC time may be on the next or previous day
        local = found.at.astimezone(dt.UTC)
        at = min((at + dt.timedelta(days=shift) for shift in (-1, 0, 1)),
                 key=lambda candidate: abs(candidate - local))
    end = again.end + (1 if text[again.end:again.end + 1] == ")" else 0)
    return TimeMatch(start=found.start, end=end, at=at, has_date=found.has_date,
                     zone=again.zone, is_utc=True)


def _read_zone(text: str, pos: int, zones: dict[str, float], *, offsets: bool = True
               ) -> tuple[str | None, dt.tzinfo | None, bool]:
    rest = text[pos:pos + 48]
    stripped = rest.lstrip(" ")
    if not stripped:
        return None, None, False
    offset = _OFFSET.match(stripped) if stripped[0] in "+-" and rest[:1] != " " \
        and offsets else None
    if stripped[0] in "+-" and not offsets:
        return None, None, False  # "10:07-10:29": a range, not an offset
    if offset is not None:
        word = offset.group(0)
        tzinfo, is_utc = _zone_offset(word, zones)
        return word, tzinfo, is_utc
    word_match = _ZONE_WORD.match(stripped)
    if word_match is None:
        return None, None, False
    word = word_match.group("word")
    # a region of the zone data said after a time ("7:09 AM Eastern"), not "Central bank"
    key = word.lower()
    region = key in zones and key.isalpha() and len(key) > 4 and re.match(
        r"\s*(?:[^a-z\s]|$)", stripped[word_match.end():]) is not None
    if word.upper() != word and "/" not in word and word.lower() not in ("zulu",) and \
            not region:
        return None, None, False  # zone abbreviations are upper case: "Deploy" is not one
    tzinfo, is_utc = _zone_offset(word, zones)
    if tzinfo is None:
        return None, None, False
    return word, tzinfo, is_utc


def declared_zone(text: str, zones: dict[str, float]) -> tuple[str, int, int] | None:
    """The zone a note declares for a whole timeline ("All times are UTC", "Times in PST",
    a "Timeline (UTC)" heading), with its offsets: an upper-case zone name, or a zone
    written out ("Eastern Time"), in a short text that talks about times. Of a longer
    paragraph, its parenthesised notes ("… to remedy (all times US Pacific Time):") are
    read."""
    if len(text) > 160:
        for note in re.finditer(r"\(([^()]{1,160})\)", text):
            inner = declared_zone(note.group(1), zones)
            if inner is not None:
                return inner[0], note.start(1) + inner[1], note.start(1) + inner[2]
        return None
    if not re.search(r"\b(?:times?|timeline|timestamps?|time ?zones?)\b", text, re.IGNORECASE):
        return None
    for match in re.finditer(r"\b[A-Z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?(?![\w+-])", text):
        word = match.group(0)
        if word != "Z" and _zone_offset(word, zones)[0] is not None:
            return word, match.start(), match.end()
    lowered = text.lower()
    for name in zones:  # written out: "Timeline (Eastern Time)", "All times in Pacific"
        if " " in name or "/" in name or len(name) > 5:
            found = re.search(rf"\b{re.escape(name)}\b", lowered)
            if found:
                return text[found.start():found.end()], found.start(), found.end()
    return None


_ZONED_CLOCK = re.compile(r"\b(?:(?P<before>[A-Z]{1,5})\s(?P<clock1>\d{1,2}:\d{2})(?![\d:])"
                          r"|(?<![\d:])(?P<clock2>\d{1,2}:\d{2})\s?(?P<after>[A-Z]{1,5})\b)")


def zoned_clocks(text: str, zones: dict[str, float]) -> list[tuple[str, str, int, int]]:
    """Clock times written with a zone before or after them ("UTC 05:13", "05:13 UTC"):
    (the clock as "HH:MM", the zone, start, end) for each."""
    found = []
    for match in _ZONED_CLOCK.finditer(text[:20_000]):
        zone = match.group("before") or match.group("after")
        clock = match.group("clock1") or match.group("clock2")
        if zone == "Z" or _zone_offset(zone, zones)[0] is None:
            continue
        hour, minute = clock.split(":")
        found.append((f"{int(hour):02d}:{minute}", zone, match.start(), match.end()))
    return found


def _zone_end(text: str, pos: int, zone: str) -> int:
    index = text.find(zone, pos)
    end = index + len(zone) if index >= 0 else pos
    if end < len(text) and text[end] == ")":
        end += 1
    return end


_YEAR_FIRST = re.compile(r"\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\b")


def _parse_date_text(text: str, default: dt.date | None, dayfirst: bool = False
                     ) -> dt.date | None:
    fallback = dt.datetime.combine(default or dt.date(1970, 1, 1), dt.time())
    if _YEAR_FIRST.match(text.lstrip()):
        dayfirst = False  # dateutil would read "2024-08-03" as 8 March when told day first
    try:
        day = date_parser.parse(text, default=fallback, dayfirst=dayfirst).date()
    except (ValueError, OverflowError):
        return None
    if default is not None and not _has_year(text):
        # A date without a year is the one closest to the day it is read on: "Dec 5"
        # in the timeline of a March incident is in the December before.
        candidates = []
        for year in (day.year - 1, day.year, day.year + 1):
            try:
                candidates.append(day.replace(year=year))
            except ValueError:
                continue
        day = min(candidates, key=lambda option: abs((option - default).days))
    return day


def _has_year(text: str) -> bool:
    return re.search(r"\d{4}|\d[/.-]\d{1,2}[/.-]\d{2}\b", text) is not None


def _written_out_dates(text: str) -> Iterator[dt.date]:
    """The dates whose day and month cannot be swapped: year first, or the month named."""
    for day, start, end in find_dates(text):
        written = text[start:end]
        if _has_year(written) and not re.fullmatch(_NUMERIC, written) and day.year >= 1990:
            yield day


def numeric_day_first(text: str) -> bool:
    """Whether the document writes numeric dates day first ("06/04/2023" for 6 April).

    A part over 12 decides, and so do dots ("3.4.2020"); otherwise the reading under which
    the dates lie closest together wins (an incident's dates cluster, and with them the
    dates the document writes with the month's name or year first: "06-11-2023" beside
    "6th Nov 2023" is 6 November), month first on a tie."""
    found = list(re.finditer(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2})"
                             r"(?!\d)(?![/.-]\d)", text[:200_000]))  # not in "10.63.250.132"
    pairs = [(int(m.group(1)), int(m.group(3)), m.group(4)) for m in found]
    if any(first > 12 >= second for first, second, _ in pairs):
        return True
    if any(m.group(2) == "." for m in found):
        return True  # "3.4.2020": written with dots, as in Europe, the day comes first
    if not pairs or any(second > 12 >= first for first, second, _ in pairs):
        return False
    anchors = [day.toordinal() for day in _written_out_dates(text[:200_000])]

    def spread(day_first: bool) -> int:
        days = list(anchors)
        for first, second, year in pairs:
            day, month = (first, second) if day_first else (second, first)
            try:
                days.append(dt.date(int(year) % 100 + 2000 if len(year) == 2 else int(year),
                                    month, day).toordinal())
            except ValueError:
                return 10**9
        return max(days) - min(days)

    return spread(True) < spread(False)


# The day of the week a date may open with ("Thur 3 Nov 2016", "Tuesday, May 4")
_WEEKDAY = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?"
                      r"|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+(?=\d|[a-z]{3})", re.IGNORECASE)


# ISO 8601's basic form of a day, without separators: "20240102" (a site's "date: 20240102")
_BASIC_ISO = re.compile(r"((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")


def parse_date(text: str, default: dt.date | None = None, dayfirst: bool = False
               ) -> dt.date | None:
    """A calendar date written on its own ("2026-03-11", "Mar 11, 2026", "Thur 3 Nov
    2016"), else None."""
    value = _WEEKDAY.sub("", text.strip().strip("*_` "), count=1)
    if not value or len(value) > 40:
        return None
    if _DATE_ONLY.match(value):
        return _parse_date_text(value, default, dayfirst)
    iso = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value) or _BASIC_ISO.fullmatch(value)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    head = _TIMESTAMP.match(value)
    if head and head.group("date"):
        return _parse_date_text(head.group("date"), default, dayfirst)
    if _DATE_ONLY.match(value):
        return _parse_date_text(value, default, dayfirst)
    return None


def find_dates(text: str, default: dt.date | None = None, dayfirst: bool = False
               ) -> Iterator[tuple[dt.date, int, int]]:
    """Every calendar date in the text, with its offsets."""
    for match in re.finditer(_DATE, text, re.IGNORECASE):
        day = parse_date(match.group("date"), default, dayfirst)
        written = match.group("date")
        if day is not None and (written[0].isdigit() and "-" in written
                                or re.search(r"\d{4}", written) or re.fullmatch(_NUMERIC, written)):
            yield day, match.start(), match.end()


def find_date(text: str, default: dt.date | None = None, dayfirst: bool = False
              ) -> tuple[dt.date, int, int] | None:
    """The first calendar date anywhere in a short text, with its offsets."""
    return next(find_dates(text[:400], default, dayfirst), None)


def is_impossible_date(text: str) -> bool:
    """An ISO date whose day does not exist, such as 2026-02-30."""
    iso = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\b", text)
    if not iso:
        return False
    try:
        dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        return True
    return False


def parse_datetime(text: str, zones: dict[str, float]) -> dt.datetime | None:
    """A full date and time ("2026-03-04T14:32Z", "2026-03-04 14:32 UTC")."""
    found = find_timestamp(text, zones, within=0)
    if found is None or not found.has_date:
        return None
    return found.at


def find_duration(text: str) -> tuple[dt.timedelta, int, int] | None:
    """The first duration in a text ("2h 15m", "1 hour and 30 minutes"), with its offsets.
    Only adjacent parts add up: "46 minutes …; 19 minutes at peak" is 46 minutes."""
    total, start, end = dt.timedelta(), -1, -1
    for match in _DURATION_PART.finditer(text[:400]):
        if start >= 0 and not _DURATION_GLUE.fullmatch(text[end:match.start()]):
            break
        if match.group("word"):  # "three hours": spelt-out numbers take whole-word units
            amount = float(_NUMBER_WORDS[match.group("word").lower()])
            unit = match.group("word_unit").lower()[0]
        else:
            amount = float(match.group("n"))
            unit = match.group("unit").lower()[0]
        total += {"d": dt.timedelta(days=amount), "h": dt.timedelta(hours=amount),
                  "m": dt.timedelta(minutes=amount), "s": dt.timedelta(seconds=amount)}[unit]
        start = match.start() if start < 0 else start
        end = match.end()
    return (total, start, end) if start >= 0 else None


# Words that introduce the incident's own length in prose: "For 1 hour 25 minutes, …",
# "the outage lasted 45 minutes", "an outage of two hours", "for a total of 3 hours".
# A bare "for" counts only at the start of a sentence ("delayed for up to 85 minutes"
# is the worst delay, not the incident's length).
_HEDGE = r"(?:(?:about|approximately|roughly|around|nearly|almost|just over|just under|over) )?"
_STATED_DURATION_CUE = re.compile(
    r"(?:(?:^|(?<=[.!?;] )|(?<=\bthat )|(?<=\bmeans ))for (?:a total of )?"
    r"|\b(?:lasted|lasting) (?:for )?(?:a total of )?"
    r"|\b(?:outage|incident|disruption|degradation|downtime)s? "
    r"(?:of |for (?:a )?periods? of )"
    r"|\bfor a total of )" + _HEDGE, re.IGNORECASE)
# "a 45-minute outage", "a two-hour incident", "a 12 minute service disruption".
_DURATION_BEFORE_NOUN = re.compile(
    r"\b(?:(?P<n>\d+(?:\.\d+)?)|(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r"))[-\s](?P<unit>minute|hour|day)[-\s](?:long\s)?(?:(?:service|site|network|api|partial|"
    r"full|total|complete|major|global|regional|platform|cascading|widespread)[-\s])?"
    r"(?:outage|incident|disruption|degradation|downtime|failure|interruption|blackout)\b",
    re.IGNORECASE)


def find_stated_duration(text: str) -> tuple[dt.timedelta, int, int] | None:
    """The incident's length as prose states it ("The outage lasted 45 minutes", "For 1 hour
    25 minutes, pushes were late", "a 45-minute outage"), with its offsets; None when the
    text gives no duration in such words."""
    for cue in _STATED_DURATION_CUE.finditer(text):
        found = find_duration(text[cue.end():])
        if found is not None and found[1] == 0:
            return found[0], cue.end(), cue.end() + found[2]
    noun = _DURATION_BEFORE_NOUN.search(text)
    if noun is not None:
        amount = float(noun.group("n") or _NUMBER_WORDS[noun.group("word").lower()])
        unit = {"m": "minutes", "h": "hours", "d": "days"}[noun.group("unit").lower()[0]]
        return dt.timedelta(**{unit: amount}), noun.start(), noun.end()
    return None


def parse_duration(text: str) -> dt.timedelta | None:
    """A duration such as "45m", "2h 15m", "1 hour 30 minutes", "28 minutes (14:35–15:03)"."""
    found = find_duration(text[:200])
    if found is not None:
        return found[0]
    clock = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*", text)
    if clock:
        return dt.timedelta(hours=int(clock.group(1)), minutes=int(clock.group(2)),
                            seconds=int(clock.group(3) or 0))
    return None
