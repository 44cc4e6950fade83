"""The quarterly-review analytics over an archive's records.

Definitions (the guides' quarterly incident review):

- **Overdue action item**: due before ``today`` and status neither done nor won't do
  (an item without a status counts as open). Age buckets: 1-30, 31-90, 91-180, over
  180 days past due.
- **Completion rate**: done ÷ (all items − won't do).
- **Follow-up review**: *missing* without a review date (due 30 days after the
  incident); *overdue* when the date has passed and the document was not updated
  (date written / last updated) on or after it; *held* when it was; else *scheduled*.
- **Repeat incidents** (the guides' incident-class tracking): documents of the same
  incident class — one the organisation names in its rule data (``incident_classes``),
  else the class the document declares, else derived from a service it names and its
  root-cause category. 2 → escalate prevention, 3 or more → management review. A broad
  root-cause category alone is never a class: incidents of different services that
  share "deployment/config change" are not repeats.
- **Overdue** can only be known for open items with a due date; reports say how many
  open items have none.
- **MTTD / MTTR**: onset → detection and onset → resolution from each timeline
  (:mod:`postmortem_lint.model.facts`), mean and median per quarter and per severity;
  documents whose timelines cannot be used are listed with the reason.
- **Quarter**: of the incident date (incident date, else start, else the timeline's
  onset, else the date written). ``since`` keeps incidents on or after it, and documents
  without any date, which are counted as undated so nothing drops out silently.

Records are taken one at a time and folded into running totals; the documents
themselves go to a :class:`~postmortem_lint.audit.store.RecordStore`, so memory holds
the answers (overdue items, repeat groups, durations), never the archive.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from postmortem_lint.audit.profile import UNCLASSIFIED, ActionRecord
from postmortem_lint.audit.record import DocumentRecord, quarter_of
from postmortem_lint.audit.report import (
    ActionRef,
    Actions,
    AuditReport,
    AuditSummary,
    CategoryCount,
    Costs,
    DocumentRef,
    Money,
    OpenAction,
    OverdueAction,
    OwnerOpen,
    OwnerOverdue,
    QuarterTrend,
    RepeatGroup,
    RepeatKind,
    Review,
    Reviews,
    RuleCount,
    Stat,
    Timing,
    TimingRow,
    Totals,
    UnusableTimeline,
)
from postmortem_lint.audit.store import RecordStore
from postmortem_lint.engine.finding import Level
from postmortem_lint.model import DocumentKind

REVIEW_DUE_DAYS = 30
ESCALATE_AT = 2
MANAGEMENT_REVIEW_AT = 3
AGE_BUCKETS = ((30, "1-30 days"), (90, "31-90 days"), (180, "91-180 days"),
               (None, "over 180 days"))
NO_OWNER = "(no owner)"
UNDATED = "undated"
LATE_RULE = "written-late"
INCOMPLETE_RULES = frozenset({"impact-missing", "timeline-missing", "root-cause-missing"})


@dataclass
class Audit:
    """An audit's results: the summary, and the documents in their store."""

    summary: AuditSummary
    documents: RecordStore

    def report(self) -> AuditReport:
        """Everything in one model (documents in memory): for small archives and tests."""
        return AuditReport(**dict(self.summary), documents=list(self.documents.by_path()))


# -- definitions shared with the renderers ------------------------------------------------
def days_overdue(item: ActionRecord, today: dt.date) -> int | None:
    """Days past due for an open item, else None."""
    if item.closed or item.due is None or item.due >= today:
        return None
    return (today - item.due).days


def completion_rate(done: int, total: int, wont_do: int) -> float | None:
    counted = total - wont_do
    return round(done / counted, 3) if counted else None


def _age(days: int) -> str:
    return next(label for limit, label in AGE_BUCKETS if limit is None or days <= limit)


def _stat(values: list[float]) -> Stat:
    if not values:
        return Stat()
    return Stat(count=len(values), mean=round(statistics.fmean(values), 1),
                median=round(statistics.median(values), 1))


