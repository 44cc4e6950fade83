"""PM506."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postmortem_lint.checks.actions.items import PerItemOptions, collapsed, items_anchor
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Located, Postmortem, Prose, Span
from postmortem_lint.phrases import find_phrases, has_phrase
from postmortem_lint.ruledata import RuleData

# A named signal: QuotaUsageHigh, queue_depth, http.server.duration, 5xx.
_IDENTIFIER = re.compile(r"\b[A-Z][a-z0-9]{1,30}[A-Z][A-Za-z0-9]{1,40}\b|"
                         r"\b[A-Za-z0-9]{1,40}_[A-Za-z0-9_]{1,80}|"
                         r"\b[a-z]{1,30}\.[a-z]{1,30}\.[a-z]{1,30}\b|\b[A-Za-z]{0,3}\d{1,5}x{2}\b")


class ActionVague(Rule):
    """An action item is too vague to be done or checked ("add monitoring", "be more careful").

    The guides: action items are "specific, tracked tickets"; "avoid vague 'add
    monitoring' without metric names"; a postmortem produces owned actions, "not
    a generic 'we will communicate better'"; SMART items are specific and
    measurable. "Improve monitoring" cannot be finished or reviewed; "alert when
    the zero-result rate exceeds twice its 7-day baseline for 10 minutes" can.
    Phrases come from ``vague_actions`` in the rule data and are fine when the
    item also names a signal (``specific_signals``: a metric, threshold, test,
    dashboard, runbook…), an identifier (``QuotaUsageHigh``, ``queue_depth``) or
    code. Exhortations (``vague_exhortations``: "be more careful", "pay more
    attention") ask people to try harder and are vague whatever else the item says.
    An item is specific, too, when it says the condition to act on in a clause of its
    own ("add alerts when most of the builds are failing"), goes on in two or more
    sub-items that say what it means, none of them vague themselves, or in a sub-item that
    names the signals ("will add alerts on: - network packets, CPU, disk space"). Items marked done
    or won't do are history and are not checked. More than
    ``max-per-item`` vague items become one finding for the list.

    Bad::

        ## Action items

        - Improve monitoring of the search cluster — owner: @aisha, due 2026-02-06

    Good::

        ## Action items

        - Alert when the search zero-result rate exceeds twice its 7-day baseline for
          10 minutes — owner: @aisha, due 2026-02-06
    """

    code = "PM506"
    name = "action-vague"
    level = Level.warning
    family = "actions"
    Options = PerItemOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, PerItemOptions)
        found = list(self._vague(ctx))
        yield from collapsed(
            found, items_anchor(ctx.document), f"{len(found)} action items are too vague to "
            "be done or checked; say in each what will change and how you will know it is "
            "done", "name the signal and the condition, e.g. 'alert when checkout_5xx_ratio > "
            "2% for 5 minutes, paging payments on-call'", self.options.max_per_item)

    def _vague(self, ctx: RuleContext) -> Iterator[Problem]:
        data = ctx.data
        for item in ctx.document.action_items:
            if item.closed:
                continue  # done or dropped: its wording is history, not a plan to check
            text = item.words
            if item.exhortation is not None:
                yield self._exhortation(item.exhortation)
                continue
            found = next(find_phrases(text.text, data.vague_actions), None)
            if found is not None and not _names_a_signal(text.text, data.specific_signals) \
                    and not _has_code(ctx.document, item.description.whole) \
                    and not _names_a_condition(text.text[found[1]:]) \
                    and not _specific_details(item.details, data):
                phrase = text.text[found[0]:found[1]]
                yield self.problem(
                    text.span(*found),
                    f'Action item says "{phrase}" but names no metric, threshold, test or '
                    "check; say exactly what will change and how you will know it is done",
                    hint="name the signal and the condition, e.g. 'alert when "
                    "checkout_5xx_ratio > 2% for 5 minutes, paging payments on-call'")

    def _exhortation(self, phrase_at: Located[str]) -> Problem:
        phrase = phrase_at.value
        return self.problem(
            phrase_at.span,
            f'Action item asks people to "{phrase}"; change the system instead: a check, '
            "guard, alert or automation that makes the mistake hard to repeat",
            hint="e.g. replace 'be more careful when scheduling campaigns' with 'require a "
            "second approval when a campaign batch exceeds 250,000 recipients'")


# "… when most of the builds are failing", "… if the queue stops draining": the condition
# to act on, said in a clause of its own.
_CONDITION = re.compile(r"^\s*+(?:when(?:ever)?|if|once|as soon as|before|unless)\s++"
                        r"\S++\s++\S++\s++\S", re.IGNORECASE)


def _names_a_condition(rest: str) -> bool:
    """Whether the words after the vague phrase say when it applies ("Add alerts when most
    of the builds are failing"): a condition is something to check."""
    return _CONDITION.match(rest) is not None


def _specific_details(details: list[Prose], data: RuleData) -> bool:
    """Whether the item goes on in sub-items that say what it means: one that names the
    signals ("- Network packets, CPU, disk space"), or two or more, none of them vague
    ("Redesign the review process, so that authors: 1. state the risks …")."""
    if any(_names_a_signal(detail.text, data.specific_signals) for detail in details):
        return True
    lines = [line for prose in details for line in prose.lines()
             if len(line.text.split()) >= 3]
    return len(lines) >= 2 and not any(
        next(find_phrases(line.text, data.vague_actions), None) is not None
        or next(find_phrases(line.text, data.vague_exhortations), None) is not None
        for line in lines)


def _names_a_signal(text: str, signals: list[str]) -> bool:
    return has_phrase(text, signals) or _IDENTIFIER.search(text) is not None


def _has_code(doc: Postmortem, where: Span) -> bool:
    """Whether a code span (`QuotaUsageHigh`) sits inside the item: code names a signal."""
    for code in doc.code:
        at = code.whole
        if not where.line <= at.line <= where.end_line:
            continue
        if at.line == where.line and at.column < where.column:
            continue
        if at.line == where.end_line and at.column >= where.end_column:
            continue
        return True
    return False
