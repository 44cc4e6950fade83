"""A report of an incident told as a narrative is not a team's postmortem form: it is not
asked for the form's bookkeeping (each item's owner, date, priority, ticket, unless its
items keep them; an action list when it records the fix it made), while a postmortem kept
as a record (it records its facts as fields) still is. And the ways real reports write their
parts: the headings of their actions and fixes, the words of their timelines' phases, a
wiki's links, a date heading."""

from __future__ import annotations

import datetime as dt

from tests.conftest import codes, lint_text, parse_text, reported

FIELD_ASKS = ["PM502", "PM503", "PM504", "PM507"]

NARRATIVE = """\
    # Chain halt after the trie upgrade

    ## Summary
    Block production halted for three hours after a wrong block was generated.

    ## Impact
    Every node stopped at block 8171899; no transactions were processed for 3 hours.

    ## Root cause
    A bug in the trie library produced a different hash on some nodes.

    ## Future plan
    - Add a consensus test that compares block hashes across node versions.
    - Run every trie upgrade on the devnet for a week first.
    """


def test_a_narrative_report_is_not_asked_for_its_items_fields() -> None:
    assert codes(lint_text(NARRATIVE, select=FIELD_ASKS)) == []


def test_a_postmortem_kept_as_a_record_is_asked_for_them() -> None:
    record = NARRATIVE.replace("    ## Summary", "    **Status:** final\n\n    ## Summary")
    assert sorted(reported(lint_text(record, select=FIELD_ASKS))) == FIELD_ASKS


def test_items_that_carry_a_teams_fields_keep_the_list_as_a_record() -> None:
    owned = NARRATIVE.replace(
        "versions.\n", "versions (owner: @ana).\n").replace(
        "first.\n", "first (owner: @li).\n")
    assert codes(lint_text(owned, select=["PM503"])) == ["PM503"]


FIXED = """\
    # SIGSEGV when a connection closes during a query

    ## Summary
    Closing a connection while a query ran crashed the process.

    ## Impact
    Every client that closed a connection mid-query crashed.

    ## Root cause
    The context was destroyed while workers still held it.

    ## Resolution
    The connection now waits for active queries before it destroys its context.
    """


def test_a_report_of_the_fix_it_made_is_not_asked_for_an_action_list() -> None:
    assert codes(lint_text(FIXED, select=["PM501"])) == []


def test_a_record_with_a_fix_still_owes_its_actions() -> None:
    record = FIXED.replace("    ## Summary", "    **Severity:** SEV-2\n\n    ## Summary")
    assert codes(lint_text(record, select=["PM501"])) == ["PM501"]


def test_headings_of_actions_and_fixes_as_reports_write_them() -> None:
    doc = parse_text("""\
        # Reward distribution failure

        ## Summary
        The daily rewards were calculated as zero.

        ## How was it fixed
        The oracle feed was switched back and the rewards recalculated.

        ## What could be done to avoid this in future?
        - Add a check that refuses a distribution of zero rewards.
        - Alert when the oracle feed has not updated for an hour.

        ### Remedial Measures:
        - Redistribute the missed rewards to every farmer.
        """)
    kinds = [section.kind for section in doc.sections]
    assert kinds[1:] == ["summary", "resolution", "action_items", "action_items"]
    assert len(doc.action_items) == 3


def test_phases_as_report_timelines_word_them() -> None:
    text = """\
        ## Timeline

        - 2024-04-01 0251: wrong block generated at 9029744
        - 2024-04-01 0258: notified that block generation was halted by a partner
        - 2024-04-01 0453: restarted a sequencer with a backup snapshot
        - 2024-04-01 0611: recovery of the mainnet completed
        - 2024-04-01 0620: announced the recovery of the mainnet on discord
        """
    assert codes(lint_text(text, select=["PM304"])) == []


def test_a_wiki_link_is_no_placeholder() -> None:
    text = "During this time there was at least [https://example.org/topic=1 one large " \
           "double spend], done by someone experimenting.\n"
    assert codes(lint_text(text, select=["PM901"])) == []
    assert codes(lint_text("Impact: [two or three sentences]\n", select=["PM901"])) == ["PM901"]


def test_an_item_whose_sub_item_names_the_signals_is_specific() -> None:
    text = """\
        ## Corrective actions

        - Improve alerting via Datadog. We will add alerts on:
            - Network packets, CPU, disk space
        - Improve monitoring.
        """
    found = lint_text(text, select=["PM506"])
    assert [finding.span.line for finding in found] == [5]


def test_a_date_heading_and_a_reported_on_field_date_the_incident() -> None:
    heading = parse_text("""\
        ## Incident report for the stability fee change
        ## Date: February 06, 2023

        ## Details
        The stability fee was changed by mistake during the upgrade.
        """)
    assert heading.meta.incident_date is not None
    assert heading.meta.incident_date.value == dt.date(2023, 2, 6)
    table = parse_text("""\
        # Incident 1

        | | |
        |---:|:---|
        | **Reported on** | Apr-22-2022 |
        | **Severity** | SEV-2 |

        ## What happened?
        Images failed to load for users of the app.
        """)
    assert table.meta.incident_date is not None
    assert table.meta.incident_date.value == dt.date(2022, 4, 22)


STORY_WITH_PLAN = """\
    # Website outage

    ## Summary

    The site stopped deploying after its default branch was renamed, and was down for
    two hours until the hosting provider restarted the stalled job.

    ## Timeline

    - 16:52 UTC: the site returns 404 for every page.
    - 18:00 UTC: the provider restarts the deploy job; the site is back.

    ## Root cause

    The hosting provider's deploy job failed when the branch was renamed.

    ## Corrective measures

    Going forward the web team is going to rebuild the site's deploy process so that a
    failed delivery falls back to the last good build.
    """


def test_a_change_told_in_prose_names_who_will_make_it_and_keeps_no_list() -> None:
    found = codes(lint_text(STORY_WITH_PLAN, select=["PM502", "PM503", "PM601"]))
    assert found == []


def test_a_list_that_keeps_owners_is_a_teams_record_of_its_items() -> None:
    kept = STORY_WITH_PLAN.replace(
        "Going forward the web team is going to rebuild the site's deploy process so that a\n"
        "    failed delivery falls back to the last good build.",
        "- Rebuild the deploy process to fall back to the last good build (owner: @web)\n"
        "    - Alert when a deploy job has not finished 15 minutes after it began (owner: @web)")
    assert "PM503" in codes(lint_text(kept, select=["PM503"]))


TICKET_SUMMARY = """\
    ### Summary

    - **What is wrong?**

    Logins failed after the data centre came back from a one-hour power cut.

    - **What caused it?**

    The power cut left the web VM stopped.

    - **What fixed it?**

    Restarting the web VM from the hypervisor console.

    - **Followup actions:**

    - [ ] Add the VM to the list restarted after a power cut
    """


def test_a_tickets_summary_with_labelled_lines_is_not_a_postmortems_outline() -> None:
    # its "What caused it?" line belongs to the summary: one story, told in its narrative
    assert codes(lint_text(TICKET_SUMMARY, select=["PM300", "PM311"])) == []
    # the same answers under headings of their own lay it out as a postmortem
    outlined = TICKET_SUMMARY.replace("- **What caused it?**", "## Root cause").replace(
        "- **Followup actions:**", "## Action items")
    assert codes(lint_text(outlined, select=["PM300", "PM311"])) == ["PM300", "PM311"]
