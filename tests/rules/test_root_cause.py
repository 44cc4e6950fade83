"""PM4xx: root cause analysis rules."""

import pytest

from tests.conftest import codes, lint_text

WHYS = "\n".join(f"{n}. Why {n}? Because of layer {n}." for n in range(1, 6))


def test_missing_root_cause_is_reported_at_the_title():
    findings = lint_text("""\
        # Orders taxed at outdated rates

        ## Impact

        Orders were taxed at last year's rates for two hours.

        ## Timeline

        - 09:12 UTC: the cleanup job archived the rate flags.

        ## Contributing factors

        - The cleanup job treats "unchanged for 90 days" as "unused".
        """, select=["PM401"])
    assert codes(findings) == ["PM401"]
    assert findings[0].span.line == 1


def test_a_summary_that_says_what_caused_the_failure_states_its_cause():
    text = """\
        # Sign-in outage

        ## Summary

        On Tuesday the token-signing certificates of the identity server expired. This
        caused every single sign-on attempt to fail for four hours.

        ## Impact

        No one could sign in to the console.

        ## Timeline

        - 09:12 UTC: first failed sign-ins.
        """
    assert lint_text(text, select=["PM401"]) == []
    vague = text.replace("This\n        caused every", "Then\n        every")
    assert codes(lint_text(vague, select=["PM401"])) == ["PM401"]


def test_where_the_flaw_was_introduced_states_the_cause():
    text = """\
        # Team members could change roles across organisations

        ## Summary

        A member of one organisation could change roles in another.

        ## Details

        This issue was introduced in the first version of the teams feature, which tied
        a role to the user rather than to the organisation.

        ## Timeline

        - 09:12 UTC: report received.
        """
    assert lint_text(text, select=["PM401"]) == []


FREE_FORM = """\
    # Orders taxed at outdated rates

    For two hours this morning orders were taxed at last year's rates. A cleanup job
    archived the flags that select this year's rates, and the code fell back to its
    defaults. We restored the flags at 11:10 UTC.
    """


def test_a_free_form_write_up_is_not_told_it_lacks_a_root_cause():
    # No template to miss a part of: the narrative tells what broke in its own words.
    assert lint_text(FREE_FORM, select=["PM401"]) == []


def test_free_form_write_ups_are_checked_when_configured():
    found = lint_text(FREE_FORM.replace("A cleanup job\n    archived", "Someone\n    noticed"),
                      select=["PM401"], rules={"PM401": {"min-template-parts": 0}})
    assert codes(found) == ["PM401"]


def test_a_misspelt_template_option_fails_loudly():
    with pytest.raises(Exception, match="min-template-part"):
        lint_text(FREE_FORM, select=["PM401"], rules={"PM401": {"min-template-part": 0}})


def test_root_cause_under_any_synonym_passes():
    for heading in ("Root cause", "Root Causes", "Fault", "RCA"):
        assert lint_text(f"""\
            # Orders taxed at outdated rates

            ## {heading}

            Archiving a flag silently reverts behaviour to the code default.
            """, select=["PM401"]) == [], heading


def test_root_cause_mixed_with_factors_is_reported_at_its_heading():
    findings = lint_text("""\
        # Viewers logged out

        ## Root cause and contributing factors

        - Sessions share a cluster whose eviction policy treats them as cache.
        - Capacity planning used average rather than peak memory.
        """, select=["PM402"])
    assert codes(findings) == ["PM402"]
    assert findings[0].span.line == 3


def test_separate_contributing_factors_or_trigger_pass():
    assert lint_text("""\
        ## Root cause

        Sessions share a cluster whose eviction policy treats them as cache.

        ## Contributing factors

        - Capacity planning used average rather than peak memory.
        """, select=["PM402"]) == []
    assert lint_text("""\
        ## Root Causes

        A resource leak when searches failed under exceptional load.

        ## Trigger

        Latent bug triggered by a sudden increase in traffic.
        """, select=["PM402"]) == []


