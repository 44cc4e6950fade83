"""PM404."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions


class FactorScoreOptions(RuleOptions):
    min_score: int = Field(0, description="The lowest valid score (not a factor).")
    max_score: int = Field(3, description="The highest valid score (primary contributor).")


class ContributingFactorScoreInvalid(Rule):
    """A contributing factor's score is outside the 0–3 scale.

    The guides score each contributing factor "0-3 (0=not a factor, 3=primary
    contributor)" so that factors can be ranked and compared across incidents
    in quarterly reviews. A 5 or a 10 breaks that comparison; it is usually a
    different scale (1–5, 1–10) carried over from another template.

    Bad::

        ## Contributing factors

        | Factor | Score |
        |---|---|
        | Change management failure | 5 |

    Good::

        ## Contributing factors

        | Factor | Score |
        |---|---|
        | Change management failure | 3 |
    """

    code = "PM404"
    name = "contributing-factor-score-invalid"
    level = Level.error
    family = "root-cause"
    Options = FactorScoreOptions
    options: FactorScoreOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        low, high = self.options.min_score, self.options.max_score
        for factor in ctx.document.contributing_factors:
            score = factor.score
            if score is None or low <= score.value <= high:
                continue
            yield self.problem(
                score.span, f"Contributing factor score {score.value} is outside the "
                f"{low}–{high} scale; use {low} (not a factor) to {high} (primary contributor)",
                hint=f"rescale it: the most important factor gets {high}")
