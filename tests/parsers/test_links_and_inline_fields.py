"""Markdown links that carry a ticket, inline due values that are not dates, and a code
fence left open on the last line. Each snippet is written for this module."""

from __future__ import annotations

from postmortem_lint.parsers.values import find_ticket
from tests.conftest import parse_text


def test_a_link_in_the_ticket_cell_gives_its_target_as_the_ticket():
    doc = parse_text("""\
        ## Action items

        | Action | Owner | Due | Ticket |
        |---|---|---|---|
        | Cap rollout batches at 10% | Mia | 2026-05-02 | [tracker](https://issues.example.com/REL-77) |
        """)
    item = doc.action_items[0]
    assert item.ticket is not None
    assert item.ticket.value == "https://issues.example.com/REL-77"
    assert (item.ticket.span.line, item.ticket.span.column) == (5, 52)  # the link text


def test_github_cross_repository_references_are_tickets():
    assert find_ticket("tracked in acme/web-app#4312") == ("acme/web-app#4312", 11, 28)
    assert find_ticket("either/or #12")[0] == "#12"


def test_an_inline_due_placeholder_is_kept_as_an_unread_due_value():
    doc = parse_text("""\
        ## Action items

        - Cap rollout batches at 10% (owner: Mia, due: TBD, P2, REL-78)
        """)
    item = doc.action_items[0]
    assert item.due is None
    assert item.due_unparsed is not None and item.due_unparsed.value == "TBD"


def test_a_fence_left_open_on_the_last_line_stays_inside_the_file():
    doc = parse_text("```\n\n```\n\n```")
    assert all(block.span.line <= doc.line_count for block in doc.code_blocks)
