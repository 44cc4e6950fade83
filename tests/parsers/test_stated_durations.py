"""Durations that prose states for the whole incident, and the ones it does not."""

from __future__ import annotations

import datetime as dt

import pytest

from postmortem_lint.parsers.times import find_stated_duration


@pytest.mark.parametrize(("text", "minutes"), [
    ("For 1 hour 25 minutes, pushes arrived late.", 85),
    ("Pushes arrived late. For about 45 minutes, nothing was sent.", 45),
    ("The outage lasted two hours.", 120),
    ("It was a 45-minute outage for EU customers.", 45),
    ("An outage of 3 hours hit the EU region.", 180),
])
def test_the_incident_length_in_words(text: str, minutes: int):
    found = find_stated_duration(text)
    assert found is not None and found[0] == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("text", [
    "Notifications were delayed by up to 85 minutes.",
    "The alert waits 30 minutes before paging.",
    "Latency stayed at baseline for 10 minutes before we resolved the incident.",
    "For 212 Enterprise accounts the SLA was breached.",
])
def test_other_durations_are_not_the_incident_length(text: str):
    assert find_stated_duration(text) is None
