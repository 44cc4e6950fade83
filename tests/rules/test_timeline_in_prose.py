"""A timeline told in prose: the timed events the parser reads from narrative sentences
and status updates, and what the timeline rules (PM300, PM203, PM304) make of them.

Each false-positive class seen on published postmortems is reproduced with a snippet of
our own; the documents that must still be reported are next to them."""

from __future__ import annotations

import datetime as dt

import pytest

from postmortem_lint.model import Phase
from postmortem_lint.parsers.times import find_moments, find_stated_duration
from postmortem_lint.ruledata import load_rule_data
from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, parse_text

# A short narrative with clock times: deploy, then recovery.
_TIMED_STORY = """\
    # Outage of the package mirror on 2026-02-10

    ## What happened

    At 14:05 UTC we rolled out a new mirror configuration.
    Requests started failing right after the rollout, and we put up a maintenance page.
    We undid the change by hand, and at 14:31 UTC the mirror was back online.

    ## Why did it happen?

    The new configuration pointed at a bucket that did not exist yet.
    """

# Status updates, each with its own timestamp.
_STATUS_UPDATES = """\
    # Email delivery outage

    We are looking into failed deliveries of outgoing email, which started at 21:10 UTC.

    **Identified** 2026-04-02T21:40:00Z
    The relay's certificate expired and a renewed one is being issued.

    **Resolved** 2026-04-02T22:15:00Z
    The new certificate is in place; all queued mail has been delivered.
    """

# A dated account of a longer security incident, with start and end fields.
_DATED_ACCOUNT = """\
    ---
    title: Leaked deploy token
    start_time: 2026-01-03T00:00:00Z
    end_time: 2026-01-09T12:00:00Z
    ---

    On January 3, 2026, a deploy token was pushed to a public fork by mistake.
    We were informed about the leak by a researcher on January 6, 2026.
    On January 9, 2026, we revoked the token and rotated every key it could reach.
    """


# -- the model: timed events read from prose ---------------------------------------------


def test_timed_sentences_become_narrative_events_with_their_spans():
    doc = parse_text(_TIMED_STORY)
    events = doc.timeline.narrative
    assert [event.time_text.value for event in events] == ["14:05 UTC", "14:31 UTC"]
    assert [event.span.line for event in events] == [5, 7]
    assert events[0].time_text.span.line == 5 and events[0].time_text.span.column == 4
    assert events[1].at == dt.datetime(2026, 2, 10, 14, 31, tzinfo=dt.UTC)
    assert Phase.resolution in events[1].phases
    assert doc.timeline.entries == []  # a narrative is not a timeline list
    assert doc.timeline.narrated


def test_a_status_update_is_one_event_with_its_words():
    events = parse_text(_STATUS_UPDATES).timeline.narrative
    assert [event.span.line for event in events] == [3, 5, 8]
    assert Phase.detection in events[1].phases
    assert Phase.resolution in events[2].phases
    assert events[2].has_date and events[2].zone is not None


def test_a_window_and_a_bound_are_not_events():
    events = parse_text("""\
        # Slow checkout

        Between 19:00 and 21:00 UTC checkout was slow for some users.
        We kept no request logs in the 30 days prior to March 18, 2026.
        """).timeline.narrative
    assert events == []


def test_a_field_like_date_line_is_not_an_event():
    events = parse_text("""\
        # Advisory

        Last updated: 2026-02-01

        Reviewed by the security team.
        """).timeline.narrative
    assert events == []


def test_dates_in_the_action_items_are_plans_not_events():
    doc = parse_text("""\
        # Outage

        ## Action items

        - On 2026-03-01 we will move the mirror to a new bucket.
        - At 10:00 UTC on 2026-03-02 we will run a failover drill.
        """)
    assert doc.timeline.narrative == []


# -- PM300: a narrative that tells what happened when is a timeline ------------------------


@pytest.mark.parametrize("text", [_TIMED_STORY, _STATUS_UPDATES, _DATED_ACCOUNT],
                         ids=["clock-times", "status-updates", "dated-account"])
