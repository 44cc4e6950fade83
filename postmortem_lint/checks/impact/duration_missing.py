"""PM203."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import OutlineOptions, follows_template
from postmortem_lint.checks.impact.evidence import impact_anchor
from postmortem_lint.checks.impact.missing import has_impact
from postmortem_lint.checks.safety.security_review import security_marker
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model.facts import incident_facts


class ImpactDurationMissing(Rule):
    """The impact does not say how long it lasted, and the timeline cannot tell either.

    Duration is one of the four things the guides ask the impact to state (users
    affected, duration, data integrity, SLA breach). It is the basis of time to
    resolve (MTTR) in quarterly reviews and of any SLA calculation. A duration in
    the impact, summary or title, a range of clock times there ("between 19:00 and 21:00
    UTC"), a sentence anywhere that says how long it lasted or took to resolve ("it took
    us 9 hours to resolve", "the tampered release was live for 4 hours"), a ``duration``
    field, incident start and end fields, or a timeline with two or more timed entries
    (its phases are PM304's concern), or a timeline that dates its events on two or more
    days without times ("2021-05-08 | the change merged", "2021-06-16 | released"), or a narrative
    that times its start and its recovery ("At 09:15 UTC we deployed …; by 09:40 UTC traffic
    was back to normal"), or a status entry's start time and a timed end ("date: 2026-03-04
    14:32", "resolved: true" and "services are back at 15:10 UTC") is enough.
    Security incidents (PM803's test) are not asked: a vulnerability's exposure is not an
    outage's length; nor is a report that covers several incidents ("multiple outages this
    month"), each with its own length. A span of days ("since 2026-03-02" up to the day
    the report was written, "from 3 March to 5 March 2026") is a length too, and so is a
    length said in words ("several hours of delay"), a ``Duration: unknown`` field (the
    authors say they do not know it) or an exposure's window given as versions or dates
    ("between v1.2 and v1.4", "introduced in June 2015 and fixed in April 2021"). A near
    miss ("resolved before an outage was incurred") has no outage length to state, nor has
    a defect in the data told without any outage ("a bug silently deleted 2,500 records",
    and nothing was down or unusable). Only a document laid out as a postmortem is asked
    (``min-template-parts`` parts of a postmortem's analysis, default 2; a summary, the fix
    and the lessons do not count): a short notice tells what broke, not yet for how long.

    Bad::

        ## Summary
        A tax-rule release applied the wrong rate.

        ## Root cause
        The release read the rate table of the previous year.

        ## Impact
        - 1,198 customers were charged the wrong tax.

    Good::

        ## Summary
        A tax-rule release applied the wrong rate.

        ## Root cause
        The release read the rate table of the previous year.

        ## Impact
        - **Duration:** 3 hours 28 minutes (09:02 UTC to 12:30 UTC).
        - 1,198 customers were charged the wrong tax.
    """

    code = "PM203"
    name = "impact-duration-missing"
    level = Level.warning
    family = "impact"
    Options = OutlineOptions
    options: OutlineOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        impact = doc.impact
        if not follows_template(doc, self.options):
            return  # a short note or a status page's entry: told, not analysed
        if not has_impact(doc) or impact.duration is not None \
                or impact.duration_mentioned is not None:
            return
        if impact.duration_stated is not None or impact.no_outage is not None \
                or impact.data_lost_only is not None:
            return  # said in words, said unknown, an exposure's window, or no outage at all
        if incident_facts(doc).time_to_resolve_minutes is not None or doc.window_timed:
            return  # a start and an end time to compute it from
        if sum(1 for entry in doc.timeline.entries if entry.at is not None) >= 2:
            return  # the timeline shows how long it went on; its phases are PM304's
        if len({day.value for day in doc.timeline.days}) >= 2:
            return  # the timeline dates its course over days ("2021-06-16 | v3.5.0 released")
        if doc.timeline.narrated_length:
            return  # the narrative gives the times it started and ended
        if impact.several_incidents is not None:
            return  # a report of several incidents: each has its own length
        if security_marker(doc, ctx.data) is not None:
            return  # a vulnerability's exposure is not an outage's length
        yield self.problem(
            impact_anchor(doc), "The impact does not say how long it lasted, and the timeline "
            "has no onset and resolution to compute it from; state the duration",
            hint='e.g. "- **Duration:** 45 minutes (18:12 UTC to 18:57 UTC)"')
