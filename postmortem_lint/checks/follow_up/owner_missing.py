"""PM603."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions


class OwnerMissingOptions(RuleOptions):
    accept_authors: bool = Field(
        True, description="Accept named authors in place of an explicit document owner.")


class DocumentOwnerMissing(Rule):
    """The postmortem names no document owner (or author).

    The guides' stage 1 exit condition: "template chosen; owner for the final
    document". Someone has to drive the review, chase the action items and
    answer questions; review and action-item owners are not the same role.
    ``Owner:``, ``Document owner:``, ``Postmortem owner:`` and (unless
    ``accept-authors`` is off) ``Authors:`` count, also written as a heading with
    the names below it (``## Authors`` and a list). Off by default: naming an owner is a
    template convention that most published postmortems leave out; select it where the
    template has the field.

    Bad::

        Severity: SEV-2
        Incident date: 2026-04-02

    Good::

        Severity: SEV-2
        Incident date: 2026-04-02
        Document owner: Felix Wagner
    """

    code = "PM603"
    name = "document-owner-missing"
    level = Level.warning
    family = "follow-up"
    # Published postmortems rarely name a document owner: a team template convention.
    default_enabled = False
    Options = OwnerMissingOptions
    options: OwnerMissingOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc = ctx.document
        meta = doc.meta
        if meta.owner is not None or (self.options.accept_authors and meta.authors):
            return
        yield self.problem(
            doc.top, "The postmortem names no document owner; add an owner who drives the "
            "review and the action items",
            hint='e.g. "**Document owner:** Felix Wagner" (or "owner:" in YAML)')
