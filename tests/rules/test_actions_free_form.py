"""Action items where authors of free-form postmortems write them: under headings of their
own ("Future plans", "How we will keep this from happening again"), after a sentence that
names the list below as the plan ("The next steps are:"), as fixes reported landed in a
release or pull request, as practices in force from now on. A product whose name holds a
section word ("GitHub Actions") is no action-items section."""

import pytest

from postmortem_lint.model import ItemStatus
from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, parse_text

INTRO = "# Queue stall\n\nDate: 2026-05-04\n\nBuilds waited in the queue for two hours.\n\n"
FIELDS = ["PM502", "PM503"]


def kinds(text: str) -> list[str | None]:
    return [section.kind for section in parse_text(text).sections]


@pytest.mark.parametrize("heading", ["GitHub Actions", "Our GitHub Actions setup",
                                     "Actions runner"])
def test_a_product_named_like_a_section_is_no_action_items_section(heading):
    text = INTRO + f"## {heading}\n\nThe runner picked the jobs up again once the disk had room.\n"
    assert "action_items" not in kinds(text)
    found = lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)  # not told its action section is empty
    assert all("section lists no action items" not in finding.message for finding in found)


@pytest.mark.parametrize("heading", [
    "Future plans", "What's next", "Game plan", "Preventing this in the future",
    "How will I fix this and prevent it from happening again?",
    "How we will avoid this situation in the future",
])
def test_a_forward_looking_heading_holds_the_action_items(heading):
    text = INTRO + f"## {heading}\n\n- An alert when a build waits over ten minutes.\n" \
        "- We will move the cache volume to a larger disk.\n"
    doc = parse_text(text)
    assert doc.sections[-1].kind == "action_items"
    assert len(doc.action_items) == 2


@pytest.mark.parametrize("lead", [
    "Now that we know why, the future plans are to:",
    "We talked it over afterwards. Here are some actions:",
    "To keep this from happening again, we will:",
])
def test_a_list_named_as_the_plan_holds_the_items_whatever_its_section(lead):
    text = INTRO + "## Investigation\n\nThe cache volume filled up overnight.\n\n" \
        f"{lead}\n\n1. Add an alert on free space of the cache volume.\n" \
        "2. Rotate the build logs every day instead of every week.\n"
    doc = parse_text(text)
    assert [item.span.line for item in doc.action_items] == [13, 14]
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == []


def test_a_response_plan_during_the_incident_is_no_action_list():
    text = INTRO + "The game plan is:\n\n1. Put the queue in read-only mode at 2 GiB free.\n" \
        "2. Start moving the cache to the new host.\n"
    assert parse_text(text).action_items == []


def test_a_practice_in_force_from_now_on_needs_no_owner_nor_date():
    text = INTRO + "## How we will avoid this in the future\n\n" \
        "- We have added a one-click rollback next to the deploy button.\n" \
        "- Starting now, every release goes to the internal cluster a day before the rest.\n" \
        "- And of course we added a regression test for this error.\n"
    doc = parse_text(text)
    assert [item.standing_rule for item in doc.action_items] == [False, True, False]
    assert [item.status.value if item.status else None for item in doc.action_items] == \
        [ItemStatus.done, None, ItemStatus.done]
    assert all(item.closed for item in doc.action_items)
    assert codes(lint_text(text, select=[*FIELDS, "PM601"], rules=FREE_FORM_CHECKED)) == []


def test_a_dated_task_after_from_now_on_is_still_open():
    text = INTRO + "## Action items\n\n- Add an alert on queue wait above ten minutes.\n"
    doc = parse_text(text)
    assert not doc.action_items[0].standing_rule and not doc.action_items[0].closed


def test_fixes_reported_landed_are_done_action_items():
    text = INTRO + "## The first bug\n\nThe scheduler skipped idle runners.\n" \
        "This bug was patched in PR #812.\n\n## The second bug\n\n" \
        "A division by zero stopped the planner. It has been fixed in v2.4.1 as well.\n"
    doc = parse_text(text)
    assert [item.status.value for item in doc.action_items if item.status] == \
        [ItemStatus.done, ItemStatus.done]
    assert codes(lint_text(text, select=["PM501", "PM601", *FIELDS], rules=FREE_FORM_CHECKED)) == []


