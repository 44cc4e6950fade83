"""Which action items the PM5xx rules look at, and the words of an item without its fields.

Shared by the action-item rules so that "skip done items" and "the description
without `owner: … due: …`" mean the same thing in each of them.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from postmortem_lint.engine.rule import RuleOptions
from postmortem_lint.model import ActionItem, ItemStatus, Located, Postmortem, Prose, Span
from postmortem_lint.parsers.values import normalise_key

_CLOSED = (ItemStatus.done, ItemStatus.wont_do)
# What is left at the edges once inline fields are cut off: "— owner:", "Done —".
_EDGE = " \t\n,;:·|()[]—–-"
_LABELS = frozenset(("owner", "assignee", "dri", "due", "by", "priority", "prio", "status",
                     "type", "ticket", "tracker", "eta", "deadline"))


class ActionOptions(RuleOptions):
    include_done: bool = Field(
        False, description="Also check items marked done or won't do. Off by default: a "
        "finished item no longer needs a plan, and its record is history.")


def open_items(doc: Postmortem, include_done: bool = False) -> list[ActionItem]:
    """The items still to do (every item when ``include_done``)."""
    if include_done:
        return list(doc.action_items)
    return [item for item in doc.action_items
            if item.status is None or item.status.value not in _CLOSED]


def offset_in(prose: Prose, span: Span) -> int | None:
    """Offset in ``prose.text`` of where ``span`` starts, or None when it lies elsewhere."""
    for index, (start, line, column) in enumerate(prose.runs):
        end = prose.runs[index + 1][0] if index + 1 < len(prose.runs) else len(prose.text)
        if line == span.line and column <= span.column < column + (end - start):
            return start + span.column - column
    return None


def action_text(item: ActionItem) -> Prose:
    """The description without the fields written inside it ("… — owner: Ana, due …")."""
    description = item.description
    start, cut = 0, len(description.text)
    for located in (item.owner, item.due, item.due_unparsed, item.priority, item.status,
                    item.type, item.ticket):
        if located is None:
            continue
        offset = offset_in(description, located.span)
        if offset is None:
            continue
        if offset <= 2 and located.span.end_line == located.span.line:  # "Done — Fix …"
            start = max(start, offset + located.span.end_column - located.span.column)
        elif offset > start:
            cut = min(cut, offset)
    text = description.text[:cut].rstrip(_EDGE)
    last_word = text.rsplit(None, 1)[-1] if text.split() else ""
    if last_word.lower() in _LABELS:
        text = text[: len(text) - len(last_word)].rstrip(_EDGE)
    cut = len(text)
    while start < cut and text[start] in _EDGE:
        start += 1
    if start >= cut:
        return description
    return description.slice(start, cut)


def items_anchor(doc: Postmortem) -> Span:
    """Where a finding about the action items as a whole points: the section heading."""
    section = doc.section("action_items")
    if section is not None:
        return section.title.span
    if doc.action_items_span is not None:
        return Span.point(doc.action_items_span.line)
    return doc.top


def quoted(prose: Prose, limit: int = 60) -> str:
    """An item's words for a message: '"Add alert on queue depth…"'."""
    text = " ".join(prose.text.split())
    return '"' + (text if len(text) <= limit else text[: limit - 1].rstrip() + "…") + '"'


def is_empty_value(value: str, empty_values: list[str]) -> bool:
    """Whether a field value means "left empty" ("-", "n/a", "unassigned")."""
    wanted = {normalise_key(v) or v.strip() for v in empty_values}
    return (normalise_key(value) or value.strip()) in wanted


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
