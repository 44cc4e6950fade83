"""PM111."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postmortem_lint.checks.blameless.blame_rule import BlameLanguageRule, quoted
from postmortem_lint.engine.finding import Level
from postmortem_lint.nlp.hits import BlameKind

if TYPE_CHECKING:
    from postmortem_lint.nlp.scan import ProseHit


class HumanErrorAsCause(BlameLanguageRule):
    """"Human error" (operator error, user mistake, manual error…) is given as a cause.

    The guides list "human error as root cause ('developer made a mistake')" and
    "stopping too early ('operator didn't notice error')" among what to avoid:
    human error is a symptom of a system that let a slip through, never the cause.
    Talk about the label itself ("we don't call this human error", "our review
    looks past human error"), the system as the subject ("nothing in the console
    prevented operator error") and software terms ("user errors" as a class of
    4xx responses) are not reported.

    Bad::

        Root cause: operator error during the 02:00 UTC maintenance window.

    Good::

        Root cause: the maintenance script accepts a hostname without checking it
        against the inventory, so a mistyped host targeted the primary.
    """

    code = "PM111"
    name = "human-error-as-cause"
    level = Level.error
    kind = BlameKind.human_error
    hint = ("\"human error\" is a symptom: name the guard, check or design that let the slip "
            "reach production (e.g. \"the CLI ran a production command without confirmation\")")

    def message(self, finding: ProseHit) -> str:
        return f"Human error as cause: {quoted(finding)} explains nothing about the system"
