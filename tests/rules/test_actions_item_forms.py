"""Forms of an action item read as written: an item whose words are a link to its
issue (with the reason for it in a bullet below), a due date written in words ("within
two weeks", "by the end of the quarter"), and sentences under a next-steps heading that
speak to the readers rather than commit to a change."""

import pytest

from tests.conftest import codes, lint_text

INTRO = "# Mail relay outage\n\nDate: 2026-02-16\n\nOutgoing mail queued for three hours.\n\n"
FIELDS = ["PM501", "PM502", "PM503", "PM504", "PM507"]


def findings(text: str, select: list[str]) -> list[tuple[str, int]]:
    """Each rule that reported, and where (codes folded into one finding included)."""
    return sorted((code, f.span.line) for f in lint_text(text, select=select)
                  for code in (f.code, *f.also))


# -- an item that is a link to its issue, its reason below it ---------------------------------
@pytest.mark.parametrize("item", [
    "- [Move the relay's settings into the config repository]"
    "(https://example.com/acme/infra/issues/88)\n"
    "  - Recovery was slow because the relay was configured by hand.\n",
    "1. [Add a queue-depth alert for the relay](https://example.com/acme/infra/issues/91)\n"
    "   - Rationale: the queue grew for an hour before anyone looked.\n",
    "* [Replace the relay's hand-made certificate with a managed one]"
    "(https://tracker.example.com/browse/MAIL-7)\n"
    "    * The expired certificate was only noticed by a customer.\n",
])
def test_the_item_is_the_linked_line_and_the_reason_below_is_its_detail(item):
    text = INTRO + "## Action items\n\n" + item
    line = text.splitlines().index(item.splitlines()[0]) + 1
    assert findings(text, FIELDS) == [("PM502", line), ("PM503", line), ("PM504", line)]


def test_a_bare_link_to_a_board_is_still_where_the_items_live():
    text = INTRO + "## Action items\n\n- https://example.com/acme/infra/projects/4\n"
    assert codes(lint_text(text, select=FIELDS)) == []


# -- a due date written in words ----------------------------------------------------------------
@pytest.mark.parametrize("when", [
    "by the end of the quarter",
    "within two weeks",
    "next month at the latest",
    "in the next sprint or so",
    "by Q3 2026",
])
def test_a_due_date_in_words_is_a_due_date(when):
    text = INTRO + "## Action items\n\n" \
        f"- Add a queue-depth alert for the relay {when} — owner: Ana, P1, MAIL-7\n"
    assert codes(lint_text(text, select=["PM503"])) == []


def test_an_item_with_no_time_at_all_still_has_no_due_date():
    text = INTRO + "## Action items\n\n- Add a queue-depth alert for the relay soon — " \
        "owner: Ana, P1, MAIL-7\n"
    assert codes(lint_text(text, select=["PM503"])) == ["PM503"]


# -- words to the readers under a next-steps heading ----------------------------------------------
@pytest.mark.parametrize("sentence", [
    "We would like to remind readers that security reports are rewarded (we will pay "
    "well for them).",
    "We want to thank the operators who stayed up through the night.",
    "We'd like to reassure customers that no mail was lost.",
])
def test_words_to_the_readers_are_not_action_items(sentence):
    text = INTRO + "## Next steps\n\nThe relay will move to the managed service within " \
        "two weeks. " + sentence + "\n"
    found = findings(text, ["PM502", "PM503"])
    assert found == [("PM502", 9)]  # the move names no owner; it has its time


# -- one person's own account: the writer owns the follow-ups ---------------------------------------
SOLO = """\
# Photo site outage

**Date:** 2026-01-09

On 2026-01-09 my photo site was down for six hours. I run it alone on one small server.

## What happened

I noticed the errors the next morning. I logged in and saw the disk was full, so I
cleared the old thumbnails and restarted the app. I'm not sure why the cleanup job had
stopped; I had changed its schedule the week before.

## Next steps

- Move the thumbnails to object storage so the disk cannot fill up again.
- Add an alert on free disk space.
"""


def test_one_persons_own_account_is_owned_by_its_writer():
    assert codes(lint_text(SOLO, select=["PM502"])) == []
    assert codes(lint_text(SOLO, select=["PM503"])) == ["PM503"]  # still no dates


def test_a_team_account_with_a_few_first_person_lines_still_needs_owners():
    team = SOLO.replace("I run it alone on one small server.",
                        "We run it on our cluster; our team shares the on-call and we "
                        "review our alerts weekly. Our users noticed first, and we agreed "
                        "our fix needs owners so we know who does what for us.")
    assert codes(lint_text(team, select=["PM502"])) == ["PM502"]


def test_an_owner_written_as_empty_is_still_reported_in_a_solo_account():
    text = SOLO.replace("- Add an alert on free disk space.",
                        "- Add an alert on free disk space. Owner: -")
    assert "PM502" in codes(lint_text(text, select=["PM502"]))
