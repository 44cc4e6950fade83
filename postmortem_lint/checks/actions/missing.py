"""PM501."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.actions.items import items_anchor
from postmortem_lint.checks.depth.policy import FinishedOutlineOptions, asks_of, follows_template
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class ActionItemsMissing(Rule):
    """The postmortem lists no action items.

    The guides: a good postmortem "produces owned actions that reduce recurrence
    or improve detection"; every finding should lead to an actionable
    improvement. Without action items the same failure is free to happen again.
    Items are read from an action-items section (also "Corrective actions",
    "Next steps", "What we are doing"…) as a table, a checklist or bullets, or
    from the ``action_items`` list of a YAML postmortem. Under an action heading,
    sentences that commit to a change ("We will add rate limiting to …") are
    items too, and a list of tracker links or keys ("- #2127") says the items
    live in the tracker. A document without an action list that still tells in its
    narrative what was changed or will change to keep the failure away ("As a result, we
    have pinned the base image and added an alert on queue depth", "We are reviewing
    quotes from a second provider") has follow-up work: the rule does not call it one
    without actions. A step of the fix ("We restarted the database") or a promise to keep
    watching is not such a change. A document that says no further action is needed ("No
    further actions are needed") has decided so and is not asked for items.
    A free-form write-up (fewer than ``min-template-parts`` parts of a postmortem's
    analysis as sections: a summary, the fix and the lessons, which any story has, do not
    count) without an action section is not told it has none: it tells its follow-up
    work in its narrative if anywhere; nor is a report of the fix it made (a "Resolution",
    "Fix" or "Solution" section) that records no fields: its follow-up is the fix, where a
    team's postmortem form (fields such as a date, status or owner) still owes its
    actions. Not checked on a document that shows it is not the
    postmortem yet (see
    ``skip-kinds``): a status update on an incident still open, or a note that says
    the postmortem is published separately.

    Bad::

        ## Action items

        We will discuss follow-ups at the next team meeting.

    Good::

        ## Action items

        | Action | Owner | Due | Priority | Ticket |
        |---|---|---|---|---|
        | Alert when checkout 5xx ratio > 2% for 3 min | Mei Lin | 2026-03-09 | P1 | PAY-4411 |
    """

    code = "PM501"
    name = "action-items-missing"
    level = Level.error
    family = "actions"
    Options = FinishedOutlineOptions
    options: FinishedOutlineOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        if doc.action_items or doc.action_items_tracker is not None:
            return  # items, or a pointer to the tracker that holds them
        if doc.actions_declined is not None:
            return  # "No further actions are needed": decided, not forgotten
        if not asks_of(doc, self.options):
            return
        if doc.section("action_items") is not None or doc.action_items_span is not None:
            yield self.problem(
                items_anchor(doc), "The action items section lists no action items; write "
                "one item per change, each with an owner, a due date and a ticket",
                hint="one row or bullet per action: what will change, who owns it, by when "
                "(e.g. '- Alert on queue depth > 10k for 5 min — owner: @ana, due 2026-03-09, "
                "P1, OPS-12')")
            return
        if doc.changes_stated or not follows_template(doc, self.options):
            return  # changes told in prose, or a free-form write-up that may tell them so
        if doc.section("resolution") is not None and not doc.kept_as_record:
            return  # a report of the fix it made, not a team's form: the fix is its follow-up
        yield self.problem(
            doc.top, "The postmortem has no action items; add an \"Action items\" section "
            "with owned, dated, tracked actions",
            hint="add '## Action items' with a table: Action | Owner | Due | Priority | Type | "
            "Ticket")