def test_one_fix_landed_alone_is_the_resolution_not_follow_up_work():
    text = INTRO + "## Fix\n\nThe bug was fixed in PR #812 and released in 2.4.1.\n"
    assert parse_text(text).action_items == []


def test_a_fix_that_will_ship_is_not_done():
    text = INTRO + "## Next steps\n\n- Retry on 429 responses, to be released in 2.5.\n" \
        "- Add an alert on queue wait, shipped in 2.4.1.\n"
    doc = parse_text(text)
    assert [item.closed for item in doc.action_items] == [False, True]


def test_changes_said_to_have_shipped_in_a_release_are_done_but_an_exception_stays_open():
    text = INTRO + "To stop this we changed the following:\n\n" \
        "- We will no longer refresh the cache on every build.\n" \
        "- We will batch the fetches of one build into one request.\n\n" \
        "## Roll-out\n\nExcept for the cache split, these changes have been available " \
        "since version 3.1.\n"
    doc = parse_text(text)
    assert doc.action_items and all(item.closed for item in doc.action_items)
    assert doc.open_work is not None and "cache split" in doc.open_work.value
    found = codes(lint_text(text, select=[*FIELDS, "PM601"], rules=FREE_FORM_CHECKED))
    assert "PM502" not in found and "PM503" not in found
    assert "PM601" in found  # the exception is open work, still to review


def test_a_promise_to_publish_a_write_up_is_no_action_and_a_change_made_is_done():
    text = INTRO + "## Going forward\n\n" \
        "In the past three weeks we have migrated every runner to the new host type.\n\n" \
        "We will publish a detailed write-up on the new hosts next month.\n"
    doc = parse_text(text)
    assert [(item.span.line, item.closed) for item in doc.action_items] == [(9, True)]
    assert codes(lint_text(text, select=["PM501", "PM601", *FIELDS], rules=FREE_FORM_CHECKED)) == []


def test_changes_all_reported_made_are_done_items_and_leave_nothing_to_review():
    text = INTRO + "## What happened next\n\n" \
        "As a result of this incident, we've added alerts on queue wait and low disk.\n" \
        "The cache volume was moved to a larger disk to avoid this in the future.\n"
    doc = parse_text(text)
    assert doc.action_items and all(item.closed for item in doc.action_items)
    assert codes(lint_text(text, select=["PM501", "PM601"], rules=FREE_FORM_CHECKED)) == []


def test_work_said_to_go_on_keeps_the_review_asked_for():
    text = INTRO + "## What happened next\n\n" \
        "As a result of this incident, we've added alerts on queue wait and low disk.\n\n" \
        "We're doing a full review of every runner's disk settings.\n"
    assert parse_text(text).action_items == []
    assert codes(lint_text(text, select=["PM501", "PM601"], rules=FREE_FORM_CHECKED)) == ["PM601"]


@pytest.mark.parametrize("sentence", [
    "In the future we intend to announce maintenance windows a week ahead.",
    "In the future we are looking to create a maintenance page for planned work.",
    "Going forward, I will copy the deploy files with a checked script.",
])
def test_a_commitment_for_the_future_in_any_section_is_an_action(sentence):
    text = INTRO + f"## Resolution\n\nWe restored the files from the backup. {sentence}\n"
    doc = parse_text(text)
    assert [item.words.text for item in doc.action_items] == [sentence]
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("sentence", [
    "In this post, I'll talk about what happened and what we did to prevent it in the future.",
    "We want to provide full transparency about what happened and how we will avoid it "
    "in the future.",
])
def test_words_about_the_post_itself_are_no_action(sentence):
    text = INTRO + f"{sentence}\n\n## Resolution\n\nWe restored the files from the backup.\n"
    assert parse_text(text).action_items == []


def test_working_with_someone_to_make_a_change_is_one_under_way():
    text = INTRO + "Our uptime probe missed the broken script.\n\n" \
        "We are also working with our probe vendor to set up an alert for script errors.\n"
    assert parse_text(text).changes_stated
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == []


def test_working_with_someone_to_fix_the_issue_is_the_response():
    text = INTRO + "We are working with our provider to fix the issue.\n"
    assert parse_text(text).changes_stated == []


