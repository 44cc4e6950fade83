"""Facts the review framework asks a postmortem to record beyond its sections: how the
incident was detected, what it cost, which notifications were made, when the summary was
written. Parsers fill them (``parsers/practices/``); rules and audits only read them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, Field

from postmortem_lint.model.span import Located, Span


class DetectionMethod(StrEnum):
    """How an incident was found: the framework's "Monitoring / Customer report / Internal
    discovery", with outsiders (researchers, partners, the press) apart from customers."""

    monitoring = "monitoring"
    customer = "customer"
    outsider = "outsider"
    internal = "internal"

    @property
    def external(self) -> bool:
        return self in (DetectionMethod.customer, DetectionMethod.outsider)


class DetectionStatement(BaseModel):
    """One statement of how the incident was found, where it was written."""

    method: DetectionMethod
    span: Span
    raw: str = ""
    source: str = Field(description="field, section, timeline or prose")


class Detection(BaseModel):
    """Every detection statement, the most authoritative source first (a Detection field or
    section, then the first detection entry of the timeline, then the summary)."""

    statements: list[DetectionStatement] = Field(default_factory=list)
    # The Detection field or section, whether or not its words name a method.
    declared: Span | None = None
    # The first sentence that tells how someone learned of it, without saying which way.
    mentioned: Span | None = None

    @property
    def method(self) -> DetectionMethod | None:
        """How the incident was found: the first statement of the best source."""
        return self.statements[0].method if self.statements else None

    @property
    def first(self) -> DetectionStatement | None:
        return self.statements[0] if self.statements else None


class ImpactReach(BaseModel):
    """Who the impact statement says was affected: sentences naming customers, naming lost
    revenue, and sentences that deny or limit such an effect ("no customers were
    affected", "internal users only")."""

    customer: list[Located[str]] = Field(default_factory=list)
    revenue: list[Located[str]] = Field(default_factory=list)
    denied: list[Located[str]] = Field(default_factory=list)
    # The denied sentences that name customers: "no customers were affected".
    denied_customer: list[Located[str]] = Field(default_factory=list)
    # Every sentence whose words name customers or revenue, denied, hypothetical or not.
    mentioned: list[Located[str]] = Field(default_factory=list)
    read: bool = False  # whether the document has an impact statement to read


class Money(BaseModel):
    """An amount of money as written ("$12,400", "EUR 3k", "1.2M USD")."""

    amount: float
    currency: str | None = Field(None, description="ISO code (USD, EUR…) when one is given.")
    kind: str | None = Field(None, description="What the amount is: total, revenue, "
                             "sla_credits, vendor, engineering (from the cost lexicon).")
    span: Span
    raw: str = ""


class IncidentCost(BaseModel):
    """The incident's cost: the amounts stated, or why it is not stated."""

    amounts: list[Money] = Field(default_factory=list)
    # "Cost: not estimated, because billing data is not available": a reason, not an amount.
    declined: Located[str] | None = None
    # "No financial impact": a cost stated as nothing.
    none_stated: Located[str] | None = None
    # A cost named without an amount: a Cost or Revenue field, "service credits apply".
    described: Located[str] | None = None
    # "No realised harm", "a near miss": the incident harmed nothing, so there is no cost to
    # state (not counted as a stated cost in audits).
    near_miss: Located[str] | None = None

    @property
    def stated(self) -> bool:
        return bool(self.amounts or self.declined or self.none_stated or self.described)

    def totals(self) -> dict[str, float]:
        """Currency -> amount: a stated total when there is one, else the sum of the parts
        (amounts without a currency are summed under "unspecified")."""
        by_currency: dict[str, list[Money]] = {}
        for money in self.amounts:
            by_currency.setdefault(money.currency or "unspecified", []).append(money)
        out: dict[str, float] = {}
        for currency, amounts in by_currency.items():
            stated = [money.amount for money in amounts if money.kind == "total"]
            out[currency] = stated[0] if stated else sum(money.amount for money in amounts)
        return {currency: round(amount, 2) for currency, amount in out.items()}


class Notification(BaseModel):
    """A sentence that records a notification or report ("HHS notified on 2026-04-02")."""

    span: Span
    text: str
    on: Located[dt.date] | None = None


class WrittenAt(BaseModel):
    """When something was written: a day, and the time of day when one is given."""

    at: dt.datetime
    has_time: bool = False
