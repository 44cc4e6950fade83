"""PM110."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postmortem_lint.checks.blameless.blame_rule import BlameLanguageRule, person, quoted
from postmortem_lint.engine.finding import Level
from postmortem_lint.nlp.hits import BlameKind

if TYPE_CHECKING:
    from postmortem_lint.nlp.scan import ProseHit


class PersonAsRootCause(BlameLanguageRule):
    """A person or personal role is named as the cause of the incident.

    The guides: no individual is ever the root cause; exit the root-cause stage
    only when no single person is named as "root cause". Reported when the root
    cause, a contributing factor or the last of the five whys has a person, role
    or team acting ("Marco deployed 4.12 without waiting for the canary"), and
    anywhere the text makes someone the cause ("caused by Dana", "the intern's
    script deleted…", "Omar took down the cluster", "Hiroshi is the root cause",
    "Root cause: Ravi truncated the table", "Root cause: the intern.", "checkout
    went down when Omar deployed the branch"). People doing neutral things
    (paging, rolling back, investigating) are not causes, nor is a timeline fact
    such as "error rates rose after Ravi deployed 4.12", nor a team at ordinary work
    ("the storage team made changes to…"). A cause statement that names people acting is
    reported once, not once per act. Not causes either: praise in a "What went well"
    section, an answer in a chain of whys that the next why questions further (the chain
    goes on to the cause), and, where the document states a systemic root cause, an
    unnamed person's act telling how it was triggered ("an engineer deleted the namespace").

    Bad::

        ## Root cause

        Marco Bellini deployed promo-service 4.12 to all regions without waiting
        for the canary.

    Good::

        ## Root cause

        The deploy tool lets any service skip the canary stage with one flag and no
        approval, so a change with a default-on flag reached all regions at once.
    """

    code = "PM110"
    name = "person-as-root-cause"
    level = Level.error
    kind = BlameKind.person_as_cause
    hint = ("state the systemic cause instead: the condition, missing guard or process gap that "
            "let the action cause harm (e.g. \"the deploy tool allows skipping the canary without "
            "approval\")")

    def reports(self, finding: ProseHit) -> bool:
        return finding.kind is BlameKind.person_as_cause or (
            finding.kind is BlameKind.agent and finding.in_cause)

    def once_per(self, finding: ProseHit) -> object:
        # a cause statement that names people acting is reported once, not once per act
        if finding.kind is BlameKind.agent:
            return ("cause statement", id(finding.prose))
        return finding.span

    def message(self, finding: ProseHit) -> str:
        if finding.kind is BlameKind.agent:
            return f"Person as root cause: the cause statement {quoted(finding)} names a " \
                   f"person as the one acting ({person(finding)})"
        return f"Person as root cause: {quoted(finding)} makes a person the cause " \
               f"({person(finding)})"
