"""Depth matched to the document: a minor incident's lightweight retro is not asked for a
review meeting or for what went well and wrong; a status page's short notice is not asked
for five whys or a cost; causes that each answer "why" are an analysis. And fields and
headings as teams write them: a review date labelled "Next Review Date", a basic-ISO date
in front matter, a heading that brackets a pull request."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from postmortem_lint.model import ItemStatus
from tests.conftest import codes, lint_text, parse_text

RECORD = """\
    # Validator missed blocks

    **Severity:** {severity}

    ## Summary
    The validator missed blocks for 8 minutes while its upstream network was degraded.

    ## Impact
    12 blocks were missed.

    ## Timeline
    - 02:00 UTC alert fires for missed blocks
    - 02:08 UTC upstream network recovers; blocks signed again

    ## Root cause
    The upstream provider's router dropped packets; the node had no second uplink.

    ## Action items
    - Add a second uplink to the validator host. Owner: @ops
    """


@pytest.mark.parametrize("severity", ["Minor", "SEV-4", "Low"])
def test_a_minor_incident_is_not_asked_for_a_review_or_for_lessons(severity: str) -> None:
    text = RECORD.format(severity=severity)
    assert codes(lint_text(text, select=["PM601", "PM703"])) == []


@pytest.mark.parametrize("severity", ["SEV-2", "SEV-3", "Medium"])
def test_a_severe_incident_is_still_asked_for_its_review_and_lessons(severity: str) -> None:
    text = RECORD.format(severity=severity)
    assert codes(lint_text(text, select=["PM601", "PM703"])) == ["PM601", "PM703"]


def test_a_review_date_labelled_next_review_date_schedules_the_review() -> None:
    text = RECORD.format(severity="SEV-2") + \
        "\n    ## Sign-off\n    **Next Review Date**: 2026-03-02\n"
    doc = parse_text(text)
    assert doc.follow_up.review_date is not None
    assert doc.follow_up.review_date.value == dt.date(2026, 3, 2)
    assert codes(lint_text(text, select=["PM601"])) == []


STATUS_NOTE = """\
    ---
    title: Datacenter power outage
    status: resolved
    severity: high
    ---
    **ISSUE:** This morning our datacenter provider lost power; every service restarted
    cleanly and all production servers are back up.

    **UPDATE 12:35:** The provider announced power issues in two of its data centres.
    """


def test_a_status_notice_is_not_asked_for_five_whys_or_a_cost() -> None:
    assert codes(lint_text(STATUS_NOTE, select=["PM403", "PM221"])) == []
    # laid out as an analysis, the same severity asks both
    analysed = STATUS_NOTE + """
    ## Impact
    Every site was down for 40 minutes.

    ## Root cause
    Both power feeds of the provider's hall failed.
    """
    assert codes(lint_text(analysed, select=["PM403", "PM221"])) == ["PM221", "PM403"]


def test_causes_that_each_answer_why_are_a_systemic_analysis() -> None:
    text = """\
        **Severity:** SEV-2

        ## Impact
        Tracking failed for every repository for two days.

        ## Root causes

        ### 1. Schema drift
        **Issue**: Code read a column that no longer existed.
        **Why it happened**: Schema changes were not synchronised across the code base.

        ### 2. No fallback for the API
        **Issue**: Tracking stopped when the API returned 503.
        **Why it happened**: Nothing degraded gracefully when the API was down.
        """
    assert codes(lint_text(text, select=["PM403"])) == []
    one = text.replace("**Why it happened**: Nothing", "**Because**: Nothing")
    assert codes(lint_text(one, select=["PM403"])) == ["PM403"]


def test_a_basic_iso_date_in_front_matter_dates_the_incident() -> None:
    doc = parse_text("---\ntitle: Outage\ndate: 20240102\n---\n# Outage\n\nText.\n")
    assert doc.meta.incident_date is not None
    assert doc.meta.incident_date.value == dt.date(2024, 1, 2)
    assert codes(lint_text("---\ntitle: Outage\ndate: 20240102\n---\n# Outage\n\nText.\n",
                           select=["PM003"])) == []
    # a number that is no day is still reported
    assert codes(lint_text("---\ntitle: Outage\ndate: 20241402\n---\n# Outage\n\nText.\n",
                           select=["PM003"])) == ["PM003"]


def test_a_heading_that_brackets_a_reference_keeps_its_status_words() -> None:
    doc = parse_text(textwrap.dedent("""\
        ## Fixes Implemented (PR #834)
        - Removed the reference to the missing column
        - Added a fallback when the API returns 503

        ## Action items
        - [ ] Alert on the tracking error rate. Owner: @dana
        """))
    statuses = [item.status.value if item.status else None for item in doc.action_items]
    assert statuses[:2] == [ItemStatus.done, ItemStatus.done]
    assert statuses[2] is not ItemStatus.done


def test_a_count_that_opens_a_sentence_is_no_person() -> None:
    text = """\
        ## Resolution
        **Verification:** Zero missed attestations across the following 10 hours.
        """
    assert codes(lint_text(text, select=["PM1"])) == []


def test_a_posts_publishing_status_is_no_field_of_a_teams_form() -> None:
    text = """\
        ---
        layout: post
        status: publish
        title: Hard drive crash
        ---
        The server's disk failed on Friday night and the site was down until Sunday.
        """
    doc = parse_text(text)
    assert doc.meta.status is None
    assert codes(lint_text(text, select=["PM701"])) == []
    recorded = text.replace("status: publish", "status: final")
    assert codes(lint_text(recorded, select=["PM701"])) == ["PM701"]


def test_a_status_pages_updates_newest_first_are_its_convention() -> None:
    text = """\
        ---
        title: Cloud storage unreachable
        severity: down
        ---
        ## Timeline

        - 2025-01-21T18:00:00 The faulty plugin was disabled; storage is reachable again.
        - 2025-01-21T12:30:00 We are investigating errors when opening files.
        - 2025-01-21T09:10:00 Users report that files do not open.
        """
    assert parse_text(text).status_page_entry
    assert codes(lint_text(text, select=["PM303"])) == []
    team = text.replace("severity: down", "severity: SEV-2")
    assert codes(lint_text(team, select=["PM303"])) == ["PM303"]


def test_a_platform_its_users_meet_it_on_is_no_person() -> None:
    text = "Doing that on Twitch would have cut the bot off from every channel.\n"
    assert codes(lint_text(text, select=["PM1"])) == []


def test_a_pages_title_and_date_alone_are_no_teams_form() -> None:
    notice = """\
        ---
        title: Mail server down
        date: 2021-03-10 09:40
        ---
        **Edit 12:15:** the new mail server is in place and mail flows again.

        The old server stopped accepting connections this morning; we moved to a new one.
        """
    doc = parse_text(notice)
    assert doc.meta.dated_by_post and not doc.meta.records_fields
    assert codes(lint_text(notice, select=["PM701"])) == []
    # a "Date:" line in the body is a form's field: the record owes its severity
    form = "# Mail server down\n\nDate: 2021-03-10\n\nThe old server stopped accepting " \
        "connections; we moved to a new one.\n"
    assert codes(lint_text(form, select=["PM701"])) == ["PM701"]
