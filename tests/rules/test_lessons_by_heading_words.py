"""PM703: a lessons section is recognised by a word of its heading ("What can we learn
from this?"), and a reflecting section by a word of reflection anywhere in its heading,
not by one listed phrase per wording. Snippets written for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text

BODY = """\
    # Login outage

    **Severity:** SEV-3

    ## {heading}

    Session tokens were signed with a key that had been rotated on one node only, and
    nothing compared the keys across nodes before the rotation finished.
    """


@pytest.mark.parametrize("heading", [
    "What can we learn from this incident and improve?",
    "What did we learn?",
    "Takeaways for the platform team",
    "Learnings from the key rotation",
])
def test_a_heading_naming_lessons_by_a_word_is_a_lessons_section(heading: str) -> None:
    assert lint_text(BODY.format(heading=heading), select=["PM703"]) == []


@pytest.mark.parametrize("heading", [
    "How we learned of the outage",
    "Machine learning pipeline",
    "Detection",
])
def test_other_senses_of_the_word_are_no_lessons(heading: str) -> None:
    assert codes(lint_text(BODY.format(heading=heading), select=["PM703"], rules=FREE_FORM_CHECKED)) == ["PM703"]


REFLECTION = """\
    # Login outage

    **Severity:** SEV-3

    ## {heading}

    Nobody noticed the failed rotation for an hour because there was no alert on
    signature errors, and the rollback was slower than it should have been.
    """


@pytest.mark.parametrize("heading", [
    "How could we do better next time?",
    "Looking back on the rotation",
    "Closing thoughts on the outage",
])
def test_a_reflecting_heading_with_shortcomings_is_what_went_wrong(heading: str) -> None:
    found = lint_text(REFLECTION.format(heading=heading), select=["PM703"], rules=FREE_FORM_CHECKED)
    assert [f.message for f in found if "neither" in f.message] == []
    assert any("What went well" in f.message for f in found)


def test_what_went_well_and_wrong_named_by_a_word_of_the_heading() -> None:
    text = """\
        # Login outage

        **Severity:** SEV-3

        ## Wins during the response

        The rollback script restored the old key in two minutes.

        ## Monitoring gaps

        Nothing alerted on signature errors.
        """
    assert lint_text(text, select=["PM703"]) == []
