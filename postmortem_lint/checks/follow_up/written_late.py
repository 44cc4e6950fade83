"""PM604."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions
from postmortem_lint.model.facts import incident_facts


class WrittenLateOptions(RuleOptions):
    max_hours: float = Field(
        48, gt=0, description="Latest time to write the postmortem, in hours after resolution.")


class WrittenLate(Rule):
    """The postmortem was written more than 48 hours after the incident was resolved.

    The guides: hold the postmortem "within 48 hours of incident resolution
    (while details are fresh)"; the incident summary is due within 24 hours.
    Memories fade, chat scrollback and short-retention logs disappear, and the
    timeline gets reconstructed from guesses. Checked only when the date written
    and the resolution's date are both known; the date written counts from its
    start, so the check errs towards not reporting.

    Bad::

        Date written: 2026-03-09

        ## Timeline

        - 2026-02-26 15:10 UTC — **Resolution:** error rate back at baseline

    Good::

        Date written: 2026-02-27

        ## Timeline

        - 2026-02-26 15:10 UTC — **Resolution:** error rate back at baseline
    """

    code = "PM604"
    name = "written-late"
    level = Level.warning
    family = "follow-up"
    Options = WrittenLateOptions
    options: WrittenLateOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        written = doc.meta.date_written
        facts = incident_facts(doc)
        resolved = facts.resolution
        if written is None or resolved is None or not facts.resolution_dated:
            return
        zone = dt.UTC if resolved.tzinfo is not None else None
        start = dt.datetime.combine(written.value, dt.time(), tzinfo=zone)
        hours = (start - resolved).total_seconds() / 3600
        if hours <= self.options.max_hours:
            return
        days = (written.value - resolved.date()).days
        delay = f"{days} days" if hours >= 72 else f"{hours:.0f} hours"
        yield self.problem(
            written.span, f"Written {written.value.isoformat()}, {delay} after the incident was "
            f"resolved ({resolved.date().isoformat()}); write the postmortem within "
            f"{self.options.max_hours:g} hours of resolution",
            hint="if a first draft was written earlier, give that date; otherwise schedule "
            "the write-up right after resolution next time")
