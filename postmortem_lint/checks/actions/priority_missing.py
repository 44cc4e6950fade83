"""PM504."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.items import FieldOptions, field_gap, item_lacks
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class ActionPriorityMissing(Rule):
    """An action item has no priority.

    The guides give every action a priority, P0 to P2, and tie the deadline to it: P0
    before the next business day, P1 within a week, P2 within a sprint or month. Without
    a priority, readers cannot tell the fix that must ship tomorrow from the improvement
    that can wait, and the deadline cannot be checked. A priority is read from a
    Priority column or key, or from ``P1``, ``priority: high`` in the item, or a
    priority word before it (``HIGH Fix …``, ``**Critical** – Fix …``). Items marked
    done or won't do are skipped unless ``include-done`` is set. An item that only asks
    people to try harder ("be more careful") is left to action-vague (PM506): it is no
    action to track. When most items have a priority, each item without one is reported;
    otherwise one finding covers the list and lists its lines. An item or a list that
    lacks other fields too (owner, due date, priority, ticket) gets one finding for all
    of them, under the first of these rules' codes, naming the others (JSON: ``also``).
    Actions written as
    sentences of prose ("We will add …") have no field list and are not asked for a
    priority. Items grouped under a heading or label that says when they are due
    ("Immediate", "Short-term", "Long-term"; ``item_horizons`` in the rule data) have
    their priority from the group.

    Bad (YAML)::

        action_items:
          - action: Add a "storage growth impact" field to the retention change template
            owner: Helena Costa
            due: 2026-03-27

    Good (YAML)::

        action_items:
          - action: Add a "storage growth impact" field to the retention change template
            owner: Helena Costa
            due: 2026-03-27
            priority: P2
    """

    code = "PM504"
    name = "action-priority-missing"
    level = Level.warning
    family = "actions"
    Options = FieldOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, FieldOptions)
        gap = field_gap(ctx.document, self.options.include_done,
                        lambda item: item.priority is not None or item.horizon is not None,
                        listed_only=True, written=lambda item: item.priority is not None,
                        convention_only=self.options.convention_only(ctx.document))
        if gap is None:
            return
        hint = "fill the Priority column, or add 'priority: P1' to the item"
        if not gap.per_item:
            yield gap.whole_list(ctx.document, "priority", "give each P0, P1 or P2 (P0 by the "
                                 "next business day, P1 within a week, P2 within a month)", hint)
            return
        for item in gap.lacking:
            yield item_lacks(item, "priority", "give it P0, P1 or P2 (P0 by the next business "
                             "day, P1 within a week, P2 within a month)", hint)
