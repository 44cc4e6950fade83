"""A timeline is recognised by what it holds, whatever its heading says."""


import pytest

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, parse_text

_TIMED_LISTS = [
    """\
    # Router outage

    ## Response timeline

    - 09:31 UTC: links down, monitoring pages the on-call
    - 09:40 UTC: failover to the standby region
    - 09:52 UTC: traffic flowing again
    """,
    """\
    # Queue stall

    ## What we did

    * 2024-05-02 11:05 UTC — consumers stop acknowledging
    * 2024-05-02 11:12 UTC — alert fires for queue depth
    * 2024-05-02 11:30 UTC — consumers restarted, backlog drained
    """,
    """\
    # Certificate expiry

    ## Status updates

    ### 07:02 UTC

    Renewals failing for the public API; we are investigating.

    ### 07:45 UTC

    A renewed certificate is deployed and requests succeed again.
    """,
]

_STATUS_LOGS = [
    """\
    # Storage degradation

    Object uploads were slow for some customers.

    **Update 14:02 UTC**

    We are investigating reports of slow uploads in one region.

    **Update 14:40 UTC**

    A faulty disk controller was replaced and upload latency is back to normal.
    """,
    """\
    # Storage degradation

    Object uploads were slow for some customers.

    *Investigating* - 14:02 UTC

    We are investigating reports of slow uploads in one region.

    *Resolved* - 14:40 UTC

    A faulty disk controller was replaced and upload latency is back to normal.
    """,
]


@pytest.mark.parametrize("text", _STATUS_LOGS)
def test_status_updates_headed_by_a_time_line_tell_the_timeline(text):
    assert lint_text(text, select=["PM300"]) == []
    narrative = parse_text(text).timeline.narrative
    assert [entry.time_text.value for entry in narrative] == ["14:02 UTC", "14:40 UTC"]
    assert "investigating" in narrative[0].text.text


def test_a_time_line_alone_is_no_event():
    text = """\
        # Storage degradation

        Object uploads were slow for some customers.

        **Update 14:02 UTC**

        ## Action items

        - Replace the remaining controllers of that batch
        """
    assert parse_text(text).timeline.narrative == []


@pytest.mark.parametrize("text", _TIMED_LISTS)
def test_a_list_or_log_of_timed_lines_is_a_timeline(text):
    assert "PM300" not in codes(lint_text(text, select=["PM300"]))
    entries = parse_text(text).timeline.entries
    assert len(entries) >= 2
    assert all(entry.is_utc for entry in entries)


def test_a_list_with_a_single_time_is_not_a_timeline():
    findings = lint_text("""\
        # Queue stall

        ## What we did

        - Consumers stopped acknowledging at 11:05 UTC
        - We restarted them
        - The backlog drained
        """, select=["PM300"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM300"]


@pytest.mark.parametrize("event", [
    "links down, outage occurred",
    "the chain halts at block 4100",
    "initial symptoms: slow logins",
    "lost connectivity to the second region",
])
def test_onset_written_as_a_state_or_symptom_is_an_onset(event):
    findings = lint_text(f"""\
        ## Timeline

        - 09:31 UTC: {event}
        - 09:35 UTC: alert fires, on-call paged
        - 09:40 UTC: failover to the standby region
        - 09:52 UTC: service restored
        """, select=["PM304"])
    assert findings == []


@pytest.mark.parametrize("header", ["Day | Time (UTC) | Event", "Date (UTC) | Time | Event",
                                    "On | At (UTC) | What happened"])
def test_a_day_column_gives_the_day_of_rows_after_midnight(header):
    findings = lint_text(f"""\
        ## Timeline

        | {header} |
        |---|---|---|
        | 2024-06-01 | 18:40 | Backups start filling the disk |
        | 2024-06-01 | 20:55 | Disk alert pages the on-call |
        | 2024-06-02 | 09:20 | Old snapshots deleted |
        | 2024-06-02 | 11:05 | Writes resume |
        """, select=["PM301", "PM303"])
    assert findings == []


def test_rows_out_of_order_within_a_day_column_are_still_reported():
    findings = lint_text("""\
        ## Timeline

        | Day | Time (UTC) | Event |
        |---|---|---|
        | 2024-06-01 | 23:55 | Disk alert pages the on-call |
        | 2024-06-01 | 22:40 | Backups start filling the disk |
        """, select=["PM303"])
    assert codes(findings) == ["PM303"]


@pytest.mark.parametrize("end", [
    "Owners e-mailed an all-clear",
    "Block production resumed",
    "Service back to\nnormal operation for all tenants",
])
def test_resolution_written_with_a_hyphen_a_line_break_or_as_resumed(end):
    findings = lint_text(f"""\
        ## Timeline

        - 09:31 UTC: first errors on logins
        - 09:35 UTC: alert fires, on-call paged
        - 09:40 UTC: failover to the standby region
        - 09:52 UTC: {end}
        """, select=["PM304"])
    assert findings == []


@pytest.mark.parametrize("ending", [
    "The errors stopped on their own once the upstream link was stable; no manual "
    "intervention was needed.",
    "The cluster recovered automatically after the network partition healed.",
    "Replication self-healed when the peer came back.",
])
def test_no_mitigation_is_asked_when_the_incident_ended_unaided(ending):
    findings = lint_text(f"""\
        # Replica lag

        {ending}

        ## Timeline

        - 02:00 UTC: first errors on block proposals
        - 02:03 UTC: alert fires for missed blocks
        - 02:09 UTC: back to normal
        """, select=["PM304"])
    assert findings == []


def test_mitigation_is_still_asked_when_someone_had_to_act():
    findings = lint_text("""\
        # Replica lag

        ## Timeline

        - 02:00 UTC: first errors on block proposals
        - 02:03 UTC: alert fires for missed blocks
        - 02:09 UTC: back to normal
        """, select=["PM304"])
    assert codes(findings) == ["PM304"]
    assert "mitigation" in findings[0].message


@pytest.mark.parametrize(("first", "response"), [
    ("09:45 UTC: the team becomes aware of a transfer made about 30 minutes earlier",
     "09:52 UTC: withdrawals paused"),
    ("09:45 UTC: support becomes aware of failed payouts that began two hours prior",
     "09:52 UTC: payout job switched off"),
])
def test_onset_dated_back_from_the_detection_and_a_switch_thrown_as_mitigation(first, response):
    findings = lint_text(f"""\
        ## Timeline

        - {first}
        - {response}
        - 10:30 UTC: service restored
        """, select=["PM304"])
    assert findings == []


def test_actions_taken_told_in_time_order_are_the_timeline() -> None:
    """"## What actions have we taken so far?" over timed lines: the response, in order."""
    doc = parse_text("""\
        ## What actions have we taken so far?

        - 11:21: An incident was opened and the scope set.
        - 11:48: Disabled the import feature so no more users were affected.
        - 12:37: Began revoking every token.

        ## Next steps

        - Add a check that no token is ever written to a URL.
        """)
    assert [entry.time_text.value for entry in doc.timeline.entries] == ["11:21", "11:48", "12:37"]
    assert [item.description.text for item in doc.action_items] == [
        "Add a check that no token is ever written to a URL."]
