"""PM6xx: follow-up rules."""

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text


def test_no_review_is_reported_at_the_title():
    findings = lint_text("""\
        # Checkout errors

        **Date:** 2026-02-17

        ## Action items

        - Alert on checkout error rate (owner: Hannah Okafor, due 2026-03-01).
        """, select=["PM601"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM601"]
    assert findings[0].span.line == 1


def test_a_document_without_actions_is_told_once_not_asked_for_a_review_too():
    # Nothing to review: PM501 reports the missing actions, and PM601 does not repeat it.
    findings = lint_text("""\
        # Checkout errors

        **Date:** 2026-02-17
        """, select=["PM501", "PM601"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM501"]


DONE_ITEMS = """\
    # Checkout errors

    **Date:** 2026-02-17

    ## Action items

    - [x] Alert on checkout error rate (owner: Hannah Okafor).

    ## Lessons learned

    We need to test the payment path on every release, not only on the big ones.
    """


def test_every_item_done_needs_no_review_whatever_the_lessons_say():
    # A lesson says what should hold from now on; it is no open work for a review to check.
    assert codes(lint_text(DONE_ITEMS, select=["PM601"], rules=FREE_FORM_CHECKED)) == []


def test_work_left_open_outside_the_lessons_still_needs_a_review():
    text = DONE_ITEMS.replace("## Lessons learned", "## Discussion")
    assert codes(lint_text(text, select=["PM601"], rules=FREE_FORM_CHECKED)) == ["PM601"]


def test_actions_told_in_prose_still_need_a_review():
    findings = lint_text("""\
        # Checkout errors

        **Date:** 2026-02-17

        Next quarter we will move checkout to the managed payment service.
        """, select=["PM501", "PM601"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM601"]


def test_follow_up_section_without_a_date_is_reported_at_its_heading():
    findings = lint_text("""\
        # Checkout errors

        ## Follow-up

        We will review the action items later.
        """, select=["PM601"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM601"]
    assert findings[0].span.line == 3


def test_review_date_in_a_field_or_the_follow_up_section_passes():
    assert lint_text("**Follow-up review:** 2026-04-14, owner Hannah Okafor\n",
                     select=["PM601"], rules=FREE_FORM_CHECKED) == []
    assert lint_text("""\
        ## Follow-up

        Action items are reviewed on 2026-04-14 (owner: Hannah Okafor).
        """, select=["PM601"], rules=FREE_FORM_CHECKED) == []


LATE_REVIEW = """\
    incident:
      start: 2026-03-10T15:47Z
    follow_up:
      review_date: 2026-07-20
      owner: Tariq Aziz
    """


def test_review_long_after_the_incident_is_reported_at_the_date():
    findings = lint_text(LATE_REVIEW, name="pm.yaml", select=["PM602"])
    assert codes(findings) == ["PM602"]
    assert findings[0].span.line == 4
    assert "132 days" in findings[0].message


def test_review_within_the_limit_passes():
    on_time = LATE_REVIEW.replace("2026-07-20", "2026-04-21")
    assert lint_text(on_time, name="pm.yaml", select=["PM602"]) == []
    assert lint_text(LATE_REVIEW, name="pm.yaml", select=["PM602"],
                     rules={"PM602": {"max-days": 150}}) == []


def test_no_owner_is_reported_at_the_title():
    findings = lint_text("""\
        # Campaign sent three times

        Severity: SEV-2
        Incident date: 2026-04-02
        """, select=["PM603"])
    assert codes(findings) == ["PM603"]
    assert findings[0].span.line == 1


def test_owner_or_authors_pass():
    assert lint_text("# X\n\nDocument owner: Felix Wagner\n", select=["PM603"]) == []
    authors = "# X\n\nAuthors: Felix Wagner, Nora Eriksen\n"
    assert lint_text(authors, select=["PM603"]) == []
    strict = lint_text(authors, select=["PM603"], rules={"PM603": {"accept-authors": False}})
    assert codes(strict) == ["PM603"]


WRITTEN = """\
    # SSO logins failing

    Incident date: 2026-02-26
    Date written: {written}

    ## Timeline

    - 13:05 UTC — **Onset:** SSO login success rate falls.
    - 15:10 UTC — **Resolution:** success rate back at 99%.
    """


def test_written_long_after_resolution_is_reported_at_the_date():
    findings = lint_text(WRITTEN.format(written="2026-03-09"), select=["PM604"])
    assert codes(findings) == ["PM604"]
    assert findings[0].span.line == 4
    assert "11 days" in findings[0].message


def test_written_within_48_hours_passes():
    assert lint_text(WRITTEN.format(written="2026-02-28"), select=["PM604"]) == []


def test_no_check_when_the_resolution_date_is_unknown():
    undated = WRITTEN.format(written="2026-03-09").replace("Incident date: 2026-02-26\n", "")
    assert lint_text(undated, select=["PM604"]) == []
