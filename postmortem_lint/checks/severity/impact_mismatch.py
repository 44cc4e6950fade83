"""PM211."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext

_RANK = {"internal": 0, "customer": 1, "revenue": 2}


def _level_for(meaning: str, scale: Mapping[int, str]) -> str:
    """The least severe label whose definition covers ``meaning`` ("SEV-2")."""
    levels = [level for level, means in scale.items() if _RANK[means] >= _RANK[meaning]]
    return f"SEV-{max(levels)}" if levels else "a higher severity"


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class SeverityImpactMismatch(Rule):
    """The declared severity does not match what the impact section says.

    The review framework defines its scale by impact: "Severity: SEV-1 (revenue
    impact) | SEV-2 (customer impact) | SEV-3 (internal impact)". A SEV-3 whose
    impact names customers or lost revenue was under-rated (it gets a lightweight
    review, a coarse timeline and no prevention checklist); a SEV-1 whose impact
    says there was no effect on customers or revenue ("no customers were affected",
    "internal users only") either was over-rated or its impact leaves out what made
    it a SEV-1. The guides also say "severity should match depth of postmortem", so
    the label decides how much of the document is required.

    The scale is rule data (``severity_impact`` in ``rules/severity.yaml``: level ->
    ``revenue``, ``customer`` or ``internal``), and so are the words that show a
    customer or revenue effect (``impact_classes``) and the phrases that deny or
    limit it (``impact_negations``). A sentence with such a phrase, a hypothetical
    one ("would have"), a line's label ("User impact:") and phrases that name no
    customer ("team members", "the user interface": ``impact_not_people``) do not
    count as naming customers. A SEV-1 is reported only when its impact denies an
    effect on customers, never merely because the impact's words for who was
    affected ("logging in was broken", "validators had to restore") are not in the
    lexicon. Silent when the severity is unknown or the document has no impact
    statement.

    Bad::

        **Severity:** SEV-3

        ## Impact
        - 2,300 customers could not check out for 40 minutes.

    Good::

        **Severity:** SEV-2

        ## Impact
        - 2,300 customers could not check out for 40 minutes.
    """

    code = "PM211"
    name = "severity-impact-mismatch"
    level = Level.warning
    family = "severity"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        severity = doc.meta.severity
        scale = ctx.data.severity_impact
        reach = doc.impact_reach
        if severity is None or not reach.read or severity.value.level not in scale:
            return
        label = severity.value.label
        means = scale[severity.value.level]
        if means == "internal" and (reach.revenue or reach.customer):
            kind = "revenue" if reach.revenue else "customer"
            said = (reach.revenue or reach.customer)[0]
            what = "lost revenue" if kind == "revenue" else "customers"
            yield self.problem(
                severity.span, f"{label} means internal impact only, but the impact names "
                f'{what} (line {said.span.line}: "{_quote(said.value)}"); by the severity scale '
                f"this is {_level_for(kind, scale)}, or the impact needs correcting",
                hint="raise the severity (and the depth of the postmortem with it), or say "
                "in the impact why no customer was affected")
        elif means == "revenue" and reach.denied_customer and not (reach.revenue
                                                                     or reach.customer):
            said = reach.denied_customer[0]
            yield self.problem(
                severity.span, f"{label} means revenue or customer impact, but the impact says "
                f'there was none (line {said.span.line}: "{_quote(said.value)}"); state the '
                "effect on customers or revenue, or lower the severity",
                hint='e.g. "- **Revenue:** about $18,000 in failed checkouts" or '
                '"- **Customers:** 4,100 merchants could not take payments"')