def _mean(total: float, count: int) -> float | None:
    return round(total / count, 1) if count else None


def _quarter_order(label: str) -> tuple[int, str]:
    return (1, label) if label == UNDATED else (0, label)


def _by_count(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _money(totals: dict[str, float]) -> list[Money]:
    return [Money(currency=c, amount=round(a, 2)) for c, a in sorted(totals.items())]


# -- accumulators, one per part of the report ---------------------------------------------
class _ActionStats:
    def __init__(self, today: dt.date):
        self.today = today
        self.out = Actions()

    def add(self, doc: DocumentRecord) -> None:
        out = self.out
        for item in doc.profile.action_items:
            out.total += 1
            out.done += item.status == "done"
            out.wont_do += item.status == "won't do"
            out.with_status += item.status not in (None, "unknown")
            fields = {"path": doc.path, "document": doc.label, **item.__dict__}
            ref = ActionRef(**fields)
            late = days_overdue(item, self.today)
            if not item.closed:
                out.open_with_due += item.due is not None
                out.open_items.append(OpenAction(**fields, days_overdue=late))
            if late is not None:
                out.overdue.append(OverdueAction(**fields, days_overdue=late, age=_age(late)))
            if item.owner is None:
                out.no_owner.append(ref)
            if item.due is None:
                out.no_due_date.append(ref)

    def result(self) -> Actions:
        out = self.out
        out.open = out.total - out.done - out.wont_do
        out.completion_rate = completion_rate(out.done, out.total, out.wont_do)
        out.overdue.sort(key=lambda a: (-a.days_overdue, a.path, a.line))
        out.no_owner.sort(key=lambda a: (a.path, a.line))
        out.no_due_date.sort(key=lambda a: (a.path, a.line))
        by_owner: dict[str, list[OverdueAction]] = defaultdict(list)
        for action in out.overdue:
            by_owner[action.owner or NO_OWNER].append(action)
        out.overdue_by_owner = sorted((OwnerOverdue(
            owner=owner, overdue=len(items), oldest_days=max(a.days_overdue for a in items),
            by_age=_bucket_counts(items)) for owner, items in by_owner.items()),
            key=lambda o: (-o.overdue, -o.oldest_days, o.owner))
        out.overdue_by_age = _bucket_counts(out.overdue)
        out.open_items.sort(key=lambda a: (-(a.days_overdue or -1), a.owner is None,
                                           (a.owner or "").lower(), a.path, a.line))
        owners: dict[str, list[OpenAction]] = defaultdict(list)
        for item in out.open_items:
            owners[item.owner or NO_OWNER].append(item)
        out.open_by_owner = sorted((OwnerOpen(
            owner=owner, open=len(items),
            overdue=sum(1 for i in items if i.days_overdue is not None),
            no_due_date=sum(1 for i in items if i.due is None),
            oldest_overdue_days=max((i.days_overdue for i in items
                                     if i.days_overdue is not None), default=None))
            for owner, items in owners.items()),
            key=lambda o: (-o.overdue, o.owner == NO_OWNER, -o.open, o.owner.lower()))
        return out


def _bucket_counts(items: list[OverdueAction]) -> dict[str, int]:
    counts = Counter(item.age for item in items)
    return {label: counts[label] for _, label in AGE_BUCKETS}


class _ReviewStats:
    def __init__(self, today: dt.date):
        self.today = today
        self.out = Reviews()

    def add(self, doc: DocumentRecord) -> None:
        if doc.skipped is not None:
            return
        out, profile, today = self.out, doc.profile, self.today
        review = profile.review_date
        if review is None and profile.kind != DocumentKind.postmortem.value:
            return  # a status update, a public report: the team's review is kept elsewhere
        if review is None:
            out.missing += 1
            due_by = profile.incident_date + dt.timedelta(days=REVIEW_DUE_DAYS) \
                if profile.incident_date else None
            late = (today - due_by).days if due_by and due_by < today else None
            out.items.append(Review(path=doc.path, document=doc.label, state="missing",
                                    due_by=due_by, days_overdue=late))
        elif review >= today:
            out.scheduled += 1
        elif profile.date_written is not None and profile.date_written >= review:
            out.held += 1
        else:
            out.overdue += 1
            out.items.append(Review(path=doc.path, document=doc.label, state="overdue",
                                    review_date=review, due_by=review,
                                    days_overdue=(today - review).days))

    def result(self) -> Reviews:
        self.out.items.sort(key=lambda r: (r.state != "overdue", -(r.days_overdue or 0), r.path))
        return self.out


class _Repeats:
    def __init__(self) -> None:
        self.groups: dict[tuple[RepeatKind, str], list[DocumentRef]] = defaultdict(list)
        self.spellings: dict[tuple[RepeatKind, str], Counter[str]] = defaultdict(Counter)

    @staticmethod
    def keys(doc: DocumentRecord) -> list[tuple[RepeatKind, str]]:
        """The incident classes a document belongs to (see the module's definitions)."""
        profile = doc.profile
        if doc.skipped is not None:
            return []
        if profile.named_class:
            return [("named class", profile.named_class)]
        if profile.incident_class:
            return [("declared class", profile.incident_class)]
        if profile.root_cause_category == UNCLASSIFIED:
            return []
        return [("service + cause", f"{service} · {profile.root_cause_category}")
                for service in profile.services]

    def add(self, doc: DocumentRecord) -> None:
        ref: DocumentRef | None = None
        seen = set()
        for kind, key in self.keys(doc):
            norm = (kind, " ".join(key.lower().split()))
            if norm in seen:
                continue
            seen.add(norm)
            ref = ref or DocumentRef(path=doc.path, id=doc.label, title=doc.profile.title,
                                     incident_date=doc.profile.incident_date)
            self.groups[norm].append(ref)
            self.spellings[norm][key] += 1

    def result(self) -> list[RepeatGroup]:
        out = []
        for norm, members in self.groups.items():
            if len(members) < ESCALATE_AT:
                continue
            members.sort(key=lambda d: (d.incident_date or dt.date.max, d.path))
            # The most common spelling names the group, whatever order documents came in.
            key = min(self.spellings[norm].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            out.append(RepeatGroup(
                kind=norm[0], key=key, count=len(members),
                flag="management review" if len(members) >= MANAGEMENT_REVIEW_AT
                else "escalate", documents=members))
        order = {"named class": 0, "declared class": 1, "service + cause": 2}
        return sorted(out, key=lambda g: (-g.count, order[g.kind], g.key.lower()))


def repeat_quarters(groups: list[RepeatGroup]) -> Counter[str]:
    """Per quarter, the incidents whose class had happened before (each incident once)."""
    seen: set[str] = set()
    counts: Counter[str] = Counter()
    for group in groups:
        for ref in group.documents[1:]:
            if ref.path not in seen and ref.incident_date is not None:
                seen.add(ref.path)
                counts[quarter_of(ref.incident_date) or UNDATED] += 1
    return counts


@dataclass
class _Durations:
    incidents: int = 0
    detect: list[float] = field(default_factory=list)
    resolve: list[float] = field(default_factory=list)

    def add(self, doc: DocumentRecord) -> None:
        self.incidents += 1
        if doc.profile.detection_minutes is not None:
            self.detect.append(doc.profile.detection_minutes)
        if doc.profile.resolution_minutes is not None:
            self.resolve.append(doc.profile.resolution_minutes)

    def row(self, group: str) -> TimingRow:
        return TimingRow(group=group, incidents=self.incidents, mttd=_stat(self.detect),
                         mttr=_stat(self.resolve))


class _Timing:
    def __init__(self) -> None:
        self.overall = _Durations()
        self.quarters: dict[str, _Durations] = defaultdict(_Durations)
        self.severities: dict[str, _Durations] = defaultdict(_Durations)
        self.levels: dict[str, int | None] = {}
        self.unusable: list[UnusableTimeline] = []

    def add(self, doc: DocumentRecord) -> None:
        if doc.skipped is not None:
            return
        profile = doc.profile
        severity = profile.severity or "unknown"
        self.levels[severity] = profile.severity_level
        for durations in (self.overall, self.quarters[doc.quarter or UNDATED],
                          self.severities[severity]):
            durations.add(doc)
        if profile.detection_issue:
            self.unusable.append(UnusableTimeline(path=doc.path, document=doc.label,
                                                  metric="MTTD", reason=profile.detection_issue))
        if profile.resolution_issue:
            self.unusable.append(UnusableTimeline(path=doc.path, document=doc.label,
                                                  metric="MTTR", reason=profile.resolution_issue))

    def result(self) -> Timing:
        levels = self.levels
        return Timing(
            overall=self.overall.row("all"),
            by_quarter=[self.quarters[q].row(q) for q in sorted(self.quarters,
                                                                key=_quarter_order)],
            by_severity=[self.severities[s].row(s) for s in sorted(
                self.severities, key=lambda s: (levels[s] is None, levels[s] or 0, s))],
            unusable=sorted(self.unusable, key=lambda u: (u.path, u.metric)))


class _Rules:
    def __init__(self) -> None:
        self.findings: Counter[str] = Counter()
        self.documents: Counter[str] = Counter()
        self.meta: dict[str, tuple[str, Level]] = {}

    def add(self, doc: DocumentRecord) -> None:
        for finding in doc.findings:
            self.findings[finding.code] += 1
            self.meta.setdefault(finding.code, (finding.rule, finding.level))
        self.documents.update({finding.code for finding in doc.findings})

    def result(self) -> list[RuleCount]:
        return [RuleCount(code=code, rule=self.meta[code][0], level=self.meta[code][1],
                          findings=count, documents=self.documents[code])
                for code, count in _by_count(self.findings).items()]


@dataclass
class _Quarter:
    incidents: int = 0
    findings: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(Level, 0))
    score_total: int = 0
    scored: int = 0
    actions: int = 0
    done: int = 0
    wont_do: int = 0
    with_status: int = 0
    overdue: int = 0
    causes: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    cost: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    durations: _Durations = field(default_factory=lambda: _Durations())
    owners: Counter[str] = field(default_factory=Counter)
    late: int = 0
    incomplete: int = 0
    costed: int = 0

    def add(self, doc: DocumentRecord, today: dt.date) -> None:
        self.incidents += 1
        if doc.skipped is None:
            self.durations.add(doc)
            names = {finding.rule for finding in doc.findings}
            self.late += LATE_RULE in names
            self.incomplete += bool(names & INCOMPLETE_RULES)
        for finding in doc.findings:
            self.findings[finding.level] += 1
            self.rules[finding.code] += 1
        if doc.score is not None:
            self.score_total += doc.score
            self.scored += 1
        for item in doc.profile.action_items:
            self.actions += 1
            self.done += item.status == "done"
            self.wont_do += item.status == "won't do"
            self.with_status += item.status not in (None, "unknown")
            if days_overdue(item, today) is not None:
                self.overdue += 1
                self.owners[item.owner or NO_OWNER] += 1
        if doc.skipped is None:
            self.causes[doc.profile.root_cause_category] += 1
        cost = doc.profile.cost
        if cost is not None and cost.amount is not None:
            self.cost[cost.currency or "unspecified"] += cost.amount
            self.costed += 1

    def trend(self, quarter: str) -> QuarterTrend:
        return QuarterTrend(
            quarter=quarter, incidents=self.incidents, findings=self.findings,
            mean_score=_mean(self.score_total, self.scored), actions=self.actions,
            actions_done=self.done, actions_wont_do=self.wont_do,
            actions_with_status=self.with_status,
            completion_rate=completion_rate(self.done, self.actions, self.wont_do),
            overdue_actions=self.overdue, root_causes=_by_count(self.causes),
            rules=_by_count(self.rules), cost=_money(self.cost),
            top_causes=[c for c in _by_count(self.causes) if c != UNCLASSIFIED][:3],
            classified=sum(n for c, n in self.causes.items() if c != UNCLASSIFIED),
            mttd=_stat(self.durations.detect), mttr=_stat(self.durations.resolve),
            overdue_by_owner=_by_count(self.owners), late=self.late,
            incomplete=self.incomplete, costed=self.costed)


class AuditBuilder:
    """Takes records one at a time, in any order, and builds the audit at the end."""

    def __init__(self, today: dt.date, since: dt.date | None = None,
                 store: RecordStore | None = None, base: str | None = None):
        self.today = today
        self.base = base
        self.scores: list[int] = []
        self.since = since
        self.store = store if store is not None else RecordStore()
        self.files = self.filtered_out = 0
        self.all = _Quarter()  # the same running totals as a quarter, over everything
        self.undated = self.skipped = 0
        self.actions = _ActionStats(today)
        self.reviews = _ReviewStats(today)
        self.repeats = _Repeats()
        self.timing = _Timing()
        self.rules = _Rules()
        self.quarters: dict[str, _Quarter] = defaultdict(_Quarter)
        self.costed = 0
        self.cost_unreadable: list[str] = []

    def add(self, record: DocumentRecord) -> bool:
        """Keep ``record`` unless its incident is before ``since``; returns whether kept."""
        self.files += 1
        if self.base is not None:
            record.path = relative_path(record.path, self.base)
        day = record.profile.incident_date
        if self.since is not None and day is not None and day < self.since:
            self.filtered_out += 1
            return False
        self.store.add(record)
        if record.score is not None:
            self.scores.append(record.score)
        self.undated += day is None
        self.skipped += record.skipped is not None
        self.all.add(record, self.today)
        self.quarters[record.quarter or UNDATED].add(record, self.today)
        for part in (self.actions, self.reviews, self.repeats, self.timing, self.rules):
            part.add(record)
        cost = record.profile.cost
        if cost is not None:
            if cost.amount is None:
                self.cost_unreadable.append(record.path)
            else:
                self.costed += 1
        return True

    def finish(self) -> Audit:
        linted = sum(self.all.causes.values())
        repeats = self.repeats.result()
        again = repeat_quarters(repeats)
        trends = []
        for q in sorted(self.quarters, key=_quarter_order):
            trend = self.quarters[q].trend(q)
            trend.repeats = again[q]
            trends.append(trend)
        summary = AuditSummary(
            today=self.today, since=self.since,
            totals=Totals(files=self.files, documents=len(self.store),
                          filtered_out=self.filtered_out, undated=self.undated,
                          skipped=self.skipped, findings=self.all.findings,
                          mean_score=_mean(self.all.score_total, self.all.scored)),
            actions=self.actions.result(), reviews=self.reviews.result(),
            repeats=repeats, timing=self.timing.result(),
            top_rules=self.rules.result(),
            root_causes=[CategoryCount(category=name, documents=count,
                                       share=round(count / linted, 3))
                         for name, count in _by_count(self.all.causes).items()],
            costs=Costs(documents_with_cost=self.costed,
                        unreadable=sorted(self.cost_unreadable), totals=_money(self.all.cost)),
            quarters=trends,
            median_score=statistics.median(self.scores) if self.scores else None)
        return Audit(summary=summary, documents=self.store)


def relative_path(path: str, base: str) -> str:
    """``path`` from the audited folder ``base`` (POSIX slashes); unchanged outside it."""
    folder = os.path.join(os.path.abspath(base), "")
    full = os.path.abspath(path)
    if not full.startswith(folder):
        return path
    return full[len(folder):].replace(os.sep, "/")


def build_audit(records: Iterable[DocumentRecord], today: dt.date,
                since: dt.date | None = None, base: str | None = None) -> Audit:
    builder = AuditBuilder(today, since, base=base)
    for record in records:
        builder.add(record)
    return builder.finish()
