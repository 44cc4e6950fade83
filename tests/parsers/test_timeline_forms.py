"""Timeline rows as real postmortems write them: every common time and date form, date
lines and headings that set the day, continuation lines, code blocks, several zones."""

from __future__ import annotations

import datetime as dt

import pytest

from postmortem_lint.model import Phase, Postmortem
from postmortem_lint.parsers import parse
from postmortem_lint.parsers.times import find_timestamp, numeric_day_first
from postmortem_lint.ruledata import load_rule_data
from postmortem_lint.sources.reading import SourceText
from tests.conftest import parse_text

UTC = dt.UTC


def _times(doc: Postmortem) -> list[dt.datetime | None]:
    return [entry.at for entry in doc.timeline.entries]


def _texts(doc: Postmortem) -> list[str]:
    return [entry.text.text for entry in doc.timeline.entries]


@pytest.mark.parametrize("line", [
    "- 13:11: queue consumers stop acknowledging",
    "- **13:11:** queue consumers stop acknowledging",
    "- **13:11** queue consumers stop acknowledging",
    "- *13:11*: queue consumers stop acknowledging",
    "- [13:11] queue consumers stop acknowledging",
    "- `13:11` queue consumers stop acknowledging",
    "13:11 - queue consumers stop acknowledging",
])
def test_a_time_with_its_markup_and_a_colon_starts_an_entry(line: str):
    doc = parse_text(f"## Timeline\n\nAll times UTC on 2024-03-02.\n\n{line}\n")
    assert _times(doc) == [dt.datetime(2024, 3, 2, 13, 11, tzinfo=UTC)]
    assert _texts(doc) == ["queue consumers stop acknowledging"]


@pytest.mark.parametrize(("line", "at"), [
    ("- 2024-03-02T13:11:05Z — cache nodes evicted", dt.datetime(2024, 3, 2, 13, 11, 5)),
    ("- 2024-03-02 13:11: cache nodes evicted", dt.datetime(2024, 3, 2, 13, 11)),
    ("- 2024-03-02/13:11: cache nodes evicted", dt.datetime(2024, 3, 2, 13, 11)),
    ("- 13:11 2nd Mar 2024 — cache nodes evicted", dt.datetime(2024, 3, 2, 13, 11)),
    ("- 13:11 on 2 March 2024: cache nodes evicted", dt.datetime(2024, 3, 2, 13, 11)),
    ("- 2024-03-02 1311: cache nodes evicted", dt.datetime(2024, 3, 2, 13, 11)),
    ("- Mar 2 1311 UTC: cache nodes evicted", dt.datetime(2024, 3, 2, 13, 11)),
])
def test_dates_and_times_in_every_common_order(line: str, at: dt.datetime):
    doc = parse_text(f"# Cache outage on 2024-03-02\n\n## Timeline (UTC)\n\n{line}\n")
    assert [t.replace(tzinfo=None) if t else None for t in _times(doc)] == [at]
    assert doc.timeline.entries[0].text.text == "cache nodes evicted"


def test_a_year_or_a_number_alone_is_not_a_time():
    doc = parse_text("## Timeline\n\n- 2019: the cluster was built\n- 1625 requests failed\n")
    assert doc.timeline.entries == []


def test_numeric_dates_are_read_day_first_when_the_document_writes_them_so():
    doc = parse_text("""\
        ## Timeline (UTC)

        - 06/04/2024 21:40 - last notification mail leaves the queue
        - 07/04/2024 01:00 - first alert about the growing queue
        - 09/04/2024 08:10 - restarted the mail workers
        """)
    assert [t.date() for t in _times(doc) if t] == [
        dt.date(2024, 4, 6), dt.date(2024, 4, 7), dt.date(2024, 4, 9)]


def test_numeric_day_and_month_order_is_one_decision_per_document():
    assert numeric_day_first("25/03/2024 and 02/04/2024")  # 25 can only be a day
    assert not numeric_day_first("03/25/2024 and 04/02/2024")  # here 25 is the second part
    assert numeric_day_first("06/04/2024, 07/04/2024, 11/04/2024")  # closest together
    assert not numeric_day_first("no numeric dates")
    assert numeric_day_first("Outage of 3.4.2020")  # written with dots: day first
    assert not numeric_day_first("dial tcp 10.63.250.132:80")  # an address, not a date
    # the dates written with the month's name or the year first settle a tie
    assert numeric_day_first("Report 05-10-2025. At 11:10 on 5th Oct 2025 the queue stalled.")
    assert not numeric_day_first("Report 05-10-2025. On May 10, 2025 the queue stalled.")


