"""PM5xx on action items as real teams write them: status marks, owners before the action,
priority words, prose commitments, references, and one finding per missing convention."""

import json

from postmortem_lint.engine.finding import FileResult
from postmortem_lint.reporters.json_report import render_json
from postmortem_lint.reporters.text import render_text
from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, reported
from tests.integrations.sarif_validation import assert_valid_sarif

HEAD = "# Queue backlog\n\nDate: 2026-03-02\n\n## Action items\n\n"
FIELDS = ["PM502", "PM503", "PM504", "PM507"]


def lint_items(body: str, select: list[str] | None = None):
    return lint_text(HEAD + body, select=select or FIELDS, rules=FREE_FORM_CHECKED)


# -- one finding per cause -------------------------------------------------------------------
BARE_LIST = """\
- Add a queue-depth alert on the billing consumer
- Move the consumer's retry budget into the shared config
- Write a runbook entry for draining the dead-letter queue
- Load test the consumer at twice the peak rate before the next release
"""


def test_a_list_without_owners_is_told_once_with_the_item_lines():
    findings = lint_items(BARE_LIST, select=["PM502"])
    assert codes(findings) == ["PM502"]
    assert "None of the 4 open action items has an owner" in findings[0].message
    assert findings[0].span.line == 5  # the action-items heading
    assert [span.line for span in findings[0].related] == [7, 8, 9, 10]


def test_each_missing_field_is_one_finding_for_the_whole_list():
    findings = lint_items(BARE_LIST)
    assert sorted(reported(findings)) == sorted(FIELDS)
    assert len(findings) == 1  # one cause: the list keeps none of the fields


def test_when_most_items_have_an_owner_the_one_without_is_named():
    findings = lint_items("""\
- Add a queue-depth alert on the billing consumer — owner: @rosa
- Move the retry budget into the shared config — owner: @tomas
- Write a runbook entry for draining the dead-letter queue
""", select=["PM502"])
    assert codes(findings) == ["PM502"]
    assert findings[0].span.line == 9
    assert "Write a runbook entry" in findings[0].message
    assert findings[0].related == []


def test_the_once_per_list_finding_reaches_text_json_and_sarif(tmp_path):
    from postmortem_lint.reporters.sarif import render_sarif

    findings = lint_items(BARE_LIST, select=["PM503"])
    result = FileResult(path="postmortem.md", findings=findings)
    assert "    at: lines 7, 8, 9, 10" in render_text([result])
    data = json.loads(render_json([result]))
    assert [span["line"] for span in data["files"][0]["findings"][0]["related"]] == \
        [7, 8, 9, 10]
    sarif = assert_valid_sarif(render_sarif([result], root=tmp_path))
    related = sarif["runs"][0]["results"][0]["relatedLocations"]
    assert [loc["physicalLocation"]["region"]["startLine"] for loc in related] == [7, 8, 9, 10]


def test_done_items_are_not_asked_for_fields():
    findings = lint_items("""\
- [x] Add a queue-depth alert on the billing consumer
- Move the retry budget into the shared config ✅
- Write a runbook entry for draining the dead-letter queue (done)
- Raise the consumer's memory limit [FIXED]
- Split the consumer into two deployments (Done as of 2026-03-04)
""")
    assert findings == []


def test_a_completed_heading_closes_the_items_below_it():
    findings = lint_items("""\
### Completed

- Add a queue-depth alert on the billing consumer
- Move the retry budget into the shared config
""")
    assert findings == []


def test_a_list_of_work_reported_in_the_past_tense_is_done():
    findings = lint_items("""\
- Added a queue-depth alert on the billing consumer
- Moved the retry budget into the shared config
- Temporarily doubled the consumer's memory limit
""")
    assert findings == []


def test_one_past_tense_line_among_plans_stays_open():
    findings = lint_items("""\
- Add a queue-depth alert on the billing consumer
- Move the retry budget into the shared config
- Added a runbook entry for the dead-letter queue
""", select=["PM502"])
    assert "None of the 3 open action items" in findings[0].message


def test_a_notes_column_that_says_done_closes_the_row():
    findings = lint_items("""\
| Action | Owner | Tracking bug | Notes |
|---|---|---|---|
| Pin the queue client to a known good version | rosa | #4410 | Done |
""", select=["PM503", "PM504"])
    assert findings == []


def test_in_progress_items_are_still_asked_for_fields():
    findings = lint_items("- [ ] Split the consumer into two deployments (in progress)\n",
                          select=["PM502"])
    assert codes(findings) == ["PM502"]


def test_a_rejected_proposal_is_not_asked_for_fields():
    findings = lint_items("- Rejected: shard the billing queue by tenant\n")
    assert findings == []


# -- owners, priorities and dates in the forms real documents use ---------------------------
def test_owners_written_before_the_action_are_read():
    findings = lint_items("""\
- [PAY] Add a queue-depth alert on the billing consumer
- Ledger + PAY: Move the retry budget into the shared config
- Ledger: Write a runbook entry for draining the dead-letter queue
- PAY to load test the consumer at twice the peak rate
- Ledger will review the retry defaults of every consumer
""", select=["PM502"])
    assert findings == []


