"""PM507."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.items import FieldOptions, field_gap, item_lacks
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class ActionTicketMissing(Rule):
    """An action item has no tracker ticket or link.

    The guides: action items are "specific, tracked tickets", and the exit condition of
    the action-items stage is "action items in issue tracker linked". An item that lives
    only in the postmortem is invisible to the team's planning and is the first to be
    forgotten; the quarterly review of the completion rate needs tickets to count. A
    ticket is a key such as ``PAY-4410``, ``#123``, ``org/repo#123``, ``gh-45``, ``Bug
    5554823`` or ``b/5554823``, any link in a Ticket column, or a link to an issue
    tracker (an issue, pull request or commit; also a Markdown link such as
    ``[JIRA](https://…)`` whose text names no key) in the item. A tracker link written
    once in the action-items section ("all items are tracked in PLAT-1500") covers every
    item; one in a group's heading ("Short-term (tracked in #41)"), or in a sentence
    about the group's items ("Both are tracked in #41"), covers the items of that group.
    A document that is itself a tracker issue (an issue-template postmortem, "Is someone
    assigned to this issue?") tracks its follow-ups in itself. Items marked done or
    won't do are skipped unless ``include-done`` is set. An item that only asks people
    to try harder ("be more careful") is left to action-vague (PM506): it is no action
    to track. When most items have a ticket, each item without one is reported;
    otherwise one finding covers the list. An item or a list that lacks other fields too
    (owner, due date, priority, ticket) gets one finding for all of them, under the
    first of these rules' codes, naming the others (JSON: ``also``). Actions written as
    sentences of prose ("We will add …") are not asked for a ticket.

    Bad::

        **Severity:** SEV-2

        ## Action items

        - [ ] Remove the legacy tax table from tax-service — @olga, due 2026-02-09

    Good::

        **Severity:** SEV-2

        ## Action items

        - [ ] Remove the legacy tax table from tax-service — @olga, due 2026-02-09, TAX-721
    """

    code = "PM507"
    name = "action-ticket-missing"
    level = Level.warning
    family = "actions"
    Options = FieldOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, FieldOptions)
        doc = ctx.document
        if doc.action_items_tracker is not None or doc.meta.tracker_issue is not None:
            return  # tracked where the list says, or in the issue the document is
        gap = field_gap(doc, self.options.include_done, lambda item: item.ticket is not None,
                        listed_only=True,
                        convention_only=self.options.convention_only(doc))
        if gap is None:
            return
        hint = ("add the ticket key or URL (e.g. OPS-1234 or https://tracker/OPS-1234) in a "
                "Ticket column or at the end of the item")
        if not gap.per_item:
            yield gap.whole_list(doc, "ticket", "link each to the issue tracker so it is planned "
                                 "and its completion can be reviewed", hint)
            return
        for item in gap.lacking:
            yield item_lacks(item, "ticket", "link it to the issue tracker so it is planned "
                             "and its completion can be reviewed", hint)
