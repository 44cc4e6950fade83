"""Which action items the PM5xx rules look at, and the words of an item without its fields.

Shared by the action-item rules so that "skip done items" and "report a missing field once
for the list, or per item" mean the same thing in each of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import BaseModel, Field

from postmortem_lint.checks.depth.policy import DocumentKindOptions, asks_of, not_postmortems
from postmortem_lint.engine.finding import Fix, Problem, Shared
from postmortem_lint.engine.rule import RuleOptions
from postmortem_lint.model import ActionItem, DocumentKind, Located, Postmortem, Prose, Span


class ActionOptions(RuleOptions):
    include_done: bool = Field(
        False, description="Also check items marked done or won't do. Off by default: a "
        "finished item no longer needs a plan, and its record is history.")


class FieldOptions(ActionOptions, DocumentKindOptions):
    """Options of a rule that asks each open item for a field (owner, due date, priority,
    ticket, type)."""

    skip_kinds: list[DocumentKind] = Field(
        default_factory=not_postmortems,
        description="Kinds of document asked for the field only where most of their items "
        "carry it: a report written for the public (public-report) tells what will change, "
        "not the team's bookkeeping of it, and a status update (status-update) or a note "
        "whose postmortem follows (postmortem-elsewhere) plans before the review does; where "
        "one does use the field, an item without it is still reported. A report told as a "
        "narrative, which records no fields (no date, status, owner or authors field, no "
        "front matter) and whose items mostly carry none (no owner, due date, priority or "
        "ticket), is held to the same convention. Set to [] to ask every document that "
        "keeps such a record.")

    def convention_only(self, doc: Postmortem) -> bool:
        """Whether the document is asked for the field only where it uses it: a kind it
        does not ask, or a report told as a narrative that records no fields (a team's
        postmortem form, kept as a record, owes its items' fields)."""
        return not asks_of(doc, self) or not (doc.kept_as_record or doc.actions_bookkept)


class PerItemOptions(ActionOptions):
    max_per_item: int = Field(
        3, ge=1, description="Findings named one by one per document; more than this many "
        "become one finding for the action list, with each item as a related location.")


def collapsed(problems: list[Problem], anchor: Span, summary: str, hint: str | None,
              limit: int) -> list[Problem]:
    """The problems as they are, or one for the whole list when there are more than
    ``limit``: a reader wants one note about a pattern, not the same note ten times."""
    if len(problems) <= limit:
        return problems
    return [Problem(span=anchor, message=summary, hint=hint,
                    related=[problem.span for problem in problems])]


def open_items(doc: Postmortem, include_done: bool = False) -> list[ActionItem]:
    """The items still to do (every item when ``include_done``). An item that is this
    postmortem's own process ("write an incident report") is the document itself: it has
    nothing to plan or track."""
    return [item for item in doc.action_items if not item.about_document
            and (include_done or not item.closed)]


class Gap(BaseModel):
    """The open items that lack a field, and whether to say so once or per item."""

    lacking: list[ActionItem]
    total: int  # the items looked at (open ones, unless done ones are included)
    per_item: bool  # the document uses the field (most items have it): name each that lacks it

    @property
    def related(self) -> list[Span]:
        return [item.words.whole for item in self.lacking]

    def whole_list(self, doc: Postmortem, what: str, advice: str, hint: str) -> Problem:
        """The one finding for a list whose items all go without the field: at the list,
        with each item as a related location ("None of the 4 open action items has an
        owner; name …"); the other fields it lacks are folded into it."""
        subject, part = self.count(what)
        return Problem(span=items_anchor(doc), message=f"{subject} {part}; {advice}",
                       hint=hint, related=self.related,
                       shared=Shared(subject=subject, part=part, advice=_EACH_ITEM))

    def count(self, what: str) -> tuple[str, str]:
        """"None of the 12 open action items has" + "an owner", "4 of the 6 … have no" +
        "owner"."""
        items = "action item" if self.total == 1 else "action items"
        if len(self.lacking) == self.total:
            if self.total == 1:
                return "The only open action item has no", what
            return f"None of the {self.total} open {items} has", _article(what)
        verb = "has" if len(self.lacking) == 1 else "have"
        return f"{len(self.lacking)} of the {self.total} open {items} {verb} no", what


_EACH_ITEM = "give each item all of them"
_THE_ITEM = "give it all of them"


def item_lacks(item: ActionItem, what: str, advice: str, hint: str,
               fix: Fix | None = None) -> Problem:
    """The finding for one item without a field ('Action item "X" has no owner; …'); the
    other fields it lacks are folded into it, unless it carries a fix of its own."""
    subject = f"Action item {quoted(item.words)} has no"
    return Problem(span=item.words.whole, message=f"{subject} {what}; {advice}", hint=hint,
                   fix=fix, shared=None if fix is not None else Shared(
                       subject=subject, part=what, advice=_THE_ITEM))


def _article(what: str) -> str:
    return ("an " if what[:1] in "aeiou" else "a ") + what


def field_gap(doc: Postmortem, include_done: bool, has: Callable[[ActionItem], bool],
              listed_only: bool = False,
              written: Callable[[ActionItem], bool] | None = None,
              convention_only: bool = False) -> Gap | None:
    """Which open items lack a field. When most items carry it, the document uses the
    convention and each item without it is worth a finding (as is a single item that
    lacks it); otherwise the list as a whole lacks it, and one finding says so (one cause,
    one finding). With ``listed_only``, items written as sentences of prose are left out:
    a field such as a priority or a type belongs to a list or table of items. ``written``
    says which items carry the field themselves, when ``has`` also accepts what their
    group says (a "Short-term" heading): a group's word is no convention of the items.
    An item that only asks people to try harder ("be more careful": PM506 reports it) is
    no action to own, date or track, and is not asked for the field.
    With ``convention_only`` (a report for the public), only a document that uses the
    convention is asked for it."""
    looked_at = [item for item in open_items(doc, include_done)
                 if not (listed_only and item.in_prose) and item.exhortation is None]
    lacking = [item for item in looked_at if not has(item)]
    if not lacking:
        return None
    items = [item for item in doc.action_items if not item.about_document]
    carrying = sum(1 for item in items if (written or has)(item))
    uses_it = carrying * 2 > len(items)
    if convention_only and not uses_it:
        return None
    return Gap(lacking=lacking, total=len(looked_at), per_item=uses_it or len(lacking) == 1)


def items_anchor(doc: Postmortem) -> Span:
    """Where a finding about the action items as a whole points: the section heading, else
    the first item (a table or a list of commitments under another heading), else the
    document's title."""
    section = doc.section("action_items")
    if section is not None:
        return section.title.span
    if doc.action_items_span is not None:
        return Span.point(doc.action_items_span.line)
    if doc.action_items:
        return doc.action_items[0].words.whole
    return doc.top


def quoted(prose: Prose, limit: int = 60) -> str:
    """An item's words for a message, code spans included: '"Add `retry: 3` to …"'."""
    text = " ".join(prose.shown.split())
    return '"' + (text if len(text) <= limit else text[: limit - 1].rstrip() + "…") + '"'


def incident_day(doc: Postmortem) -> Located[dt.date] | None:
    """The day deadlines are counted from: the model's incident day, else the date the
    document was written."""
    return doc.meta.incident_date or doc.meta.date_written


def next_business_day(day: dt.date) -> dt.date:
    """The day itself, or the Monday after when it falls on a weekend."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day



def deadline_for(item: ActionItem, doc: Postmortem, deadline_days: dict[int, int]
                 ) -> dt.date | None:
    """The latest due date the item's priority allows, when the incident day is known."""
    start = incident_day(doc)
    if item.priority is None or start is None:
        return None
    days = deadline_days.get(item.priority.value.rank)
    return None if days is None else next_business_day(start.value + dt.timedelta(days=days))
