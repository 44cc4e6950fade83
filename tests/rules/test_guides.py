"""The review framework's remaining practices: severity vs impact (PM211), incident cost
(PM221), detection (PM311, PM312), the prevention checklist (PM511), the summary's 24 hours
(PM611) and the regulatory packs (PM851, PM852). Every snippet was written for this module;
the rules' documented Bad and Good examples are run by tests/test_rule_examples.py."""

from __future__ import annotations

import pytest

from postmortem_lint.engine.config import ConfigError
from postmortem_lint.parsers import parse
from postmortem_lint.ruledata import load_rule_data
from postmortem_lint.sources.reading import decode
from tests.conftest import codes, lint_text

GUIDE_RULES = ["PM211", "PM221", "PM311", "PM312", "PM511", "PM611", "PM851", "PM852"]


def parsed(text: str, name: str = "postmortem.md"):
    import textwrap

    return parse(decode(textwrap.dedent(text).encode(), name), load_rule_data())


# -- PM211 severity vs impact ---------------------------------------------------------------
def test_sev3_naming_lost_revenue_is_reported_with_what_the_impact_says():
    findings = lint_text("""\
        **Severity:** SEV-3

        ## Impact
        - About $9,000 of lost revenue from failed renewals.
        """, select=["PM211"])
    assert codes(findings) == ["PM211"]
    assert "lost revenue" in findings[0].message and "SEV-1" in findings[0].message
    assert findings[0].span.line == 1


def test_sev3_that_denies_customer_impact_is_quiet():
    for line in ("No customers were affected; only the nightly report ran late.",
                 "Customers were unaffected: the batch runs on internal users only.",
                 "Customers would have seen stale prices had the cache expired."):
        assert lint_text(f"""\
            **Severity:** SEV-3

            ## Impact
            - {line}
            """, select=["PM211"]) == [], line


def test_a_label_naming_users_is_not_an_effect_on_users():
    """Regression: "User impact: <internal effect>" named users only in its label."""
    assert lint_text("""\
        **Severity:** SEV-3

        ## Impact
        User impact: release engineers could not tag builds for two hours.
        """, select=["PM211"]) == []


def test_nobody_using_the_affected_part_is_not_customer_impact():
    """Regression: users named, and in the same sentence said not to have used it."""
    assert lint_text("""\
        **Severity:** SEV-3

        ## Impact
        Only users of the staging sandbox were disrupted, and it seems nobody used it.
        """, select=["PM211"]) == []


def test_headings_team_members_and_user_interfaces_are_not_customers():
    """Regressions: a sub-heading "Impact on users", "team members could not merge", and
    "the user interface" named no affected customer."""
    assert lint_text("""\
        **Severity:** SEV-3

        ## Impact

        ### Impact on users

        Release team members were unable to merge changes for an hour.
        The admin user interface showed a stale banner.
        """, select=["PM211"]) == []


def test_sev1_whose_impact_denies_any_customer_effect_is_reported():
    findings = lint_text("""\
        **Severity:** SEV-1

        ## Impact
        - No customers were affected; the nightly build farm was down for 3 hours.
        """, select=["PM211"])
    assert codes(findings) == ["PM211"]
    assert "No customers were affected" in findings[0].message


def test_sev1_impact_in_words_outside_the_lexicon_is_not_reported():
    """Regression: "logging in was broken" states a user-facing effect without "users"."""
    assert lint_text("""\
        **Severity:** SEV-1

        ## Impact
        Edits and logging in were not working for two hours.
        """, select=["PM211"]) == []
    assert lint_text("""\
        **Severity:** SEV-1

        ## Impact
        - **Users:** 2,300 could not log in for 40 minutes.
        """, select=["PM211"]) == []


def test_severity_impact_is_silent_without_severity_or_impact():
    assert lint_text("""\
        ## Impact
        - 2,300 customers could not check out.
        """, select=["PM211"]) == []
    assert lint_text("**Severity:** SEV-1\n\n## Summary\nThe build farm was down.\n",
                     select=["PM211"]) == []


def test_an_organisation_maps_its_own_scale(tmp_path):
    pack = tmp_path / "scale.yaml"
    pack.write_text("severity_impact:\n  3: customer\n")
    assert lint_text("""\
        **Severity:** SEV-3

        ## Impact
        - 2,300 customers could not check out.
        """, select=["PM211"], rule_data=[str(pack)]) == []