def test_a_date_written_year_first_is_never_read_day_first():
    doc = parse_text("# 2025-07-04 proxy outage\n\nOn Friday 04-07-2025 at 16:40 the proxy "
                     "lost its address; it had it back on 14-07-2025.\n")  # a day-first text
    assert doc.meta.incident_date is not None
    assert doc.meta.incident_date.value == dt.date(2025, 7, 4)


def test_a_date_heading_under_an_undated_title_dates_the_incident():
    doc = parse_text("# Postmortems\n\n## 14/Feb/2025\n\n### Validator went offline\n\n"
                     "The node stopped signing after the upgrade.\n")
    assert doc.meta.incident_date is not None
    assert doc.meta.incident_date.value == dt.date(2025, 2, 14)
    assert doc.meta.incident_date_source == "title"


def test_a_year_less_date_before_a_time_takes_the_closest_year():
    doc = parse_text("""\
        # Scheduler outage 2024-03-26

        ## Timeline

        - [12-05 16:21] a crash-looping build is introduced
        - [03-26 17:40] node upgrade starts
        """)
    assert [t.date() for t in _times(doc) if t] == [dt.date(2023, 12, 5), dt.date(2024, 3, 26)]


def test_date_lines_and_date_headings_set_the_day_of_the_entries_below():
    doc = parse_text("""\
        # Replica lag

        ## Timeline

        _All times in UTC_

        ### 2024-03-02

        - 23:40 replica lag alert fires

        *2024-03-03*

        - 00:15 replica resynchronised

        ## March 4

        - 09:00 incident closed
        """)
    assert _times(doc) == [dt.datetime(2024, 3, 2, 23, 40, tzinfo=UTC),
                           dt.datetime(2024, 3, 3, 0, 15, tzinfo=UTC),
                           dt.datetime(2024, 3, 4, 9, 0, tzinfo=UTC)]


def test_a_heading_that_is_a_time_is_an_entry_with_the_text_below_it():
    doc = parse_text("""\
        # Hub outage 2024-05-12

        ## Timeline

        All times in UTC

        ### 20:15

        A ticket reports that servers take minutes to start.

        ### 20:57
        An engineer notices the pending pods.

        ### 21:05 - Rollout

        The hub is redeployed and servers start again.
        """)
    assert [e.time_text.value for e in doc.timeline.entries] == ["20:15", "20:57", "21:05"]
    assert doc.timeline.entries[1].text.text == "An engineer notices the pending pods."
    assert Phase.detection in doc.timeline.entries[1].phases
    assert doc.timeline.entries[2].text.text.startswith("Rollout")


def test_a_heading_that_groups_timed_lines_is_not_an_entry_but_gives_the_afternoon():
    doc = parse_text("""\
        # Testnet fork 2024-03-05

        ## Timeline

        ### 9:40-11:50 AM: Finding the issue
        - 9:44: a client team reports the fork
        - 11:50: the cause is found

        ### 1:40-2:10 PM: Releases
        - 1:42: patched clients are released
        - 2:05: the chain finalises again
        """)
    assert [e.time_text.value for e in doc.timeline.entries] == ["9:44", "11:50", "1:42", "2:05"]
    assert [t.hour for t in _times(doc) if t] == [9, 11, 13, 14]


def test_a_twelve_hour_clock_without_am_pm_goes_on_into_the_afternoon():
    doc = parse_text("## Timeline\n\n- 11:40: rollback starts\n- 11:57: rollback done\n"
               "- 1:17: new build tested\n")
    assert [t.hour for t in _times(doc) if t] == [11, 11, 13]


def test_a_time_on_its_own_line_takes_the_lines_below_it_as_its_text():
    doc = parse_text("""\
        ## Timeline

        _All times in UTC_

        1:03
        Memory alert fires

        5:20 AM
        The hub memory limit is raised
        """)
    assert [e.time_text.value for e in doc.timeline.entries] == ["1:03", "5:20 AM"]
    assert _texts(doc) == ["Memory alert fires", "The hub memory limit is raised"]
    # an unlabelled timeline opening on an alert: the alert also times the onset
    assert doc.timeline.entries[0].phases == [Phase.detection, Phase.onset]


