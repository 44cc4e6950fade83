"""Action items under a heading that names them besides another kind ("Remediation
(action items)", "Fixes and follow-ups") or under a follow-up heading as a table of
tracked issues: read by what the section holds, with the item's own words taken from
the column that says what the item is, never from a note column ("Triggered by")."""

import pytest

from postmortem_lint.model import ItemStatus, Postmortem
from postmortem_lint.parsers import parse as parse_source
from postmortem_lint.ruledata import load_rule_data
from postmortem_lint.sources.reading import decode
from tests.conftest import FREE_FORM_CHECKED, codes, lint_text

INTRO = "# Scheduler outage\n\nDate: 2026-05-04\n\nJobs did not run for two hours.\n\n"
FIELDS = ["PM501", "PM502", "PM503", "PM504", "PM507"]


def parse(text: str) -> Postmortem:
    return parse_source(decode(text.encode(), "postmortem.md"), load_rule_data())


@pytest.mark.parametrize("heading", [
    "Remediation (action items)",
    "Mitigation and action items",
    "Recovery and next steps",
])
def test_a_checklist_under_a_heading_that_also_names_actions_holds_the_items(heading):
    text = INTRO + f"## {heading}\n\n" + """\
- [x] **Pin the scheduler image** — every node runs the reviewed build.
- [x] **Add a check on missed runs** — it pages when a job is an hour late.
- [x] Document the restart order in the runbook.
"""
    doc = parse(text)
    assert [item.status.value for item in doc.action_items if item.status] == \
        [ItemStatus.done] * 3
    assert codes(lint_text(text, select=FIELDS, rules=FREE_FORM_CHECKED)) == []


def test_a_note_among_checklist_items_is_no_item_and_n_a_is_declined():
    text = INTRO + "## Remediation (action items)\n\n" + """\
- [x] Pin the scheduler image to the reviewed build.
- [x] Add a check on missed runs that pages the on-call.
- [x] The restart order is now in the runbook.
- [N/A] **Rewrite the queue** — dropped after review: the queue played no part.
- **Staging:** runs with the same settings; this change covers it as well.
"""
    doc = parse(text)
    assert [item.status.value for item in doc.action_items if item.status] == \
        [ItemStatus.done, ItemStatus.done, ItemStatus.done, ItemStatus.wont_do]
    assert all(item.owner is None for item in doc.action_items)  # "N/A" names nobody
    assert codes(lint_text(text, select=FIELDS, rules=FREE_FORM_CHECKED)) == []


def test_a_narrative_under_a_heading_that_also_names_actions_is_not_a_list_of_items():
    text = INTRO + "## Remediation (action items)\n\n" + """\
- The scheduler restarted cleanly after the config was reverted.
- Two jobs were run by hand.
- The backlog cleared within the hour.
"""
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


TRACKED = INTRO + """\
## Follow-up issues

| Issue | Triggered by | Outcome |
|---|---|---|
| #12 — page on jobs that fail silently | The missing alert in the timeline above, found on the second day | Resolved by PR #15 |
| #13 — audit the scheduler's permissions | A review of the permissions patch during the deploy | Resolved by PR #16 |
| #14 — move the scheduler to the managed queue | Raised in the review meeting | Open |
"""


def test_a_table_of_tracked_issues_under_a_follow_up_heading_holds_the_items():
    doc = parse(TRACKED)
    assert [item.words.text for item in doc.action_items] == [
        "page on jobs that fail silently", "audit the scheduler's permissions",
        "move the scheduler to the managed queue"]
    assert [item.ticket.value for item in doc.action_items if item.ticket] == \
        ["#12", "#13", "#14"]
    assert [item.status.value for item in doc.action_items if item.status] == \
        [ItemStatus.done, ItemStatus.done, ItemStatus.open]
    found = codes(lint_text(TRACKED, select=FIELDS, rules=FREE_FORM_CHECKED))
    assert "PM501" not in found and "PM507" not in found
    assert "PM502" in found  # the open issue names no owner


def test_a_note_column_is_not_read_as_the_item_when_the_ticket_column_has_no_title():
    text = INTRO + """\
## Follow-up issues

| Ticket | Reason | Task |
|---|---|---|
| #12 | The alert was missing | Page on jobs that fail silently |
| #13 | Found in review | Audit the scheduler's permissions |
"""
    assert [item.words.text for item in parse(text).action_items] == [
        "Page on jobs that fail silently", "Audit the scheduler's permissions"]


def test_a_deferred_item_is_not_asked_for_an_owner_or_a_date():
    text = TRACKED.replace("| Open |", "| Open — deferred until next year |")
    doc = parse(text)
    assert doc.action_items[-1].status is not None
    assert doc.action_items[-1].status.value == ItemStatus.wont_do
    assert codes(lint_text(text, select=FIELDS, rules=FREE_FORM_CHECKED)) == []


def test_a_follow_up_section_with_a_review_date_is_still_the_review():
    text = INTRO + "## Action items\n\n- Page on silent job failures. Owner: Ana. Due: " \
        "2026-05-20. P1. OPS-3\n\n## Follow-up\n\nWe review the actions on 2026-06-01.\n"
    doc = parse(text)
    assert doc.follow_up.review_date is not None
    assert len(doc.action_items) == 1


def test_the_item_is_the_titled_ticket_column_not_the_column_that_says_why():
    text = TRACKED.replace("## Follow-up issues", "## Action items")
    words = [item.words.text for item in parse(text).action_items]
    assert words[0] == "page on jobs that fail silently"
    assert not any("review" in text for text in words[:2])  # not the "Triggered by" cells


def test_the_prevention_checklist_is_not_asked_of_finished_work():
    done = "**Severity:** SEV-2\n\n## Action items\n\n" \
        "- [x] Pin the scheduler image to the reviewed build.\n" \
        "- [x] Add a check on missed runs that pages the on-call.\n"
    assert codes(lint_text(INTRO + done, select=["PM511"])) == []
    still_open = done.replace("- [x] Add", "- [ ] Add")
    assert codes(lint_text(INTRO + still_open, select=["PM511"])) == ["PM511"]


def test_a_status_word_in_the_reference_column_is_the_status():
    text = INTRO + """\
## Action items

| Action | Owner | Reference | Notes |
|---|---|---|---|
| Write a release checklist for the scheduler | Ana | **TODO** | — |
| Take the broken build out of the store | Bo | **DONE** | — |
| Add a canary stage to scheduler deploys | Cy | DONE | — |
"""
    found = lint_text(text, select=["PM503"])
    assert [f.message for f in found] == [
        'Action item "Write a release checklist for the scheduler" has no due date; write '
        'the date it will be done by (due: YYYY-MM-DD)']


def test_a_past_tense_item_among_items_checked_done_is_done_too():
    doc = parse(INTRO + "## Action items\n\n"
                "- ✅ Reverted the scheduler change and released 2.4.1\n"
                "- ✅ Refunded the customers billed twice\n"
                "- Sent a notice to the 120 affected teams\n\n"
                "### Long-term\n\n"
                "- Add a canary for the scheduler. Owner: @ana\n")
    status = {item.text.text.split()[0] if item.text else "": item.status for item in
              doc.action_items}
    assert status["Sent"] is not None and status["Sent"].value is ItemStatus.done
    assert status["Add"] is None


def test_a_past_tense_item_among_open_items_stays_open():
    doc = parse(INTRO + "## Action items\n\n"
                "- Add a canary for the scheduler\n"
                "- Sent a notice to the 120 affected teams\n"
                "- Alert on jobs that miss their slot\n")
    assert all(item.status is None for item in doc.action_items)
