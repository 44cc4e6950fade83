"""PM602."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.follow_up.dates import incident_day
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions


class ReviewLateOptions(RuleOptions):
    max_days: int = Field(60, ge=1, description="Latest review, in days after the incident.")


class ReviewTooLate(Rule):
    """The follow-up review is scheduled more than 60 days after the incident.

    The guides: "review completion in 30/60 days". By then P0–P2 action items
    are due (next business day, a week, a month), so the review can check that
    they are done and that they worked; a review months later finds fixes
    forgotten and owners moved on. The limit is the ``max-days`` option.

    Bad (YAML)::

        date: 2026-03-10
        follow_up:
          review_date: 2026-07-20   # 132 days after the incident

    Good (YAML)::

        date: 2026-03-10
        follow_up:
          review_date: 2026-04-21   # 42 days
    """

    code = "PM602"
    name = "review-too-late"
    level = Level.warning
    family = "follow-up"
    Options = ReviewLateOptions
    options: ReviewLateOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        review = doc.follow_up.review_date
        day = incident_day(doc)
        if review is None or day is None:
            return
        days = (review.value - day).days
        limit = self.options.max_days
        if days <= limit:
            return
        yield self.problem(
            review.span, f"The follow-up review ({review.value.isoformat()}) is {days} days "
            f"after the incident ({day.isoformat()}); schedule it within {limit} days",
            hint=f"e.g. {(day + dt.timedelta(days=min(42, limit))).isoformat()}, and say who "
            "runs it")
