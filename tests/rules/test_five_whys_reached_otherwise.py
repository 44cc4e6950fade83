"""PM403: an analysis that already reaches systemic causes needs no five-whys list; one
that stops at the proximate cause is still told. Snippets written for these tests."""

from __future__ import annotations

from tests.conftest import codes, lint_text

HEAD = """\
    # Export jobs wrote empty files

    **Severity:** SEV-2

    ## Root cause

    The export worker read its bucket name from a variable renamed in the last release.
    """


def test_factors_naming_missing_safeguards_reach_a_systemic_cause() -> None:
    text = HEAD + """
    ## Contributing factors

    1. No integration test runs the worker against the real configuration.
    2. Renamed variables are never checked against the deployed environment.
    3. The release went out on a Friday evening.
    """
    assert lint_text(text, select=["PM403"]) == []


def test_headings_that_ask_why_are_a_why_analysis() -> None:
    text = HEAD + """
    ### Why the worker failed

    It fell back to an empty default bucket name.

    ### Why nobody noticed

    The job reports success when it writes zero rows.
    """
    assert lint_text(text, select=["PM403"]) == []


def test_factors_that_only_describe_the_failure_leave_the_finding() -> None:
    text = HEAD + """
    ## Contributing factors

    - The worker wrote 312 empty files before it was stopped.
    - A restart of the worker did not change the output.
    """
    assert codes(lint_text(text, select=["PM403"])) == ["PM403"]


def test_one_factor_naming_a_gap_is_not_yet_an_analysis() -> None:
    text = HEAD + """
    ## Contributing factors

    - No integration test runs the worker against the real configuration.
    """
    assert codes(lint_text(text, select=["PM403"])) == ["PM403"]
