"""PM507."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.items import ActionOptions, action_text, open_items, quoted
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Postmortem
from postmortem_lint.parsers.values import find_ticket


class ActionTicketMissing(Rule):
    """An action item has no tracker ticket or link.

    The guides: action items are "specific, tracked tickets", and the exit
    condition of the action-items stage is "action items in issue tracker
    linked". An item that lives only in the postmortem is invisible to the
    team's planning and is the first to be forgotten; the quarterly review of
    the completion rate needs tickets to count. A ticket is a key such as
    ``PAY-4410``, ``#123``, ``org/repo#123``, ``gh-45``, ``Bug 5554823`` or
    ``b/5554823``, or a link (also a Markdown link such as ``[JIRA](https://…)``
    whose text names no key), in a Ticket column or in the item. A tracker link written once in the
    action-items section ("all items are tracked in PLAT-1500") covers every
    item. Items marked done or won't do are skipped unless ``include-done`` is set.

    Bad::

        ## Action items

        - [ ] Remove the legacy tax table from tax-service — @olga, due 2026-02-09

    Good::

        ## Action items

        - [ ] Remove the legacy tax table from tax-service — @olga, due 2026-02-09, TAX-721
    """

    code = "PM507"
    name = "action-ticket-missing"
    level = Level.warning
    family = "actions"
    Options = ActionOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, ActionOptions)
        doc = ctx.document
        if _section_links_a_tracker(doc):
            return
        for item in open_items(doc, self.options.include_done):
            if item.ticket is not None:
                continue
            text = action_text(item)
            yield self.problem(
                text.whole, f"Action item {quoted(text)} has no ticket; link it to the issue "
                "tracker so it is planned and its completion can be reviewed",
                hint="add the ticket key or URL (e.g. OPS-1234 or https://tracker/OPS-1234) "
                "in a Ticket column or at the end of the item")


def _section_links_a_tracker(doc: Postmortem) -> bool:
    """Whether the action-items section has text outside its items that links a tracker."""
    section = doc.section("action_items")
    if section is None:
        return False
    descriptions = {(item.description.whole.line, item.description.whole.column)
                    for item in doc.action_items}
    return any(find_ticket(prose.text) is not None for prose in section.body
               if (prose.whole.line, prose.whole.column) not in descriptions
               and prose.text.strip())
