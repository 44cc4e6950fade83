"""One finding per cause: an action item (or a whole list) that lacks several fields gets one
finding for all of them, under the first rule's code, naming the others; a suppressed or
unselected rule is simply not folded in."""

from __future__ import annotations

from tests.conftest import codes, lint_text, reported

FIELDS = ["PM502", "PM503", "PM504", "PM507"]
RECORD = """\
    # Queue stall

    **Severity:** SEV-2

    ## Action items

    - Alert when the billing queue is older than 10 minutes
    - Add a disk-usage check for the queue workers
    """


def test_fields_a_list_lacks_are_one_finding_naming_them_all() -> None:
    findings = lint_text(RECORD, select=FIELDS)
    assert len(findings) == 1
    folded = findings[0]
    assert (folded.code, folded.also) == ("PM502", ["PM503", "PM504", "PM507"])
    assert "has an owner, a due date, a priority or a ticket" in folded.message
    assert [span.line for span in folded.related] == [7, 8]


def test_one_item_lacking_several_fields_is_one_finding() -> None:
    text = RECORD.replace("- Add a disk-usage check for the queue workers\n",
                          "- Add a disk-usage check (owner: @ana, due 2026-05-01, P1, OPS-7)\n"
                          "    - Page when a worker's disk is 90% full (owner: @ana, "
                          "due 2026-05-01, P1, OPS-8)\n")
    findings = lint_text(text, select=FIELDS)
    assert codes(findings) == ["PM502"]
    assert "has no owner, due date, priority or ticket" in findings[0].message


def test_a_suppressed_rule_is_not_folded_in() -> None:
    text = RECORD.replace("## Action items", "<!-- postmortem-lint: disable-next-line=PM503 -->"
                          "\n    ## Action items")
    findings = lint_text(text, select=FIELDS)
    assert reported(findings) == ["PM502", "PM504", "PM507"]
    assert "due date" not in findings[0].message


def test_a_rule_selected_alone_says_it_alone() -> None:
    findings = lint_text(RECORD, select=["PM503"])
    assert codes(findings) == ["PM503"] and findings[0].also == []
    assert findings[0].message.startswith("None of the 2 open action items has a due date;")
