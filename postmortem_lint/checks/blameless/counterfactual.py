"""PM104."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postmortem_lint.checks.blameless.blame_rule import BlameLanguageRule, person, quoted
from postmortem_lint.engine.finding import Level
from postmortem_lint.nlp.hits import BlameKind

if TYPE_CHECKING:
    from postmortem_lint.nlp.scan import ProseHit


class BlameCounterfactual(BlameLanguageRule):
    """What a person should have done: "X should have run the tests", "had Y double-checked".

    Counterfactuals about people ("the DBA should have verified the backup",
    "if Omar had read the runbook, none of this happens") replace an explanation
    with hindsight: they say what someone did not do, not why it made sense at the
    time or what would have caught it. The guides: ask "why did this happen?",
    not "why didn't you check the logs?". A counterfactual about the system ("had
    the canary covered the EU region…") and the authors owning a gap ("we should
    have had an alert") are not blame.

    Bad::

        The on-call engineer should have run the pre-flight check before failing over.

    Good::

        The failover script does not run the pre-flight check itself, and nothing
        stops a failover while replication lag is above the limit.
    """

    code = "PM104"
    name = "blame-counterfactual"
    level = Level.warning
    kind = BlameKind.counterfactual
    hint = ("turn \"X should have…\" into the safeguard that was missing (e.g. \"the failover "
            "script has no pre-flight check\", \"the runbook does not say to drain first\")")

    def message(self, finding: ProseHit) -> str:
        return f"Blame language: {quoted(finding)} is hindsight about what " \
               f"{person(finding, 'someone')} should have done"
