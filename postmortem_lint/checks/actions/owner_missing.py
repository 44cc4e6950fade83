"""PM502."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.items import (
    ActionOptions,
    action_text,
    is_empty_value,
    open_items,
    quoted,
)
from postmortem_lint.checks.phrases import has_phrase
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class ActionOwnerMissing(Rule):
    """An action item has no owner.

    The guides: "Every action MUST have an owner and deadline"; action items are
    "owned, dated, and tracked" (Assignable in SMART). An item that belongs to
    everyone is done by no one. An owner is read from an Owner column or key,
    ``owner: Name``, ``assignee: …``, or an ``@handle`` in the item. Values that
    mean "empty" (``-``, ``n/a``, ``unassigned``; see ``empty_values`` in the rule
    data) count as missing. Template placeholders such as ``TBD`` or ``[Owner]``
    are reported by placeholder-left (PM901) instead. Items marked done or won't
    do are skipped unless ``include-done`` is set.

    Bad::

        | Action | Owner | Due |
        |---|---|---|
        | Add a lint rule for flags that default to true | | 2026-03-13 |

    Good::

        | Action | Owner | Due |
        |---|---|---|
        | Add a lint rule for flags that default to true | Ada Brennan | 2026-03-13 |
    """

    code = "PM502"
    name = "action-owner-missing"
    level = Level.warning
    family = "actions"
    Options = ActionOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, ActionOptions)
        for item in open_items(ctx.document, self.options.include_done):
            owner = item.owner
            if owner is not None and has_phrase(owner.value, ctx.data.placeholders,
                                                case_sensitive=True):
                continue  # a placeholder: PM901 reports it
            if owner is not None and not is_empty_value(owner.value, ctx.data.empty_values):
                continue
            text = action_text(item)
            what = quoted(text)
            message = (f"Action item {what} has no owner; name the person or team "
                       "responsible for it")
            if owner is not None:
                message = (f'Action item {what} has owner "{owner.value.strip()}", which '
                           "names no one; name the person or team responsible for it")
            yield self.problem(text.whole, message,
                               hint="fill the Owner column, or add 'owner: Name' or an "
                               "@handle to the item")

