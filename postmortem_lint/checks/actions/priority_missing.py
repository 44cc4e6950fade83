"""PM504."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.items import ActionOptions, action_text, open_items, quoted
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class ActionPriorityMissing(Rule):
    """An action item has no priority.

    The guides give every action a priority, P0 to P2, and tie the deadline to
    it: P0 before the next business day, P1 within a week, P2 within a
    sprint or month. Without a priority, readers cannot tell the fix that must
    ship tomorrow from the improvement that can wait, and the deadline cannot be
    checked. A priority is read from a Priority column or key, or from ``P1``,
    ``priority: high`` in the item. Items marked done or won't do are skipped
    unless ``include-done`` is set.

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
    Options = ActionOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, ActionOptions)
        for item in open_items(ctx.document, self.options.include_done):
            if item.priority is not None:
                continue
            text = action_text(item)
            yield self.problem(
                text.whole, f"Action item {quoted(text)} has no priority; give it P0, P1 or "
                "P2 (P0 by the next business day, P1 within a week, P2 within a month)",
                hint="fill the Priority column, or add 'priority: P1' to the item")