# -- PM221 incident cost ----------------------------------------------------------------------
def test_costs_are_read_as_amounts_with_currency():
    doc = parsed("""\
        **Severity:** SEV-1
        **Cost:** $23,000

        ## Impact
        - Revenue lost: $18,000 in failed checkouts.
        - We issued EUR 4.5k in SLA credits.
        """)
    cost = doc.incident_cost
    assert [(m.amount, m.currency, m.kind) for m in cost.amounts] == [
        (23000.0, "USD", "total"), (18000.0, "USD", "revenue"), (4500.0, "EUR", "sla_credits")]
    assert cost.totals() == {"USD": 23000.0, "EUR": 4500.0}
    assert cost.amounts[0].span.line == 2


def test_parts_without_a_total_are_summed():
    doc = parsed("""\
        ## Incident cost
        - Revenue lost: $1,200
        - SLA credits issued: $800
        """)
    assert doc.incident_cost.totals() == {"USD": 2000.0}


def test_a_reason_or_a_stated_nothing_states_the_cost():
    for line in ("**Cost:** not estimated, because billing data arrives next month.",
                 "- There was no financial impact: no order was lost."):
        assert lint_text(f"""\
            **Severity:** SEV-2

            ## Impact
            - Checkout failed for 41 minutes.
            {line}
            """, select=["PM221"]) == [], line


def test_cost_is_asked_only_above_the_configured_severity():
    text = """\
        **Severity:** SEV-{level}

        ## Impact
        - Checkout failed for 41 minutes.
        """
    assert codes(lint_text(text.format(level=2), select=["PM221"])) == ["PM221"]
    assert lint_text(text.format(level=3), select=["PM221"]) == []
    assert codes(lint_text(text.format(level=3), select=["PM221"],
                           rules={"PM221": {"max-level": 3}})) == ["PM221"]
    assert lint_text("## Impact\n- Checkout failed.\n", select=["PM221"]) == []


def test_numbers_without_a_currency_are_not_costs():
    doc = parsed("""\
        ## Impact
        - 2,300 customers could not check out; the cost was 3 hours of engineering.
        """)
    assert doc.incident_cost.amounts == []


# -- PM311 / PM312 detection -------------------------------------------------------------------
def test_detection_methods_are_read_from_field_section_and_timeline():
    doc = parsed("""\
        **Detection:** Customer report

        ## Timeline
        - 2026-03-04 14:37 UTC PagerDuty alert fired on checkout errors.
        """)
    assert [(s.method.value, s.source) for s in doc.detection.statements] == [
        ("customer", "field"), ("monitoring", "timeline")]


def test_a_customer_report_beats_the_alert_in_the_same_sentence():
    doc = parsed("## Detection\nCustomers reported errors before the alert fired.\n")
    assert doc.detection.method is not None and doc.detection.method.value == "customer"


def test_an_unclassified_detection_section_still_states_detection():
    """Regression: a Detection section in words the lexicon does not know."""
    assert lint_text("""\
        ## Detection
        It was found by the operations centre, then passed to the web team.
        """, select=["PM311"]) == []


def test_being_informed_and_thanking_a_reporter_state_detection():
    """Regression: a security advisory that thanks the person who reported it."""
    text = """\
        # Advisory: script injection in the pricing page

        On 3 March we were informed about a possible injection in a query parameter.

        ## Credits
        Our thanks to an independent researcher for reporting this vulnerability.
        """
    assert lint_text(text, select=["PM311"]) == []
    assert parsed(text).detection.method is not None
    assert parsed(text).detection.method.value == "outsider"


def test_a_team_recognising_the_failure_states_detection():
    """Regression: the deploying team saw the failure right away."""
    assert lint_text("""\
        Right after the deploy the app showed an error page. We immediately recognized a
        dependency conflict in the web server log.
        """, select=["PM311"]) == []


def test_a_document_that_never_says_how_it_was_found_is_reported():
    findings = lint_text("""\
        # Search down

        ## Summary
        Search returned errors for an hour after a power cut.

        ## Impact
        All searches failed.

        ## Root cause
        The search cluster had no second power feed.
        """, select=["PM311"])
    assert codes(findings) == ["PM311"]
    assert findings[0].span.line == 3


