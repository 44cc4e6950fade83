"""Reading times, dates and durations as postmortems write them.

Regular expressions here only find *where* a timestamp is inside one value
(never document structure); python-dateutil does the calendar work. Every
pattern is linear: no nested quantifiers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as date_parser
from dateutil import tz

from postmortem_lint.model.document import UNDATED

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?"
_DATE = (
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? ?(?:\d{{4}})?"
    rf"|\d{{1,2}} {_MONTH},? ?(?:\d{{4}})?)"
)
# The clock must not run on into more digits ("14:321"); "AM"/"PM" may be followed by a
# colon ("9:55 AM: alert fires"), but not by more letters ("10:00 amended").
_TIME = (
    r"(?P<time>(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,9})?)?"
    r"(?![\d:])(?: ?(?P<ampm>[ap]\.?m\.?)(?![a-z]))?"
    r"|(?P<hour_only>\d{1,2}) ?(?P<ampm2>[ap]\.?m\.?)(?![a-z\d]))"
)
# Between a date and its time: "T", " at ", ", ", " - " or any run of blanks (tables are
# often padded: "2021-12-10   15:40").
_TIMESTAMP = re.compile(
    rf"(?:{_DATE}(?:T|\s+at\s+|,\s*|\s+-\s+|\s+)?)?{_TIME}", re.IGNORECASE)
_DATE_ONLY = re.compile(rf"^{_DATE}$", re.IGNORECASE)
_OFFSET = re.compile(r"(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?")
_ZONE_WORD = re.compile(r"\(?(?P<word>[A-Za-z][A-Za-z_/]{0,40}(?:[+-]\d{1,2}(?::?\d{2})?)?)\)?")
_NUMBER_WORDS = {
    "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "ninety": 90,
}
_DURATION_PART = re.compile(
    r"(?:(?<=[dhm])|(?<![\w.]))(?:(?P<n>\d+(?:\.\d+)?) ?"
    r"(?P<unit>d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)"
    r"|(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r") "
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
                   default_date: dt.date | None = None) -> TimeMatch | None:
    """The first timestamp that starts within ``within`` characters of the text's start."""
    match = _TIMESTAMP.search(text, 0, min(len(text), within + 40))
    if match is None or match.start() > within:
        return None
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
    date_text = match.group("date")
    day = _parse_date_text(date_text, default_date) if date_text else None
    end = match.end()
    zone_text, tzinfo, is_utc = _read_zone(text, end, zones)
    if zone_text is not None:
        end = _zone_end(text, end, zone_text)
    base = day or default_date
    # A time with no date sits on a placeholder day, so entries still order by time of day.
    on = base if base is not None else UNDATED
    at = dt.datetime(on.year, on.month, on.day, hour, minute, second, tzinfo=tzinfo)
    return TimeMatch(start=match.start(), end=end, at=at, has_date=day is not None,
                     zone=zone_text, is_utc=is_utc)


def _read_zone(text: str, pos: int, zones: dict[str, float]
               ) -> tuple[str | None, dt.tzinfo | None, bool]:
    rest = text[pos:pos + 48]
    stripped = rest.lstrip(" ")
    if not stripped:
        return None, None, False
    offset = _OFFSET.match(stripped) if stripped[0] in "+-" and rest[:1] != " " else None
    if offset is not None:
        word = offset.group(0)
        tzinfo, is_utc = _zone_offset(word, zones)
        return word, tzinfo, is_utc
    word_match = _ZONE_WORD.match(stripped)
    if word_match is None:
        return None, None, False
    word = word_match.group("word")
    if word.upper() != word and "/" not in word and word.lower() not in ("zulu",):
        return None, None, False  # zone abbreviations are upper case: "Deploy" is not one
    tzinfo, is_utc = _zone_offset(word, zones)
    if tzinfo is None:
        return None, None, False
    return word, tzinfo, is_utc


def declared_zone(text: str, zones: dict[str, float]) -> tuple[str, int, int] | None:
    """The zone a note declares for a whole timeline ("All times are UTC", "Times in PST",
    a "Timeline (UTC)" heading), with its offsets: an upper-case zone name, or a zone
    written out ("Eastern Time"), in a short text that talks about times."""
    if len(text) > 160 or not re.search(r"\b(?:times?|timeline|timestamps?)\b", text,
                                         re.IGNORECASE):
        return None
    for match in re.finditer(r"\b[A-Z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?(?![\w+-])", text):
        word = match.group(0)
        if word != "Z" and _zone_offset(word, zones)[0] is not None:
            return word, match.start(), match.end()
    lowered = text.lower()
    for name in zones:  # written out: "Timeline (Eastern Time)"
        if " " in name:
            found = re.search(rf"\b{re.escape(name)}\b", lowered)
            if found:
                return text[found.start():found.end()], found.start(), found.end()
    return None


def _zone_end(text: str, pos: int, zone: str) -> int:
    index = text.find(zone, pos)
    end = index + len(zone) if index >= 0 else pos
    if end < len(text) and text[end] == ")":
        end += 1
    return end


def _parse_date_text(text: str, default: dt.date | None) -> dt.date | None:
    fallback = dt.datetime.combine(default or dt.date(1970, 1, 1), dt.time())
    try:
        return date_parser.parse(text, default=fallback).date()
    except (ValueError, OverflowError):
        return None


def parse_date(text: str, default: dt.date | None = None) -> dt.date | None:
    """A calendar date written on its own ("2026-03-11", "Mar 11, 2026"), else None."""
    value = text.strip().strip("*_` ")
    if not value or len(value) > 40:
        return None
    iso = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    head = _TIMESTAMP.match(value)
    if head and head.group("date"):
        return _parse_date_text(head.group("date"), default)
    if _DATE_ONLY.match(value):
        return _parse_date_text(value, default)
    return None


def find_date(text: str, default: dt.date | None = None) -> tuple[dt.date, int, int] | None:
    """The first calendar date anywhere in a short text, with its offsets."""
    for match in re.finditer(_DATE, text[:400], re.IGNORECASE):
        day = parse_date(match.group("date"), default)
        if day is not None and (match.group("date")[0].isdigit() and "-" in match.group("date")
                                or re.search(r"\d{4}", match.group("date"))):
            return day, match.start(), match.end()
    return None


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
    r"(?:(?:^|(?<=[.!?;] ))for (?:a total of )?"
    r"|\b(?:lasted|lasting) (?:for )?(?:a total of )?"
    r"|\b(?:outage|incident|disruption|degradation|downtime) of "
    r"|\bfor a total of )" + _HEDGE, re.IGNORECASE)
# "a 45-minute outage", "a two-hour incident".
_DURATION_BEFORE_NOUN = re.compile(
    r"\b(?:(?P<n>\d+(?:\.\d+)?)|(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r"))[- ](?P<unit>minute|hour|day)[- ](?:long )?"
    r"(?:outage|incident|disruption|degradation|downtime)\b", re.IGNORECASE)


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
