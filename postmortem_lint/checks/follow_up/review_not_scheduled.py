"""PM601."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import (
    FinishedOutlineOptions,
    asks_of,
    follows_template,
    lightweight,
)
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.phrases import find_phrases


class ReviewNotScheduled(Rule):
    """No follow-up review date is given.

    The guides' stage 6 is communication and follow-up: "review completion in
    30/60 days", and the final checklist asks "follow-up review scheduled".
    Without a date, action items drift and nobody checks whether the fixes
    worked. A ``review_date`` field, a "Follow-up review: 2026-04-14" line, or a
    date in the follow-up section is enough. A review date left as a template
    placeholder ("YYYY-MM-DD", "TBD") is left to PM901, which points at it; one
    written in words ("next sprint") is reported here.

    The guides match depth to severity ("a lightweight retro for minor incidents"): a
    severity whose depth policy (``rules/depth.yaml``) is ``lightweight`` (SEV-4 and below
    in the built-in policies: minor, low) is not asked for one; without a severity the full
    process is asked.

    The review checks the action items: a document that has none, listed or told in
    prose, is told so by PM501, once, and not asked for a review of them as well. There is
    nothing to schedule either when every item the document lists is already closed (done,
    or decided against): checked boxes, a Done status, a tracked issue marked resolved;
    unless the items are also kept in a tracker, or a sentence elsewhere says work remains
    ("we need to …").
    Not checked either on a document that shows it is not the postmortem yet (see
    ``skip-kinds``): a status update on an incident still open, or a note that says the
    postmortem is published separately.
    A review is a step of a team's postmortem process, so it is asked of a document laid
    out as a postmortem (``min-template-parts`` parts of a postmortem's analysis as
    sections, default 2: impact, timeline, root cause, action items…; a summary, the fix
    and the lessons, which any story has, do not count), not of a free-form write-up such
    as a blog post, and of one kept as a team's record: YAML,
    fields or front matter, or action items that carry an owner, a due date, a priority or
    a ticket. A report told as a narrative, whose items keep none of those, tells readers
    what will change, not the team's meeting about it. 0 checks every document.

    Bad::

        ## Action items
        - Alert on queue depth (owner: Hannah Okafor, due 2026-04-01).

        ## Follow-up
        We will review the action items later.

    Good::

        ## Action items
        - Alert on queue depth (owner: Hannah Okafor, due 2026-04-01).

        ## Follow-up
        Action items are reviewed on 2026-04-14 (owner: Hannah Okafor).
    """

    code = "PM601"
    name = "review-not-scheduled"
    level = Level.warning
    family = "follow-up"
    Options = FinishedOutlineOptions
    options: FinishedOutlineOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        if doc.follow_up.review_date is not None or not asks_of(doc, self.options) \
                or not follows_template(doc, self.options):
            return
        if lightweight(doc, ctx.data):
            return  # a minor incident: a lightweight retro, no review meeting
        if self.options.min_template_parts and not (doc.kept_as_record or doc.actions_bookkept):
            return  # a report told as a narrative: a review meeting is the team's process
        items = [item for item in doc.action_items if not item.about_document]
        if not doc.action_items and doc.action_items_tracker is None and not doc.changes_stated:
            return  # no actions at all to review: PM501 reports that, once
        if items and all(item.closed for item in items) and doc.action_items_tracker is None \
                and doc.open_work is None:
            return  # every action is done or dropped: no open work for a review to check
        written = doc.follow_up.review_date_unparsed
        if written is not None and any(find_phrases(written.value, ctx.data.placeholders,
                                                    case_sensitive=True)):
            return  # a template placeholder: PM901 points at it
        section = doc.section("follow_up")
        where = "The follow-up section gives no review date" if section is not None \
            else "No follow-up review is scheduled"
        yield self.problem(
            section.title.span if section is not None else doc.top,
            f"{where}; schedule a review of the action items within 30 to 60 days and write "
            "its date and owner",
            hint='e.g. "Follow-up review: 2026-04-14, owner Hannah Okafor"')
