"""PM101."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postmortem_lint.checks.blameless.blame_rule import BlameLanguageRule, person, quoted
from postmortem_lint.engine.finding import Level
from postmortem_lint.nlp.hits import BlameKind

if TYPE_CHECKING:
    from postmortem_lint.nlp.scan import ProseHit


class BlameFailureVerb(BlameLanguageRule):
    """A person, role or team is the subject of a failure: forgot, ignored, missed, failed to.

    The guides: focus on systems, not individuals; "what happened", not "who did
    it"; if you find yourself writing someone's name next to a mistake, rewrite
    it as a process gap. A person (a name, a pronoun, a role such as the on-call
    engineer, the DBA or the contractor) or a team as the subject of forgot,
    neglected, ignored, overlooked, missed, botched, messed up, failed to, did
    not bother, dropped the ball, never checked, left the debug flag enabled, is
    blame, in the active or the passive voice ("was ignored by the on-call
    engineer", "went unheeded by the mobile team"). Systems as subjects
    ("the health check missed the node") and the authors owning a gap together
    ("we missed the advisory") are not. A why-question restating the statement before it
    ("Why did the engineer forget…?") is not reported again.

    Bad::

        The on-call engineer ignored the disk-pressure alert and went back to sleep.

    Good::

        The disk-pressure alert paged at low urgency, so it did not wake the on-call
        engineer; it looked like the nightly backup noise.
    """

    code = "PM101"
    name = "blame-failure-verb"
    level = Level.warning
    kind = BlameKind.failure_verb
    hint = ("name the missing guard, check or signal instead of the person: what let the step "
            "be skipped or the signal go unseen (e.g. \"the warning was not surfaced in the "
            "deploy UI\", \"the runbook had no step to…\")")

    def message(self, finding: ProseHit) -> str:
        return f"Blame language: {quoted(finding)} puts the failure on {person(finding)}"
