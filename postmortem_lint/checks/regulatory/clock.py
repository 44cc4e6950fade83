"""PM852."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.regulatory.packs import (
    applicable,
    declined,
    discovered,
    notices,
    records,
)
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


class RegulatoryClock(Rule):
    """A notification with a regulatory deadline has no date, or came after the deadline.

    The review framework's industry table gives a clock: "HIPAA breach notification
    (60 days)"; the HIPAA Breach Notification Rule (45 CFR 164.404(b)) requires notice
    "without unreasonable delay and in no case later than 60 calendar days after
    discovery". OSHA's clock (29 CFR 1904.39) is shorter: 8 hours for a fatality,
    24 hours for an in-patient hospitalisation, amputation or loss of an eye. A
    postmortem that says a notification was made but not when cannot show the clock
    was met.

    A pack's record with ``within_days`` is checked when the record applies and the
    document records it (PM851 reports it missing). The notification's date is read
    from the sentence that records it; the discovery day is the timeline's
    detection entry, else the incident's start or date. A record the document
    declines ("not a reportable breach") needs no date. Nothing runs until the
    config names an ``industry`` or ``frameworks``; not legal advice.

    Bad::

        # config: industry: healthcare
        **Date:** 2026-01-05
        ## Impact
        - PHI of 312 patients was exposed. Patients were notified on 2026-03-20.

    Good::

        # config: industry: healthcare
        **Date:** 2026-03-08
        ## Impact
        - PHI of 312 patients was exposed. Patients were notified on 2026-03-20.
    """

    code = "PM852"
    name = "regulatory-clock"
    level = Level.warning
    family = "regulatory"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        for _key, framework, trigger in applicable(doc, ctx.data, ctx.frameworks):
            for record in framework.records:
                if record.within_days is None or not records(doc, record) \
                        or declined(doc, record):
                    continue
                found = notices(doc, record)
                dated = [notice for notice in found if notice.on is not None]
                if not dated:
                    span = found[0].span if found else trigger
                    what = record.what.split(",")[0]
                    yield self.problem(
                        span, f"{framework.title}: the document records {what} but not the "
                        f"date; the deadline is {_days(record.within_days)} after discovery",
                        hint='give the date, e.g. "notified on 2026-03-20, 12 days after '
                        'discovery"')
                    continue
                start = discovered(doc)
                if start is None:
                    continue
                first = min(dated, key=lambda notice: notice.on.value if notice.on else start)
                assert first.on is not None
                days = (first.on.value - start).days
                if days > record.within_days:
                    yield self.problem(
                        first.on.span, f"{framework.title}: notified {_days(days)} after "
                        f"discovery ({start.isoformat()}); the deadline is "
                        f"{_days(record.within_days)}",
                        hint="if the discovery date differs from the incident date, state it "
                        "(\"Discovered: 2026-03-08\"); otherwise record why notice was late")
