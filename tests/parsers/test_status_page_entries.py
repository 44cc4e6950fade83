"""Status pages' incident entries: the front matter records when the incident began and
ended, or lists its timed updates; the entry is a few paragraphs, not a postmortem."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, parse_text

# A start and a resolution time, in three status-page generators' spellings.
WINDOWS = [
    """\
    ---
    title: Webhook deliveries delayed
    date: 2025-03-04T14:32:00Z
    resolved: true
    resolvedWhen: 2025-03-04T16:05:00Z
    severity: disrupted
    ---
    Webhook deliveries were queued for up to twenty minutes. Deliveries are flowing again.
    """,
    """\
    ---
    title: Login page errors
    status: resolved
    severity: partial outage
    date: 2024-11-20 08:10
    resolvedDate: 2024-11-20 09:25
    ---
    Some sign-ins failed with an error page. A rollback of the session store fixed it.
    """,
    """\
    ---
    title: Search unavailable
    date: 2023-07-02 21:40 UTC
    resolved_on: 2023-07-03 00:15 UTC
    ---
    Search returned no results while its index was rebuilt.
    """,
]


@pytest.mark.parametrize("text", WINDOWS)
def test_a_status_entry_s_window_is_the_incident_s_start_and_end(text: str) -> None:
    doc = parse_text(text)
    assert doc.meta.incident_start is not None and doc.meta.incident_end is not None
    assert doc.meta.incident_start.value < doc.meta.incident_end.value
    lines = textwrap.dedent(text).splitlines()
    date_line = next(n for n, line in enumerate(lines, 1) if line.startswith("date:"))
    assert doc.meta.incident_start.span.line == date_line  # points at the date field
    found = codes(lint_text(text))
    assert "PM300" not in found  # a short entry that times both ends needs no timeline
    assert "PM203" not in found  # its length is computable from the two fields
    assert "PM003" not in found  # "severity: partial outage" is the page's own state


def test_the_date_s_time_is_not_a_start_without_an_end() -> None:
    """A blog post's date is when it was published: its time starts nothing."""
    doc = parse_text("""\
        ---
        title: What happened to the build farm
        date: 2024-05-02 17:45
        ---
        # What happened to the build farm
        """)
    assert doc.meta.incident_start is None
    assert doc.meta.incident_date is not None
    assert doc.meta.incident_date.value == dt.date(2024, 5, 2)


def test_a_midnight_date_is_a_day_not_a_moment() -> None:
    doc = parse_text("""\
        ---
        date: 2022-10-01 00:00:00
        resolvedWhen: 2022-10-03 11:20:00
        ---
        [Final Message]
        The mirror is back; all downloads work again.
        """)
    assert doc.meta.incident_start is None
    assert doc.meta.incident_end is not None
    assert "PM300" not in codes(lint_text("""\
        ---
        date: 2022-10-01 00:00:00
        resolvedWhen: 2022-10-03 11:20:00
        ---
        [Final Message]
        The mirror is back; all downloads work again.
        """))


UPDATES = [
    """\
    ---
    title: Payments failing in one region
    date: 2024-02-12 10:05
    resolvedDate: 2024-02-12 12:40
    incident_states:
    - status: investigating
      content: "We are looking into failed card payments."
    - status: identified
      content: "A certificate on the payment gateway had expired."
      date: 2024-02-12 10:50
    - status: resolved
      content: "The certificate was renewed and payments succeed again."
      date: 2024-02-12 12:40
    ---
    Card payments in one region failed for two and a half hours.
    """,
    """\
    ---
    title: Slow dashboards
    updates:
      - state: monitoring
        message: A fix is rolled out; we are watching load times.
        time: 2023-09-08 15:20
      - state: resolved
        message: Dashboards load normally again.
        time: 2023-09-08 16:00
    ---
    Dashboards took up to a minute to load.
    """,
]


@pytest.mark.parametrize("text", UPDATES)
def test_a_front_matter_list_of_timed_updates_is_the_timeline(text: str) -> None:
    doc = parse_text(text)
    entries = doc.timeline.entries
    assert len(entries) == 2  # an update without a time is skipped
    assert all(entry.at is not None and entry.has_date for entry in entries)
    assert entries[-1].text.text.startswith(("The certificate", "Dashboards"))
    found = codes(lint_text(text))
    assert "PM300" not in found
    assert "PM203" not in found
    assert "PM301" in found  # the updates' times have no zone: worth saying, once
    assert found.count("PM301") == 1
    assert "PM003" not in found  # an update without a time is not a broken entry


