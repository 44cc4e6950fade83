"""PM901."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.phrases import find_phrases
from postmortem_lint.checks.texts import visible_texts
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions

# A template prompt: two or more words in square brackets ("[Two or three sentences]").
_PROMPT = re.compile(r"\[(?=[^\]\n]{0,200}\s)[^\[\]\n]{3,200}\]")


class PlaceholderOptions(RuleOptions):
    bracketed_prompts: bool = Field(
        True, description="Also report text of two or more words in square brackets, the way "
        "templates mark prompts ('[Two or three sentences]').")


class PlaceholderLeft(Rule):
    """Template placeholder text was left in the postmortem (TBD, TODO, [Owner], YYYY-MM-DD…).

    The guides' templates are full of prompts: ``[Users affected]``, ``X hours``,
    ``HH:MM``, ``$___``. Left in, they hide a missing fact behind something that
    looks filled in: an action owned by ``TBD`` has no owner, a deadline of
    ``YYYY-MM-DD`` has no date, and readers cannot tell a draft from the final
    document. Placeholders come from ``placeholders`` in the rule data, matched
    case-sensitively as whole tokens (``TBD`` but not ``TBDs``); text in square
    brackets with two or more words is a template prompt too. Code blocks and
    code spans are never checked, so ``XXX`` in a log line is fine.

    Bad::

        | Change the rotation tooling to enforce a 30-day overlap | TBD | YYYY-MM-DD |

    Good::

        | Change the rotation tooling to enforce a 30-day overlap | Rebecca Holm | 2026-03-20 |
    """

    code = "PM901"
    name = "placeholder-left"
    level = Level.warning
    family = "hygiene"
    Options = PlaceholderOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, PlaceholderOptions)
        placeholders = ctx.data.placeholders
        for prose in visible_texts(ctx.document):
            found = list(find_phrases(prose.text, placeholders, case_sensitive=True))
            if self.options.bracketed_prompts:
                found += [m.span() for m in _PROMPT.finditer(prose.text)
                          if not any(s <= m.start() < e for s, e in found)]
            for start, end in sorted(found):
                token = prose.text[start:end]
                yield self.problem(
                    prose.span(start, end),
                    f'Placeholder "{_short(token)}" was left in; replace it with the real '
                    "value", hint=_hint(token))


def _short(token: str, limit: int = 40) -> str:
    return token if len(token) <= limit else token[: limit - 1] + "…"


def _hint(token: str) -> str:
    if token.startswith("[") and "owner" in token.lower() or token.lower() == "[name]":
        return "name the person or team who owns it"
    if any(part in token for part in ("YYYY", "HH:MM", "[Date]", "[date]")):
        return "write the actual date or time (e.g. 2026-03-09, 14:32 UTC)"
    if "lorem" in token.lower():
        return "replace the filler text with what happened"
    if token.startswith("["):
        return "replace the bracketed prompt with the content it asks for"
    return ("write the value; if it is still unknown, say what is missing and who will "
            "find out by when")
