"""PM801."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class AudienceMissing(Rule):
    """The postmortem does not declare its audience: internal or customer-facing.

    The guides start with scope and audience: "Confirm internal-only vs
    customer-facing summary", decide the readers (exec, engineering, CS) and the
    sensitivity (PII, security details redacted). The audience decides what may
    be written: internal hosts, names and security detail are fine for
    engineers and must not reach customers. Declaring it also lets
    sensitive-data-in-customer-doc (PM802) check a customer-facing document.
    Off by default: declaring the audience is a template convention that most
    well-written published postmortems leave out; select it where the template has
    the field.

    Bad::

        ---
        title: Photo uploads failing after media storage quota was exhausted
        severity: SEV-2
        ---

    Good::

        ---
        title: Photo uploads failing after media storage quota was exhausted
        severity: SEV-2
        audience: internal
        ---
    """

    code = "PM801"
    name = "audience-missing"
    level = Level.warning
    family = "safety"
    # Most published postmortems never declare an audience: a team template convention.
    default_enabled = False

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        if ctx.document.meta.audience is not None:
            return
        yield self.problem(
            ctx.document.top, "The postmortem does not say who it is for; declare "
            "'audience: internal' or 'audience: customer-facing'",
            hint="add 'audience: internal' to the front matter or metadata (or "
            "'Audience: Customer-facing' for a document customers will read)")
