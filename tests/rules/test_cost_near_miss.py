"""PM221: a near miss that harmed nothing has no cost to state. Snippets written for
these tests."""

from __future__ import annotations

import pytest

from tests.conftest import codes, lint_text

NEAR_MISS = """\
    # Admin API reachable without a token

    **Severity:** {severity}

    ## Impact

    {impact}
    """


@pytest.mark.parametrize(("severity", "impact"), [
    ("SEV-1", "- Realised: none. The endpoint was found by our own scanner."),
    ("SEV-1", "A near miss: the open endpoint was closed before anyone outside used it."),
    ("SEV-2", "The flaw was never exploited; access logs show only our own requests."),
    ("SEV-1 (no actual harm)", "The admin API accepted requests without a token for 3 days."),
])
def test_a_near_miss_is_not_asked_for_a_cost(severity: str, impact: str) -> None:
    text = NEAR_MISS.format(severity=severity, impact=impact)
    assert lint_text(text, select=["PM221"]) == []


def test_an_incident_that_did_harm_is_still_asked_for_a_cost() -> None:
    text = NEAR_MISS.format(severity="SEV-1", impact="Checkout failed for 41 minutes; "
                            "the flaw was exploited to read 300 invoices.")
    assert codes(lint_text(text, select=["PM221"])) == ["PM221"]