def test_continuation_lines_belong_to_the_entry_above_and_count_for_its_phase():
    doc = parse_text("""\
        ## Timeline (UTC)

        - 10:02 Deploy of the billing worker finished.
          Error rate is back to normal afterwards.
        - 10:30 Postmortem meeting booked.
        """)
    first = doc.timeline.entries[0]
    assert "back to normal" in first.text.text
    assert Phase.resolution in first.phases
    assert len(doc.timeline.entries) == 2


def test_date_only_rows_and_duration_lines_do_not_break_a_list_or_a_table():
    doc = parse_text("""\
        ## Timeline (UTC)

        | Time | Event |
        |---|---|
        | 2024-03-02 | |
        | 23:50 | Disk alert fires |
        | **2024-03-03** | |
        | 00:20 | Old snapshots deleted; writes resume |

        - 2024-03-04
        - 08:00 Capacity review
        - Duration: 30 minutes
        - 08:30 Incident closed
        """)
    assert _times(doc) == [dt.datetime(2024, 3, 2, 23, 50, tzinfo=UTC),
                           dt.datetime(2024, 3, 3, 0, 20, tzinfo=UTC),
                           dt.datetime(2024, 3, 4, 8, 0, tzinfo=UTC),
                           dt.datetime(2024, 3, 4, 8, 30, tzinfo=UTC)]


def test_log_lines_in_a_code_block_are_never_entries():
    doc = parse_text("""\
        ## Timeline (UTC)

        - 09:14 Workers crash on start

        ```
        2024-03-02 09:13:58 ERROR pool exhausted
        09:14:01 worker exited with code 1
        ```

        - 09:30 Pool size raised; workers recover
        """)
    assert [e.time_text.value for e in doc.timeline.entries] == ["09:14", "09:30"]


def test_entries_joined_with_br_in_one_paragraph_are_each_read():
    doc = parse_text("""\
        ## Timeline (UTC)

        **15:27** DNS change submitted<br>
        **21:14** change takes effect; most lookups fail<br> 21:20 - first monitor e-mail
        """)
    assert [e.time_text.value for e in doc.timeline.entries] == ["15:27", "21:14", "21:20"]


def test_a_time_given_in_two_zones_is_read_in_utc():
    doc = parse_text("## Timeline\n\n- 13:14 EDT (17:14 UTC): failover starts\n"
               "- 23:50 PDT / 06:50 UTC: failover done\n")
    first, second = doc.timeline.entries
    assert (first.zone, first.is_utc, first.at) == ("UTC", True,
                                                   dt.datetime(1970, 1, 1, 17, 14, tzinfo=UTC))
    assert first.text.text == "failover starts"
    assert second.at is not None and second.at.hour == 6 and second.is_utc


def test_a_range_of_times_is_not_a_zone_offset():
    found = find_timestamp("10:07-10:29: teams coordinate", {}, within=0)
    assert found is not None and found.zone is None
    assert found.at is not None and (found.at.hour, found.at.minute) == (10, 7)
    assert found.end == len("10:07-10:29")


def test_an_offset_after_an_iso_time_is_still_a_zone():
    found = find_timestamp("2024-03-02T10:07:00-07:00 deploy", {}, within=0)
    assert found is not None and found.zone == "-07:00"


def test_a_chat_log_under_a_time_heading_does_not_grow_the_entry_without_end():
    log = "".join(f"message {n} of the pasted chat log\n\n" for n in range(400))
    doc = parse_text(f"## Timeline (UTC)\n\n### 10:00\n\n{log}")
    assert len(doc.timeline.entries) == 1
    assert len(doc.timeline.entries[0].text.text) < 1000


def test_a_timeline_row_with_only_an_empty_time_cell_is_read_without_error():
    # Found by the property test: a row with no event cell joins no pieces.

    text = "# Timeline\n| Time (UTC) |\n|---|\n|  |"
    doc = parse(SourceText("pm.md", text, "utf-8"), load_rule_data())
    assert doc.timeline.entries == []


def test_a_zone_noted_in_parentheses_in_a_long_lead_paragraph_is_the_timelines() -> None:
    doc = parse_text("""\
        ## Response

        We started investigating as soon as the report arrived. Within hours the security
        team had analysed the issue and begun to mitigate it. We took the following steps
        (all times US Pacific Time):

        - 11:21: An incident was opened.
        - 11:48: The import feature was disabled.
        - 12:37: Every token was revoked.
        """)
    assert doc.timeline.declared_zone is not None
    assert doc.timeline.declared_zone.value.lower() == "pacific time"
