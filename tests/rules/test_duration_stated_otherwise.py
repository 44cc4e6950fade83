"""A length the authors state without a clock length: in words ("several hours of
delay"), as not known ("Duration: unknown"), as an exposure's window between two versions
or dates; and a near miss, which never went down, has no length to state (PM203). The
extent of an impact said as a whole platform unavailable or as functions prevented from
taking place (PM202)."""

import datetime as dt

import pytest

from tests.conftest import codes, lint_text, parse_text

_DOC = """\
    # Delayed invoices

    {opening}

    ## Impact

    Invoices reached customers late.

    ## Detection

    {sentence}
    """


@pytest.mark.parametrize("opening", [
    "On May 4, customers saw several hours of delay on their invoices.",
    "On May 4, invoices were late for a few hours.",
    "On May 4, invoices were held back for most of the afternoon.",
])
def test_a_length_in_words_in_the_opening_is_stated(opening):
    text = _DOC.format(opening=opening, sentence="A customer wrote to support.")
    assert parse_text(text).impact.duration_stated is not None
    assert lint_text(text, select=["PM203"]) == []


def test_a_duration_field_that_says_unknown_is_stated():
    text = "# Leaked key\n\n**Date:** 2026-05-04\n**Duration:** Unknown\n\n" \
        "## Impact\n\nOne signing key was readable in the job logs.\n"
    doc = parse_text(text)
    assert doc.impact.duration_stated is not None
    assert doc.impact.duration_stated.value == "Unknown"
    assert lint_text(text, select=["PM203"]) == []


@pytest.mark.parametrize("sentence", [
    "Between releases v2.3.0 and v2.6.1, the client sent the token in the query string.",
    "The flaw was introduced in March 2019 and fixed in August 2021.",
    "Builds from June 2020 to April 2021 shipped the debug flag.",
])
def test_an_exposure_window_of_versions_or_dates_is_its_length(sentence):
    text = _DOC.format(opening="A client flaw exposed tokens.", sentence=sentence)
    assert parse_text(text).impact.duration_stated is not None
    assert lint_text(text, select=["PM203"]) == []


def test_a_near_miss_is_not_asked_for_a_length():
    text = _DOC.format(opening="The invoice service almost suffered an outage today: the "
                       "queue was drained before an outage was incurred.",
                       sentence="The disk alert fired at 80%.")
    assert parse_text(text).impact.no_outage is not None
    assert lint_text(text, select=["PM203"]) == []


def test_a_length_said_before_the_state_is_the_duration():
    text = _DOC.format(opening="Invoices stopped.",
                       sentence="My phone was on silent, so for 3 hours our systems were down.")
    assert parse_text(text).impact.duration_mentioned is not None
    assert lint_text(text, select=["PM203"]) == []


@pytest.mark.parametrize("sentence", [
    "We looked at the logs for several minutes before paging.",  # not the incident's length
    "Versions 2.3 and 2.6 both sent the token.",  # two versions, no window
    "The flaw was introduced in the refactor and fixed in the next commit.",
])
def test_no_length_is_still_reported(sentence):
    text = _DOC.format(opening="Invoices were late.", sentence=sentence)
    assert codes(lint_text(text, select=["PM203"])) == ["PM203"]



def test_a_whole_platform_unavailable_is_the_extent_of_the_impact():
    text = "# Platform outage\n\nOn May 4 from 17:09 to 23:42 UTC, the hosting platform and " \
        "customer sites were unavailable. No data was lost.\n"
    assert parse_text(text).impact.quantity is not None


def test_functions_prevented_from_taking_place_are_the_extent_of_the_impact():
    text = "# Disk full\n\nOn May 4 the root disk filled up. This prevented new sign-ups, " \
        "password resets, and package uploads from taking place.\n"
    assert parse_text(text).impact.quantity is not None


def test_some_users_prevented_from_a_function_is_still_a_part():
    text = "# Disk full\n\nOn May 4 the root disk filled up. This prevented some users " \
        "from logging in.\n"
    assert parse_text(text).impact.quantity is None


def test_a_length_in_the_opening_counts_when_the_impact_is_read_elsewhere():
    text = "title: Blog downtime\nauthor: Sam\nstatus: publish\n\nThe blog was down for a while " \
        "today (~6 hours). What follows is why.\n\n### The causes\n\nThe disk filled up.\n"
    assert parse_text(text).impact.duration_mentioned is not None


def test_a_window_between_two_dated_times_is_the_duration() -> None:
    text = """\
        # Certificate outage

        ## Summary

        Between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC the registry
        could not be reached over HTTPS; 2,300 publishes failed.
        """
    assert lint_text(text, select=["PM203"]) == []
    doc = parse_text(text)
    assert doc.impact.duration_mentioned is not None
    assert doc.impact.duration_mentioned.value == dt.timedelta(hours=10)
