"""Single defects planted in otherwise complete postmortems, and the complete shapes that
must stay quiet. Every snippet here was written for this module."""

from __future__ import annotations

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text

_PAGES_TIMELINE = """\
    ## Timeline

    2026-09-22 (all times UTC)

    - 16:00 Catalogue migration deployed.
    - 16:05 OUTAGE BEGINS: index refresh drops a field.
    - 16:11 `SearchEmptyRatio` pages the search on-call.
    - 16:52 MITIGATION: index pinned to the previous snapshot.
    - 17:15 OUTAGE ENDS: rebuild complete.
    """


def test_an_alert_that_pages_the_on_call_is_the_detection():
    assert lint_text(_PAGES_TIMELINE, select=["PM304"]) == []


def test_slo_target_and_budget_share_do_not_quantify_the_impact():
    findings = lint_text("""\
        ## Impact

        Many searches came back empty for over an hour. The search SLO (99.5% of
        queries non-empty per 28 days) held; the incident used 52% of the error budget.
        """, select=["PM202"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM202"]


def test_an_affected_share_in_an_slo_sentence_still_counts():
    assert lint_text("""\
        ## Impact

        12% of checkout calls failed, which breached the 99.9% availability SLO.
        """, select=["PM202"], rules=FREE_FORM_CHECKED) == []


def test_a_duration_stated_in_the_impact_prose_is_compared_with_the_timeline():
    text = """\
        ## Impact

        For {said}, push notifications to 410,000 customers arrived late.

        ## Timeline

        | Time | Event |
        |---|---|
        | 2026-08-18 11:40 UTC | Onset: send queue starts to grow. |
        | 2026-08-18 13:05 UTC | Resolution: backlog drained. |
        """
    findings = lint_text(text.format(said="45 minutes"), select=["PM307"])
    assert codes(findings) == ["PM307"]
    assert findings[0].span.line == 3
    assert lint_text(text.format(said="1 hour 25 minutes"), select=["PM307"]) == []


def test_a_worst_case_delay_is_not_the_incident_duration():
    assert lint_text("""\
        ## Impact

        Notifications were delayed by up to 15 minutes for 410,000 customers.

        ## Timeline

        - 2026-08-18 11:40 UTC — Onset: send queue starts to grow.
        - 2026-08-18 13:05 UTC — Resolution: backlog drained.
        """, select=["PM307"]) == []


def test_a_placeholder_review_date_is_reported_once_as_a_placeholder():
    findings = lint_text("""\
        ## Follow-up review

        Review date: YYYY-MM-DD
        """, select=["PM601", "PM901"])
    assert codes(findings) == ["PM901"]


def test_a_review_date_in_words_is_still_not_a_scheduled_review():
    findings = lint_text("""\
        ## Action items

        - Alert on checkout error rate (owner: Hannah Okafor, due 2026-03-01).

        ## Follow-up review

        Review date: after the next sprint
        """, select=["PM601"])
    assert codes(findings) == ["PM601"]


def test_a_linked_ticket_cell_and_a_cross_repository_issue_are_tickets():
    assert lint_text("""\
        ## Action items

        | Action | Owner | Due | Priority | Tracking |
        |---|---|---|---|---|
        | Gate each upgrade batch on readiness | Jonas | 2026-05-19 | P1 | [JIRA](https://jira.example.com/browse/PLAT-812) |
        | Cap upgrade batches at 12% of instances | Jonas | 2026-05-18 | P1 | [infra#813](https://github.com/example/infra/issues/813) |
        | Add two pooler instances in the EU region | Jonas | 2026-06-05 | P2 | example/infra#814 |
        """, select=["PM507"]) == []


def test_a_link_to_a_wiki_page_by_path_is_not_a_ticket():
    findings = lint_text("""\
        ## Action items

        - Add a 30-minute lock timeout to the snapshot job (owner: Ann, due: 2026-06-08, P1, [notes](/wiki/snapshot))
        """, select=["PM507"])
    assert codes(findings) == ["PM507"]


def test_a_reworded_copy_of_an_action_is_a_duplicate():
    findings = lint_text("""\
        ## Action items

        - Keep the previous storage key valid for 48 hours after each rotation (owner: Rahul, due: 2026-06-05, P1, DATA-1)
        - Keep the previous storage keys valid for 48 hours after every rotation (owner: Rahul, due: 2026-06-05, P1, DATA-2)
        - Reload storage credentials when an upload is rejected as unauthorised (owner: Rahul, due: 2026-06-05, P1, DATA-3)
        """, select=["PM509"])
    assert codes(findings) == ["PM509"]
    assert findings[0].span.line == 4
