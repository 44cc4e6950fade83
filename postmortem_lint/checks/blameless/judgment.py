"""PM103."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postmortem_lint.checks.blameless.blame_rule import BlameLanguageRule, quoted
from postmortem_lint.engine.finding import Level
from postmortem_lint.nlp.hits import BlameKind

if TYPE_CHECKING:
    from postmortem_lint.nlp.scan import ProseHit


class BlameJudgment(BlameLanguageRule):
    """Judgmental words about people or their work: careless, sloppy, reckless, "obviously".

    Careless, sloppy, negligent, lazy, reckless, incompetent, irresponsible,
    "should have known better", "any competent SRE would have…", "obviously
    didn't read it", "had we been more disciplined": these judge character, not
    the system, and they end the analysis where it should start. The guides ask
    for neutral language and psychological safety. A judgment is blame even when
    the authors say it about themselves ("in an act of laziness we…").

    Bad::

        A sloppy change by the contractor removed the retry logic.

    Good::

        A change removed the retry logic; no test covered retries, and the review
        checklist does not ask about error handling.
    """

    code = "PM103"
    name = "blame-judgment"
    level = Level.warning
    kind = BlameKind.judgment
    hint = ("drop the judgment and state the fact and the condition that made it easy (e.g. "
            "\"the change skipped the staging soak because the pipeline allowed it\")")

    def message(self, finding: ProseHit) -> str:
        return f"Blame language: {quoted(finding)} judges a person or their work"
