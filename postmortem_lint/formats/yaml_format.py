"""The YAML postmortem format, as a pydantic model: the source of
``schemas/postmortem.schema.json`` (editors use it for completion and validation).

The YAML parser reads files tolerantly and reports wrong types as findings; this
model states what a well-formed file looks like. Markdown front matter may use
the same keys.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Text = str
PhaseName = Literal["onset", "detection", "escalation", "mitigation", "resolution", "other"]
DateOrText = dt.date | str
TimeOrText = dt.datetime | str


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class IncidentWindow(_Open):
    start: TimeOrText | None = Field(None, description="When impact began, ISO 8601 with zone.")
    end: TimeOrText | None = Field(None, description="When impact ended, ISO 8601 with zone.")
    date: DateOrText | None = None


class ImpactBlock(_Open):
    summary: Text | None = None
    users_affected: int | str | None = Field(None, description="Count of users or customers.")
    duration: str | None = Field(None, description='e.g. "45m", "2h 15m".')
    revenue: str | int | float | None = None
    sla_breached: bool | str | None = None
    data_loss: str | bool | None = Field(None, description='"none", or what was lost.')


class TimelineRow(_Open):
    time: TimeOrText = Field(description='"2026-03-04T14:32:00Z" or "14:32 UTC".')
    phase: PhaseName | None = None
    event: Text


class Factor(_Open):
    factor: Text
    score: int | None = Field(None, ge=0, le=3, description="0 = not a factor … 3 = primary.")


class ActionItemRow(_Open):
    action: Text = Field(description="What will change, specifically (name the metric, test…).")
    owner: str | None = None
    due: DateOrText | None = None
    priority: str | None = Field(None, description="P0, P1, P2 …")
    status: str | None = Field(None, description="open, in progress, done, won't do")
    type: (Literal["prevent", "detect", "recover", "process", "mitigate", "other"] | str
           | None) = None
    ticket: str | None = Field(None, description="Tracker key or URL.")


class FollowUpBlock(_Open):
    review_date: DateOrText | None = None
    owner: str | None = None


class YamlPostmortem(_Open):
    """A postmortem written as YAML."""

    id: str | None = None
    title: str | None = None
    severity: str | int | None = Field(None, description="SEV-1, P1, critical …")
    status: str | None = None
    audience: Literal["internal", "customer-facing"] | str | None = None
    authors: list[str] | str | None = None
    owner: str | None = None
    incident: IncidentWindow | None = None
    date_written: DateOrText | None = None
    services: list[str] | str | None = None
    incident_class: str | None = None
    security: bool | None = None
    security_review: str | None = None
    summary: Text | None = None
    impact: ImpactBlock | Text | None = None
    timeline: list[TimelineRow | str] | None = None
    root_cause: Text | list[Text] | None = None
    contributing_factors: list[Factor | Text] | None = None
    five_whys: list[Text] | None = None
    what_went_well: list[Text] | Text | None = None
    what_went_wrong: list[Text] | Text | None = None
    where_we_got_lucky: list[Text] | Text | None = None
    action_items: list[ActionItemRow | Text] | None = None
    follow_up: FollowUpBlock | DateOrText | None = None
    detection: Text | None = Field(
        None, description="How it was found: monitoring, a customer report, internal discovery.")
    cost: str | int | float | None = Field(
        None, description='Total incident cost with its currency, e.g. "$23,000", or why it '
        "is not estimated.")
    summary_written: TimeOrText | None = Field(
        None, description="When the incident summary was first written (target: within 24 "
        "hours).")
