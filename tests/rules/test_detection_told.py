"""Detection told as someone outside notifying the team is stated (PM311)."""

import pytest

from tests.conftest import codes, lint_text


@pytest.mark.parametrize("sentence", [
    "The cloud provider notified us by email within seconds that the key was exposed.",
    "Our registry host e-mailed us about unusual pulls an hour later.",
    "We received a warning from the CDN's abuse desk shortly after.",
    "We were made aware of the exposure through our issue tracker.",
    "It was brought to our attention by a contributor the next morning.",
])
def test_a_notice_from_outside_says_how_it_was_found(sentence):
    findings = lint_text(f"""\
        # Leaked token

        ## Summary

        A deploy token was committed to a public repository. {sentence}
        The token was revoked.
        """, select=["PM311"])
    assert findings == []


def test_a_document_that_never_says_how_it_was_found_is_reported():
    findings = lint_text("""\
        # Leaked token

        ## Summary

        A deploy token was committed to a public repository. We notified our users
        and the token was revoked.

        ## Impact

        The token could publish packages for 3 hours.

        ## Root cause

        The publishing script printed the token in its log.
        """, select=["PM311"])
    assert codes(findings) == ["PM311"]