def test_a_one_off_label_is_not_an_owner():
    findings = lint_items("""\
- Diagnosis: Add a description of the backlog to the incident channel
- Write a runbook entry for draining the dead-letter queue
""", select=["PM502"])
    assert codes(findings) == ["PM502"]
    assert "None of the 2" in findings[0].message


def test_an_owner_in_the_heading_above_covers_its_items():
    findings = lint_items("""\
### Payments team (@payments)

- Add a queue-depth alert on the billing consumer
- Move the retry budget into the shared config
""", select=["PM502"])
    assert findings == []


def test_priority_words_before_the_action_are_read():
    findings = lint_items("""\
- **HIGH** Add a queue-depth alert on the billing consumer
- **Critical** – Move the retry budget into the shared config
- P2: Write a runbook entry for draining the dead-letter queue
- [Low] Rename the consumer group
""", select=["PM504"])
    assert findings == []


def test_a_sentence_that_starts_with_high_is_not_a_priority():
    findings = lint_items("- High availability for the billing consumer across two zones\n",
                          select=["PM504"])
    assert codes(findings) == ["PM504"]


def test_an_expected_date_column_and_an_assignee_column_are_read():
    findings = lint_items("""\
| Description | Assignee | Expected date | Priority | Issue |
|---|---|---|---|---|
| Add a queue-depth alert on the billing consumer | Rosa Diaz | 2026-03-20 | P1 | OPS-88 |
""")
    assert findings == []


# -- which lines are items ----------------------------------------------------------------
def test_detail_bullets_under_an_item_are_not_items():
    findings = lint_items("""\
1. Add a queue-depth alert on the billing consumer
   - 4.2 already exposes the metric
   - https://tracker.example.com/issues/88
""", select=["PM502", "PM507"])
    assert codes(findings) == ["PM502"]
    assert findings[0].related == [] or len(findings[0].related) == 1


def test_nested_actions_under_an_item_are_items():
    findings = lint_items("""\
- Work with the platform team on consumer budgets
    - Turn the autoscaler back on for the billing consumer
    - Raise the consumer budget in next quarter's plan
""", select=["PM502"])
    assert "None of the 3 open action items" in findings[0].message


def test_a_group_label_is_not_an_item():
    findings = lint_items("""\
- Short term:
    - Add a queue-depth alert on the billing consumer
    - Move the retry budget into the shared config
""", select=["PM502"])
    assert "None of the 2 open action items" in findings[0].message


def test_bare_links_and_see_lines_are_references_not_items():
    findings = lint_items("""\
- https://tracker.example.com/issues/2127
- #2213
- See the capacity plan for the rest
""", select=["PM501", *FIELDS])
    assert findings == []


