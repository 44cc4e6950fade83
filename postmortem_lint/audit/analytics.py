"""The quarterly-review analytics over an archive's records.

Definitions (the guides' quarterly incident review):

- **Overdue action item**: due before ``today`` and status neither done nor won't do
  (an item without a status counts as open). Age buckets: 1-30, 31-90, 91-180, over
  180 days past due.
- **Completion rate**: done ÷ (all items − won't do).
- **Follow-up review**: *missing* without a review date (due 30 days after the
  incident); *overdue* when the date has passed and the document was not updated
  (date written / last updated) on or after it; *held* when it was; else *scheduled*.
- **Repeat incidents**: documents sharing an incident class, a service or a root-cause
  category: 2 → escalate, 3 or more → management review. Unclassified root causes are
  not grouped.
- **MTTD / MTTR**: onset → detection and onset → resolution from each timeline
  (:mod:`postmortem_lint.model.facts`), mean and median per quarter and per severity;
  documents whose timelines cannot be used are listed with the reason.
- **Quarter**: of the incident date (incident date, else start, else the timeline's
  onset, else the date written). ``since`` keeps incidents on or after it, and documents
  without any date, which are counted as undated so nothing drops out silently.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from postmortem_lint.audit.profile import UNCLASSIFIED, ActionRecord
from postmortem_lint.audit.record import DocumentRecord
from postmortem_lint.audit.report import (
    ActionRef,
    Actions,
    AuditReport,
    CategoryCount,
    Costs,
    DocumentRef,
    Money,
    OverdueAction,
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
from postmortem_lint.engine.finding import Level

REVIEW_DUE_DAYS = 30
ESCALATE_AT = 2
MANAGEMENT_REVIEW_AT = 3
AGE_BUCKETS = ((30, "1-30 days"), (90, "31-90 days"), (180, "91-180 days"),
               (None, "over 180 days"))
NO_OWNER = "(no owner)"
UNDATED = "undated"


class AuditBuilder:
    """Takes records one at a time (in any order) and builds the report at the end."""

    def __init__(self, today: dt.date, since: dt.date | None = None):
        self.today = today
        self.since = since
        self.records: list[DocumentRecord] = []
        self.files = 0
        self.filtered_out = 0

    def add(self, record: DocumentRecord) -> bool:
        """Keep ``record`` unless its incident is before ``since``; returns whether kept."""
        self.files += 1
        day = record.profile.incident_date
        if self.since is not None and day is not None and day < self.since:
            self.filtered_out += 1
            return False
        self.records.append(record)
        return True

    def report(self) -> AuditReport:
        docs = sorted(self.records, key=lambda r: r.path)
        actions = _actions(docs, self.today)
        return AuditReport(
            today=self.today, since=self.since,
            totals=self._totals(docs), documents=docs, actions=actions,
            reviews=_reviews(docs, self.today), repeats=_repeats(docs),
            timing=_timing(docs), top_rules=_top_rules(docs),
            root_causes=_root_causes(docs), costs=_costs(docs),
            quarters=_quarters(docs, self.today))

    def _totals(self, docs: list[DocumentRecord]) -> Totals:
        return Totals(
            files=self.files, documents=len(docs), filtered_out=self.filtered_out,
            undated=sum(1 for d in docs if d.profile.incident_date is None),
            skipped=sum(1 for d in docs if d.skipped is not None),
            findings=_levels(docs), mean_score=_mean([d.score for d in docs]))


def build_report(records: Iterable[DocumentRecord], today: dt.date,
                 since: dt.date | None = None) -> AuditReport:
    builder = AuditBuilder(today, since)
    for record in records:
        builder.add(record)
    return builder.report()


# -- helpers ---------------------------------------------------------------------------
def _mean(values: Iterable[float | int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.fmean(known), 1) if known else None


def _stat(values: Iterable[float | None]) -> Stat:
    known = [v for v in values if v is not None]
    if not known:
        return Stat()
    return Stat(count=len(known), mean=round(statistics.fmean(known), 1),
                median=round(statistics.median(known), 1))


def _levels(docs: Iterable[DocumentRecord]) -> dict[Level, int]:
    counts = dict.fromkeys(Level, 0)
    for doc in docs:
        for finding in doc.findings:
            counts[finding.level] += 1
    return counts


def _ref(doc: DocumentRecord) -> DocumentRef:
    return DocumentRef(path=doc.path, id=doc.profile.id, title=doc.profile.title,
                       incident_date=doc.profile.incident_date)


def _action_ref(doc: DocumentRecord, item: ActionRecord) -> ActionRef:
    return ActionRef(path=doc.path, document=doc.label, **item.model_dump())


def _age(days: int) -> str:
    return next(label for limit, label in AGE_BUCKETS if limit is None or days <= limit)


def days_overdue(item: ActionRecord, today: dt.date) -> int | None:
    """Days past due for an open item, else None."""
    if item.closed or item.due is None or item.due >= today:
        return None
    return (today - item.due).days


def completion_rate(items: list[ActionRecord]) -> float | None:
    done = sum(1 for item in items if item.status == "done")
    counted = sum(1 for item in items if item.status != "won't do")
    return round(done / counted, 3) if counted else None


def _quarter(doc: DocumentRecord) -> str:
    return doc.quarter or UNDATED


def _quarter_order(label: str) -> tuple[int, str]:
    return (1, label) if label == UNDATED else (0, label)


# -- action items -------------------------------------------------------------------------
def _actions(docs: list[DocumentRecord], today: dt.date) -> Actions:
    out = Actions()
    everything: list[ActionRecord] = []
    for doc in docs:
        for item in doc.profile.action_items:
            everything.append(item)
            late = days_overdue(item, today)
            if late is not None:
                out.overdue.append(OverdueAction(
                    **_action_ref(doc, item).model_dump(), days_overdue=late, age=_age(late)))
            if item.owner is None:
                out.no_owner.append(_action_ref(doc, item))
            if item.due is None:
                out.no_due_date.append(_action_ref(doc, item))
    out.total = len(everything)
    out.done = sum(1 for item in everything if item.status == "done")
    out.wont_do = sum(1 for item in everything if item.status == "won't do")
    out.open = out.total - out.done - out.wont_do
    out.completion_rate = completion_rate(everything)
    out.overdue.sort(key=lambda a: (-a.days_overdue, a.path, a.line))
    by_owner: dict[str, list[OverdueAction]] = defaultdict(list)
    for action in out.overdue:
        by_owner[action.owner or NO_OWNER].append(action)
    out.overdue_by_owner = sorted((OwnerOverdue(
        owner=owner, overdue=len(items), oldest_days=max(a.days_overdue for a in items),
        by_age=_bucket_counts(items)) for owner, items in by_owner.items()),
        key=lambda o: (-o.overdue, -o.oldest_days, o.owner))
    out.overdue_by_age = _bucket_counts(out.overdue)
    return out


def _bucket_counts(items: list[OverdueAction]) -> dict[str, int]:
    counts = Counter(item.age for item in items)
    return {label: counts[label] for _, label in AGE_BUCKETS}


# -- follow-up reviews ----------------------------------------------------------------------
def _reviews(docs: list[DocumentRecord], today: dt.date) -> Reviews:
    out = Reviews()
    for doc in docs:
        if doc.skipped is not None:
            continue
        profile = doc.profile
        review = profile.review_date
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
    out.items.sort(key=lambda r: (r.state != "overdue", -(r.days_overdue or 0), r.path))
    return out


# -- repeat incidents -------------------------------------------------------------------------
def _repeat_keys(doc: DocumentRecord) -> list[tuple[RepeatKind, str]]:
    profile = doc.profile
    keys: list[tuple[RepeatKind, str]] = []
    if profile.incident_class:
        keys.append(("incident class", profile.incident_class))
    keys += [("service", service) for service in profile.services]
    if doc.skipped is None and profile.root_cause_category != UNCLASSIFIED:
        keys.append(("root cause", profile.root_cause_category))
    return keys


def _repeats(docs: list[DocumentRecord]) -> list[RepeatGroup]:
    groups: dict[tuple[RepeatKind, str], list[DocumentRecord]] = defaultdict(list)
    shown: dict[tuple[RepeatKind, str], str] = {}
    for doc in docs:
        for norm in {(kind, " ".join(key.lower().split())) for kind, key in _repeat_keys(doc)}:
            groups[norm].append(doc)
        for kind, key in _repeat_keys(doc):
            shown.setdefault((kind, " ".join(key.lower().split())), key)
    out = []
    for norm, members in groups.items():
        if len(members) < ESCALATE_AT:
            continue
        members.sort(key=lambda d: (d.profile.incident_date or dt.date.max, d.path))
        out.append(RepeatGroup(
            kind=norm[0], key=shown[norm], count=len(members),
            flag="management review" if len(members) >= MANAGEMENT_REVIEW_AT else "escalate",
            documents=[_ref(doc) for doc in members]))
    order = {"incident class": 0, "service": 1, "root cause": 2}
    return sorted(out, key=lambda g: (-g.count, order[g.kind], g.key.lower()))


# -- MTTD / MTTR ----------------------------------------------------------------------------
def _timing_row(group: str, docs: list[DocumentRecord]) -> TimingRow:
    return TimingRow(group=group, incidents=len(docs),
                     mttd=_stat(d.profile.detection_minutes for d in docs),
                     mttr=_stat(d.profile.resolution_minutes for d in docs))


def _grouped(docs: list[DocumentRecord], key: Callable[[DocumentRecord], str]
             ) -> dict[str, list[DocumentRecord]]:
    groups: dict[str, list[DocumentRecord]] = defaultdict(list)
    for doc in docs:
        groups[key(doc)].append(doc)
    return groups


def _timing(docs: list[DocumentRecord]) -> Timing:
    linted = [d for d in docs if d.skipped is None]
    quarters = _grouped(linted, _quarter)
    severities = _grouped(linted, lambda d: d.profile.severity or "unknown")
    levels = {d.profile.severity: d.profile.severity_level for d in linted}
    unusable = []
    for doc in linted:
        for metric, reason in (("MTTD", doc.profile.detection_issue),
                               ("MTTR", doc.profile.resolution_issue)):
            if reason:
                unusable.append(UnusableTimeline(path=doc.path, document=doc.label,
                                                 metric=metric, reason=reason))
    return Timing(
        overall=_timing_row("all", linted),
        by_quarter=[_timing_row(q, quarters[q]) for q in sorted(quarters, key=_quarter_order)],
        by_severity=[_timing_row(s, severities[s]) for s in sorted(
            severities, key=lambda s: (levels.get(s) is None, levels.get(s) or 0, s))],
        unusable=unusable)


# -- rules, root causes, costs ------------------------------------------------------------------
def _top_rules(docs: list[DocumentRecord]) -> list[RuleCount]:
    findings: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    meta: dict[str, tuple[str, Level]] = {}
    for doc in docs:
        codes = set()
        for finding in doc.findings:
            findings[finding.code] += 1
            codes.add(finding.code)
            meta.setdefault(finding.code, (finding.rule, finding.level))
        documents.update(codes)
    return [RuleCount(code=code, rule=meta[code][0], level=meta[code][1], findings=count,
                      documents=documents[code])
            for code, count in sorted(findings.items(), key=lambda kv: (-kv[1], kv[0]))]


def _root_causes(docs: list[DocumentRecord]) -> list[CategoryCount]:
    linted = [d for d in docs if d.skipped is None]
    counts = Counter(d.profile.root_cause_category for d in linted)
    return [CategoryCount(category=name, documents=count, share=round(count / len(linted), 3))
            for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _money(docs: Iterable[DocumentRecord]) -> list[Money]:
    totals: dict[str, float] = defaultdict(float)
    for doc in docs:
        cost = doc.profile.cost
        if cost is not None and cost.amount is not None:
            totals[cost.currency or "unspecified"] += cost.amount
    return [Money(currency=c, amount=round(a, 2)) for c, a in sorted(totals.items())]


def _costs(docs: list[DocumentRecord]) -> Costs:
    stated = [d for d in docs if d.profile.cost is not None]
    return Costs(documents_with_cost=sum(1 for d in stated if d.profile.cost.amount is not None),
                 unreadable=[d.path for d in stated if d.profile.cost.amount is None],
                 totals=_money(stated))


# -- per-quarter trends -------------------------------------------------------------------------
def _quarters(docs: list[DocumentRecord], today: dt.date) -> list[QuarterTrend]:
    out = []
    groups = _grouped(docs, _quarter)
    for quarter in sorted(groups, key=_quarter_order):
        members = groups[quarter]
        items = [item for d in members for item in d.profile.action_items]
        rules = Counter(f.code for d in members for f in d.findings)
        causes = Counter(d.profile.root_cause_category for d in members if d.skipped is None)
        out.append(QuarterTrend(
            quarter=quarter, incidents=len(members), findings=_levels(members),
            mean_score=_mean(d.score for d in members), actions=len(items),
            actions_done=sum(1 for item in items if item.status == "done"),
            completion_rate=completion_rate(items),
            overdue_actions=sum(1 for item in items if days_overdue(item, today) is not None),
            root_causes=dict(sorted(causes.items(), key=lambda kv: (-kv[1], kv[0]))),
            rules=dict(sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))),
            cost=_money(members)))
    return out