def test_a_script_in_a_code_block_under_the_actions_is_no_item():
    text = INTRO + "## Resulting actions\n\n#### Log cleanup scheduled\n\n" \
        "A nightly job removes old archives.\n\n```bash\n#!/bin/bash\n" \
        "find . -mtime 5 -print0 | sort -z | xargs -r0 rm\n```\n"
    doc = parse_text(text)
    assert not any(13 <= item.span.line <= 16 for item in doc.action_items)  # the script


def test_a_table_pasted_in_a_plain_code_block_still_holds_items():
    text = INTRO + "## Action items\n\n```\nAdd an alert on queue wait | Ana | 2026-06-01\n" \
        "Move the cache to a larger disk | Ben | 2026-06-15\n```\n"
    assert len(parse_text(text).action_items) == 2


def test_headings_below_a_top_level_timeline_that_name_other_sections_end_it():
    text = "# Timeline\n\n- 09:00 UTC disk alert fired\n- 09:20 UTC disk cleaned\n\n" \
        "## What went wrong\n\nNobody knew who could post to the status page.\n\n" \
        "## Opportunities\n\nWe need to write down who can post to the status page.\n"
    doc = parse_text(text)
    assert doc.sections[-1].kind is None
    assert doc.timeline.span is not None and doc.timeline.span.end_line < 6
    assert doc.open_work is not None and "status page" in doc.open_work.value


def test_a_list_introduced_as_measures_put_in_place_is_done_whatever_its_mood():
    text = INTRO + "We learned from this and immediately put measures in place:\n\n" \
        "- Only maintainers can start a release job now.\n" \
        "- Disable pipeline runs from forks.\n"
    doc = parse_text(text)
    assert len(doc.action_items) == 2 and all(item.closed for item in doc.action_items)
    assert codes(lint_text(text, select=["PM501", "PM601"], rules=FREE_FORM_CHECKED)) == []


def test_a_list_introduced_as_steps_to_take_stays_open():
    text = INTRO + "We will take these steps to prevent this in the future:\n\n" \
        "- Require a second approval for every release job.\n" \
        "- Disable pipeline runs from forks.\n"
    assert not any(item.closed for item in parse_text(text).action_items)


def test_the_lead_of_a_list_is_no_item_of_its_own():
    text = INTRO + "## Recovery\n\nThe queue drained by itself. Going forward, we will do the " \
        "following to avoid a repeat:\n\n- We will add an alert on queue wait.\n" \
        "- We will raise the runner limit.\n"
    assert [item.span.line for item in parse_text(text).action_items] == [11, 12]


def test_tools_or_checks_built_are_a_lasting_change_made():
    text = INTRO + "Since most releases are automated, we have built some tools to validate " \
        "each published release.\n"
    doc = parse_text(text)
    assert doc.changes_stated and all(item.closed for item in doc.action_items)
    assert codes(lint_text(text, select=["PM501", "PM601"], rules=FREE_FORM_CHECKED)) == []


def test_a_legend_of_the_types_the_items_use_holds_no_items() -> None:
    """"Types:" then "- Prevent - …": what the table's terms mean, not three more items."""
    doc = parse_text("""\
        ## Action items

        Every item has one of three types. Types:

        - Prevent - Stop the same class of failure from reaching production again.
        - Detect - Notice the failure within minutes when it happens anyway.
        - Mitigate - Shorten the time to recovery for the users hit by it.

        | Action item | Type | Priority | Ticket |
        |---|---|---|---|
        | Add a replay test of the snapshot format | Prevent | P0 | OPS-12 |
        """)
    assert [item.description.text for item in doc.action_items] == [
        "Add a replay test of the snapshot format"]


def test_the_sentence_introducing_a_list_of_changes_is_no_item() -> None:
    doc = parse_text("""\
        ## Preventing this in the future

        Two changes are coming that will make this kind of breakage rarer:

        - excluding packages that need experimental plugins from the benchmark set,
          next time the set is regenerated.
        - a more stable benchmark runner, so that its failures are looked into.
        """)
    assert [item.description.text.split(",")[0] for item in doc.action_items] == [
        "excluding packages that need experimental plugins from the benchmark set",
        "a more stable benchmark runner"]


