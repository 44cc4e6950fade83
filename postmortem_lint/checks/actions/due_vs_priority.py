"""PM505."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.actions.due_fix import due_date_fix
from postmortem_lint.checks.actions.items import (
    PerItemOptions,
    collapsed,
    deadline_for,
    incident_day,
    items_anchor,
    next_business_day,
    open_items,
    quoted,
)
from postmortem_lint.engine.finding import Applicability, Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class DueVsPriorityOptions(PerItemOptions):
    grace_days: int = Field(0, ge=0, description="Extra days allowed beyond each deadline.")


class ActionDueVsPriority(Rule):
    """An action item's due date is later than its priority allows.

    The guides define priorities by deadline: P0 "must complete before next
    business day", P1 "within 1 week", P2 "within 1 sprint/month". A P0 due in
    three weeks is not a P0: either the date or the priority is wrong, and the
    follow-up review will measure the wrong thing. Deadlines are counted from
    the incident date (the ``date`` or incident start, else the first dated
    timeline entry, else the date written) using ``priority_deadline_days`` in
    the rule data (P0 1 day, P1 7, P2 30, P3 90, P4 180). A deadline that falls
    on a Saturday or Sunday moves to the Monday, so a P0 from a Friday incident
    may be due on Monday. Items marked done or won't do are skipped unless
    ``include-done`` is set: their dates record what happened, not a plan. More
    than ``max-per-item`` late items become one finding for the list.

    Fix (unsafe, to confirm): the due date of an item reported on its own becomes
    the latest the priority allows, from the same policy.

    Bad::

        Date: 2026-02-17

        ## Action items

        | Action | Priority | Due |
        |---|---|---|
        | Lower the CheckoutErrorRate alert threshold to 5% | P0 | 2026-03-03 |

    Good::

        Date: 2026-02-17

        ## Action items

        | Action | Priority | Due |
        |---|---|---|
        | Lower the CheckoutErrorRate alert threshold to 5% | P1 | 2026-02-24 |
    """

    code = "PM505"
    name = "action-due-vs-priority"
    level = Level.warning
    family = "actions"
    Options = DueVsPriorityOptions
    fix_kind = Applicability.unsafe

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, DueVsPriorityOptions)
        doc = ctx.document
        start = incident_day(doc)
        if start is None:
            return
        late: list[Problem] = []
        for item in open_items(doc, self.options.include_done):
            if item.due is None or item.priority is None:
                continue
            rank = item.priority.value.rank
            days = ctx.data.priority_deadline_days.get(rank)
            if days is None:
                continue
            deadline = next_business_day(start.value + dt.timedelta(days=days))
            if item.due.value <= deadline + dt.timedelta(days=self.options.grace_days):
                continue
            gap = (item.due.value - start.value).days
            label = item.priority.value.label
            late.append(self.problem(
                item.words.whole,
                f"Action item {quoted(item.words)} is {label} but due "
                f"{item.due.value.isoformat()}, {gap} days after the incident on "
                f"{start.value.isoformat()}; a {label} item is due within {_days(days)} "
                f"(by {deadline.isoformat()})",
                hint=f"bring the due date forward to {deadline.isoformat()} or earlier, or "
                "lower the priority to match the plan",
                fix=due_date_fix(item.due, deadline_for(item, doc, ctx.data
                                                        .priority_deadline_days), label)))
        yield from collapsed(
            late, items_anchor(doc), f"{len(late)} action items are due later than their "
            f"priorities allow, counted from the incident on {start.value.isoformat()} (P0 "
            "by the next business day, P1 within a week, P2 within a month)",
            "bring the dates forward or lower the priorities; if the incident date is wrong, "
            "fix it", self.options.max_per_item)


def _days(days: int) -> str:
    return "1 business day" if days == 1 else f"{days} days"
