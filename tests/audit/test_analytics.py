"""The quarterly-review analytics on the known-answer archive (see archive.py)."""

from __future__ import annotations

import datetime as dt

from postmortem_lint.audit.report import AuditReport
from tests.audit.archive import TODAY
from tests.audit.conftest import audit, by_id


def test_every_file_is_reported_including_the_unreadable_one(report: AuditReport):
    names = sorted(d.path.rsplit("/", 1)[-1] for d in report.documents)
    assert names == ["broken.md", "inc-a.md", "inc-b.yaml", "inc-c.md", "inc-d.md", "inc-e.md"]
    broken = by_id(report)["broken.md"]
    assert broken.skipped and broken.score is None
    assert [f.code for f in broken.findings] == ["PM006"]
    assert report.totals.files == 6 and report.totals.skipped == 1
    assert report.totals.undated == 1  # the broken file


def test_overdue_action_items_by_owner_and_age(report: AuditReport):
    overdue = [(a.document, a.owner, a.days_overdue, a.age) for a in report.actions.overdue]
    assert overdue == [
        ("INC-E", "Ben Okoro", 212, "over 180 days"),
        ("INC-A", "Ben Okoro", 122, "91-180 days"),
        ("INC-A", None, 11, "1-30 days"),        # owner "TBD" is no owner
        ("INC-B", "Ben Okoro", 1, "1-30 days"),  # in progress still counts
    ]
    owners = {o.owner: (o.overdue, o.oldest_days) for o in report.actions.overdue_by_owner}
    assert owners == {"Ben Okoro": (3, 212), "(no owner)": (1, 11)}
    assert report.actions.overdue_by_owner[0].by_age == {
        "1-30 days": 1, "31-90 days": 0, "91-180 days": 1, "over 180 days": 1}
    assert report.actions.overdue_by_age["1-30 days"] == 2


def test_done_and_wont_do_items_are_never_overdue(report: AuditReport):
    texts = {a.text for a in report.actions.overdue}
    assert "Move order history to a read replica" not in texts  # won't do, due 2026-01-01
    assert "Cap the batch job at 20 pool connections" not in texts  # done, due 2026-02-01


def test_items_without_owner_or_date_and_completion_rate(report: AuditReport):
    actions = report.actions
    assert [(a.document, a.text) for a in actions.no_owner] == [
        ("INC-A", "Load test the pool with the batch job running")]
    assert [(a.document, a.owner) for a in actions.no_due_date] == [("INC-B", "Cara Diaz")]
    assert (actions.total, actions.done, actions.wont_do, actions.open) == (9, 3, 1, 5)
    assert actions.completion_rate == 0.375  # 3 done of 9 - 1 won't do


def test_follow_up_reviews(report: AuditReport):
    reviews = report.reviews
    assert (reviews.scheduled, reviews.held, reviews.overdue, reviews.missing) == (1, 1, 1, 2)
    items = {r.document: (r.state, r.due_by, r.days_overdue) for r in reviews.items}
    assert items == {
        "INC-A": ("overdue", dt.date(2026, 2, 10), (TODAY - dt.date(2026, 2, 10)).days),
        "INC-C": ("missing", dt.date(2026, 5, 5), 57),
        "INC-E": ("missing", dt.date(2025, 12, 3), (TODAY - dt.date(2025, 12, 3)).days),
    }


def test_repeats_are_incidents_of_the_same_declared_class(report: AuditReport):
    groups = {(g.kind, g.key.lower()): (g.count, g.flag, [d.id for d in g.documents])
              for g in report.repeats}
    # INC-C and INC-D share only the broad category certificate/expiry, on different
    # services (checkout vs search): not a repeat. Nor is sharing a service alone.
    assert groups == {
        ("declared class", "connection pool exhaustion"): (2, "escalate", ["INC-A", "INC-B"])}


def _derived(service: str, number: int, day: str) -> str:
    return f"""# Pool exhausted {number}

**Incident ID:** PAY-{number}
**Date:** {day}
**Services:** {service}

## Root Cause

The connection pool was exhausted under peak traffic.
"""


