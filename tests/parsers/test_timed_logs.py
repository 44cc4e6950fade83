"""A timeline written as a log of paragraphs, each labelled by its time, under a heading
that names something else ("How was it fixed") and a sub-heading that is its day: the
times are read as the timeline, four-digit clocks included ("1727: …"), while a year or a
number in prose stays what it is."""

from __future__ import annotations

import datetime as dt

from postmortem_lint.parsers.times import find_timestamp, parse_date
from postmortem_lint.ruledata import load_rule_data
from tests.conftest import codes, lint_text, parse_text

ZONES = load_rule_data().time_zones

LOG = """\
    # Thumbnails served without watermark

    ## Summary

    Date: Tue 9 Jun 2026, about 40 minutes.

    ## How was it fixed

    ### Tue 9 Jun 2026

    ~0912: A config change to the resize worker was deployed.

    0931 : A customer wrote in that thumbnails had lost their watermark.

    [0940](https://chat.example.org/p123): The image team was paged.

    0951: The change was reverted and the thumbnail cache purged.

    ## Cause

    The resize worker's new config dropped the overlay step.

    ## What could be done to avoid this in future?

    - Add a visual regression test for watermarked thumbnails.
    """


def test_a_log_of_timed_paragraphs_is_the_timeline() -> None:
    doc = parse_text(LOG)
    times = [(entry.at.hour, entry.at.minute) for entry in doc.timeline.entries
             if entry.at is not None]
    assert times == [(9, 12), (9, 31), (9, 40), (9, 51)]
    assert all(entry.at is not None and entry.at.date() == dt.date(2026, 6, 9)
               for entry in doc.timeline.entries)
    assert doc.section("timeline") is not None


def test_the_log_is_no_missing_timeline_but_its_missing_zone_is_reported() -> None:
    found = codes(lint_text(LOG))
    assert "PM300" not in found
    assert "PM301" in found  # the log names no zone


def test_a_day_heading_may_open_with_its_weekday() -> None:
    assert parse_date("Thur 3 Nov 2016") == dt.date(2016, 11, 3)
    assert parse_date("Tuesday, May 4 2021") == dt.date(2021, 5, 4)
    assert parse_date("Monitoring 3 Nov 2016") is None


def test_four_digits_are_a_time_only_as_a_line_label() -> None:
    assert find_timestamp("1727: noticed the outage", ZONES, within=12, labels=True) is not None
    assert find_timestamp("1727: noticed the outage", ZONES, within=12) is None
    assert find_timestamp("2019 was a quiet year", ZONES, within=12, labels=True) is None
    # a year-like label is a time only on a day already known
    assert find_timestamp("2019: the cluster was built", ZONES, within=12, labels=True) is None
    assert find_timestamp("2019: paged", ZONES, within=12, labels=True,
                          default_date=dt.date(2026, 6, 9)) is not None
    # a day heading's year is no clock: "March 5, 2025: the first day"
    assert find_timestamp("March 5, 2025: the first day", ZONES, within=12, labels=True,
                          default_date=dt.date(2025, 3, 5)) is None
    assert find_timestamp("1625 requests failed: all retried", ZONES, within=12,
                          labels=True) is None


def test_paragraphs_that_mention_times_are_a_story_not_a_log() -> None:
    doc = parse_text("""\
        # Thumbnails served without watermark

        ## What happened

        At 09:12 UTC a config change to the resize worker was deployed.

        At 09:31 UTC a customer wrote in about the thumbnails.

        At 09:51 UTC the change was reverted.
        """)
    assert doc.section("timeline") is None
