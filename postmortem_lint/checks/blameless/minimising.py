"""PM105."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postmortem_lint.checks.blameless.blame_rule import BlameLanguageRule, person, quoted
from postmortem_lint.engine.finding import Level
from postmortem_lint.nlp.hits import BlameKind

if TYPE_CHECKING:
    from postmortem_lint.nlp.scan import ProseHit


class BlameMinimising(BlameLanguageRule):
    """Minimising hindsight: "she simply forgot", "he just didn't check", "all X had to do was".

    "Just" and "simply" on a person's slip say the step was trivial and the
    person failed at it. If a step is that easy to get wrong under pressure, the
    system made it so: the guides ask what people were seeing, not why they did
    not do the obvious thing. The same goes for "a quick look by the reviewer
    would have caught it" and "it would have taken the DBA thirty seconds".
    "Priya just restarted the pod and it recovered" is not blame.

    Bad::

        The on-call engineer just didn't check the replication status before promoting.

    Good::

        The promotion command does not show replication status and does not refuse
        to promote a lagging replica.
    """

    code = "PM105"
    name = "blame-minimising"
    level = Level.warning
    kind = BlameKind.minimising
    hint = ("remove \"just\"/\"simply\" and say why the step was easy to miss (e.g. \"the "
            "confirmation prompt defaults to yes\", \"the status is not shown before promotion\")")

    def message(self, finding: ProseHit) -> str:
        return f"Blame language: {quoted(finding)} minimises a slip by {person(finding)}"
