"""The audit report: what every renderer reads and ``--format json`` prints
(``schemas/audit.schema.json``). Durations are in minutes; dates are ISO dates."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from postmortem_lint import __version__
from postmortem_lint.audit.record import DocumentRecord
from postmortem_lint.engine.finding import Level

RepeatKind = Literal["named class", "declared class", "service + cause"]
RepeatFlag = Literal["escalate", "management review"]
ReviewState = Literal["missing", "overdue"]


class DocumentRef(BaseModel):
    path: str
    id: str | None = None
    title: str | None = None
    incident_date: dt.date | None = None


class Stat(BaseModel):
    """A duration statistic over the documents whose timelines could be used."""

    count: int = 0
    mean: float | None = None
    median: float | None = None


class TimingRow(BaseModel):
    group: str = Field(description="A quarter (2026-Q1), a severity (SEV-1) or 'all'.")
    incidents: int
    mttd: Stat = Field(description="Mean time to detect: onset -> detection, minutes.")
    mttr: Stat = Field(description="Mean time to resolve: onset -> resolution, minutes.")


class UnusableTimeline(BaseModel):
    path: str
    document: str
    metric: Literal["MTTD", "MTTR"]
    reason: str


class Timing(BaseModel):
    overall: TimingRow
    by_quarter: list[TimingRow] = Field(default_factory=list)
    by_severity: list[TimingRow] = Field(default_factory=list)
    unusable: list[UnusableTimeline] = Field(
        default_factory=list, description="Documents left out of MTTD or MTTR, and why.")


class ActionRef(BaseModel):
    path: str
    document: str = Field(description="The document's id, else its path.")
    line: int
    text: str
    owner: str | None = None
    due: dt.date | None = None
    due_text: str | None = None
    status: str | None = None
    priority: str | None = None


class OverdueAction(ActionRef):
    days_overdue: int
    age: str = Field(description="Age bucket: 1-30 days, 31-90 days, 91-180 days, over 180 days.")


class OpenAction(ActionRef):
    """An action item not done and not won't do."""

    days_overdue: int | None = Field(
        default=None, description="Days past due; None when not due yet or without a due date.")


class OwnerOpen(BaseModel):
    """One owner's open action items: what a manager follows up on."""

    owner: str = Field(description="The owner, or '(no owner)'.")
    open: int
    overdue: int
    no_due_date: int
    oldest_overdue_days: int | None = None


class OwnerOverdue(BaseModel):
    owner: str = Field(description="The owner, or '(no owner)'.")
    overdue: int
    oldest_days: int
    by_age: dict[str, int]


class Actions(BaseModel):
    total: int = 0
    done: int = 0
    wont_do: int = 0
    open: int = Field(default=0, description="Not done and not won't do (includes unknown status).")
    with_status: int = Field(
        default=0, description="Items that state a status; the others count as open.")
    completion_rate: float | None = Field(
        default=None, description="done / (total - won't do), 0-1; None without items.")
    overdue: list[OverdueAction] = Field(
        default_factory=list, description="Open items whose due date is before --today.")
    overdue_by_owner: list[OwnerOverdue] = Field(default_factory=list)
    overdue_by_age: dict[str, int] = Field(default_factory=dict)
    no_owner: list[ActionRef] = Field(default_factory=list)
    no_due_date: list[ActionRef] = Field(default_factory=list)
    open_items: list[OpenAction] = Field(
        default_factory=list, description="Every open item, most overdue first, then by owner.")
    open_by_owner: list[OwnerOpen] = Field(default_factory=list)
    open_with_due: int = Field(
        default=0, description="Open items with a due date: the only ones that can be overdue.")


class Review(BaseModel):
    path: str
    document: str
    state: ReviewState
    review_date: dt.date | None = Field(default=None, description="The scheduled follow-up review.")
    due_by: dt.date | None = Field(
        default=None, description="The review date, else incident + 30 days.")
    days_overdue: int | None = None


class Reviews(BaseModel):
    scheduled: int = Field(default=0, description="Review dates still ahead.")
    held: int = Field(
        default=0, description="Review dates passed, document updated on or after them.")
    overdue: int = Field(default=0, description="Review dates passed, document not updated since.")
    missing: int = Field(default=0, description="No follow-up review date at all.")
    items: list[Review] = Field(default_factory=list)


