"""Layouts seen in published postmortems that the parser must read as their authors meant.

Each snippet is written for this test; it only reproduces the shape of the writing
(a clock time with "AM:" after it, a padded table cell, a time in a code span…).
"""

from __future__ import annotations

import datetime as dt

import pytest

from postmortem_lint.model import Phase
from postmortem_lint.parsers.times import parse_duration
from postmortem_lint.parsers.values import find_ticket
from tests.conftest import parse_text


def test_twelve_hour_times_followed_by_a_colon_keep_their_am_or_pm():
    doc = parse_text("""\
        ## Timeline

        8:40 AM: Queue depth alarm on the billing workers.
        11:55 AM: Consumers restarted with a larger heap.
        1:20 PM: Backlog drained.
        """)
    assert [e.time_text.value for e in doc.timeline.entries] == ["8:40 AM", "11:55 AM",
                                                                 "1:20 PM"]
    assert [e.at.hour for e in doc.timeline.entries if e.at] == [8, 11, 13]


def test_a_word_starting_with_am_after_a_time_is_not_a_meridiem():
    doc = parse_text("## Timeline\n\n- 10:15 amended runbook published\n")
    assert doc.timeline.entries[0].time_text.value == "10:15"


def test_padded_date_and_time_in_a_table_cell_is_one_timestamp():
    doc = parse_text("""\
        ## Timeline

        All times in UTC.

        | Time | Event |
        |---|---|
        | 2024-05-02    07:15 | Replica lag alarm fires |
        | 2024-05-02    06:50 | Vacuum job starts |
        """)
    entries = doc.timeline.entries
    assert [e.at for e in entries] == [dt.datetime(2024, 5, 2, 7, 15, tzinfo=dt.UTC),
                                       dt.datetime(2024, 5, 2, 6, 50, tzinfo=dt.UTC)]


def test_a_timestamp_written_as_a_code_span_starts_a_timeline_entry():
    doc = parse_text("""\
        ## Timeline (UTC)

        - `2024-05-02 07:15` `cache-2` evicted from the pool
        - `2024-05-02 07:40` pool rebuilt, latency normal
        """)
    entries = doc.timeline.entries
    assert [e.at for e in entries] == [dt.datetime(2024, 5, 2, 7, 15, tzinfo=dt.UTC),
                                       dt.datetime(2024, 5, 2, 7, 40, tzinfo=dt.UTC)]
    assert entries[1].text.text.startswith("pool rebuilt")


def test_a_zone_written_out_in_the_timeline_heading_is_declared():
    doc = parse_text("""\
        ## Timeline (Pacific Time)

        - 2024-05-02 09:10 nightly export stalls
        """)
    assert doc.timeline.declared_zone is not None
    assert doc.timeline.declared_zone.value == "Pacific Time"
    entry = doc.timeline.entries[0]
    assert entry.at is not None and entry.at.utcoffset() == dt.timedelta(hours=-8)


@pytest.mark.parametrize(("text", "minutes"), [
    ("The outage lasted two hours", 120), ("an hour and fifteen minutes", 75),
    ("for forty-five minutes", 45),
])
def test_durations_with_spelt_out_numbers(text: str, minutes: int):
    assert parse_duration(text) == dt.timedelta(minutes=minutes)


def test_and_after_a_duration_is_not_read_as_days():
    assert parse_duration("an hour and then some") == dt.timedelta(hours=1)


def test_metadata_written_as_headings_is_read_as_fields():
    doc = parse_text("""\
        # Thumbnail service outage

        ## Authors

        * priya
        * tomasz

        ## Status

        Final

        ## Summary

        Thumbnails failed to render for a while.
        """)
    assert [a.value for a in doc.meta.authors] == ["priya", "tomasz"]
    assert doc.summary  # a real section after the field headings is still read


def test_bug_numbers_written_out_are_tickets():
    assert find_ticket("Bug 7712093 **TODO**") == ("Bug 7712093", 0, 11)
    assert find_ticket("tracked in b/4410021") == ("b/4410021", 11, 20)
    assert find_ticket("debug 12345 and issue 2024") is None


def test_actions_taken_during_the_response_are_not_action_items():
    doc = parse_text("""\
        ## Timeline

        ### Actions taken

        - Restarted the ingest workers.
        - Checked the broker's disk usage.

        ## Corrective and preventive measures

        - Alert on broker disk usage above 80%.
        """)
    assert [a.description.text for a in doc.action_items] == [
        "Alert on broker disk usage above 80%."]


def test_restoration_and_first_signs_are_recognised_as_phases():
    doc = parse_text("""\
        ## Timeline (UTC)

        - 09:02 first signs of elevated 502s on the edge
        - 09:40 service restoration confirmed by synthetic checks
        """)
    assert [e.phase for e in doc.timeline.entries] == [Phase.onset, Phase.resolution]
