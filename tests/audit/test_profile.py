"""Per-document parts of the audit: root-cause categories, stated costs, the score."""

from __future__ import annotations

import pytest

from postmortem_lint.audit.profile import RootCauseClassifier, stated_cost
from postmortem_lint.audit.record import FindingRow, compliance_score, score_areas
from postmortem_lint.engine.finding import Level
from postmortem_lint.parsers import parse
from postmortem_lint.ruledata import RuleData, ScorePolicy, load_rule_data
from postmortem_lint.sources.reading import SourceText


@pytest.mark.parametrize(("text", "category"), [
    ("The TLS certificate expired because renewal was manual.", "certificate/expiry"),
    ("Our DNS resolver ran out of memory and stopped answering.", "network/dns"),
    ("The orders database connection pool was exhausted by a batch job.", "capacity"),
    ("An API key leaked in a public repository.", "security"),
    ("A config push with a bad rate-limit rule was deployed globally.",
     "deployment/config change"),
    ("The payment processor, a third-party vendor, rejected our requests.",
     "dependency/third-party"),
    ("Something odd happened.", "unclassified"),
])
def test_root_cause_categories_come_from_rule_data(text, category):
    assert RootCauseClassifier(load_rule_data()).classify(text) == category


def test_an_organisation_adds_a_category_in_its_rule_data():
    data = load_rule_data().merged(RuleData(root_cause_categories={"vendor outage": [
        "aws outage", "gcp outage"]}))
    assert RootCauseClassifier(data).classify("Caused by the AWS outage in us-east-1.") \
        == "vendor outage"


def test_owner_placeholders_are_no_owner():
    classifier = RootCauseClassifier(load_rule_data())
    assert classifier.owner("TBD") is None
    assert classifier.owner("  ") is None
    assert classifier.owner("Ana  Silva") == "Ana Silva"


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("$94,000", 94000.0, "USD"),
    ("EUR 12k (SLA credits)", 12000.0, "EUR"),
    ("1.2M USD", 1200000.0, "USD"),
    ("£1.5 million", 1500000.0, "GBP"),
    ("2026-03-04: $3,500 in credits", 3500.0, "USD"),
    ("12000", None, None),  # a bare number names no currency: not read as money
    ("$___", None, None),
    ("about 2 engineers for a day", None, None),
])
def test_stated_costs_are_read(text, amount, currency):
    # The audit sums the cost the parser read into the model: one reading of money.
    doc = parse(SourceText("pm.md", f"# Outage\n\n- **Cost:** {text}\n", "utf-8"),
                load_rule_data())
    cost = stated_cost(doc, str)
    assert cost is not None
    assert (cost.amount, cost.currency) == (amount, currency)


def test_a_document_that_states_no_cost_has_none():
    doc = parse(SourceText("pm.md", "# Outage\n\nThe API was down.\n", "utf-8"),
                load_rule_data())
    assert stated_cost(doc, str) is None


def _rows(*codes: tuple[str, str, Level]) -> list[FindingRow]:
    return [FindingRow(code=code, rule=rule, level=level, line=1, column=1, message="m")
            for code, rule, level in codes]


def _score(rows: list[FindingRow], policy: ScorePolicy | None = None) -> int:
    return compliance_score(score_areas(policy or load_rule_data().score, rows))


def test_the_score_is_explained_by_area():
    rows = _rows(("PM401", "root-cause-missing", Level.error),
                 ("PM302", "timeline-zone-not-utc", Level.warning),
                 ("PM302", "timeline-zone-not-utc", Level.warning))
    areas = {a.area: a for a in score_areas(load_rule_data().score, rows)}
    assert list(areas) == ["impact", "timeline", "root_cause", "actions", "follow_up",
                           "blameless", "metadata"]
    assert sum(a.max for a in areas.values()) == 100
    assert areas["root_cause"].points == 0  # an error takes the whole area
    assert [(loss.code, loss.findings) for loss in areas["root_cause"].lost] == [("PM401", 1)]
    timeline = areas["timeline"]
    assert 0 < timeline.points < timeline.max and timeline.lost[0].findings == 2
    assert areas["impact"].points == areas["impact"].max and not areas["impact"].lost
    assert _score([]) == 100


def test_substance_weighs_more_than_metadata():
    template_fields = _rows(("PM504", "action-priority-missing", Level.warning),
                            ("PM603", "document-owner-missing", Level.warning),
                            ("PM801", "audience-missing", Level.warning),
                            ("PM701", "severity-missing", Level.warning))
    no_root_cause = _rows(("PM401", "root-cause-missing", Level.error))
    assert _score(template_fields) > 90  # four missing fields cost a few points
    assert _score(no_root_cause) <= 80
    many = _rows(*[(f"PM{n}", f"rule-{n}", Level.error) for n in range(100, 700, 100)],
                 ("PM901", "placeholder-left", Level.error))
    assert _score(many) == 0


def test_score_weights_are_rule_data():
    policy = load_rule_data().merged(RuleData.model_validate(
        {"score": {"areas": {"metadata": {"points": 60, "label": "Metadata"}}}})).score
    rows = _rows(("PM701", "severity-missing", Level.error))
    assert _score(rows, policy) < _score(rows)
    assert policy.area_of("PM504") == "metadata" and policy.area_of("PM302") == "timeline"
