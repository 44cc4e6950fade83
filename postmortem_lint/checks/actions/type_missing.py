"""PM508."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.items import FieldOptions, field_gap, items_anchor, quoted
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext

_TYPES = "prevent, detect, recover or process"


class ActionTypeMissing(Rule):
    """An action item does not say its type: prevent, detect, recover or process.

    The guides: action items are categorised "prevent / detect / recover / process". The
    mix tells the reader whether the postmortem only patched the symptom (all recover)
    or also stops the class of failure (prevent) and catches it sooner next time
    (detect). Many real templates have no type column, so this rule is informational:
    when most items have a type, it reports each item that lacks one; otherwise it
    reports once, at the action-items heading, with the lines of the items that lack
    one. A type is read from a Type/Category column or key, ``type: detect``,
    ``(detect)`` or a bare ``detect`` in the item's field list. Actions written as
    sentences of prose are not asked for a type. Items marked done or won't do are
    skipped unless ``include-done`` is set. An item that only asks people to try harder
    ("be more careful") is left to action-vague (PM506): it is no action to track. Off
    by default: most published postmortems do not categorise their actions; select it
    where the template has a Type column.

    Bad::

        **Severity:** SEV-2

        | Action | Owner | Due | Type |
        |---|---|---|---|
        | Add a synthetic SSO login every minute | Samuel Osei | 2026-03-05 | |

    Good::

        **Severity:** SEV-2

        | Action | Owner | Due | Type |
        |---|---|---|---|
        | Add a synthetic SSO login every minute | Samuel Osei | 2026-03-05 | detect |
    """

    code = "PM508"
    name = "action-type-missing"
    level = Level.info
    family = "actions"
    Options = FieldOptions
    # Few published postmortems categorise their actions: a team template convention.
    default_enabled = False

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, FieldOptions)
        doc = ctx.document
        gap = field_gap(doc, self.options.include_done, lambda item: item.type is not None,
                        listed_only=True,
                        convention_only=self.options.convention_only(doc))
        if gap is None:
            return
        if not gap.per_item:
            yield self.problem(
                items_anchor(doc), f"{gap.count('type')} ({_TYPES}); add a Type column so the "
                "mix of fixes can be reviewed",
                hint="a Type column with one of prevent, detect, recover, process per row, or "
                "'type: detect' in each item", related=gap.related)
            return
        for item in gap.lacking:
            yield self.problem(
                item.words.whole, f"Action item {quoted(item.words)} has no type; mark it "
                f"{_TYPES}", hint="fill the Type column, or add 'type: prevent' (or detect, "
                "recover, process) to the item")
