"""PM5xx: action items."""

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text

TABLE_HEAD = """\
# Checkout errors

Date: 2026-02-17

## Action items

| Action | Owner | Due | Priority | Type | Status | Ticket |
|---|---|---|---|---|---|---|
"""


def table(*rows: str) -> str:
    return TABLE_HEAD + "\n".join(rows) + "\n"


GOOD_ROW = ("| Alert when checkout 5xx ratio > 2% for 3 minutes | Mei Lin | 2026-02-20 | P1 "
            "| detect | Open | PAY-4411 |")


# -- PM501 action-items-missing ---------------------------------------------------------
def test_no_action_items_is_reported_at_the_title():
    findings = lint_text("# Checkout errors\n\n## Summary\n\nCheckout failed.\n",
                         select=["PM501"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM501"]
    assert findings[0].span.line == 1


def test_empty_action_items_section_is_reported_at_its_heading():
    findings = lint_text("# T\n\n## Action items\n\nWe will discuss them next week.\n",
                         select=["PM501"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM501"]
    assert findings[0].span.line == 3


def test_listed_action_items_pass():
    assert lint_text(table(GOOD_ROW), select=["PM501"], rules=FREE_FORM_CHECKED) == []


# -- PM502 action-owner-missing ---------------------------------------------------------
def test_empty_owner_cell_is_reported_at_the_row():
    findings = lint_text(table("| Add a lint rule for flags defaulting to true | | 2026-02-20 "
                               "| P1 | prevent | Open | DEVX-1 |"), select=["PM502"])
    assert codes(findings) == ["PM502"]
    assert (findings[0].span.line, findings[0].span.column) == (9, 3)


def test_owner_that_means_nobody_is_reported():
    findings = lint_text(table("| Add a lint rule for flags | n/a | 2026-02-20 | P1 | prevent "
                               "| Open | DEVX-1 |"), select=["PM502"])
    assert codes(findings) == ["PM502"]
    assert '"n/a"' in findings[0].message


def test_owner_in_bullet_handle_or_table_passes_and_placeholder_is_left_to_pm901():
    assert lint_text(table(GOOD_ROW), select=["PM502"]) == []
    assert lint_text("## Action items\n\n- Add a lint rule for flags — @ada, due 2026-02-20\n",
                     select=["PM502"]) == []
    assert lint_text(table("| Add a lint rule | TBD | 2026-02-20 | P1 | prevent | Open | X-1 |"),
                     select=["PM502"]) == []


def test_done_items_are_skipped_unless_asked():
    row = "| Roll back promo-service to 4.11 | | 2026-02-17 | P0 | recover | Done | COM-1 |"
    assert lint_text(table(row), select=["PM502"]) == []
    findings = lint_text(table(row), select=["PM502"],
                         rules={"PM502": {"include-done": True}})
    assert codes(findings) == ["PM502"]


# -- PM503 action-due-missing -----------------------------------------------------------
def test_bullet_without_due_date_is_reported():
    findings = lint_text("""\
        # Duplicate pushes

        Date: 2026-04-02

        ## Action items

        - Page the growth on-call at high urgency — owner: Nora Eriksen, P1, GROW-612
        """, select=["PM503"])
    assert codes(findings) == ["PM503"]
    assert findings[0].span.line == 7
    assert "2026-04-09" in findings[0].message  # P1: a week after the incident


def test_due_date_in_bullet_or_yaml_passes():
    assert lint_text("## Action items\n\n- Page on-call — owner: Nora, due 2026-04-09, P1\n",
                     select=["PM503"]) == []
    assert lint_text("""\
        title: T
        action_items:
          - action: Page on-call at high urgency
            owner: Nora
            due: 2026-04-09
        """, name="pm.yaml", select=["PM503"]) == []


def test_yaml_item_without_due_is_reported_at_its_action():
    findings = lint_text("""\
        title: T
        action_items:
          - action: Add a weekly quota projection job
            owner: Helena Costa
            priority: P2
        """, name="pm.yaml", select=["PM503"])
    assert codes(findings) == ["PM503"]
    assert findings[0].span.line == 3


# -- PM504 action-priority-missing ------------------------------------------------------
def test_item_without_priority_is_reported():
    findings = lint_text(table("| Add a storage growth field to the template | Helena | "
                               "2026-02-20 | | process | Open | MEDIA-1 |"), select=["PM504"])
    assert codes(findings) == ["PM504"]
    assert findings[0].span.line == 9


def test_priority_in_cell_or_bullet_passes():
    assert lint_text(table(GOOD_ROW), select=["PM504"]) == []
    assert lint_text("## Action items\n\n- [ ] Add alert on queue depth (P2) — @ana\n",
                     select=["PM504"]) == []


# -- PM505 action-due-vs-priority -------------------------------------------------------
def test_p0_due_two_weeks_later_is_reported():
    findings = lint_text(table("| Lower the alert threshold to 5% | Ben | 2026-03-03 | P0 | "
                               "detect | Open | COM-3302 |"), select=["PM505"])
    assert codes(findings) == ["PM505"]
    assert findings[0].span.line == 9
    assert "2026-02-18" in findings[0].message


def test_deadlines_within_priority_pass_and_weekend_moves_to_monday():
    assert lint_text(table(GOOD_ROW), select=["PM505"]) == []
    friday = """\
        # Failover

        Date: 2026-01-23

        ## Action items

        | Action | Owner | Due | Priority | Ticket |
        |---|---|---|---|---|
        | Add a pooler reload callback | Oskar | 2026-01-26 | P0 | DBA-1 |
        """
    assert lint_text(friday, select=["PM505"]) == []


def test_done_items_keep_their_historical_dates():
    row = "| Ship 4.12.1 | Ben | 2026-03-03 | P0 | prevent | Done | COM-1 |"
    assert lint_text(table(row), select=["PM505"]) == []


# -- PM506 action-vague -----------------------------------------------------------------
def test_vague_monitoring_item_points_at_the_phrase():
    findings = lint_text(table("| Improve monitoring of the search cluster | Aisha | "
                               "2026-02-20 | P1 | detect | Open | SRCH-802 |"),
                         select=["PM506"])
    assert codes(findings) == ["PM506"]
    assert (findings[0].span.line, findings[0].span.column) == (9, 3)
    assert findings[0].span.end_column == 3 + len("Improve monitoring")


def test_exhortation_is_vague_even_with_a_signal():
    findings = lint_text("## Action items\n\n- Be more careful and check the dashboard — "
                         "@nora, due 2026-04-30\n", select=["PM506"])
    assert codes(findings) == ["PM506"]
    assert "Be more careful" in findings[0].message


def test_monitoring_with_a_named_signal_passes():
    assert lint_text("""\
        ## Action items

        - Add monitoring: alert when zero-result rate exceeds 2x baseline — @aisha
        - Improve alerting with `SearchZeroResultRateHigh` — @aisha
        - Add monitoring for QuotaUsageHigh on the media bucket — @tariq
        """, select=["PM506"]) == []


# -- PM507 action-ticket-missing --------------------------------------------------------
def test_checklist_item_without_ticket_is_reported():
    findings = lint_text("## Action items\n\n- [ ] Remove the legacy tax table — @olga, "
                         "due 2026-02-09, P1\n", select=["PM507"])
    assert codes(findings) == ["PM507"]
    assert (findings[0].span.line, findings[0].span.column) == (3, 7)


def test_ticket_key_link_or_section_tracker_passes():
    assert lint_text("""\
        ## Action items

        - [ ] Remove the legacy tax table — @olga, TAX-721
        - [ ] Alert on stale rates — @olga, https://tracker.example.com/issues/88
        """, select=["PM507"]) == []
    assert lint_text("""\
        ## Action items

        All items are tracked in the epic PLAT-1500.

        - [ ] Remove the legacy tax table — @olga
        """, select=["PM507"]) == []


# -- PM508 action-type-missing ----------------------------------------------------------
def test_untyped_item_among_typed_ones_is_reported():
    findings = lint_text(table(GOOD_ROW, "| Add a synthetic SSO login every minute | Sam | "
                               "2026-02-20 | P1 | | Open | IDN-904 |"), select=["PM508"])
    assert codes(findings) == ["PM508"]
    assert findings[0].span.line == 10
    assert findings[0].level.value == "info"


def test_document_without_any_types_is_reported_once_at_the_heading():
    findings = lint_text("""\
        ## Action items

        - Add alert on queue depth > 10k — @ana, OPS-1
        - Add a canary stage to the deploy — @ben, OPS-2
        """, select=["PM508"])
    assert codes(findings) == ["PM508"]
    assert findings[0].span.line == 1


def test_types_in_cells_and_bare_list_values_pass():
    assert lint_text(table(GOOD_ROW), select=["PM508"]) == []
    assert lint_text("## Action items\n\n- Add an idempotency key — owner: Felix, due "
                     "2026-04-09, P1, prevent, in progress, GROW-610\n", select=["PM508"]) == []


def test_a_declared_other_type_counts_as_a_type():
    assert lint_text("""\
        ## Action items

        | Action | Owner | Due | Priority | Type | Ticket |
        |---|---|---|---|---|---|
        | Add a synthetic SSO login every minute | Sam | 2026-02-20 | P1 | detect | IDN-904 |
        | Write down the vendor escalation contacts | Ana | 2026-02-27 | P2 | other | IDN-905 |
        """, select=["PM508"]) == []


# -- PM509 action-duplicate -------------------------------------------------------------
def test_near_duplicate_is_reported_at_the_second_item():
    findings = lint_text("""\
        ## Action items

        - Re-route the QuotaUsageHigh alert (85% of quota) to the media on-call pager and add a second alert at 95% — @tariq, MEDIA-1501
        - Re-route the QuotaUsageHigh alert at 85% of quota to the media on-call pager — @tariq, MEDIA-1505
        """, select=["PM509"])  # noqa: E501
    assert codes(findings) == ["PM509"]
    assert findings[0].span.line == 4
    assert "line 3" in findings[0].message


def test_different_items_pass():
    assert lint_text("""\
        ## Action items

        - Re-route the QuotaUsageHigh alert to the media on-call pager — @tariq
        - Add a weekly job that projects when the bucket reaches 90% of quota — @helena
        - Pre-approve a standing quota headroom of 25% with the provider — @tariq
        """, select=["PM509"]) == []


def test_an_exhortation_is_reported_once_not_asked_for_fields():
    """"Be more careful …" is no action to own, date or track: PM506 says to replace it, and
    the field rules do not ask it for an owner, a due date, a priority or a ticket."""
    text = """\
        **Status:** final

        ## Action items

        | Action | Owner | Due | Priority | Ticket |
        |---|---|---|---|---|
        | Move the snapshot window to 04:00 UTC | Priya Raman | 2026-11-20 | P1 | SRCH-301 |
        | Be more careful with schedule changes | | | | |
        """
    found = lint_text(text, select=["PM502", "PM503", "PM504", "PM506", "PM507"])
    assert codes(found) == ["PM506"]
    vague_action = text.replace("Be more careful with schedule changes", "Improve monitoring")
    assert sorted(codes(lint_text(vague_action, select=["PM502", "PM506"]))) == [
        "PM502", "PM506"]
