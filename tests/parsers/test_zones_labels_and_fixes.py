"""Forms real postmortems write that the reader must take as meant: a zone said as a region
("7:09 AM Eastern") or declared in a "Timezone:" field, a day without its year before an
approximate time ("10-02 ~07:01"), a section's name written as a plain line over its list,
a fix that turns something back on, and a product whose name reads like a person's."""

from __future__ import annotations

import datetime as dt

from postmortem_lint.model import Phase
from postmortem_lint.parsers.times import declared_zone, find_timestamp
from postmortem_lint.ruledata import load_rule_data
from tests.conftest import blame_codes, codes, lint_text, parse_text

ZONES = load_rule_data().time_zones


def test_a_region_after_a_time_is_its_zone_but_not_a_word_that_goes_on() -> None:
    found = find_timestamp("2026-06-28 7:09 AM Eastern: report received", ZONES)
    assert found is not None and found.zone == "Eastern"
    assert found.at is not None and found.at.utcoffset() == dt.timedelta(hours=-5)
    plain = find_timestamp("10:00 Central bank opened", ZONES)
    assert plain is not None and plain.zone is None


def test_a_timezone_field_declares_the_timelines_zone() -> None:
    assert declared_zone("Timezone: CET", ZONES) is not None
    doc = parse_text("""\
        # Cluster reverted

        **Timezone**: CET

        | Time | Event |
        |---|---|
        | 12:00 | Pipeline reverts the network change |
        | 12:05 | Pull request updated |
        """)
    assert doc.timeline.entries and all(entry.zone for entry in doc.timeline.entries)


def test_a_day_without_its_year_before_an_approximate_time_dates_the_entry() -> None:
    found = find_timestamp("10-02 ~07:01", ZONES, within=12, default_date=dt.date(2026, 10, 1))
    assert found is not None and found.at == dt.datetime(2026, 10, 2, 7, 1)


def test_a_sections_name_alone_over_a_list_is_its_heading() -> None:
    text = """\
        # Certificate expired

        ## Detection
        Users told us the site was down.

        Action Items
        - Alert 14 days before a certificate expires
        - Move the host to the shared project
        """
    doc = parse_text(text)
    assert doc.section("action_items") is not None and len(doc.action_items) == 2
    assert "PM501" not in codes(lint_text(text, select=["PM501"]))


def test_turning_something_back_on_after_detection_is_the_fix() -> None:
    doc = parse_text("""\
        # Certificate expired

        ## Timeline

        - 15:26 UTC — first noticed the site giving an error
        - 16:12 UTC — the certificate had expired
        - 10:08 UTC — proxying was turned on again with full TLS, and the site loaded
        """)
    last = doc.timeline.entries[-1]
    assert Phase.mitigation in last.phases


def test_a_product_named_like_a_person_is_no_cause() -> None:
    assert "PM110" not in blame_codes("""\
        ## Root cause

        - Let's Encrypt refuses to register an account for the default address, which
          blocked the first reissue.
        """)