def test_commitments_in_prose_under_an_action_heading_are_items():
    text = HEAD + """\
We will add a queue-depth alert on the billing consumer. We also need to move the retry
budget into the shared config. This will be done in the next sprint.
"""
    findings = lint_text(text, select=["PM501", "PM502"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM502"]
    assert "None of the 2 open action items" in findings[0].message


def test_prose_that_only_defers_is_no_action():
    text = HEAD + "We will discuss follow-ups at the next team meeting.\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


def test_prose_around_a_list_is_commentary():
    findings = lint_items(BARE_LIST + "\nThe review on 2026-04-01 will check these items.\n",
                          select=["PM502"])
    assert "None of the 4 open action items" in findings[0].message


def test_a_heading_that_starts_with_todo_is_an_open_item():
    findings = lint_items("### TODO: Rotate the billing consumer's credentials\n",
                          select=["PM502"])
    assert codes(findings) == ["PM502"]
    assert "Rotate the billing consumer" in findings[0].message


# -- PM509 compares the whole action ---------------------------------------------------------
def test_ticket_like_ids_inside_the_action_do_not_make_items_repeat():
    findings = lint_items("""\
- Patch CVE-2022-3602 in the billing consumer image
- Patch CVE-2022-3786 in the ledger gateway image
- Patch CVE-2023-0286 in the reporting worker image
""", select=["PM509"])
    assert findings == []


def test_a_real_repeat_is_still_found():
    findings = lint_items("""\
- Add a queue-depth alert on the billing consumer — owner: @rosa, OPS-1
- Add a queue depth alert on the billing consumer — owner: @tomas, OPS-2
""", select=["PM509"])
    assert codes(findings) == ["PM509"]


def test_vague_wording_of_a_finished_item_is_history():
    findings = lint_items("- Improve monitoring (done)\n", select=["PM506"])
    assert findings == []


def test_prose_commitments_are_asked_for_an_owner_and_a_date_only():
    text = HEAD + "We will add a queue-depth alert on the billing consumer.\n"
    findings = lint_text(text, select=[*FIELDS, "PM508"], rules=FREE_FORM_CHECKED)
    assert sorted(reported(findings)) == ["PM502", "PM503"]


def test_a_labelled_tracker_link_is_a_reference():
    findings = lint_items("1. Uptime and alerting issue: https://tracker.example.com/issues/611\n",
                          select=["PM501", *FIELDS])
    assert findings == []


def test_an_item_that_links_the_commit_that_made_the_change_is_done():
    findings = lint_items("- Pin the queue client to 4.2 "
                          "(https://git.example.com/billing/commit/4d078f955b0c68d3)\n")
    assert findings == []


def test_fragments_are_not_items():
    findings = lint_items("- sequence\n- of\n- `screen -r` to stop\n", select=["PM509"])
    assert findings == []


def test_remediations_written_in_the_passive_are_done():
    findings = lint_items("""\
- The parser is updated to skip malformed events
- Integration tests are extended to cover empty payloads
""")
    assert findings == []


def test_a_list_of_remediations_reported_by_their_subjects_is_done():
    findings = lint_items("""\
- Client teams implemented a fix for the malformed event parser
- The event schema is updated to reject empty payloads
- Integration tests are extended to cover empty payloads
""")
    assert findings == []


def test_a_team_named_as_the_subject_of_a_commitment_owns_it():
    text = HEAD + "Scanning is planned, and the registry team will add it to the upload path.\n"
    assert lint_text(text, select=["PM502"]) == []


# -- per-item rules do not flood -------------------------------------------------------------
def test_many_vague_items_are_one_finding_for_the_list():
    findings = lint_items("""\
- Improve monitoring of the billing consumer
- Improve monitoring of the ledger gateway
- Improve monitoring of the reporting worker
- Improve monitoring of the export job
""", select=["PM506"])
    assert codes(findings) == ["PM506"]
    assert findings[0].message.startswith("4 action items are too vague")
    assert [span.line for span in findings[0].related] == [7, 8, 9, 10]


def test_a_few_vague_items_are_named_one_by_one():
    findings = lint_items("- Improve monitoring of the billing consumer\n", select=["PM506"])
    assert codes(findings) == ["PM506"]
    assert findings[0].related == []


def test_many_late_items_are_one_finding_for_the_list():
    rows = "".join(f"- Fix consumer {n} — owner: @rosa, P0, due 2026-05-0{n}, OPS-{n}\n"
                   for n in range(1, 6))
    findings = lint_items(rows, select=["PM505"])
    assert codes(findings) == ["PM505"]
    assert findings[0].message.startswith("5 action items are due later")
    assert len(findings[0].related) == 5


# -- actions stated outside an action-items section ------------------------------------------
def test_commitments_listed_under_lessons_are_the_action_items():
    text = """\
# Queue backlog

**Status:** final

## Lessons learned

Going forward, we will

- We will add an alert on the billing consumer's queue depth.
- We need to document how the dead-letter queue is drained.
- We should have load tested the consumer before the sale.
"""
    findings = lint_text(text, select=["PM501", "PM502"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM502"]
    assert "None of the 2 open action items" in findings[0].message


def test_actions_reported_as_taken_are_done_items():
    text = """\
# Token exposure

Out of caution we have taken these actions:

1. We have rotated every deploy token.
2. We have invalidated all sessions.
"""
    assert lint_text(text, select=["PM501", *FIELDS], rules=FREE_FORM_CHECKED) == []


def test_steps_of_a_fix_are_not_action_items():
    # (a record, with fields: a narrative report of its fix is not asked for actions)
    text = """\
# Queue backlog

**Status:** final

## Steps to resolution

- We experienced a backlog on the billing consumer
- I switched the consumer to the new image
- we must stop both the consumer and the scheduler
"""
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


def test_commitments_in_the_recovery_section_are_action_items():
    text = """\
# Queue backlog

**Status:** final

## Recovery

The backlog drained by itself. Going forward:

- We have restarted the consumer with a larger heap.
- We will add an alert on the billing consumer's queue depth.
"""
    findings = lint_text(text, select=["PM501", "PM502"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM502"]
    assert "queue depth" in findings[0].message and "has no owner" in findings[0].message


def test_the_job_summary_and_annotations_list_the_related_lines():
    from postmortem_lint.reporters.github import render_github
    from postmortem_lint.reporters.gitlab import render_gitlab
    from postmortem_lint.reporters.junit import render_junit
    from postmortem_lint.reporters.summary import render_summary

    result = FileResult(path="postmortem.md", findings=lint_items(BARE_LIST, select=["PM502"]))
    assert "at: lines 7, 8, 9, 10" in render_summary([result])
    assert "at: lines 7, 8, 9, 10" in render_github([result])
    assert "at: lines 7, 8, 9, 10" in render_junit([result])
    assert "(at lines 7, 8, 9, 10)" in render_gitlab([result])


def test_without_an_action_heading_the_list_finding_points_at_the_first_item():
    text = """\
# Queue backlog

**Status:** final

## Lessons learned

- We will add an alert on the billing consumer's queue depth.
- We need to document how the dead-letter queue is drained.
"""
    [finding] = lint_text(text, select=["PM502"])
    assert finding.span.line == 7