def test_shallow_five_whys_are_reported_at_their_heading():
    findings = lint_text("""\
        **Severity:** SEV-2

        ## Five Whys

        1. Why were search results incomplete? The alias pointed at a partial index.
        2. Why did the alias point there? The switch ran before the copy finished.
        3. Why was the switch run early? The manual procedure allows it.
        """, select=["PM403"])
    assert codes(findings) == ["PM403"]
    assert findings[0].span.line == 3
    assert "3 levels" in findings[0].message


def test_missing_five_whys_for_sev1_is_reported_at_the_root_cause():
    findings = lint_text("""\
        **Severity:** SEV-1

        ## Root cause

        Client apps could call the SMS provider directly.
        """, select=["PM403"])
    assert codes(findings) == ["PM403"]
    assert findings[0].span.line == 3


def test_five_levels_fishbone_or_minor_severity_pass():
    assert lint_text(f"**Severity:** SEV-1\n\n## Five whys\n\n{WHYS}\n", select=["PM403"]) == []
    assert lint_text("""\
        **Severity:** SEV-1

        ## Fishbone

        - People: on-call was new to the service.
        """, select=["PM403"]) == []
    assert lint_text("""\
        **Severity:** SEV-3

        ## Root cause

        A typo.
        """, select=["PM403"]) == []


def test_yaml_five_whys_count_list_items():
    findings = lint_text("""\
        severity: SEV-1
        five_whys:
          - Why was the account abused? The key was in the app bundle.
          - Why was the key in the bundle? The build injected it.
        """, name="pm.yaml", select=["PM403"])
    assert codes(findings) == ["PM403"]
    assert findings[0].span.line == 2


def test_score_outside_zero_to_three_is_reported_at_the_score():
    findings = lint_text("""\
        ## Contributing Factors

        | Factor | Score | Notes |
        |---|---|---|
        | Change management failure | 5 | No staged rollout. |
        | Insufficient testing | 2 | Staging refreshes hourly. |
        """, select=["PM404"])
    assert codes(findings) == ["PM404"]
    assert (findings[0].span.line, findings[0].span.column) == (5, 31)


def test_scores_in_range_pass():
    assert lint_text("""\
        contributing_factors:
          - factor: The quota alert routed to an archived channel.
            score: 3
          - factor: The template has no storage growth field.
            score: 0
        """, name="pm.yaml", select=["PM404"]) == []


def test_a_list_of_why_it_happened_beside_one_stated_root_cause_is_apart_from_it() -> None:
    text = """\
        ## Root cause
        The WAL archive filled the disk after the archiver job stalled.

        ## Why did it happen?
        - The archiver had no alert on its lag.
        - Disk usage alerts fired only at 95%.
        """
    assert lint_text(text, select=["PM402"]) == []
    mixed = text.replace("## Root cause\n        The WAL archive filled the disk after the"
                         " archiver job stalled.\n\n        ", "")
    assert codes(lint_text(mixed, select=["PM402"])) == ["PM402"]


def test_a_report_for_the_public_is_not_told_it_lacks_a_root_cause():
    report = """\
        ---
        layout: post
        title: What happened to sign-ins on Tuesday
        ---

        We're sorry: for two hours on Tuesday many of you could not sign in.

        ## Impact

        About 40% of sign-ins failed between 09:05 and 11:05 UTC.

        ## Detection

        Our sign-in error alert paged the on-call engineer at 09:20 UTC.

        ## What we fixed

        Sign-in tokens are now refreshed before the old signing key is retired.

        ## What we are changing

        - Rotate signing keys with an overlap of a day.
        """
    assert lint_text(report, select=["PM401"]) == []
    assert codes(lint_text(report, select=["PM401"], rules={"PM401": {"skip-kinds": []}})) \
        == ["PM401"]
