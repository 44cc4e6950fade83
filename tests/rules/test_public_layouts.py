"""Rules over layouts seen in published postmortems: no finding for what is there,
the right finding for what is not. Every snippet is written for this test."""

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text


def test_a_zone_in_the_timeline_heading_covers_every_entry():
    assert lint_text("""\
        # Search latency

        ## Timeline (UTC)

        - 14:32 index rebuild starts
        - 14:40 p99 latency alert fires
        """, select=["PM301", "PM302"]) == []


def test_am_pm_times_with_a_colon_are_in_order():
    assert lint_text("""\
        # Search latency

        ## Timeline

        All times UTC.

        11:50 AM: Index rebuild starts.
        12:10 PM: Latency alert fires.
        1:05 PM: Rebuild paused; latency back to normal.
        """, select=["PM301", "PM303"]) == []


def test_lessons_learned_split_into_subsections_is_accepted():
    assert lint_text("""\
        # Search latency

        ## Lessons learned

        ### Working with the vendor

        - The shared channel got answers within minutes.

        ### Tooling

        - Nobody could see the rebuild's progress.
        """, select=["PM703"]) == []


def test_an_empty_lessons_section_with_empty_subsections_is_still_reported():
    findings = lint_text("""\
        # Search latency

        ## Lessons learned

        ### Tooling
        """, select=["PM703"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM703"]  # one finding when neither part is there
    assert "neither what went well nor what went wrong" in findings[0].message


def test_authors_under_their_own_heading_name_the_document_owner():
    assert lint_text("""\
        # Search latency

        ## Authors

        * mirela
        * jonas
        """, select=["PM603"]) == []


def test_corrective_and_preventive_measures_are_action_items():
    findings = lint_text("""\
        # Search latency

        ## Corrective and Preventative Measures

        - Alert when the rebuild queue is older than 10 minutes. Owner: @mirela, due 2026-07-01
        """, select=["PM501", "PM502"])
    assert findings == []


def test_status_markers_in_an_action_table_are_not_placeholders():
    findings = lint_text("""\
        # Search latency

        ## Action items

        | Action | Owner | Bug |
        |---|---|---|
        | Cap rebuild concurrency at 4 | jonas | Bug 4410021 **TODO** |
        | Page on rebuild queue age | TODO | Bug 4410022 **DONE** |
        """, select=["PM901", "PM507"])
    # The second row's owner is a placeholder; the status markers and tickets are fine.
    assert [(f.code, f.span.line) for f in findings] == [("PM901", 8)]
    assert findings[0].span.column == 31


def test_a_cause_stated_in_the_overview_counts_as_the_root_cause():
    findings = lint_text("""\
        # Search latency

        ## Overview

        Searches timed out for 25 minutes. The direct cause was an index rebuild that ran
        with no concurrency limit and starved the query nodes.
        """, select=["PM401"], rules=FREE_FORM_CHECKED)
    assert findings == []


def test_contributing_factors_without_a_root_cause_get_a_specific_message():
    findings = lint_text("""\
        # Search latency

        ## Contributing factors

        - The rebuild had no concurrency limit.
        - Query nodes share disks with the rebuild.
        """, select=["PM401"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM401"]
    assert "lists contributing factors but names no root cause" in findings[0].message


def test_an_overview_that_gives_the_outage_length_is_the_impact_statement():
    findings = lint_text("""\
        # Search latency

        ## Overview

        The photo upload page was down for 25 minutes, from 14:40 UTC.
        """, select=["PM201", "PM202", "PM203"], rules=FREE_FORM_CHECKED)
    # Not "no impact section": the impact is stated, but not quantified.
    assert codes(findings) == ["PM202"]
    assert findings[0].span.line == 5


def test_an_overview_without_a_duration_is_still_no_impact():
    findings = lint_text("""\
        # Search latency

        ## Summary

        An index rebuild starved the query nodes.
        """, select=["PM201"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM201"]


def test_an_overview_that_says_the_cause_is_unknown_does_not_count():
    findings = lint_text("""\
        # Search latency

        ## Overview

        Searches timed out for 25 minutes. The root cause is still unknown.
        """, select=["PM401"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM401"]
