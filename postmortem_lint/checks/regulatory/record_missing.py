"""PM851."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.regulatory.packs import applicable, records
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class RegulatoryRecordMissing(Rule):
    """An incident under a regulation the config turns on does not record what it asks.

    The review framework's "Industry-Specific Post-Mortem Considerations" table:
    fintech — transaction integrity, audit trail (SOX, PCI-DSS incident reporting);
    healthcare — PHI exposure, patient safety (HIPAA breach notification, 60 days);
    SaaS — SLA compliance, data integrity (SOC 2 incident management); e-commerce —
    order integrity, payment processing (PCI-DSS, consumer protection);
    manufacturing — safety incidents, production loss (OSHA reporting). The
    guides add: "Security incident: coordinate with legal before public detail".

    Nothing runs until the config names the organisation's ``industry`` (one or a
    list of healthcare, fintech, e-commerce, saas, manufacturing) or lists
    ``frameworks`` by name. Each framework is a YAML pack under
    ``rules/regulatory/``: when it applies (phrases such as "PHI" or "cardholder
    data"; none means every incident), what the postmortem must record, and the
    phrases that show it does (or that say it was not required). A compliance team
    adds a pack through the config's ``rule-data`` key, without code. The packs
    cite their sources: HIPAA 45 CFR 164.404(b); PCI DSS v4.0 requirement 12.10.1;
    the Sarbanes-Oxley Act sections 404 and 802; the AICPA Trust Services Criteria
    CC7.3–CC7.5 and CC2.3 (SOC 2); OSHA 29 CFR 1904.39 and 1904.29(b)(3).

    One finding per framework says everything the document does not record, at the
    phrase that made the framework apply. It is not legal advice:
    whether an obligation applies is for the organisation's compliance team.

    Bad::

        # config: industry: healthcare
        ## Impact
        - A misconfigured export exposed PHI of 312 patients to another clinic.

    Good::

        # config: industry: healthcare
        ## Impact
        - A misconfigured export exposed PHI of 312 patients to another clinic.
        - **Breach notification:** affected individuals were notified on 2026-03-20,
          12 days after discovery on 2026-03-08.
    """

    code = "PM851"
    name = "regulatory-record-missing"
    level = Level.warning
    family = "regulatory"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        for _key, framework, trigger in applicable(doc, ctx.data, ctx.frameworks):
            missing = [record.what for record in framework.records if not records(doc, record)]
            if not missing:
                continue
            yield self.problem(
                trigger, f"{framework.title}: the document does not record "
                f"{'; nor '.join(missing)}",
                hint=f"record it, or say why it does not apply (source: {framework.source}); "
                "whether it applies is for your compliance team to decide")
