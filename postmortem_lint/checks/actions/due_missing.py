"""PM503."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.due_fix import due_date_fix
from postmortem_lint.checks.actions.items import (
    FieldOptions,
    deadline_for,
    field_gap,
    item_lacks,
)
from postmortem_lint.engine.finding import Applicability, Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import ActionItem


class ActionDueMissing(Rule):
    """An action item has no due date.

    The guides: "Every action MUST have an owner and deadline"; SMART items are
    time-bound, and action items are "owned, dated, and tracked". Without a date nobody
    can tell whether the item is late, and the follow-up review has nothing to check. A
    due date is read from a Due/Deadline column or key, ``due: 2026-03-09`` or ``by
    2026-03-09`` in the item. Values that mean "empty" (``-``, ``n/a``) count as
    missing; a placeholder such as ``YYYY-MM-DD`` is reported by placeholder-left
    (PM901), and a written but unusual deadline ("end of sprint 14") or a time in words
    ("within two weeks", "by the end of the quarter", "next month at the latest") is
    left alone, and so is an item that states a rule the team now works to ("All
    features have a test before they are merged"): it is in force from now on, with no
    date to be done by. Items marked done or won't do are skipped unless
    ``include-done`` is set. An item that only asks people to try harder ("be more
    careful") is left to action-vague (PM506): it is no action to track. When most items
    have a date, each item without one is reported; when the list has no dates (or only
    a few), one finding says how many items lack one and lists their lines. An item or a
    list that lacks other fields too (owner, due date, priority, ticket) gets one
    finding for all of them, under the first of these rules' codes, naming the others
    (JSON: ``also``).

    Fix (unsafe, to confirm): a due value written as empty (``-``, ``n/a``) on an
    item reported on its own becomes the latest date the item's priority allows.

    Bad::

        **Severity:** SEV-2

        ## Action items

        - Page the growth on-call at high urgency — owner: Nora Eriksen, P1, GROW-612

    Good::

        **Severity:** SEV-2

        ## Action items

        - Page the growth on-call at high urgency — owner: Nora Eriksen, due 2026-04-09,
          P1, GROW-612
    """

    code = "PM503"
    name = "action-due-missing"
    level = Level.warning
    family = "actions"
    Options = FieldOptions
    fix_kind = Applicability.unsafe

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, FieldOptions)

        def dated(item: ActionItem) -> bool:  # "end of sprint 14" is written: left alone
            return item.due is not None or item.standing_rule or (
                item.due_unparsed is not None and "due" not in item.empty)

        gap = field_gap(ctx.document, self.options.include_done, dated,
                        convention_only=self.options.convention_only(ctx.document))
        if gap is None:
            return
        hint = ("fill the Due column, or add 'due: YYYY-MM-DD' to the item; the priority "
                "sets how soon (P0 next business day, P1 a week, P2 a month)")
        if not gap.per_item:
            yield gap.whole_list(ctx.document, "due date", "write the date each will be done by",
                                 hint)
            return
        for item in gap.lacking:
            deadline = deadline_for(item, ctx.document, ctx.data.priority_deadline_days)
            advice = "write the date it will be done by (due: YYYY-MM-DD)"
            if deadline is not None and item.priority is not None:
                advice = (f"as a {item.priority.value.label} item it should be done by "
                          f"{deadline.isoformat()}: write due: {deadline.isoformat()} or earlier")
            written = item.due_unparsed if "due" in item.empty else None
            fix = due_date_fix(written, deadline, item.priority.value.label) \
                if written is not None and item.priority is not None else None
            yield item_lacks(item, "due date", advice, hint, fix)
