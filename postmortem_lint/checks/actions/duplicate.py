"""PM509."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.actions.items import quoted
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions

# Function words carry no meaning for "is this the same action?".
_STOP = frozenset(("a", "an", "and", "the", "to", "of", "for", "on", "in", "at", "by", "with",
                   "from", "into", "so", "that", "this", "it", "its", "is", "be", "are", "as",
                   "or", "we", "our", "all", "any", "when", "each", "every", "per", "will"))
_WORD = re.compile(r"[a-z0-9]+")


class DuplicateOptions(RuleOptions):
    similarity: float = Field(0.8, gt=0, le=1, description="Share of words two items must "
                              "have in common (Jaccard) to count as the same action.")
    containment: float = Field(0.9, gt=0, le=1, description="Share of the shorter item's "
                               "words found in the longer one to count as the same action.")
    min_words: int = Field(5, ge=1, description="Shorter items are compared by similarity only.")


class ActionDuplicate(Rule):
    """Two action items describe the same (or nearly the same) action.

    The guides ask for specific, tracked actions with one owner each. A repeated
    item splits ownership and tracking: one copy gets closed, the other lingers,
    and the completion rate reviewed each quarter is wrong. Items are compared
    by their content words (ignoring owners, dates and ticket keys written
    inline; a plural counts as its singular): the same words, or a shorter item
    whose words nearly all appear in a longer one, count as a duplicate. Merge
    them into one item.

    Bad::

        ## Action items

        - Re-route the QuotaUsageHigh alert (85% of quota) to the media on-call pager
        - Re-route the QuotaUsageHigh alert at 85% of quota to the media on-call pager

    Good::

        ## Action items

        - Re-route the QuotaUsageHigh alert (85% of quota) to the media on-call pager
        - Add a second QuotaUsageHigh alert at 95% of quota
    """

    code = "PM509"
    name = "action-duplicate"
    level = Level.warning
    family = "actions"
    Options = DuplicateOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, DuplicateOptions)
        seen: list[tuple[frozenset[str], int, str]] = []
        for item in ctx.document.action_items:
            text = item.words
            words = frozenset(_singular(w) for w in _WORD.findall(text.text.lower())
                              if w not in _STOP)
            if not words:
                continue
            first = next(((line, label) for other, line, label in seen
                          if _same(words, other, self.options)), None)
            if first is not None:
                yield self.problem(
                    text.whole, f"Action item {quoted(text)} repeats the item on line "
                    f"{first[0]} ({first[1]}); merge them into one item with one owner",
                    hint="keep one item, move anything the second adds into it, and delete "
                    "the copy")
                continue
            seen.append((words, item.description.whole.line, quoted(text, 40)))


def _singular(word: str) -> str:
    """"alerts" and "alert", "rotations" and "rotation" are the same word here."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _same(one: frozenset[str], other: frozenset[str], options: DuplicateOptions) -> bool:
    shared = len(one & other)
    if shared / len(one | other) >= options.similarity:
        return True
    shorter = min(len(one), len(other))
    return shorter >= options.min_words and shared / shorter >= options.containment
