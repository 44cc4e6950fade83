"""One finding per cause: an action item (or a whole list) that lacks several fields gets one
finding for all of them, under the first rule's code, naming the others; a suppressed or
unselected rule is simply not folded in."""

from __future__ import annotations

import json

from postmortem_lint.engine.finding import FileResult
from postmortem_lint.reporters.json_report import render_json
from postmortem_lint.reporters.text import render_text
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


def test_the_folded_codes_are_in_the_json_and_linked_in_the_text() -> None:
    result = FileResult(path="pm.md", findings=lint_text(RECORD, select=FIELDS))
    folded = json.loads(render_json([result]))["files"][0]["findings"][0]
    assert (folded["code"], folded["also"]) == ("PM502", ["PM503", "PM504", "PM507"])
    text = render_text([result])
    assert "(also PM503, PM504, PM507)" in text
    assert "action-ticket-missing: " in text  # the folded rule's documentation is linked
