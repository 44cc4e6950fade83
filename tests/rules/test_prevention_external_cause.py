"""PM511 when the cause lay outside the team's own systems: a provider's outage or an
upstream event leaves monitoring and a runbook to ask for, not tests of the team's code, a
redesign or training."""

import pytest

from tests.conftest import codes, lint_text

HEAD = "# Checkout errors\n\n**Severity:** SEV-2\n\nDate: 2026-03-02\n\n"
ITEMS = """\
## Action items

- Alert when the payment provider's error rate is above 5% for 3 minutes — owner: @kim
"""


@pytest.mark.parametrize("cause", [
    "The payment provider had a regional outage; the upstream outage lasted 50 minutes.",
    "The failure was beyond our control: the card network rejected every request.",
    "Our own checks showed no local issues; the delays came from the external network.",
])
def test_an_external_cause_asks_only_for_what_still_applies(cause):
    text = HEAD + "## Root cause\n\n" + cause + "\n\n" + ITEMS
    findings = lint_text(text, select=["PM511"])
    assert codes(findings) == ["PM511"]
    assert findings[0].message.endswith("a runbook")  # not tests, design or training


def test_an_external_cause_with_monitoring_and_a_documented_response_is_complete():
    text = HEAD + "## Root cause\n\nThe payment provider had an upstream outage.\n\n" + \
        ITEMS + "- Add the provider-failover steps to the on-call documentation\n"
    assert codes(lint_text(text, select=["PM511"])) == []


def test_an_internal_cause_still_asks_for_the_whole_checklist():
    text = HEAD + "## Root cause\n\nA config change removed the retry on card " \
        "declines.\n\n" + ITEMS
    findings = lint_text(text, select=["PM511"])
    assert codes(findings) == ["PM511"]
    assert "test coverage" in findings[0].message and "training" in findings[0].message


def test_a_provider_named_only_in_the_impact_does_not_make_the_cause_external():
    text = HEAD + "## Impact\n\nCustomers of our upstream provider saw errors too.\n\n" \
        "## Root cause\n\nA config change removed the retry on card declines.\n\n" + ITEMS
    assert "test coverage" in lint_text(text, select=["PM511"])[0].message
