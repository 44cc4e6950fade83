"""PM502."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.items import FieldOptions, field_gap, item_lacks, quoted
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import ActionItem
from postmortem_lint.phrases import has_phrase


class ActionOwnerMissing(Rule):
    """An action item has no owner.

    The guides: "Every action MUST have an owner and deadline"; action items are "owned,
    dated, and tracked" (Assignable in SMART). An item that belongs to everyone is done
    by no one. An owner is read from an Owner column or key, ``owner: Name``,
    ``assignee: …``, or an ``@handle`` in the item. Values that mean "empty" (``-``,
    ``n/a``, ``unassigned``; see ``empty_values`` in the rule data) count as missing.
    Template placeholders such as ``TBD`` or ``[Owner]`` are reported by
    placeholder-left (PM901) instead. Items marked done or won't do are skipped unless
    ``include-done`` is set. An item that only asks people to try harder ("be more
    careful") is left to action-vague (PM506): it is no action to track. When most items
    name an owner, each item without one is reported; when the list has no owners (or
    only a few), one finding says how many items lack one and lists their lines. An item
    or a list that lacks other fields too (owner, due date, priority, ticket) gets one
    finding for all of them, under the first of these rules' codes, naming the others
    (JSON: ``also``). A document that is one person's own account (it speaks as "I"
    throughout, hardly ever as "we": a one-person project's report) has its owner: the
    writer; an item whose owner is written as empty is still reported.

    Bad::

        **Severity:** SEV-2

        | Action | Owner | Due |
        |---|---|---|
        | Add a lint rule for flags that default to true | | 2026-03-13 |

    Good::

        **Severity:** SEV-2

        | Action | Owner | Due |
        |---|---|---|
        | Add a lint rule for flags that default to true | Ada Brennan | 2026-03-13 |
    """

    code = "PM502"
    name = "action-owner-missing"
    level = Level.warning
    family = "actions"
    Options = FieldOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, FieldOptions)
        placeholders = ctx.data.placeholders

        writer = ctx.document.sole_writer  # one person's own account: theirs to do

        def owned(item: ActionItem) -> bool:
            owner = item.owner  # a placeholder ("[Owner]") is reported by PM901 instead
            if owner is None:
                return writer is not None
            return "owner" not in item.empty or has_phrase(owner.value, placeholders,
                                                           case_sensitive=True)

        gap = field_gap(ctx.document, self.options.include_done, owned,
                        convention_only=self.options.convention_only(ctx.document))
        if gap is None:
            return
        hint = "fill the Owner column, or add 'owner: Name' or an @handle to the item"
        if not gap.per_item:
            yield gap.whole_list(ctx.document, "owner",
                                 "name the person or team responsible for each", hint)
            return
        for item in gap.lacking:
            if item.owner is None:
                yield item_lacks(item, "owner", "name the person or team responsible for it",
                                 hint)
                continue
            yield self.problem(item.words.whole, f"Action item {quoted(item.words)} has owner "
                               f'"{item.owner.value.strip()}", which names no one; name the '
                               "person or team responsible for it", hint=hint)
