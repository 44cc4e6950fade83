"""PM2xx: impact rules, each with a failing and a passing case."""

import pytest

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text

QUANTIFIED = """\
    # Search returned partial results

    **Severity:** SEV-2

    ## Impact

    - **Duration:** 1 hour 40 minutes (09:48 UTC to 11:28 UTC).
    - **Users:** 4,100 customers saw incomplete results; 38,000 searches (12%) were affected.
    - **Data loss:** None. The listings database was not touched.
    - **SLA:** Not breached. Search has an internal SLO only.
    """


def test_missing_impact_is_reported_at_the_title():
    findings = lint_text("""\
        # Campaign sent three times

        **Severity:** SEV-2

        ## Summary

        The spring promotion was delivered three times.

        ## Timeline

        - 17:00 UTC: the send job started.

        ## Root cause

        The retry policy resent every batch that timed out.
        """, select=["PM201"])
    assert codes(findings) == ["PM201"]
    assert findings[0].span.line == 1


def test_impact_section_or_lightweight_severity_passes():
    assert lint_text(QUANTIFIED, select=["PM201"]) == []
    assert lint_text("""\
        # Dashboard label typo

        **Severity:** SEV-4

        ## Summary

        A dashboard label was misspelled for a day.
        """, select=["PM201"]) == []


