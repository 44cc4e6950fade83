"""A length written as a state that lasted, or between two moments, is the incident's
duration (PM203)."""

import pytest

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text

_DOC = """\
    # Broken sign-in

    ## Summary

    A bad login hook blocked sign-ins for every tenant.

    ## Impact

    All tenants could not sign in.

    ## Detection

    {sentence}
    """


@pytest.mark.parametrize("sentence", [
    "The fault was present for roughly 16 hours before a customer tried to sign in.",
    "Sign-in stayed broken for about two and a half days.",
    "It took roughly a week from detection to resolution.",
    "There were 9 hours between the faulty release and the rollback.",
    # how long the bad thing was out there
    "The tampered package was live for 3 hours before the registry pulled it.",
    "The leaked build stayed exposed for about 40 minutes.",
    "The forged release was active for two hours.",
])
def test_a_length_in_words_is_the_duration(sentence):
    findings = lint_text(_DOC.format(sentence=sentence), select=["PM203"], rules=FREE_FORM_CHECKED)
    assert findings == []


@pytest.mark.parametrize("sentence", [
    "Requests were delayed for up to 85 minutes at the worst point.",
    "The nightly job ran for 3 hours as usual.",
])
def test_other_lengths_are_not_the_duration(sentence):
    findings = lint_text(_DOC.format(sentence=sentence), select=["PM203"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM203"]


@pytest.mark.parametrize("title", ["Platform incident reports", "Outage log: spring",
                                   "Incident history"])
def test_a_log_of_several_incidents_is_not_asked_for_one_length(title):
    findings = lint_text(f"""\
        # {title}

        ## March 3

        **Relay outage**

        Relays were taken offline for hardware upgrades and will be back soon.

        ## March 1

        Validators were rebooted after a disk filled up. Resolved the same day.
        """, select=["PM203"], rules=FREE_FORM_CHECKED)
    assert findings == []


def test_a_length_wrapped_across_lines_is_read():
    text = """\
        # Core switch restart

        ## Summary

        The firmware update went to plan, and all racks were offline for roughly 12
        minutes while the switch rebooted.
        """
    assert lint_text(text, select=["PM203"], rules=FREE_FORM_CHECKED) == []
    assert codes(lint_text(text.replace("12\n        minutes", "12\n        machines"),
                           select=["PM203"], rules=FREE_FORM_CHECKED)) == ["PM203"]
