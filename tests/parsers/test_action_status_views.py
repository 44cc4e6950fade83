"""A section that shows the status of the action items listed above it ("## Action Items
Status" over a checklist of them) repeats those items: it adds none, and none of them is a
duplicate or an item without an owner."""

from __future__ import annotations

from tests.conftest import codes, lint_text, parse_text

TABLE_AND_STATUS = """\
    # Certificate lost on recreate

    **Date:** 2026-10-01

    ## Follow-up actions

    | Action item | Owner | Priority | Due date |
    |---|---|---|---|
    | Probe certificate expiry on every host and alert 14 days ahead | @vita | P0 | 2026-10-09 |
    | Back up the proxy's data volume before any recreate | @vita | P1 | 2026-10-16 |

    ## Action items status

    - [ ] Certificate expiry probe and alert
    - [ ] Proxy data backup
    """


def test_a_status_checklist_of_the_items_adds_no_items() -> None:
    assert len(parse_text(TABLE_AND_STATUS).action_items) == 2
    found = codes(lint_text(TABLE_AND_STATUS, select=["PM502", "PM503", "PM504", "PM509"]))
    assert found == []


def test_a_status_section_that_is_the_only_list_keeps_its_items() -> None:
    only = TABLE_AND_STATUS.split("## Follow-up actions")[0] + "## Action items status\n\n" \
        "    - [ ] Certificate expiry probe and alert\n    - [ ] Proxy data backup\n"
    assert len(parse_text(only).action_items) == 2
