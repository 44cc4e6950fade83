"""PM106."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postmortem_lint.checks.blameless.blame_rule import BlameLanguageRule, quoted
from postmortem_lint.engine.finding import Level
from postmortem_lint.nlp.hits import BlameKind

if TYPE_CHECKING:
    from postmortem_lint.nlp.scan import ProseHit


class BlameDiscipline(BlameLanguageRule):
    """Disciplinary language: held accountable, reprimanded, written up, retraining for X.

    The guides: the goal is learning, not punishment, and psychological safety is
    what makes people tell the whole story next time. A postmortem that announces
    consequences for a person ("will be held accountable", "was reprimanded",
    "retraining for the engineer who…", "their access has been revoked", "was
    removed from the on-call rotation") teaches
    everyone to hide the next slip. Action items change the system. "No one will
    be disciplined" is not blame.

    Bad::

        The engineer involved will be retrained on the deploy process.

    Good::

        The deploy tool will require a second approval for production migrations
        (DEVX-1204).
    """

    code = "PM106"
    name = "blame-discipline"
    level = Level.warning
    kind = BlameKind.discipline
    hint = ("postmortems are for learning, not punishment: replace it with an action item that "
            "changes the system (a guard, a check, an alert or a runbook step)")

    def message(self, finding: ProseHit) -> str:
        return f"Blame language: {quoted(finding)} is disciplinary"