def test_a_labelled_item_that_reports_the_change_made_is_done() -> None:
    doc = parse_text("""\
        ## Action items

        - **Automated backups:** We have enabled nightly backups of the database.
        """)
    assert [item.closed for item in doc.action_items] == [True]
    assert lint_text("## Action items\n\n- **Automated backups:** We have enabled nightly "
                     "backups of the database.\n", select=["PM502", "PM503"]) == []


def test_an_item_whose_details_are_a_link_keeps_its_own_sentence() -> None:
    """A sentence that is itself the work ("The files should move …:") over its ticket link
    stays the item; only a sentence announcing several items gives way to the list."""
    doc = parse_text("""\
        ## Next steps

        The uploaded files should move to a bucket meant for production use:

        - https://tracker.example.org/issues/320
        """)
    assert [item.description.text for item in doc.action_items] == [
        "The uploaded files should move to a bucket meant for production use:"]


def test_a_legend_of_priorities_holds_no_items() -> None:
    doc = parse_text("""\
        ## Action items

        To make that visible, every item should have an assigned priority:

        - P0 - Critical for the next patch release and backported to it.
        - P1 - Important for the project's long-term health; blocks the next minor release.

        | Action item | Priority | Ticket |
        |---|---|---|
        | Add a replay test of the snapshot format | P0 | OPS-12 |
        """)
    assert [item.description.text for item in doc.action_items] == [
        "Add a replay test of the snapshot format"]


@pytest.mark.parametrize("done", ["We've enabled nightly backups.", "We’ve enabled nightly backups."])
def test_a_change_reported_with_a_contraction_is_done(done: str) -> None:
    doc = parse_text(f"## Action items\n\n- **Backups:** {done}\n")
    assert [item.closed for item in doc.action_items] == [True]


@pytest.mark.parametrize("sentence", [
    "We added two monitors on the queue's wait time.",
    "We also wrote a runbook for draining a stuck queue.",
    "We created a dashboard of queue depth per worker.",
])
def test_a_monitor_runbook_or_dashboard_added_is_a_change_made(sentence):
    text = INTRO + f"## What we learned\n\nThe queue filled without anyone knowing. {sentence}\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == []
    assert codes(lint_text(INTRO + "## What we learned\n\nThe queue filled without anyone "
                           "knowing. We restarted the workers.\n", select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


@pytest.mark.parametrize(("sentence", "found"), [
    ("No further actions are needed.", []),
    ("The fix is live. No other follow-up work is required.", []),
    ("The fix is live. No further action is required from customers.", ["PM501"]),
])
def test_a_decision_that_nothing_more_is_needed_is_no_missing_action_list(sentence, found):
    text = INTRO + f"## Follow-up\n\n{sentence}\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == found


def test_an_item_saying_who_did_it_is_done_in_a_list_of_plans():
    text = INTRO + "## Preventing this in the future\n\n" \
        "- We enabled object versioning on the bucket.\n" \
        "- We still need an expiry rule for old versions.\n" \
        "- We'll rewrite the cleanup job.\n" \
        "- We'll add a limit to how many files one run may delete.\n"
    statuses = [item.status.value if item.status else None
                for item in parse_text(text).action_items]
    assert statuses == [ItemStatus.done, None, None, None]


def test_a_free_form_write_up_is_not_told_it_has_no_action_items():
    story = "# The night the queue stalled\n\nBuilds waited for two hours on Friday. We " \
        "restarted the workers and the queue drained.\n"
    assert codes(lint_text(story, select=["PM501"])) == []
    laid_out = "# Queue stall\n\n## Impact\n\nBuilds waited for two hours.\n\n" \
        "## Root cause\n\nThe workers ran out of disk.\n"
    assert codes(lint_text(laid_out, select=["PM501"])) == ["PM501"]
    # what happened, how it was fixed and what was learned: any story of an incident has
    # those parts; it is laid out as a postmortem's analysis only with two of its parts
    told = "# Queue stall\n\n## What happened\n\nBuilds waited for two hours.\n\n" \
        "## How we fixed it\n\nWe restarted the workers.\n\n## Lessons learned\n\n" \
        "Disk fills silently.\n"
    assert codes(lint_text(told, select=["PM501"])) == []
    assert codes(lint_text(story, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]
