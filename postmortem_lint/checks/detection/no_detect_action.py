"""PM312."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import ActionItem, ActionType
from postmortem_lint.model.practices import DetectionStatement
from postmortem_lint.phrases import has_phrase
from postmortem_lint.ruledata import RuleData

# Where a statement says how it was found with authority: not a stray sentence elsewhere.
_AUTHORITATIVE = ("field", "section", "timeline", "summary")
# Sections whose text plans work: a nested list's parent ("Ensure alerting is in place
# for:") is not always an action item of its own.
_PLANS = ("action_items", "prevention")


def watches(item: ActionItem, data: RuleData) -> bool:
    """Whether an action item adds detection: typed detect, or naming a signal."""
    if item.type is not None and item.type.value is ActionType.detect:
        return True
    return has_phrase(item.description.text, data.detect_signals)


def first_external(statements: list[DetectionStatement]) -> DetectionStatement | None:
    first = next((s for s in statements if s.source in _AUTHORITATIVE), None)
    return first if first is not None and first.method.external else None


class ExternalDetectionWithoutMonitoring(Rule):
    """A customer or an outsider found the incident, and no action item adds monitoring.

    The review framework's recurrence-prevention checklist starts with "Monitoring
    added/improved for this failure mode", and the six-stage workflow types its
    action items "prevent, detect, recover, process" and asks to "avoid vague 'add
    monitoring' without metric names". When the first to know was a customer (a
    support ticket, user reports) or an outsider (a researcher, a partner), the
    monitoring did not see this failure: the postmortem should plan a detect action
    that names the signal.

    How it was found is read from a Detection field or section, the timeline up to
    its first detection entry, or the summary (``rules/detection.yaml``). An action
    item of type ``detect``, or one that names a signal (alert, dashboard, probe,
    metric: ``detect_signals``), or such words anywhere in the action-items or
    prevention section, satisfies the rule. Documents without action items
    are left to PM501.

    Bad::

        **Detection:** customer reports to support, 35 minutes after onset.

        ## Action items
        - Add a schema check to the deploy pipeline. Owner: @lee. Due: 2026-04-01.

    Good::

        **Detection:** customer reports to support, 35 minutes after onset.

        ## Action items
        - Add a schema check to the deploy pipeline. Owner: @lee. Due: 2026-04-01.
        - Alert when the checkout error rate exceeds 2% for 5 minutes (detect).
          Owner: @kim. Due: 2026-03-20.
    """

    code = "PM312"
    name = "external-detection-without-monitoring"
    level = Level.warning
    family = "detection"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        found = first_external(doc.detection.statements)
        if found is None or not doc.action_items:
            return
        if any(watches(item, ctx.data) for item in doc.action_items):
            return
        if any(has_phrase(prose.text, ctx.data.detect_signals) for prose in doc.prose
               if prose.section in _PLANS):
            return
        who = "a customer" if found.method.value == "customer" else "an outsider"
        yield self.problem(
            found.span, f"The incident was found by {who}, not by monitoring, but no action "
            "item adds monitoring for this failure mode; add a detect action that names the "
            "signal",
            hint='e.g. "Alert when the checkout error rate exceeds 2% for 5 minutes (detect)"')
