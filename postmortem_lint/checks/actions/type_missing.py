"""PM508."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.items import (
    ActionOptions,
    action_text,
    items_anchor,
    open_items,
    quoted,
)
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext

_TYPES = "prevent, detect, recover or process"


class ActionTypeMissing(Rule):
    """An action item does not say its type: prevent, detect, recover or process.

    The guides: action items are categorised "prevent / detect / recover /
    process". The mix tells the reader whether the postmortem only patched the
    symptom (all recover) or also stops the class of failure (prevent) and
    catches it sooner next time (detect). Many real templates have no type
    column, so this rule is informational: when no item has a type it reports
    once, at the action-items heading; when some items have one, it reports
    each item that lacks it. A type is read from a Type/Category column or key,
    ``type: detect``, ``(detect)`` or a bare ``detect`` in the item's field list.
    Items marked done or won't do are skipped unless ``include-done`` is set. Off by
    default: most published postmortems do not categorise their actions; select it where
    the template has a Type column.

    Bad::

        | Action | Owner | Due | Type |
        |---|---|---|---|
        | Add a synthetic SSO login every minute | Samuel Osei | 2026-03-05 | |

    Good::

        | Action | Owner | Due | Type |
        |---|---|---|---|
        | Add a synthetic SSO login every minute | Samuel Osei | 2026-03-05 | detect |
    """

    code = "PM508"
    name = "action-type-missing"
    level = Level.info
    family = "actions"
    Options = ActionOptions
    # Few published postmortems categorise their actions: a team template convention.
    default_enabled = False

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, ActionOptions)
        doc = ctx.document
        untyped = [item for item in open_items(doc, self.options.include_done)
                   if item.type is None]
        if not untyped:
            return
        if all(item.type is None for item in doc.action_items):
            yield self.problem(
                items_anchor(doc), f"No action item says its type ({_TYPES}); add a Type "
                "column so the mix of fixes can be reviewed",
                hint="a Type column with one of prevent, detect, recover, process per row, or "
                "'type: detect' in each item")
            return
        for item in untyped:
            text = action_text(item)
            yield self.problem(
                text.whole, f"Action item {quoted(text)} has no type; mark it {_TYPES}",
                hint="fill the Type column, or add 'type: prevent' (or detect, recover, "
                "process) to the item")