def test_a_status_page_entry_is_not_asked_how_the_incident_was_found():
    findings = lint_text("""\
        # Search down

        Search returned errors for an hour after a power cut. Service is restored.
        """, select=["PM311"])
    assert findings == []


def test_customer_found_incident_needs_a_detect_action():
    text = """\
        ## Summary
        We received a support ticket about uploads failing for all users.

        ## Action items
        - Raise the upload size limit. Owner: @kim. Due: 2026-04-01.
        {extra}
        """
    findings = lint_text(text.format(extra=""), select=["PM312"])
    assert codes(findings) == ["PM312"]
    assert findings[0].span.line == 2 and "customer" in findings[0].message
    assert lint_text(text.format(extra="- Alert when upload errors exceed 1% (detect)."),
                     select=["PM312"]) == []
    assert lint_text(text.format(extra="- Dashboard for upload latency by region."),
                     select=["PM312"]) == []


def test_a_signal_in_the_parent_of_a_nested_action_list_counts():
    """Regression: "Ensure alerting is in place for:" with the services as sub-items."""
    assert lint_text("""\
        ## Summary
        Users reported that claims failed for an hour.

        ## Action items
        - [ ] Ensure that alerting is in place for:
          - [ ] Claims backend
          - [ ] Batch submitter
        """, select=["PM312"]) == []


def test_monitoring_found_incident_needs_no_detect_action():
    assert lint_text("""\
        **Detection:** PagerDuty alert on the checkout error rate.

        ## Action items
        - Raise the upload size limit. Owner: @kim. Due: 2026-04-01.
        """, select=["PM312"]) == []


# -- PM511 prevention checklist -----------------------------------------------------------------
def test_the_checklist_is_reported_once_with_every_open_line():
    findings = lint_text("""\
        **Severity:** SEV-2

        ## Action items
        - Alert on replica lag above 30 s. Owner: @kim.
        - Redesign reads to go to a replica. Owner: @sam.
        """, select=["PM511"])
    assert codes(findings) == ["PM511"]
    message = findings[0].message
    for open_line in ("a runbook", "test coverage", "training", "RFC"):
        assert open_line in message
    assert "monitoring" not in message


def test_a_declined_line_is_not_open():
    findings = lint_text("""\
        **Severity:** SEV-1

        ## Action items
        - Alert on replica lag above 30 s.
        - Update the failover runbook. Add a failover test to CI.
        - Architecture change: not needed, the failover design held.
        - Training: not needed, because the runbook covers the new check.
        """, select=["PM511"])
    assert findings == []


def test_the_checklist_waits_for_a_severe_known_severity_and_action_items():
    text = "**Severity:** SEV-{level}\n\n## Action items\n- Alert on replica lag.\n"
    assert lint_text(text.format(level=3), select=["PM511"]) == []
    assert lint_text("## Action items\n- Alert on replica lag.\n", select=["PM511"]) == []
    assert lint_text("**Severity:** SEV-1\n\n## Summary\nDown.\n", select=["PM511"]) == []


def test_checklist_lines_are_configurable():
    assert lint_text("""\
        **Severity:** SEV-2

        ## Action items
        - Alert on replica lag above 30 s.
        """, select=["PM511"], rules={"PM511": {"items": ["monitoring"]}}) == []


# -- PM611 summary within 24 hours --------------------------------------------------------------
def test_summary_time_is_compared_with_the_end():
    text = """\
        **End:** 2026-03-04 15:10 UTC
        **Summary written:** {written}
        """
    assert codes(lint_text(text.format(written="2026-03-05 16:00 UTC"),
                           select=["PM611"])) == ["PM611"]
    assert lint_text(text.format(written="2026-03-05 15:00 UTC"), select=["PM611"]) == []


def test_a_summary_day_without_a_time_errs_towards_quiet():
    text = """\
        **Date:** 2026-03-04
        **Summary written:** {written}
        """
    assert lint_text(text.format(written="2026-03-05"), select=["PM611"]) == []
    assert codes(lint_text(text.format(written="2026-03-06"), select=["PM611"])) == ["PM611"]