# -- true positives stay ------------------------------------------------------------------


def test_a_postmortem_with_start_and_end_fields_still_needs_a_timeline() -> None:
    found = codes(lint_text("""\
        ---
        severity: SEV-2
        start: 2025-03-04 14:32 UTC
        end: 2025-03-04 16:05 UTC
        ---
        # Webhook deliveries delayed

        ## Impact
        Deliveries were delayed for 93 minutes for 1,200 customers.

        ## Root cause
        A queue consumer ran out of memory after a dependency update.
        """))
    assert "PM300" in found


def test_a_short_entry_without_a_resolution_time_still_needs_a_timeline() -> None:
    found = codes(lint_text("""\
        ---
        title: Uploads failing
        date: 2025-01-15
        ---
        Uploads failed this morning for a while. They work again now.
        """, rules=FREE_FORM_CHECKED))
    assert "PM300" in found


def test_a_short_entry_is_not_asked_for_a_timeline_by_default() -> None:
    """A note with no postmortem sections is free-form: its absent timeline is not claimed."""
    found = codes(lint_text("""\
        ---
        title: Uploads failing
        date: 2025-01-15
        ---
        Uploads failed this morning for a while. They work again now.
        """))
    assert "PM300" not in found


def test_a_timeline_key_without_times_is_still_reported() -> None:
    """Our own ``timeline`` key keeps its contract: an entry needs a time."""
    found = codes(lint_text("""\
        title: Slow dashboards
        timeline:
          - event: A fix is rolled out.
        """, "pm.yaml"))
    assert "PM003" in found


@pytest.mark.parametrize("front", [
    "---\ntitle: API errors\ndate: 2024-04-18 18:45 UTC\nresolved: true\n---\n",
    "---\ntitle: API errors\ndate: 2024-04-18 18:45 UTC\nstatus: resolved\n---\n",
    "+++\ntitle = \"API errors\"\ndate = 2024-04-18T18:45:00Z\nresolved = true\n+++\n",
])
def test_a_resolved_entry_s_date_time_and_its_told_recovery_give_the_length(front: str) -> None:
    text = front + ("All API requests failed with errors.\n\n"
                    "## Update\n\nAll services are back to normal at 19:35 UTC.\n")
    doc = parse_text(text)
    assert doc.meta.incident_start is not None
    assert doc.meta.incident_start.value.hour == 18
    found = codes(lint_text(text))
    assert "PM203" not in found and "PM300" not in found


def test_an_unresolved_entry_s_date_is_not_its_start() -> None:
    doc = parse_text("---\ndate: 2024-04-18 18:45 UTC\nstatus: investigating\n---\nErrors.\n")
    assert doc.meta.incident_start is None


def test_an_update_s_state_is_its_phase() -> None:
    """"monitoring" on a status page means a fix is in place and watched."""
    doc = parse_text(UPDATES[1])
    assert [entry.phase.value if entry.phase else None for entry in doc.timeline.entries] == [
        "mitigation", "resolution"]
    assert all(entry.phase_explicit for entry in doc.timeline.entries)


def test_a_revision_history_is_not_a_timeline() -> None:
    doc = parse_text("""\
        ---
        history:
          - date: 2025-01-20 10:00
            change: First draft
          - date: 2025-01-22 16:30
            change: Reviewed by the platform team
        ---
        # Cache outage
        """)
    assert doc.timeline.entries == []


def test_a_start_read_from_the_date_is_no_onset_entry() -> None:
    """The entry's date bounds its window; a timeline that lacks its onset still says so."""
    text = """\
        ---
        date: 2024-04-18 18:45 UTC
        status: resolved
        ---
        Errors on the API.

        ## Timeline

        - 18:50 UTC Incident opened after a customer report.
        - 19:20 UTC Rolled back the release.
        - 19:35 UTC All requests succeed again.
        """
    doc = parse_text(text)
    assert doc.meta.incident_start is not None
    assert doc.meta.incident_start_source == "date"
    found = lint_text(text, select=["PM304"])
    assert codes(found) == ["PM304"] and "onset" in found[0].message
