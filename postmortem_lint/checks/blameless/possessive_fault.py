"""PM102."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postmortem_lint.checks.blameless.blame_rule import BlameLanguageRule, person, quoted
from postmortem_lint.engine.finding import Level
from postmortem_lint.nlp.hits import BlameKind

if TYPE_CHECKING:
    from postmortem_lint.nlp.scan import ProseHit


class BlamePossessiveFault(BlameLanguageRule):
    """A mistake, error, fault or oversight is said to belong to someone.

    "Tom's mistake", "his fault", "their carelessness", "a mistake by the DBA",
    "Kofi made an error": a name next to a mistake. The guides ask for the
    opposite: assume everyone acted with the best intentions and the information
    they had, and rewrite the mistake as the process gap it slipped through.
    A system's error ("the gateway's 500 errors") is not blame.

    Bad::

        It was Dana's oversight that the backup job had been disabled since March.

    Good::

        The backup job had been disabled since March and nothing reported it: the
        job has no "last successful run" alert.
    """

    code = "PM102"
    name = "blame-possessive-fault"
    level = Level.warning
    kind = BlameKind.possessive_fault
    hint = ("describe the gap the slip went through instead of whose it was (e.g. \"the config "
            "had no schema check\", \"nothing alerted when the job was disabled\")")

    def message(self, finding: ProseHit) -> str:
        return f"Blame language: {quoted(finding)} lays the fault on {person(finding)}"