def test_service_and_cause_make_a_class_three_times_is_management_review(tmp_path):
    for number, (service, day) in enumerate([("payments", "2026-01-05"),
                                             ("payments", "2026-02-05"),
                                             ("payments", "2026-04-05"),
                                             ("search", "2026-04-06")]):
        (tmp_path / f"pay-{number}.md").write_text(_derived(service, number, day),
                                                   encoding="utf-8")
    report = audit(tmp_path)
    assert [(g.kind, g.key, g.count, g.flag, [d.id for d in g.documents])
            for g in report.repeats] == [
        ("service + cause", "payments · capacity", 3, "management review",
         ["PAY-0", "PAY-1", "PAY-2"])]  # search shares the category only
    again = {q.quarter: q.repeats for q in report.quarters}
    assert again == {"2026-Q1": 1, "2026-Q2": 1}  # PAY-1, then PAY-2; PAY-0 was the first


def test_an_organisation_names_its_incident_classes_in_its_config(tmp_path):
    (tmp_path / "classes.yaml").write_text(
        "incident_classes:\n  database saturation: [connection pool, pool exhausted]\n",
        encoding="utf-8")
    (tmp_path / ".postmortem-lint.yaml").write_text("rule-data: [classes.yaml]\n",
                                                    encoding="utf-8")
    for number, service in enumerate(["payments", "search"]):
        (tmp_path / f"pay-{number}.md").write_text(_derived(service, number, "2026-01-05"),
                                                   encoding="utf-8")
    report = audit(tmp_path, use_cache=False)
    assert [(g.kind, g.key, g.count, g.flag) for g in report.repeats] == [
        ("named class", "database saturation", 2, "escalate")]


def test_open_items_by_owner_and_what_can_be_overdue(report: AuditReport):
    actions = report.actions
    assert actions.open == 5 and actions.open_with_due == 4  # Cara's item has no due date
    assert [(a.document, a.owner, a.days_overdue) for a in actions.open_items] == [
        ("INC-E", "Ben Okoro", 212), ("INC-A", "Ben Okoro", 122), ("INC-A", None, 11),
        ("INC-B", "Ben Okoro", 1), ("INC-B", "Cara Diaz", None)]
    owners = {o.owner: (o.open, o.overdue, o.no_due_date, o.oldest_overdue_days)
              for o in actions.open_by_owner}
    assert owners == {"Ben Okoro": (3, 3, 0, 212), "(no owner)": (1, 1, 0, 11),
                      "Cara Diaz": (1, 0, 1, None)}


def test_paths_are_relative_to_the_audited_folder(report: AuditReport):
    assert sorted(d.path for d in report.documents) == [
        "2025/inc-e.md", "2026/broken.md", "2026/inc-a.md", "2026/inc-b.yaml",
        "2026/inc-c.md", "2026/inc-d.md"]
    assert all(not a.path.startswith("/") for a in report.actions.open_items)


def test_quarterly_review(report: AuditReport):
    quarters = {q.quarter: q for q in report.quarters}
    q1, q2 = quarters["2026-Q1"], quarters["2026-Q2"]
    assert q1.top_causes == ["capacity"] and q2.top_causes == ["certificate/expiry"]
    assert (q1.mttd.median, q1.mttd.count, q1.mttr.median, q1.mttr.count) == (12.5, 2, 90.0, 2)
    assert (q2.mttd.count, q2.mttr.count) == (1, 2)
    assert q1.overdue_by_owner == {"Ben Okoro": 2, "(no owner)": 1}
    assert q1.repeats == 1  # INC-B repeats INC-A's class
    assert (q1.costed, q2.costed) == (1, 1)
    assert q2.late == 1  # INC-D written 27 days after the incident
    assert quarters["2025-Q4"].incomplete == 1  # INC-E has no timeline


