"""What the parser puts in the model for each action item: its own words, status, owner,
priority and ticket, read once so that no rule reads the text again."""

import textwrap

from postmortem_lint.model import ItemStatus
from postmortem_lint.parsers import parse
from postmortem_lint.ruledata import load_rule_data
from postmortem_lint.sources.reading import decode


def items(body: str):
    text = "# Queue backlog\n\n## Action items\n\n" + textwrap.dedent(body)
    source = decode(text.encode("utf-8"), "postmortem.md")
    return parse(source, load_rule_data()).action_items


def test_the_words_keep_a_ticket_like_id_inside_the_sentence():
    [item] = items("- Patch CVE-2022-3602 in the billing image — owner: @rosa, OPS-12\n")
    assert item.words.text == "Patch CVE-2022-3602 in the billing image"
    assert item.owner is not None and item.owner.value == "@rosa"


def test_the_words_leave_out_a_leading_ticket_and_status():
    [first, second] = items("- #2226: Add logging to the publisher\n"
                            "- Done — Pin the client to 4.2\n")
    assert first.words.text == "Add logging to the publisher"
    assert second.words.text == "Pin the client to 4.2"
    assert second.status is not None and second.status.value == ItemStatus.done


def test_a_link_to_a_wiki_page_is_no_ticket_but_an_issue_link_is():
    wiki, issue = items("- Adopt blue/green deploys (https://wiki.example.org/Blue-green)\n"
                        "- Alert on lag https://git.example.com/ops/issues/89\n")
    assert wiki.ticket is None
    assert issue.ticket is not None and issue.ticket.value.endswith("/issues/89")


def test_an_owner_value_that_names_no_one_is_recorded_as_empty():
    [item] = items("""\
        | Action | Owner | Due |
        |---|---|---|
        | Alert on queue depth | n/a | - |
        """)
    assert item.empty == ["owner", "due"]


def test_statuses_from_marks_and_words():
    found = items("""\
        - Alert on queue depth ✅
        - Split the consumer (in progress)
        - Rejected: shard the queue by tenant
        - [ ] Rename the consumer group
        """)
    assert [item.status.value for item in found if item.status] == [
        ItemStatus.done, ItemStatus.in_progress, ItemStatus.wont_do, ItemStatus.open]


def test_sentences_of_prose_are_marked_as_such():
    [item] = items("We will add an alert on the billing consumer's queue depth.\n")
    assert item.in_prose
    assert item.words.text.startswith("We will add an alert")


def _whole(text: str):
    source = decode(textwrap.dedent(text).encode("utf-8"), "postmortem.md")
    return parse(source, load_rule_data())


def test_a_bold_label_bullet_opens_the_action_items():
    # an issue-template summary: each answer is a bullet led by a bold question
    doc = _whole("""\
        # Search index down

        - **What happened?** The index stopped answering after the host rebooted.
        - **What fixed it?** Starting the index service by hand.
        - **Follow-up actions:**
            - [ ] Start the index service on boot
        """)
    assert [item.words.text for item in doc.action_items] == [
        "Start the index service on boot"]


def test_a_bold_label_bullet_then_a_paragraph_of_actions():
    doc = _whole("""\
        # Search index down

        - **What fixed it?** Starting the index service by hand.
        - **Follow-up actions:**

        Add the index service to the boot sequence of the host.
        """)
    assert len(doc.action_items) == 1


def test_root_cause_remediations_are_action_items():
    doc = _whole("""\
        # Replica lag

        ## Root cause remediations

        - The storage team moved the replicas to dedicated disks
        - Alert when replica lag exceeds 30 seconds
        """)
    assert len(doc.action_items) == 2


def test_followup_written_as_one_word_and_an_action_labelling_a_link():
    doc = _whole("""\
        # Search index down

        - **What fixed it?** Starting the index service by hand.
        - **Followup actions:**

        Update the recovery runbook:
        https://example.org/wiki/recovery#index
        """)
    assert [item.description.text.split(":")[0] for item in doc.action_items] == [
        "Update the recovery runbook"]


def test_follow_up_prose_that_commits_to_changes_holds_the_actions():
    doc = _whole("""\
        # Docs site unreachable

        ## Follow-up

        The uptime check should page the whole docs rota, not one person. (filed as #4410)

        Only one team can approve DNS changes today. We should let a second team approve
        them too.
        """)
    assert len(doc.action_items) == 2


def test_a_follow_up_review_date_is_no_action():
    doc = _whole("""\
        # Docs site unreachable

        ## Follow-up review

        Review the action items with the docs team on 2026-04-01.
        """)
    assert doc.action_items == []
    assert doc.follow_up.review_date is not None
