"""PM511."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions
from postmortem_lint.model import Postmortem, Prose
from postmortem_lint.phrases import has_phrase
from postmortem_lint.ruledata import PreventionItem, RuleData


class ChecklistOptions(RuleOptions):
    max_level: int = Field(
        2, ge=0, description="Check severities at or above this level (0 = most severe; the "
        "default 2 covers SEV-0 to SEV-2).")
    items: list[str] | None = Field(
        None, description="Checklist lines to require (keys of prevention_checklist in rule "
        "data); default: all of them.")


def _plans(doc: Postmortem) -> list[Prose]:
    """What the document plans: its action items, and any prevention section."""
    texts = [item.description for item in doc.action_items]
    texts += [prose for prose in doc.prose if prose.section == "prevention"]
    return texts


def _declined(doc: Postmortem, item: PreventionItem, data: RuleData) -> bool:
    """Whether a line anywhere says this checklist line is not needed."""
    return any(has_phrase(line.text, item.terms) and has_phrase(line.text,
                                                               data.prevention_declined)
               for prose in doc.prose for line in prose.lines())


def _linked(texts: list[Prose], item: PreventionItem) -> bool:
    return any(has_phrase(prose.text, item.link_terms)
               or any(has_phrase(href.replace("-", " ").replace("/", " "), item.link_terms)
                      for _start, _end, href in prose.links)
               for prose in texts)


def _needs_link(covering: list[Prose], item: PreventionItem) -> bool:
    return not item.link_when or any(has_phrase(prose.text, item.link_when)
                                     for prose in covering)


class PreventionChecklistIncomplete(Rule):
    """A severe incident's action items leave part of the prevention checklist open.

    The review framework ends its template with "Recurrence Prevention": "[ ]
    Monitoring added/improved for this failure mode, [ ] Runbook created/updated,
    [ ] Test coverage added, [ ] Architecture change needed? (If yes, create RFC),
    [ ] Training needed for team?". The builder guide's "Preventive measures" has
    the same parts (monitoring and alerting, process, automation, documentation
    and training). Each line is either covered by an action item or explicitly
    declined ("Training: not needed, the runbook covers it"); a line that is neither
    was probably not considered. An architecture change named as such (a redesign,
    decoupling, a new service: ``link_when``) should link its RFC or design
    document.

    What covers each line, and what declines it, is rule data
    (``prevention_checklist`` and ``prevention_declined`` in
    ``rules/prevention.yaml``). When the root cause, its factors or the summary place
    the cause outside the team's own systems (``external_cause_phrases``: "an upstream
    outage", "beyond our control", "no local issues"), only the lines that still apply
    are asked for (``when_external``: monitoring and a runbook), not tests of the team's
    code, a redesign or training. Reported once per document, listing every open line.
    Checked only for severities at or above ``max-level`` (default: SEV-2); silent
    when the severity is unknown, when there are no action items (PM501), and when every
    item is already done or declined (the review reports finished work, not a plan).
    Off unless selected: a template convention of the review framework, which most
    teams' postmortems do not follow line by line.

    Bad::

        **Severity:** SEV-2

        ## Action items
        - Alert on replica lag above 30 s. Owner: @kim. Due: 2026-03-20.

    Good::

        **Severity:** SEV-2

        ## Action items
        - Alert on replica lag above 30 s. Owner: @kim. Due: 2026-03-20.
        - Update the failover runbook with the lag check. Owner: @lee. Due: 2026-03-20.
        - Add a failover integration test to CI. Owner: @ana. Due: 2026-03-27.
        - Move reads off the primary, per RFC-112 (https://example.com/rfc/112).
          Owner: @sam. Due: 2026-05-01.
        - Training: not needed, because the runbook update covers the new check.
    """

    code = "PM511"
    name = "prevention-checklist-incomplete"
    level = Level.warning
    family = "prevention"
    # The framework's own checklist: most teams' templates have other lines (or none), and
    # on real postmortems "training" or "a runbook" is often what does not fit; a team
    # that keeps the checklist selects it.
    default_enabled = False
    Options = ChecklistOptions
    options: ChecklistOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        severity = doc.meta.severity
        if severity is None or severity.value.level > self.options.max_level \
                or not doc.action_items or all(item.closed for item in doc.action_items):
            return  # no items (PM501), or every one done or declined: the work is over
        data = ctx.data
        plans = _plans(doc)
        wanted = self.options.items or list(data.prevention_checklist)
        missing: list[str] = []
        for key in wanted:
            item = data.prevention_checklist.get(key)
            if item is None or doc.external_cause is not None and not item.when_external:
                continue  # a provider's outage: the team's tests or design may not apply
            covering = [prose for prose in plans if has_phrase(prose.text, item.terms)]
            if not covering:
                if not _declined(doc, item, data):
                    missing.append(item.label)
            elif item.link_terms and _needs_link(covering, item) and not _linked(plans, item) \
                    and not _declined(doc, item, data):
                missing.append(f"an RFC or design-document link for {item.label}")
        if not missing:
            return
        anchor = doc.action_items_span or doc.top
        yield self.problem(
            anchor, f"The {severity.value.label} action items neither cover nor decline: "
            f"{'; '.join(missing)}",
            hint='add an action item for each, or say why it is not needed ("Training: not '
            'needed, because the runbook update covers it")')