def test_mttd_and_mttr_per_quarter(report: AuditReport):
    rows = {r.group: (r.incidents, r.mttd.count, r.mttd.mean, r.mttr.count, r.mttr.mean,
                      r.mttr.median) for r in report.timing.by_quarter}
    assert rows == {
        "2025-Q4": (1, 0, None, 0, None, None),
        "2026-Q1": (2, 2, 12.5, 2, 90.0, 90.0),   # MTTD 5, 20; MTTR 60, 120
        "2026-Q2": (2, 1, 30.0, 2, 67.5, 67.5),   # MTTD 30 (D has no detection); MTTR 45, 90
    }
    assert [r.group for r in report.timing.by_quarter] == ["2025-Q4", "2026-Q1", "2026-Q2"]


def test_mttd_and_mttr_per_severity(report: AuditReport):
    rows = {r.group: (r.mttd.mean, r.mttr.mean) for r in report.timing.by_severity}
    assert rows == {"SEV-1": (17.5, 52.5), "SEV-2": (20.0, 105.0), "SEV-3": (None, None)}
    assert report.timing.overall.mttd.median == 20.0  # 5, 20, 30


def test_unusable_timelines_are_listed_with_the_reason(report: AuditReport):
    unusable = {(u.document, u.metric): u.reason for u in report.timing.unusable}
    assert unusable == {
        ("INC-D", "MTTD"): "no detection time in the timeline",
        ("INC-E", "MTTD"): "no timeline",
        ("INC-E", "MTTR"): "no timeline",
    }


def test_root_causes_costs_and_rules(report: AuditReport):
    causes = {c.category: c.documents for c in report.root_causes}
    assert causes == {"capacity": 2, "certificate/expiry": 2, "unclassified": 1}
    assert {(m.currency, m.amount) for m in report.costs.totals} == {
        ("USD", 12500.0), ("EUR", 3000.0)}
    assert report.costs.documents_with_cost == 2
    total = sum(r.findings for r in report.top_rules)
    assert total == sum(len(d.findings) for d in report.documents)
    assert report.top_rules == sorted(report.top_rules, key=lambda r: (-r.findings, r.code))


def test_per_quarter_trend(report: AuditReport):
    quarters = {q.quarter: q for q in report.quarters}
    assert list(quarters) == ["2025-Q4", "2026-Q1", "2026-Q2", "undated"]
    q1 = quarters["2026-Q1"]
    assert (q1.incidents, q1.actions, q1.actions_done, q1.overdue_actions) == (2, 6, 1, 3)
    assert q1.completion_rate == 0.2  # 1 done of 6 - 1 won't do
    assert q1.root_causes == {"capacity": 2}
    assert [(m.currency, m.amount) for m in q1.cost] == [("USD", 12500.0)]
    assert quarters["2026-Q2"].completion_rate == 1.0


def test_since_filters_by_incident_date_and_keeps_undated(archive):
    report = audit(archive, since=dt.date(2026, 1, 1))
    ids = sorted(d.profile.id or "undated" for d in report.documents)
    assert ids == ["INC-A", "INC-B", "INC-C", "INC-D", "undated"]
    assert (report.totals.files, report.totals.documents, report.totals.filtered_out) == (6, 5, 1)
    assert len(report.actions.overdue) == 3  # INC-E's item is gone
    assert all(r.group != "2025-Q4" for r in report.timing.by_quarter)


def test_a_report_for_the_public_is_not_counted_as_missing_its_review(tmp_path):
    body = """# Checkout outage on {day}

**Date:** {day}

## What happened
12% of checkouts failed for 40 minutes after a pricing deploy.

## Root cause
A pricing release sent malformed prices to the checkout service.
{closing}
"""
    (tmp_path / "internal.md").write_text(body.format(day="2026-03-02", closing=""))
    (tmp_path / "public.md").write_text(body.format(
        day="2026-03-09", closing="\nWe apologize for the disruption this caused.\n"))
    reviews = audit(tmp_path).reviews
    assert reviews.missing == 1
    assert [item.path.rsplit("/", 1)[-1] for item in reviews.items] == ["internal.md"]
