"""PM7xx: depth matches severity."""

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text


def test_missing_severity_is_reported_at_the_title():
    findings = lint_text("# Checkout errors\n\n**Date:** 2026-02-17\n", select=["PM701"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM701"]
    assert findings[0].span.line == 1


def test_declared_severity_passes_and_unknown_severity_is_left_to_pm003():
    assert lint_text("# X\n\n**Severity:** Major (SEV-2)\n", select=["PM701"], rules=FREE_FORM_CHECKED) == []
    assert lint_text("# X\n\n**Severity:** Sev-Purple\n", select=["PM701"], rules=FREE_FORM_CHECKED) == []


def test_section_required_by_the_policy_is_reported_by_name():
    findings = lint_text("""\
        # Search returned partial results

        **Severity:** SEV-2

        ## Timeline

        - 09:48 UTC — Alias switched.
        """, select=["PM702"])
    assert codes(findings) == ["PM702"]
    assert findings[0].span.line == 1
    assert '"Summary"' in findings[0].message and "SEV-2" in findings[0].message


def test_summary_synonym_or_intro_paragraph_passes():
    assert lint_text("""\
        # Search returned partial results

        **Severity:** SEV-2

        ## Overview

        Search served a partly built index for 100 minutes.
        """, select=["PM702"]) == []
    assert lint_text("""\
        # Search returned partial results

        **Severity:** SEV-2

        On 2026-01-19 the marketplace search service served results from a new index that was
        only partly built, so listings were missing from results for 100 minutes.
        """, select=["PM702"]) == []


def test_extra_required_sections_come_from_rule_data(tmp_path):
    pack = tmp_path / "depth.yaml"
    pack.write_text("depth:\n  - name: strict\n    max_level: 0\n    required: [communication]\n")
    findings = lint_text("# X\n\n**Severity:** SEV-0\n", select=["PM702"],
                         rule_data=[str(pack)])
    assert codes(findings) == ["PM702"]
    assert "Communication" in findings[0].message


def test_missing_what_went_well_is_reported():
    findings = lint_text("""\
        # Orders taxed at outdated rates

        ## What went wrong

        - Archiving a flag changed production behaviour with no warning.
        """, select=["PM703"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM703"]
    assert findings[0].span.line == 1
    assert "What went well" in findings[0].message


def test_both_parts_under_any_synonym_pass():
    assert lint_text("""\
        ## What worked

        - The reconciliation report caught it.

        ## What didn't go so well

        - No alert fired.
        """, select=["PM703"]) == []


def test_a_list_introduced_as_the_lessons_is_a_lessons_section():
    # no lessons heading: a sentence under a generic heading introduces the list
    text = """\
        # Registry certificate swap

        ## Looking back

        Two changes went out in one deploy. The lessons we take from it are as follows:

        - Deploy certificate and DNS changes one at a time.
        - Keep staging and production within a day of each other.
        """
    assert lint_text(text, select=["PM703"]) == []


def test_a_sentence_ending_in_a_colon_without_lessons_is_no_lessons_section():
    text = """\
        # Registry certificate swap

        ## Looking back

        Two changes went out in one deploy, in this order:

        - The certificate was replaced.
        - The DNS records were recreated.
        """
    assert [f.code for f in lint_text(text, select=["PM703"], rules=FREE_FORM_CHECKED)] == ["PM703"]


FREE_FORM_NOTE = """\
    # Search was slow on Tuesday

    A reindex job started at the same time as the nightly backup and both competed for
    disk. Queries took up to nine seconds for most of the afternoon until the job was
    paused. We now schedule the reindex away from the backup window.
    """


def test_a_free_form_note_is_not_asked_for_sections_it_never_promised() -> None:
    """Fewer than two template sections: the narrative is the document, and the absence of
    a timeline or of lessons cannot be claimed from its layout."""
    found = codes(lint_text(FREE_FORM_NOTE, select=["PM300", "PM703"]))
    assert found == []


def test_the_free_form_threshold_is_configurable() -> None:
    found = codes(lint_text(FREE_FORM_NOTE, select=["PM300", "PM703"], rules=FREE_FORM_CHECKED))
    assert sorted(found) == ["PM300", "PM703"]


def test_two_template_sections_make_a_layout_whose_gaps_are_reported() -> None:
    laid_out = FREE_FORM_NOTE + """
    ## Impact
    Most searches took several seconds.

    ## Root cause
    The reindex and the backup shared one disk.
    """
    assert sorted(codes(lint_text(laid_out, select=["PM300", "PM703"]))) == ["PM300"]


def test_lessons_are_asked_of_the_full_template_only() -> None:
    """A report in a few parts reflects in its narrative and next steps; the full template
    (summary, impact, timeline, root cause, action items) without lessons lacks them."""
    parts = FREE_FORM_NOTE + """
    ## Summary
    Search was slow for an afternoon.

    ## Impact
    Most searches took several seconds.

    ## Timeline
    - 13:02 UTC — reindex and backup start together.
    - 16:40 UTC — reindex paused; latency back to normal.

    ## Root cause
    The reindex and the backup shared one disk.
    """
    assert codes(lint_text(parts, select=["PM703"])) == []
    full = parts + """
    ## Action items
    - Move the reindex to its own volume — @ines, due 2026-07-01
    """
    assert codes(lint_text(full, select=["PM703"])) == ["PM703"]


# -- PM701 and PM601 ask a template's fields of a document laid out as a template ---------

FREE_FORM_POST = """\
    # Yesterday's outage of the package index

    On 3 March our package index was down for two hours after a certificate expired.
    We renewed it by hand the same day. To prevent this, we will:

    - Alert two weeks before any certificate expires.
    - Move renewal to the new issuer.
    """

TEMPLATE_POSTMORTEM = """\
    # Package index outage

    **Date:** 2026-03-03
    **Authors:** Ana Lima

    ## Impact
    The index was down for two hours; 40% of installs failed.

    ## Root cause
    A certificate expired because its renewal job had been disabled.

    ## Action items
    - Move certificate renewal to the new issuer (owner: Ana Lima, due 2026-04-01).
    """


def test_a_free_form_write_up_is_not_asked_for_a_severity_or_a_review() -> None:
    assert lint_text(FREE_FORM_POST, select=["PM601", "PM701"]) == []


def test_a_template_postmortem_is_asked_for_a_severity_and_a_review() -> None:
    assert codes(lint_text(TEMPLATE_POSTMORTEM, select=["PM601", "PM701"])) == ["PM601", "PM701"]


def test_a_narrative_report_without_fields_is_not_asked_for_a_severity() -> None:
    """Three template parts but no field at all: an incident write-up, not a team's form
    (a review date is still asked of its action items)."""
    narrative = "\n".join(line for line in TEMPLATE_POSTMORTEM.splitlines()
                          if not line.strip().startswith(("**Date:**", "**Authors:**")))
    assert codes(lint_text(narrative, select=["PM601", "PM701"])) == ["PM601"]


def test_min_template_parts_zero_asks_every_document() -> None:
    found = codes(lint_text(FREE_FORM_POST, select=["PM601", "PM701"], rules=FREE_FORM_CHECKED))
    assert found == ["PM601", "PM701"]