def test_no_summary_time_no_finding():
    assert lint_text("**End:** 2026-03-04 15:10 UTC\n", select=["PM611"]) == []


# -- PM851 / PM852 regulatory packs ------------------------------------------------------------
PHI = """\
    **Date:** 2026-03-08

    ## Impact
    - A misconfigured export exposed PHI of 312 patients to another clinic.
    {notice}
    """


def test_regulatory_packs_are_off_without_config():
    assert lint_text(PHI.format(notice=""), select=["PM851", "PM852"]) == []


def test_industry_turns_on_its_packs_one_name_or_a_list():
    assert codes(lint_text(PHI.format(notice=""), select=["PM851"],
                           industry="healthcare")) == ["PM851"]
    assert codes(lint_text(PHI.format(notice=""), select=["PM851"],
                           industry=["saas", "healthcare"])) == ["PM851", "PM851"]
    assert codes(lint_text(PHI.format(notice=""), select=["PM851"],
                           frameworks=["hipaa"])) == ["PM851"]


def test_a_pack_applies_only_when_its_trigger_is_named():
    assert lint_text("## Impact\n- Appointment reminders were sent twice.\n",
                     select=["PM851"], industry="healthcare") == []


def test_the_notification_clock():
    late = "- Patients were notified on 2026-05-20."
    on_time = "- Patients were notified on 2026-03-20."
    undated = "- Patients were notified by letter."
    declined = "- Not a reportable breach: the export was encrypted at rest and in transit."
    findings = lint_text(PHI.format(notice=late), select=["PM851", "PM852"],
                         industry="healthcare")
    assert codes(findings) == ["PM852"] and "73 days" in findings[0].message
    assert lint_text(PHI.format(notice=on_time), select=["PM851", "PM852"],
                     industry="healthcare") == []
    findings = lint_text(PHI.format(notice=undated), select=["PM852"], industry="healthcare")
    assert codes(findings) == ["PM852"] and "not the date" in findings[0].message
    assert lint_text(PHI.format(notice=declined), select=["PM851", "PM852"],
                     industry="healthcare") == []


def test_unknown_industry_or_framework_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown industry"):
        lint_text("# x\n", industry="aerospace")
    with pytest.raises(ConfigError, match="unknown framework"):
        lint_text("# x\n", frameworks=["gdpr"])


def test_a_compliance_team_adds_a_pack_without_code(tmp_path):
    pack = tmp_path / "gdpr.yaml"
    pack.write_text("""\
regulatory:
  gdpr:
    title: GDPR breach notification
    source: "GDPR Article 33: the supervisory authority within 72 hours"
    industries: [saas]
    applies_when: [personal data]
    records:
      - what: whether the supervisory authority was notified, and when
        terms: [supervisory authority, data protection authority]
        within_days: 3
""")
    findings = lint_text("## Impact\n- Personal data of 40 users was e-mailed to a vendor.\n",
                         select=["PM851"], frameworks=["gdpr"], rule_data=[str(pack)])
    assert codes(findings) == ["PM851"] and "GDPR" in findings[0].message


def test_the_healthcare_example_postmortem(tmp_path):
    from tests.conftest import EXAMPLES

    text = (EXAMPLES / "regulated" / "healthcare-phi-export.md").read_text(encoding="utf-8")
    findings = lint_text(text, select=GUIDE_RULES, industry="healthcare")
    assert codes(findings) == ["PM852"]


def test_yaml_postmortems_state_the_same_facts():
    text = """\
        title: Checkout errors
        severity: SEV-1
        incident:
          start: 2026-03-04T14:32:00Z
          end: 2026-03-04T15:10:00Z
        detection: customer report via support
        cost: "$23,000"
        summary_written: 2026-03-06T09:00:00Z
        impact:
          summary: 2,300 customers could not check out.
        action_items:
          - action: Add a schema check to the deploy pipeline
            owner: lee
        """
    findings = lint_text(text, name="pm.yaml", select=GUIDE_RULES)
    assert sorted(codes(findings)) == ["PM312", "PM511", "PM611"]
    doc = parsed(text, "pm.yaml")
    assert doc.incident_cost.totals() == {"USD": 23000.0}


