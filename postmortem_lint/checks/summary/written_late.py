"""PM611."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions
from postmortem_lint.model import Postmortem
from postmortem_lint.model.facts import incident_facts


class SummaryLateOptions(RuleOptions):
    max_hours: float = Field(
        24, gt=0, description="Latest time to write the incident summary, in hours after the "
        "incident ended.")


def _ended(doc: Postmortem) -> tuple[dt.datetime, bool] | None:
    """When the incident ended, and whether the time of day is known: the resolution,
    else the stated end, else the incident's date (its start of day)."""
    facts = incident_facts(doc)
    if facts.resolution is not None and facts.resolution_dated:
        return facts.resolution, True
    meta = doc.meta
    if meta.incident_end is not None:
        return meta.incident_end.value, True
    if meta.incident_date is not None:
        return dt.datetime.combine(meta.incident_date.value, dt.time()), False
    return None


class SummaryLate(Rule):
    """The incident summary was written more than 24 hours after the incident.

    The review framework's template opens with "1. Incident Summary (Complete
    Within 24 Hours)": incident id, start and end, severity, impact, detection and
    detection delay, written while the responders still remember it. This is apart
    from the full write-up, which the guides want "within 48 hours of incident
    resolution" (PM604).

    Checked only where the document records when the summary was written (a
    ``Summary written:`` field; the labels are in ``rules/fields.yaml``) and when
    the incident ended (the timeline's resolution, an end field, or the incident
    date). When either is a day without a time, whole days are compared, so the
    rule errs towards not reporting.

    Bad::

        **End:** 2026-03-04 15:10 UTC
        **Summary written:** 2026-03-06 09:00 UTC

    Good::

        **End:** 2026-03-04 15:10 UTC
        **Summary written:** 2026-03-04 19:30 UTC
    """

    code = "PM611"
    name = "summary-late"
    level = Level.warning
    family = "summary"
    Options = SummaryLateOptions
    options: SummaryLateOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        written = doc.meta.summary_written
        ended = _ended(doc)
        if written is None or ended is None:
            return
        end, end_has_time = ended
        at = written.value.at
        ended_on = end.date()
        if not written.value.has_time:
            at = at.replace(hour=0, minute=0, second=0, microsecond=0)  # its earliest moment
        if not end_has_time:  # its latest moment: the end of that day
            end = dt.datetime.combine(end.date() + dt.timedelta(days=1), dt.time(),
                                      tzinfo=end.tzinfo)
        if (at.tzinfo is None) != (end.tzinfo is None):
            at, end = at.replace(tzinfo=None), end.replace(tzinfo=None)
        hours = (at - end).total_seconds() / 3600
        exact = written.value.has_time and end_has_time
        # Without a time of day the gap is a lower bound: "two days later" is late even
        # when the bound itself equals the target.
        if hours < self.options.max_hours or (exact and hours == self.options.max_hours):
            return
        delay = f"{hours / 24:.0f} days" if hours >= 72 else f"{hours:.0f} hours"
        yield self.problem(
            written.span, f"The incident summary was written {delay} after the incident "
            f"ended ({ended_on.isoformat()}); the target is {self.options.max_hours:g} "
            "hours, separate from the full write-up",
            hint="send a short summary (impact, severity, detection, status) within a day; "
            "the full postmortem can follow within 48 hours")
