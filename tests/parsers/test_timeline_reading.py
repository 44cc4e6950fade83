"""How timelines, durations and titles are read: the facts the timeline rules rely on."""

from __future__ import annotations

import datetime as dt

import pytest

from postmortem_lint.model import Phase
from postmortem_lint.model.facts import incident_facts
from postmortem_lint.parsers.times import parse_duration
from tests.conftest import parse_text


@pytest.mark.parametrize(("text", "minutes"), [
    ("1h45m", 105), ("2 hours 18 minutes", 138), ("1 hour and 58 minutes", 118),
    ("46 minutes of customer impact (14:02 UTC to 14:48 UTC); 19 minutes at peak", 46),
    ("about 1 hour 40 minutes", 100),
])
def test_only_adjacent_duration_parts_add_up(text: str, minutes: int):
    assert parse_duration(text) == dt.timedelta(minutes=minutes)


def test_a_note_under_the_timeline_heading_gives_zone_and_day():
    doc = parse_text("""\
        ## Timeline

        2015-10-21 (all times UTC)

        - 14:54 OUTAGE BEGINS — search backends melt down
        - 16:00 OUTAGE ENDS — all traffic balanced
        """)
    entries = doc.timeline.entries
    assert [e.zone for e in entries] == ["UTC", "UTC"]
    assert entries[0].at == dt.datetime(2015, 10, 21, 14, 54, tzinfo=dt.UTC)
    assert [e.phase for e in entries] == [Phase.onset, Phase.resolution]


def test_time_column_is_preferred_over_a_separate_date_column():
    doc = parse_text("""\
        ## Timeline

        | Date | Time (UTC) | Phase | What happened |
        |---|---|---|---|
        | 2026-02-10 | 00:00 | Onset | Certificate expires. |
        | 2026-02-10 | 01:58 | Resolution | Traffic back to normal. |
        """)
    assert [e.time_text.value for e in doc.timeline.entries] == ["00:00", "01:58"]
    assert incident_facts(doc).time_to_resolve_minutes == 118


def test_labelled_phases_win_over_guessed_ones():
    doc = parse_text("""\
        ## Timeline

        - 2026-01-13T09:30Z — Helm chart 4.10 deployed; selector stops matching.
        - 2026-02-05T03:10Z — **Start of impact:** first batch drained; 503 rate rises.
        - 2026-02-05T04:02Z — **Resolved:** error rate back at baseline.
        - 2026-02-05T10:15Z — Fixed chart deployed.
        """)
    facts = incident_facts(doc)
    assert facts.onset == dt.datetime(2026, 2, 5, 3, 10, tzinfo=dt.UTC)
    assert facts.sources["onset"] == "labelled"
    assert facts.time_to_resolve_minutes == 52
    assert facts.resolution_dated


def test_times_without_any_date_are_not_dated():
    doc = parse_text("## Timeline\n\n- 14:02 UTC — **Onset:** errors\n- 14:48 UTC — **Resolved:** ok\n")
    assert not incident_facts(doc).resolution_dated


def test_a_title_that_mentions_a_section_word_is_the_title():
    doc = parse_text("# Incident Review: Ingest API returned 429 to all clients\n\n## Follow-up\n\n"
               "Reviewed on 2026-03-11.\n")
    assert doc.meta.title is not None and doc.meta.title.value.startswith("Incident Review")
    assert [s.kind for s in doc.sections] == [None, "follow_up"]
