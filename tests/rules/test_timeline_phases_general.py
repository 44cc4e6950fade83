"""Timeline phases written in the many ways teams write them: a phase is read from any
form of its verbs, from a verb with its object, and from an entry's place in the
timeline; PM304 then names only the phases a reader would agree are absent."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import codes, lint_text


def _pm304(body: str) -> list[str]:
    findings = lint_text("## Timeline (UTC)\n\n" + textwrap.dedent(body), select=["PM304"])
    return [finding.message for finding in findings]


@pytest.mark.parametrize("opened", [
    "Incident opened.",
    "On-call opens an incident in the tracker",
    "SEV2 incident created by the support lead",
    "We declared an incident",
])
def test_a_timeline_that_opens_with_the_incident_opens_with_its_detection(opened):
    assert _pm304(f"""\
        - 09:31 — {opened}
        - 09:50 — bad config reverted
        - 10:05 — error rate back to normal
        """) == ["The timeline has no onset entry; add its time and label it"]


def test_an_incident_declared_after_unlabelled_events_is_their_detection():
    assert _pm304("""\
        - 16:58 — writer database saturates on connections
        - 17:05 — pods enter crash loops
        - 17:25 — Incident declared; rollback attempted
        - 18:46 — service fully restored
        """) == []


def test_in_a_labelled_timeline_an_incident_declared_late_is_no_detection():
    assert _pm304("""\
        - 09:02 — **Onset:** nightly job archives the pricing flag
        - 11:52 — Incident declared SEV3; on-call takes ownership
        - 12:21 — **Mitigation:** flag restored
        - 12:30 — **Resolution:** prices correct again
        """) == ["The timeline has no detection entry; add its time and label it"]


@pytest.mark.parametrize("heard", [
    "Maintainers receive a burst of emails from users",
    "The support desk received three complaints about missing invoices",
    "we got a report from a customer on the forum",
])
def test_receiving_reports_is_detection(heard):
    assert _pm304(f"""\
        - 09:10 — nightly export begins failing
        - 09:31 — {heard}
        - 09:50 — export job restarted
        - 10:05 — service restored
        """) == []


@pytest.mark.parametrize("act", [
    "the bad release was unpublished from the registry",
    "compromised accounts frozen",
    "attacker's token revoked and their user disabled",
    "worker containers stopped",
    "replacement disk installed; array rebuild started",
    "feature switched off for all tenants",
    "the corrupted index was deleted and rebuilt",
])
def test_stopping_undoing_replacing_or_disabling_is_mitigation(act):
    assert _pm304(f"""\
        - 09:10 — faulty version deployed
        - 09:31 — alert fires for elevated 5xx
        - 09:50 — {act}
        - 10:05 — service restored
        """) == []


@pytest.mark.parametrize("fix", [
    "engineer spots the typo in the mail alias and corrects it",
    "the broken tag is reverted",
    "PR with the permission fix merged and the stack redeployed",
    "new parameter group applied to the database",
])
def test_the_fix_is_mitigation_and_resolution(fix):
    assert _pm304(f"""\
        - 09:10 — config change deployed
        - 09:31 — alert fires for failed logins
        - 09:50 — {fix}
        """) == []


def test_what_precedes_the_first_detection_is_the_onset():
    # a first silent failure, an attacker's first step: before anyone noticed anything
    assert _pm304("""\
        - 02:14 — nightly backup skips two tables without an error
        - 06:40 — health report turns red; on-call notices the missing tables
        - 07:30 — permission restored and the backup re-run
        """) == []
    assert _pm304("""\
        - 08:42 — a new account registers and invites itself to the project
        - 14:33 — maintainers receive an email from the project owner
        - 14:46 — admin disables the account
        - 15:50 — admins close the incident
        """) == []


@pytest.mark.parametrize("failure", [
    "the API stopped responding",
    "ingest workers stop processing messages",
    "the scheduler kept crashing",
])
def test_a_stop_that_is_a_failure_is_not_a_mitigation(failure):
    messages = _pm304(f"""\
        - 09:10 — {failure}
        - 09:31 — pager alert for the queue depth
        - 10:05 — queue depth back to normal
        """)
    assert len(messages) == 1 and "mitigation" in messages[0]


def test_a_negated_phase_word_marks_nothing():
    messages = _pm304("""\
        - 09:10 — deploy of the new cache layer
        - 09:31 — alert fires for slow pages
        - 09:50 — cache flushed; verified the issue is not resolved
        """)
    assert messages == ["The timeline has no resolution entry; add its time and label it"]


def test_a_security_timeline_that_ends_on_the_attacker_shut_out_is_over():
    findings = lint_text("""\
        ## Timeline (UTC)

        - 09:10 — attacker's first login with the stolen key
        - 09:31 — intrusion alert fires
        - 09:50 — attacker's access blocked
        """, select=["PM304"])
    assert findings == []


@pytest.mark.parametrize("back", [
    "website back",
    "API back up after the node replacement",
    "error rates return to baseline",
    "all systems operational",
    "users confirm uploads work",
])
def test_service_back_in_many_wordings_is_the_resolution(back):
    assert _pm304(f"""\
        - 09:10 — faulty version deployed
        - 09:31 — alert fires for elevated 5xx
        - 09:50 — bad version rolled back
        - 10:05 — {back}
        """) == []


@pytest.mark.parametrize("not_back", [
    "the change was rolled back",
    "connections fell back to the replica",
    "verified the site is not working",
    "service not back yet",
])
def test_back_in_another_sense_is_no_resolution(not_back):
    messages = _pm304(f"""\
        - 09:10 — faulty version deployed
        - 09:31 — alert fires for elevated 5xx
        - 09:50 — traffic shifted to the standby region
        - 10:05 — {not_back}
        """)
    if not_back.startswith("the change"):  # an undone change is the fix itself
        assert messages == []
    else:
        assert messages == ["The timeline has no resolution entry; add its time and label it"]


@pytest.mark.parametrize("heard", [
    "customer tweets about failed checkouts",
    "a user opens a GitHub issue about corrupt downloads",
    "we were contacted by a security researcher",
])
def test_hearing_from_outside_is_detection(heard):
    assert _pm304(f"""\
        - 09:10 — faulty version deployed
        - 09:31 — {heard}
        - 09:50 — capacity added to the cluster
        - 10:05 — service restored
        """) == []


def test_a_change_shipped_after_detection_that_ends_the_outage_is_the_fix():
    assert _pm304("""\
        - 09:10 — cache config change deployed
        - 09:31 — alert fires for elevated 5xx
        - 10:05 — the PR was merged and deployed, bringing the outage to an end
        """) == []


def test_a_word_negated_with_a_typographic_apostrophe_marks_nothing():
    messages = _pm304("""\
        - 09:10 — cache config change deployed
        - 09:31 — alert fires for elevated 5xx
        - 09:50 — cache nodes restarted
        - 10:05 — the underlying bug can’t be fixed without a schema change
        """)
    assert messages == ["The timeline has no resolution entry; add its time and label it"]


def test_pausing_the_job_that_hurts_is_mitigation():
    text = """\
        ## Timeline (UTC)

        - 02:00 — nightly index rollover starts; snapshot job starts at the same time.
        - 02:11 — SearchLatencyHigh alert pages the on-call.
        - 02:29 — on-call pauses the snapshot job; latency drops.
        - 02:51 — latency back to baseline; incident resolved.
        """
    assert codes(lint_text(text, select=["PM304"])) == []


def test_a_backfill_finishing_is_the_resolution():
    assert _pm304("""\
        - 09:10 — scraper starts dropping versions after the upstream change
        - 14:01 — a user reports odd error messages
        - 21:20 — hotfix switched on in production
        - 23:20 — backfill of the missing versions starts
        - 23:55 — the backfilling process finishes
        """) == []


@pytest.mark.parametrize("alert", [
    "First alert fires for the checkout health check",
    "Uptime monitor alert fired: status page unreachable",
    "Pingdom sends an email: the site is down",
])
def test_a_timeline_that_opens_on_an_automated_alert_times_its_onset_by_it(alert):
    # nothing earlier is known: the alert is as close to the onset as the record gets
    assert _pm304(f"""\
        - 01:03 — {alert}
        - 01:20 — engineers acknowledge and start investigating
        - 01:41 — hub restarted with a larger memory limit
        - 02:05 — service fully restored
        """) == []


def test_a_timeline_that_opens_on_a_users_report_still_lacks_its_onset():
    assert _pm304("""\
        - 01:03 — a customer reports failed checkouts
        - 01:41 — hub restarted with a larger memory limit
        - 02:05 — service fully restored
        """) == ["The timeline has no onset entry; add its time and label it"]


def test_a_labelled_timeline_opening_on_an_alert_still_owes_its_onset_label():
    assert _pm304("""\
        - 01:03 — **Detection:** first alert fires
        - 01:41 — **Mitigation:** hub restarted
        - 02:05 — **Resolution:** service fully restored
        """) == ["The timeline has no onset entry; add its time and label it"]
