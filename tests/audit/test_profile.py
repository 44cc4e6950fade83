"""Per-document parts of the audit: root-cause categories, stated costs, the score."""

from __future__ import annotations

from collections import Counter

import pytest

from postmortem_lint.audit.profile import RootCauseClassifier, parse_cost
from postmortem_lint.audit.record import compliance_score
from postmortem_lint.engine.finding import Level
from postmortem_lint.ruledata import RuleData, load_rule_data


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
    ("12000", 12000.0, None),
    ("$___", None, None),
    ("about 2 engineers for a day", None, None),
])
def test_stated_costs_are_read(text, amount, currency):
    cost = parse_cost(text)
    assert (cost.amount, cost.currency) == (amount, currency)


def test_compliance_score_formula():
    levels = {"PM301": Level.error, "PM503": Level.warning, "PM006": Level.info}
    assert compliance_score(levels, Counter()) == 100
    # error 10, warning 4, info 1; a rule counts at most three times
    assert compliance_score(levels, Counter({"PM301": 9, "PM503": 2, "PM006": 1})) == \
        100 - 30 - 8 - 1
    many = {f"PM{n}": Level.error for n in range(100, 120)}
    assert compliance_score(many, Counter(dict.fromkeys(many, 1))) == 0
