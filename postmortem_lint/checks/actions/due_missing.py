"""PM503."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.items import (
    ActionOptions,
    action_text,
    deadline_for,
    is_empty_value,
    open_items,
    quoted,
)
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class ActionDueMissing(Rule):
    """An action item has no due date.

    The guides: "Every action MUST have an owner and deadline"; SMART items are
    time-bound, and action items are "owned, dated, and tracked". Without a date
    nobody can tell whether the item is late, and the follow-up review has
    nothing to check. A due date is read from a Due/Deadline column or key,
    ``due: 2026-03-09`` or ``by 2026-03-09`` in the item. Values that mean
    "empty" (``-``, ``n/a``) count as missing; a placeholder such as
    ``YYYY-MM-DD`` is reported by placeholder-left (PM901), and a written but
    unusual deadline ("end of sprint 14") is left alone. Items marked done or
    won't do are skipped unless ``include-done`` is set.

    Bad::

        ## Action items

        - Page the growth on-call at high urgency — owner: Nora Eriksen, P1, GROW-612

    Good::

        ## Action items

        - Page the growth on-call at high urgency — owner: Nora Eriksen, due 2026-04-09,
          P1, GROW-612
    """

    code = "PM503"
    name = "action-due-missing"
    level = Level.warning
    family = "actions"
    Options = ActionOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, ActionOptions)
        for item in open_items(ctx.document, self.options.include_done):
            if item.due is not None:
                continue
            written = item.due_unparsed
            if written is not None and not is_empty_value(written.value, ctx.data.empty_values):
                continue
            text = action_text(item)
            deadline = deadline_for(item, ctx.document, ctx.data.priority_deadline_days)
            advice = "write the date it will be done by (due: YYYY-MM-DD)"
            if deadline is not None and item.priority is not None:
                advice = (f"as a {item.priority.value.label} item it should be done by "
                          f"{deadline.isoformat()}: write due: {deadline.isoformat()} or earlier")
            yield self.problem(
                text.whole, f"Action item {quoted(text)} has no due date; {advice}",
                hint="fill the Due column, or add 'due: YYYY-MM-DD' to the item; the priority "
                "sets how soon (P0 next business day, P1 a week, P2 a month)")
