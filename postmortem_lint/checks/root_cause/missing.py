"""PM401."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import (
    DocumentKindOptions,
    TemplateOptions,
    asks_of,
    follows_template,
    requires,
)
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Postmortem


def has_root_cause(doc: Postmortem) -> bool:
    return bool(doc.root_cause or doc.root_cause_span or doc.has_section("root_cause"))


class RootCauseOptions(DocumentKindOptions, TemplateOptions):
    """A template followed, by the team's own postmortem."""


class RootCauseMissing(Rule):
    """The postmortem states no root cause.

    Stage 3 of the guides separates the root cause, "the fix that stops the
    recurrence class (with evidence)", from contributing factors. Without a root
    cause, action items treat symptoms and the same class of failure comes back;
    quarterly reviews cannot group incidents by cause either. A sentence of the
    overview that states the cause outright ("The root cause was …", "The direct
    cause was …") counts when there is no root cause section, and so does less direct
    causal language where no sentence is that direct: a fault that caused or led to the
    failure ("A bug in the scheduler caused a stall"), what the investigation
    determined, what the trouble "stemmed from", the flaw a security advisory names
    ("the page was vulnerable to …"), a failure "when" an event or change happened, an
    event elsewhere that did the damage ("a fibre cut at our transit carrier disrupted
    every region", "an attack on the bridge contract led to …"), how a secret got out in a
    security write-up ("a deploy key was exposed by the build log", "the intruder
    gained access through …"), a faulty thing that did the damage ("an expired certificate broke
    TLS"), a change that "introduced a bug" or where the flaw "was introduced", "this happened
    because …", a failure the next sentence says caused the damage ("The certificates
    expired. This caused …"), a slip that did the
    damage ("an accidental truncation of the sessions table removed every login"), the
    writer's conclusion ("… is probably the trigger for the crash"), factors named together
    as what made it happen ("together, these gaps allowed …"), a cause clause put first ("Due
    to a lost connection to the store, the API kept restarting"), what failed in a redundant
    pair ("the primary load balancer failed", "the standby did not take over"), how an attack
    worked ("hackers exploited an open endpoint", "consistent with a credential stuffing
    attack"), a missing check and what it let happen, a provider's maintenance or outage, an
    operation "resulting in" the downtime, and a question label with its answer ("The
    culprit? A stale lock."). A guess ("this seems to be a fault at the provider"), the
    symptom ("all services were down") or what the team did is not a cause. A list of
    contributing factors alone does not count, nor do timeline entries that show the
    cause without saying it.

    Only a document laid out as a postmortem template is checked (``min-template-parts``
    sections such as a summary, a timeline and action items): a free-form write-up explains
    what broke in its narrative, in more ways than a reader of headings can recognise, and
    claiming it has no cause is a false alarm that costs the linter its readers' trust.
    Nor is a report written for the public (``skip-kinds``, as for the rules that ask for
    a team's bookkeeping): it tells its readers why in the story of what happened, and on
    real postmortems every "no root cause" on such a report was wrong (3 of 3 judged).

    Bad::

        ## Impact
        Flags reverted to their defaults for 40 minutes.

        ## Timeline
        - 09:12 UTC: the cleanup job archived 14 flags.

        ## Contributing factors
        - The cleanup job treats "unchanged for 90 days" as "unused".

    Good::

        ## Root cause
        Archiving a flag silently reverts behaviour to the code default, and nothing
        checks that a flag is unused before the cleanup job archives it.

        ## Contributing factors
        - The cleanup job treats "unchanged for 90 days" as "unused".
    """

    code = "PM401"
    name = "root-cause-missing"
    level = Level.error
    family = "root-cause"
    Options = RootCauseOptions
    options: RootCauseOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        if has_root_cause(doc) or not requires(doc, ctx.data, "root_cause") \
                or not follows_template(doc, self.options) or not asks_of(doc, self.options):
            return
        if doc.contributing_factors or doc.has_section("contributing_factors"):
            yield self.problem(
                doc.top, "The postmortem lists contributing factors but names no root cause; "
                'say which gap is the root cause in a "## Root cause" section',
                hint="the root cause is the systemic gap whose fix stops this class of "
                "failure; the other factors stay under contributing factors")
            return
        yield self.problem(
            doc.top, 'The postmortem states no root cause; add "## Root cause" with the '
            "systemic gap whose fix stops this class of failure",
            hint="name the process, tooling or design gap, with the evidence for it; list "
            "the other causes under contributing factors")