def test_unquantified_impact_is_reported_at_the_vague_statement():
    findings = lint_text("""\
        # Search returned partial results

        ## Impact

        - **Users:** Some customers saw incomplete results, and conversion dropped noticeably.
        """, select=["PM202"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM202"]
    assert findings[0].span.line == 5


def test_unquantified_impact_without_a_subject_is_reported_at_the_heading():
    findings = lint_text("""\
        # Search returned partial results

        ## Impact

        The service was slow for a while.
        """, select=["PM202"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM202"]
    assert findings[0].span.line == 3


def test_counts_shares_and_users_affected_field_quantify():
    assert lint_text(QUANTIFIED, select=["PM202"], rules=FREE_FORM_CHECKED) == []
    assert lint_text("""\
        # Uploads failing

        ## Impact

        Uploads failed for 71% of attempts.
        """, select=["PM202"], rules=FREE_FORM_CHECKED) == []
    assert lint_text("""\
        title: Uploads failing
        impact:
          users_affected: 412000
        """, name="pm.yaml", select=["PM202"], rules=FREE_FORM_CHECKED) == []


def test_times_and_dates_are_not_counts():
    findings = lint_text("""\
        # Uploads failing

        ## Impact

        From 14:05 UTC on 2026-03-03 users could not upload photos.
        """, select=["PM202"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM202"]


def test_missing_duration_is_reported():
    findings = lint_text("""\
        # Tax miscalculated

        ## Impact

        - 1,198 customers were charged the wrong tax.
        """, select=["PM203"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM203"]
    assert findings[0].span.line == 3


def test_duration_from_text_or_timeline_passes():
    assert lint_text(QUANTIFIED, select=["PM203"], rules=FREE_FORM_CHECKED) == []
    assert lint_text("""\
        # Tax miscalculated

        ## Impact

        - 1,198 customers were charged the wrong tax.

        ## Timeline

        - 09:02 UTC — **Onset:** old tax tables in use.
        - 12:30 UTC — **Resolved:** new tables in use.
        """, select=["PM203"], rules=FREE_FORM_CHECKED) == []


def test_unstated_data_loss_is_reported_at_the_impact_heading():
    findings = lint_text("""\
        # Viewers logged out

        **Severity:** P1

        ## Impact

        - 1.21 million viewers were logged out for 85 minutes.
        - **SLA:** not breached.
        """, select=["PM204"])
    assert codes(findings) == ["PM204"]
    assert findings[0].span.line == 5


def test_stated_data_loss_passes():
    assert lint_text(QUANTIFIED, select=["PM204"]) == []
    assert lint_text("""\
        # Viewers logged out

        ## Impact

        1.21 million viewers were logged out; no data was lost.
        """, select=["PM204"]) == []


def test_unstated_sla_is_reported_at_the_impact_heading():
    findings = lint_text("""\
        # Viewers logged out

        ## Impact

        - 1.21 million viewers were logged out for 85 minutes.
        - **Data loss:** none.
        """, select=["PM205"])
    assert codes(findings) == ["PM205"]
    assert findings[0].span.line == 3


def test_stated_sla_passes_and_minor_incidents_are_not_held_to_it():
    assert lint_text(QUANTIFIED, select=["PM205"]) == []
    assert lint_text("""\
        # Dashboard label typo

        **Severity:** SEV-4

        ## Impact

        3 analysts saw a wrong label for a day.
        """, select=["PM204", "PM205"]) == []


def test_a_span_of_days_is_a_duration():
    # "since <day>" up to the day the report was written, or "from <day> to <day>"
    assert lint_text("""\
        # Map hidden on small screens

        Date: 2026-03-20

        ## Impact

        Every phone visitor of the store finder saw no map since 2026-03-11, the release day.
        """, select=["PM203"], rules=FREE_FORM_CHECKED) == []
    assert lint_text("""\
        # Map hidden on small screens

        ## Impact

        Phone visitors saw no map from 2026-03-11 to 2026-03-14.
        """, select=["PM203"], rules=FREE_FORM_CHECKED) == []


def test_since_a_day_without_the_reports_day_is_no_duration():
    assert codes(lint_text("""\
        # Map hidden on small screens

        ## Impact

        Phone visitors saw no map since the release.
        """, select=["PM203"], rules=FREE_FORM_CHECKED)) == ["PM203"]


def test_a_report_of_several_incidents_is_not_asked_for_one_duration():
    assert lint_text("""\
        # Service report for March

        In March the platform had several outages; each is described below with its cause.

        ## Impact

        Uploads failed for 312 customers during the worst of them.
        """, select=["PM203"], rules=FREE_FORM_CHECKED) == []


def test_a_security_finding_of_nothing_affected_is_quantified():
    assert lint_text("""\
        # Former contractor kept a deploy key

        ## Impact

        An audit of every commit confirmed that no vulnerabilities or malicious code reached
        the release branch.
        """, select=["PM202"], rules=FREE_FORM_CHECKED) == []


def test_a_function_named_as_not_working_is_the_whole():
    assert lint_text("""\
        # Index host lost power

        - **What is wrong?** Search and the catalogue browser not working; errors in the logs
        """, select=["PM202"], rules=FREE_FORM_CHECKED) == []


def test_a_function_not_working_for_some_is_not_quantified():
    assert codes(lint_text("""\
        # Index host lost power

        ## Impact

        Search was not working for some users in the afternoon.
        """, select=["PM202"], rules=FREE_FORM_CHECKED)) == ["PM202"]


def test_a_short_notice_is_not_asked_to_count_or_time_its_impact() -> None:
    notice = """\
        # Forum and downloads unavailable

        The forum and the download server are unavailable because a certificate expired.
        Some users cannot download the editor until it is renewed.
        """
    assert lint_text(notice, select=["PM202", "PM203"]) == []
    assert codes(lint_text(notice, select=["PM202", "PM203"], rules=FREE_FORM_CHECKED)) == \
        ["PM202", "PM203"]


def test_a_whole_network_degraded_is_sized_but_a_part_of_it_is_not() -> None:
    text = """\
        # Lookups slow

        ## Impact

        The peer-to-peer network suffered a significant degradation: lookups took three
        times as long and bootstraps timed out.

        ## Root cause

        A bootstrap list pointed every client at two overloaded peers.
        """
    assert lint_text(text, select=["PM202"]) == []
    part = text.replace("The peer-to-peer network suffered a significant degradation",
                        "Some clients of the network saw a degradation")
    assert codes(lint_text(part, select=["PM202"])) == ["PM202"]


@pytest.mark.parametrize("whole", [
    "There was a service degradation of our package server: pages took 4 s and more.",
    "The registry halted for almost three hours after the storage migration.",
])
def test_a_whole_service_degraded_or_halted_for_a_spelled_time_is_sized(whole: str) -> None:
    text = f"""\
        # Package server slow

        ## Impact

        {whole}

        ## Root cause

        The storage migration left every metadata read on the slow tier.
        """
    assert lint_text(text, select=["PM202"]) == []
    part = text.replace(whole, "Some users saw slow pages while the migration ran.")
    assert codes(lint_text(part, select=["PM202"])) == ["PM202"]


def test_a_timeline_entry_saying_the_site_is_hard_down_states_and_sizes_the_impact() -> None:
    text = """\
        # Website outage

        ## Summary

        Renaming the default branch stopped the site's build from redeploying it.

        ## Timeline

        - 16:49 UTC Default branch renamed
        - 16:52 UTC Site is hard down; the on-call engineer responds to the alarm
        - 18:00 UTC Site fully recovered

        ## Root cause

        The hosting build only watches the branch it was created with.

        ## Action items

        - Pin the hosting build to the branch by name. Owner: @ana
        """
    assert lint_text(text, select=["PM201", "PM202"]) == []
    partial = text.replace("Site is hard down", "Some pages are slow")
    assert codes(lint_text(partial, select=["PM201", "PM202"])) == ["PM201"]


def test_a_whole_outage_of_a_stated_length_in_the_summary_sizes_an_impact_told_as_a_part(
        ) -> None:
    text = """\
        # Chain halt after an upgrade

        ## Summary

        The chain halted for almost four hours after nodes upgraded at different heights.

        ## Impact

        Many node operators had to roll back their state before producing blocks again.

        ## Root cause

        Two ways of staging the upgrade stopped nodes at different heights.
        """
    assert lint_text(text, select=["PM202"]) == []
    # without its length the halt says nothing of how much: the part is still unsized
    unsized = text.replace(" for almost four hours", "")
    assert codes(lint_text(unsized, select=["PM202"])) == ["PM202"]
