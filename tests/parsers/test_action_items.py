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