class RepeatGroup(BaseModel):
    """Incidents of one class (the guides' incident-class tracking)."""

    kind: RepeatKind = Field(description="How the class was found: named in rule data "
                             "(incident_classes), declared by the documents, or derived from "
                             "a service and the root-cause category.")
    key: str
    count: int
    flag: RepeatFlag = Field(description="2 incidents: escalate prevention; 3 or more: "
                             "management review.")
    documents: list[DocumentRef]


class RuleCount(BaseModel):
    code: str
    rule: str
    level: Level
    findings: int
    documents: int


class CategoryCount(BaseModel):
    category: str
    documents: int
    share: float = Field(description="Share of the audited documents, 0-1.")


class Money(BaseModel):
    currency: str = Field(description="ISO code, or 'unspecified' when none was written.")
    amount: float


class Costs(BaseModel):
    documents_with_cost: int = 0
    unreadable: list[str] = Field(
        default_factory=list, description="Paths whose stated cost has no amount we could read.")
    totals: list[Money] = Field(default_factory=list)


class QuarterTrend(BaseModel):
    """One quarter of the quarterly incident review."""

    quarter: str = Field(description="2026-Q1, or 'undated'.")
    incidents: int
    top_causes: list[str] = Field(
        default_factory=list, description="The three most common root-cause categories "
        "(classified documents only).")
    classified: int = Field(default=0, description="Documents with a root-cause category.")
    mttd: Stat = Field(default_factory=Stat)
    mttr: Stat = Field(default_factory=Stat)
    overdue_by_owner: dict[str, int] = Field(default_factory=dict)
    repeats: int = Field(
        default=0, description="Incidents of this quarter whose class happened before.")
    late: int = Field(default=0, description="Postmortems written late (PM604).")
    incomplete: int = Field(
        default=0, description="Postmortems without impact, timeline or root cause.")
    costed: int = Field(default=0, description="Documents stating a cost we could read.")
    findings: dict[Level, int]
    mean_score: float | None = None
    actions: int = 0
    actions_done: int = 0
    actions_wont_do: int = 0
    actions_with_status: int = 0
    completion_rate: float | None = None
    overdue_actions: int = 0
    root_causes: dict[str, int] = Field(default_factory=dict)
    rules: dict[str, int] = Field(default_factory=dict, description="Findings per rule code.")
    cost: list[Money] = Field(default_factory=list)


class RunPoint(BaseModel):
    """One earlier (or this) audit run, from ``--history``."""

    run: int
    at: dt.datetime
    today: dt.date
    documents: int
    mean_score: float | None = None
    actions: int
    done: int
    completion_rate: float | None = None
    open: int
    open_with_due: int
    overdue: int


class Totals(BaseModel):
    files: int = Field(description="Files found and linted (before --since).")
    documents: int = Field(description="Files in this report (after --since).")
    filtered_out: int = Field(default=0, description="Files whose incident is before --since.")
    undated: int = Field(default=0, description="Documents with no incident date (kept).")
    skipped: int = Field(default=0, description="Files that could not be linted (unreadable…).")
    findings: dict[Level, int]
    mean_score: float | None = None


class AuditSummary(BaseModel):
    """Everything an audit found across documents; ``AuditReport`` adds the documents."""

    tool: str = "postmortem-lint"
    version: str = __version__
    today: dt.date = Field(description="The date overdue items and reviews are measured from.")
    since: dt.date | None = None
    totals: Totals
    actions: Actions
    reviews: Reviews
    repeats: list[RepeatGroup] = Field(default_factory=list)
    timing: Timing
    top_rules: list[RuleCount] = Field(default_factory=list)
    root_causes: list[CategoryCount] = Field(default_factory=list)
    costs: Costs
    quarters: list[QuarterTrend] = Field(default_factory=list)
    history: list[RunPoint] = Field(
        default_factory=list, description="Runs recorded with --history, oldest first.")
    median_score: float | None = None


class AuditReport(AuditSummary):
    """What ``postmortem-lint audit --format json`` prints (documents last, by path)."""

    documents: list[DocumentRecord] = Field(
        default_factory=list, description="Every file, by path: score, findings, profile.")