def test_a_timeline_entry_dates_its_notification_and_a_planned_one_does_not_count():
    text = """\
        **Date:** 2026-03-08

        ## Impact
        - PHI of 312 patients was exposed to another clinic.

        ## Timeline
        | Time (UTC) | Event |
        |---|---|
        | 2026-03-08 10:55 | Detection: the clinic reports the files. |
        | {notified} | Breach notification letters sent to affected patients. |

        ## Action items
        | Action | Owner | Due |
        |---|---|---|
        | Notify affected patients again with the final report | Ana Ruiz | 2026-03-20 |
        """
    late = lint_text(text.format(notified="2026-06-01 09:00"), select=["PM852"],
                     industry="healthcare")
    assert codes(late) == ["PM852"] and "85 days" in late[0].message
    assert lint_text(text.format(notified="2026-03-19 09:00"), select=["PM852"],
                     industry="healthcare") == []
    doc = parsed(text.format(notified="2026-03-19 09:00"))
    assert [n.on.value.isoformat() for n in doc.notifications if n.on] == ["2026-03-19"]


def test_rules_above_a_severity_are_silent_when_it_cannot_be_read():
    text = """\
        **Severity:** whenever it hurts

        ## Impact
        - 2,300 customers could not check out; no cost is given.

        ## Action items
        - Raise the pool size. Owner: @kim.
        """
    assert lint_text(text, select=["PM211", "PM221", "PM511"]) == []


def test_a_payment_incident_records_card_data_exposure_and_brand_notification():
    text = """\
        ## Impact
        - Card payments failed for 40 minutes; 1,900 orders could not be paid.
        {line}
        """
    findings = lint_text(text.format(line=""), select=["PM851"], industry="e-commerce")
    assert codes(findings) == ["PM851"]
    assert "cardholder data was exposed" in findings[0].message
    assert "acquirer" in findings[0].message
    assert lint_text(text.format(line="- No cardholder data was exposed: card details are "
                                      "tokenized before they reach us."),
                     select=["PM851"], industry="e-commerce") == []


def test_reading_amounts_is_linear_on_long_digit_runs():
    """A money pattern tried at every position of a long digit run would be quadratic."""
    import time

    text = "## Impact\n- Cost: " + "1" * 200_000 + " and " + "1," * 50_000 + "\n"
    start = time.perf_counter()
    parsed(text)
    assert time.perf_counter() - start < 10


def test_the_osha_clock_is_one_day():
    text = """\
        **Date:** 2026-05-04

        ## Impact
        - One operator was injured by the press and hospitalised overnight.
        - Reported to OSHA on {day}. Entered in the OSHA 300 log.
        """
    late = lint_text(text.format(day="2026-05-07"), select=["PM851", "PM852"],
                     industry="manufacturing")
    assert codes(late) == ["PM852"]
    assert "3 days after discovery" in late[0].message and "deadline is 1 day" in late[0].message
    assert lint_text(text.format(day="2026-05-05"), select=["PM851", "PM852"],
                     industry="manufacturing") == []


def test_a_fintech_ledger_incident_records_integrity_and_audit_trail():
    text = """\
        ## Impact
        - Ledger postings were delayed by 40 minutes for 1,200 accounts.
        {line}
        """
    findings = lint_text(text.format(line=""), select=["PM851"], industry="fintech")
    assert codes(findings) == ["PM851"] and "audit trail" in findings[0].message
    assert lint_text(text.format(line="- All postings were reconciled; the audit log shows "
                                      "every replayed entry."),
                     select=["PM851"], industry="fintech") == []
    assert lint_text("## Impact\n- We paid the CI provider to restore build minutes.\n",
                     select=["PM851"], industry="fintech") == []


def test_a_letter_typed_for_a_digit_suggests_that_code_among_close_codes():
    """PM311 and PM312 are as close to "PM3O1" as PM301 by edit ratio."""
    from postmortem_lint.engine.references import did_you_mean
    from postmortem_lint.engine.registry import all_rules

    assert did_you_mean("PM3O1", all_rules().values()) == " (did you mean 'PM301'?)"
    assert did_you_mean("pm2l1", all_rules().values()) == " (did you mean 'PM211'?)"
