"""A document with no action list that tells, in its narrative, what was changed or will
change to keep the failure away has follow-up work: PM501 does not call it one without
action items. A step of the fix, following the work or telling the readers is no such
change, and a document that says nothing of the kind is still told it has no actions."""

import pytest

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text

INTRO = "# Queue outage\n\nDate: 2026-04-11\n\nThe job queue stopped accepting work for an hour.\n\n"
FIELDS = ["PM501", "PM502", "PM503", "PM504", "PM507"]


@pytest.mark.parametrize("paragraph", [
    # done, with what makes it last
    "Because of this outage, we have moved the queue to a second zone and added an alert "
    "on its depth.",
    "We've pinned the worker image so that an unreviewed build cannot reach production "
    "again.",
    "Since the outage, I have set up an uptime check that texts me when the site is down.",
    # from now on
    "We are now using a hosted probe that checks the login page every minute.",
    "We no longer deploy workers straight from the main branch.",
    # under way or planned
    "We are currently reviewing quotes from two other queue vendors.",
    "Next quarter we will migrate the queue to the managed service.",
    # named as such
    "We have since taken steps to require two reviewers on every worker change.",
    "Since then, we have made several improvements to how workers are deployed, including "
    "a canary stage.",
])
def test_a_change_told_in_the_narrative_is_follow_up_work(paragraph):
    text = INTRO + "## Looking ahead\n\n" + paragraph + "\n"
    assert codes(lint_text(text, select=FIELDS, rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("lead", [
    "The actions we took once the cause was known:",
    "We have put these safeguards in place since:",
    "Changes we have made since:",
    "Two things I'm changing about the queue.io setup so that this cannot happen again in "
    "the future:",
    "Here is what we are improving in order to prevent a repeat:",
])
def test_a_list_introduced_as_changes_is_follow_up_work(lead):
    text = INTRO + lead + "\n\n- every worker token was rotated\n" \
        "- sign-ups were paused for the weekend\n"
    assert codes(lint_text(text, select=FIELDS, rules=FREE_FORM_CHECKED)) == []


def test_a_change_under_a_heading_of_actions_taken_and_prevention_counts():
    text = INTRO + "## Actions taken and prevention\n\nHardening:\n" \
        "We've patched the exposed endpoint and added extra checks on every request.\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("paragraph", [
    # steps of the fix
    "We restarted the queue and now it accepts work.",
    "After deleting and recreating the volume, the workers started again.",
    "Once the broker was fixed, we were able to drain the backlog.",
    "When the broker was patched, the workers began taking jobs again.",
    # following the work, telling the readers
    "We will continue to monitor for issues.",
    "We're monitoring the system and will shortly update this entry with a full report.",
    "We'll update you when we have more information.",
    "The provider is investigating both failures.",
    # a procedure, a plan that failed, a list of the fix's steps
    "To restart it we must stop both services first.",
    "The plan was that we should be able to switch to the standby at once.",
])
def test_a_fix_or_a_status_note_is_no_follow_up_work(paragraph):
    text = INTRO + "## Update\n\n" + paragraph + "\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


def test_the_steps_taken_to_restore_service_are_not_follow_up_work():
    text = INTRO + "The steps we took to restore service were:\n\n" \
        "- the broker was restarted\n- the backlog was drained\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


@pytest.mark.parametrize("paragraph", [
    "Keeping more of a deleted job's history is harder than it sounds; the work is "
    "tracked in [issue 61](https://example.com/acme/queue/issues/61).",
    "The retry storm is a known weakness; see the "
    "[tracking issue](https://example.com/acme/queue/issues/12) for the plan.",
    "Limiting retries per client is tracked in QUEUE-88.",
])
def test_work_followed_in_a_linked_tracker_issue_is_follow_up_work(paragraph):
    text = INTRO + "## What can we learn from this?\n\n" + paragraph + "\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == []


def test_a_link_to_a_page_that_is_no_tracker_is_not_follow_up_work():
    text = INTRO + "## What can we learn from this?\n\nWe keep tracking down the cause; " \
        "our [blog](https://example.com/blog/queue) has the story.\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


def test_the_issue_that_tracked_the_incident_itself_is_not_follow_up_work():
    text = INTRO + "(This outage was first tracked in " \
        "https://example.com/acme/queue/issues/2080)\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]