def test_a_timeline_in_prose_is_not_reported_missing(text: str):
    assert lint_text(text, select=["PM300"]) == []


def test_a_document_with_no_times_still_lacks_a_timeline():
    findings = lint_text("""\
        # Search outage

        On the day of the release, search stopped returning results. We rolled back
        the release and search came back.
        """, select=["PM300"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM300"]


def test_one_window_of_times_is_not_a_timeline():
    findings = lint_text("""\
        # Slow checkout on 2026-05-04

        Between 19:00 and 21:00 UTC checkout was slow for some users.
        At 19:20 UTC the queue depth peaked at twice its usual size.
        """, select=["PM300"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM300"]


def test_days_before_the_incident_with_no_phase_are_not_a_timeline():
    findings = lint_text("""\
        # Node outage 2026-03-13

        - New nodes were deployed on 2026-03-11 in the evening
        - On 2026-03-12 all was quiet
        - Clients could not connect; restarting the proxy fixed it
        """, select=["PM300"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM300"]


def test_a_sev1_narrative_still_needs_a_minute_by_minute_timeline():
    findings = lint_text("""\
        # Payment outage

        **Severity:** SEV-1

        At 14:05 UTC we rolled out a new payment gateway configuration.
        At 14:31 UTC the gateway was back online after we reverted it.
        """, select=["PM300"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM300"]


# -- PM203: a duration stated in prose or computable from the narrative ---------------------


def test_duration_from_the_narrative_times_is_known():
    text = _TIMED_STORY.replace("## Why did it happen?",
                                "## Impact\n\n    All downloads failed.\n\n    ## Why")
    assert lint_text(text, select=["PM203"], rules=FREE_FORM_CHECKED) == []


def test_for_approximately_n_minutes_after_that_is_a_stated_duration():
    found = find_stated_duration("This means that for approximately 38 minutes, jobs failed.")
    assert found is not None and found[0] == dt.timedelta(minutes=38)
    assert find_stated_duration("Jobs were retried for 5 minutes and then dropped.") is None


def test_a_length_stated_in_the_narrative_quiets_pm203():
    assert lint_text("""\
        # Formatter regression

        ## Impact

        Formatting jobs in CI failed for some users.

        ## Resolution

        The release was pulled. This means that for approximately 38 minutes, some
        formatting jobs in CI failed.
        """, select=["PM203"], rules=FREE_FORM_CHECKED) == []


def test_impact_without_any_length_or_times_is_still_reported():
    findings = lint_text("""\
        # Formatter regression

        ## Impact

        Formatting jobs in CI failed for users of the new release.
        """, select=["PM203"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM203"]


# -- PM304: phases in the narrative and in plain words ------------------------------------


def test_an_onset_given_with_its_time_above_the_timeline_counts():
    assert lint_text("""\
        # Testnet stall

        On 2026-03-05 at 07:29 UTC the network upgrade was activated.

        ## Timeline (UTC)

        - 09:44 validators report empty blocks
        - 10:28 patched clients deployed; transactions flowing again
        """, select=["PM304"]) == []


@pytest.mark.parametrize(("entry", "phase"), [
    ("Automated warning from the cloud provider: load balancer cannot scale", "detection"),
    ("Second attempt at the rollover script to add new nodes", "mitigation"),
    ("Unused demo project removed from the registry", "mitigation"),
    ("Build hosts wiped, attacker access removed", "mitigation"),
    ("Malicious version committed into the upstream package", "onset"),
])
def test_phases_in_plain_words(entry: str, phase: str):
    doc = parse_text(f"## Timeline (UTC)\n\n- 10:00 {entry}\n")
    assert Phase(phase) in doc.timeline.entries[0].phases


def test_an_entry_giving_the_outage_length_from_its_start_gives_the_end():
    doc = parse_text("""\
        ## Timeline (UTC)

        - 05:20 uptime check fails
        - 05:24 provider sees an outage for periods of 6 minutes from 05:20
        """)
    assert Phase.resolution in doc.timeline.entries[1].phases


def test_a_timeline_that_ends_on_its_fix_is_read_as_resolved_by_it():
    findings = lint_text("""\
        # Queue backlog

        ## Timeline (UTC)

        - 09:02 consumer deploy starts failing
        - 09:10 backlog alert fires
        - 09:25 consumers restarted
        - 09:40 status page updated
        """, select=["PM304"])
    assert findings == []


def test_a_timeline_that_goes_on_after_its_fix_without_an_end_is_reported():
    findings = lint_text("""\
        # Queue backlog

        ## Timeline (UTC)

        - 09:02 consumer deploy starts failing
        - 09:10 backlog alert fires
        - 09:25 consumers restarted
        - 09:40 backlog alert fires again
        """, select=["PM304"])
    assert codes(findings) == ["PM304"]
    assert "resolution" in findings[0].message


def test_a_labelled_timeline_without_a_resolution_label_is_reported():
    findings = lint_text("""\
        # Queue backlog

        ## Timeline (UTC)

        - 09:02 **Onset:** consumer deploy starts failing
        - 09:10 **Detection:** backlog alert fires
        - 09:25 **Mitigation:** consumers restarted
        """, select=["PM304"])
    assert codes(findings) == ["PM304"]
    assert "resolution" in findings[0].message


def test_an_impact_duration_does_not_stand_for_a_resolution_entry():
    findings = lint_text("""\
        # Queue backlog

        ## Impact

        - **Duration:** 40 minutes.

        ## Timeline (UTC)

        - 09:02 consumer deploy starts failing
        - 09:10 backlog alert fires
        - 09:25 consumers restarted
        - 09:31 customers report slow deliveries again
        """, select=["PM304"])
    assert codes(findings) == ["PM304"]


# -- PM303: one wrong date that moves several entries is one finding ------------------------


def test_adjacent_entries_moved_by_one_wrong_date_are_one_finding():
    findings = lint_text("""\
        # Pool outage of 2026-03-11

        ## Timeline (UTC)

        - [03-10 09:00] config change merged
        - [03-11 18:40] node upgrade starts
        - [03-11 23:10] node drained; service down
        - [03-11 03:05] first user report
        - [03-11 06:20] on-call notices the reports
        - [03-11 07:45] fixed build deployed
        """, select=["PM303"])
    assert codes(findings) == ["PM303"]
    assert findings[0].span.line == 7  # next to where the order breaks
    assert "and the 1 before it" in findings[0].message


def test_two_separate_misplaced_entries_are_two_findings():
    findings = lint_text("""\
        ## Timeline (UTC)

        - 2026-02-02 10:00 build cut
        - 2026-02-20 10:30 build deployed
        - 2026-02-02 11:00 providers told
        - 2026-02-03 09:00 first provider upgraded
        - 2026-02-03 23:09 second provider upgraded
        - 2026-02-03 14:32 third provider upgraded
        """, select=["PM303"])
    assert [finding.span.line for finding in findings] == [4, 8]


# -- PM301: the zone a document states once covers its timeline ------------------------------


def test_a_region_written_out_in_a_note_is_the_timeline_zone():
    findings = lint_text("""\
        ## Timeline

        All times in Pacific

        - 07:30 first report of slow launches
        - 07:45 new node added
        """, select=["PM301", "PM302"])
    assert codes(findings) == ["PM302"]  # a zone, though not UTC


def test_a_timeline_time_written_with_its_zone_elsewhere_takes_that_zone():
    assert lint_text("""\
        # Website outage

        ## Impact

        Short outages (6 min, 3 min) were seen beginning from UTC 05:20.

        ## Timeline

        - *2026-01-04 05:20*: uptime monitor alerts on the website
        - *2026-01-04 05:26*: provider confirms the outage
        """, select=["PM301", "PM302"]) == []


def test_times_the_text_writes_in_two_zones_stay_without_a_zone():
    findings = lint_text("""\
        # Website outage

        The outage began at UTC 05:20; our office saw it at 05:20 CET.

        ## Timeline

        - 05:20 uptime monitor alerts on the website
        - 05:26 provider confirms the outage
        """, select=["PM301"])
    assert codes(findings) == ["PM301"]


def test_a_timeline_with_no_zone_anywhere_is_still_reported():
    findings = lint_text("""\
        ## Timeline

        - 05:20 uptime monitor alerts on the website
        - 05:26 provider confirms the outage
        """, select=["PM301"])
    assert codes(findings) == ["PM301"]


def test_a_narrative_that_never_times_the_recovery_gives_no_length():
    findings = lint_text("""\
        # Billing export bug

        ## Impact

        Invoices sent to customers showed the wrong tax rate.

        ## What happened

        The faulty rounding change was deployed on 2026-01-02.
        We noticed the wrong totals on 2026-03-01 after a customer reported them.
        """, select=["PM203"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM203"]


# -- reading moments in a sentence ----------------------------------------------------------


def _moments(text: str, day: dt.date | None = None) -> list[str]:
    zones = load_rule_data().time_zones
    return [text[m.start:m.end] for m in find_moments(text, zones, default_date=day)]


def test_moments_are_times_and_days_in_reading_order():
    assert _moments("On 4 March 2026, at 09:15 UTC, we deployed; by 9:40 UTC it was over.") \
        == ["4 March 2026", "09:15 UTC", "9:40 UTC"]


def test_a_month_and_year_is_not_a_day():
    assert _moments("Until mid May 2021 the old schema was used.") == []


def test_a_day_without_a_year_needs_the_incident_day():
    assert _moments("On August 16 the team was told.") == []
    assert _moments("On August 16 the team was told.", dt.date(2026, 8, 20)) == ["August 16"]


def test_bounds_are_not_moments():
    assert _moments("No other uploads in the 30 days prior to 18 March 2026.") == []
    assert _moments("The key was valid until 09:05 UTC.") == []


@pytest.mark.parametrize("text", [
    """\
    # Validator halt

    ## Summary

    - Release 2.4.0 was rolled out on `2024-04-28 20:00 UTC` at height `88100`
    - Blocks stopped after height `88412` because nodes disagreed on the state
    - Release 2.4.1 was rolled out on `2024-04-29 19:30 UTC` and block production resumed
    """,
    """\
    # Queue outage

    The broker upgrade started at `09:10 UTC` and consumers began failing right away.
    The upgrade was rolled back and the consumers were back to normal at `09:55 UTC`.
    """,
])
def test_times_written_as_code_spans_tell_the_story(text):
    doc = parse_text(text)
    assert len([entry for entry in doc.timeline.narrative if entry.has_time]) >= 2
    assert "PM300" not in codes(lint_text(text, select=["PM300"]))


@pytest.mark.parametrize("pointer", [
    "A detailed timeline is in [the security advisory](https://example.org/advisories/41).",
    "For the full chronology see https://status.example.com/incidents/8812 .",
    "The [timeline of the response](https://example.org/blog/response-log) was published "
    "with the advisory.",
])
def test_a_timeline_published_elsewhere_and_linked_is_not_missing(pointer):
    assert lint_text(f"""\
        # Leaked publishing token

        Malicious versions of two packages were published with a stolen token.

        {pointer}

        ## Root cause

        A workflow ran untrusted code with the publishing token in scope.
        """, select=["PM300"]) == []


def test_a_link_to_the_timeline_within_the_document_is_no_timeline():
    findings = lint_text("""\
        # Leaked publishing token

        Malicious versions of two packages were published with a stolen token. See the
        [timeline](#timeline) for details.

        ## Root cause

        A workflow ran untrusted code with the publishing token in scope.
        """, select=["PM300"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM300"]


def test_a_few_timestamped_updates_are_a_timeline_in_prose():
    assert lint_text("""\
        # Map tiles unavailable

        Tile servers stopped answering at 14:05 UTC and the team is looking into it.

        **Update 14:40 UTC:** the storage volume behind the tile cache was remounted.

        **Update 15:10 UTC:** tiles have been served normally for twenty minutes.
        """, select=["PM300"]) == []

