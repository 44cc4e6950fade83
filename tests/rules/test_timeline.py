"""PM300 and PM302–PM307: the timeline rules (PM301 has its own test module)."""

from tests.conftest import codes, lint_text

GOOD = """\
    # Checkout errors

    **Severity:** SEV-1
    **Date:** 2026-02-17

    ## Impact

    - **Duration:** 45 minutes (18:12 UTC to 18:57 UTC).

    ## Timeline

    | Time (UTC) | Event |
    |---|---|
    | 18:02 | promo-service 4.12 deploy starts. |
    | 18:12 | **Onset:** first HTTP 500 responses on checkout. |
    | 18:24 | **Detection:** commerce operations reports the drop in orders. |
    | 18:36 | **Mitigation:** rollback to 4.11 started. |
    | 18:57 | **Resolution:** error rate at baseline; incident resolved. |
    """
TIMELINE_RULES = ["PM300", "PM302", "PM303", "PM304", "PM305", "PM306", "PM307"]


def test_a_good_timeline_passes_every_timeline_rule():
    assert lint_text(GOOD, select=TIMELINE_RULES) == []


def test_missing_timeline_is_reported_at_the_title():
    findings = lint_text("""\
        title: SMS key abused
        severity: SEV-1
        summary: The key was abused from 04:20 UTC until we rotated it at 09:05 UTC.
        """, name="pm.yaml", select=["PM300"])
    assert codes(findings) == ["PM300"]
    assert findings[0].span.line == 1


def test_no_timeline_is_fine_for_a_lightweight_retro():
    assert lint_text("""\
        # Dashboard label typo

        **Severity:** SEV-4
        """, select=["PM300"]) == []


def test_local_zone_is_reported_with_the_time_in_utc():
    findings = lint_text("""\
        ## Timeline

        - 2026-03-04 09:40 PST — Evictions begin.
        """, select=["PM302"])
    assert codes(findings) == ["PM302"]
    assert (findings[0].span.line, findings[0].span.column) == (3, 3)
    assert "17:40 UTC" in (findings[0].hint or "")


def test_local_zone_in_the_header_is_reported_once_at_the_header():
    findings = lint_text("""\
        ## Timeline

        | Time (PST) | Event |
        |---|---|
        | 2026-03-04 09:31 | Resize starts |
        | 2026-03-04 09:40 | Evictions begin |
        """, select=["PM302"])
    assert codes(findings) == ["PM302"]
    assert findings[0].span.line == 3


def test_utc_and_zero_offsets_pass():
    assert lint_text("""\
        ## Timeline

        - 2026-03-04T09:40Z — Evictions begin.
        - 2026-03-04T09:45+00:00 — Alert fires.
        """, select=["PM302"]) == []


def test_entry_out_of_order_is_reported_at_its_time():
    findings = lint_text("""\
        ## Timeline

        | Time (UTC) | Event |
        |---|---|
        | 2026-03-04 10:14 | auth-service scaled to 120 pods |
        | 2026-03-04 10:09 | Resize rollback started |
        """, select=["PM303"])
    assert codes(findings) == ["PM303"]
    assert findings[0].span.line == 6
    assert "10:14" in findings[0].message


def test_time_only_timeline_passing_midnight_is_in_order():
    assert lint_text("""\
        ## Timeline

        - 23:50 UTC — Failover starts.
        - 00:12 UTC — Writes resume.
        """, select=["PM303"]) == []


def test_newest_first_timeline_is_reported_once():
    findings = lint_text("""\
        ## Timeline

        - 11:00 UTC — Resolved.
        - 10:30 UTC — Rolled back.
        - 10:00 UTC — Alert fired.
        """, select=["PM303"])
    assert codes(findings) == ["PM303"]
    assert findings[0].span.line == 1
    assert "newest first" in findings[0].message


def test_a_newest_first_timeline_across_midnight_is_reported_once():
    findings = lint_text("""\
        ## Timeline

        - 01:10 UTC — All objects restored.
        - 22:30 UTC — Restore script still running.
        - 20:00 UTC — Restore script started.
        - 18:45 UTC — Root cause identified.
        - 18:30 UTC — First report of failing updates.
        """, select=["PM303"])
    assert codes(findings) == ["PM303"]
    assert "newest first" in findings[0].message


def test_missing_phases_are_reported_once_at_the_timeline_heading():
    findings = lint_text("""\
        # Tax miscalculated

        ## Timeline

        - 09:02 UTC — **Onset:** flag cache refreshes.
        - 11:52 UTC — Incident declared SEV3.
        - 12:21 UTC — **Mitigation:** flag restored.
        """, select=["PM304"])
    assert codes(findings) == ["PM304"]
    assert findings[0].span.line == 3
    assert "no detection or resolution entries" in findings[0].message


def test_start_and_end_fields_count_as_onset_and_resolution():
    assert lint_text("""\
        incident:
          start: 2026-03-10T15:47Z
          end: 2026-03-10T17:32Z
        timeline:
          - time: 2026-03-10T15:55Z
            event: UploadErrorRateHigh alert pages the on-call.
          - time: 2026-03-10T16:20Z
            event: Quota increase requested; traffic shifted to the standby bucket (mitigation).
        """, name="pm.yaml", select=["PM304"]) == []


def test_detection_labelled_before_onset_is_an_impossible_order():
    findings = lint_text("""\
        ## Timeline

        | Time (UTC) | Phase | Event |
        |---|---|---|
        | 09:40 | Detection | Seller reports reach support |
        | 09:48 | Onset | Alias switched to the partial index |
        """, select=["PM305"])
    assert codes(findings) == ["PM305"]
    assert findings[0].span.line == 5
    assert "before onset" in findings[0].message


def test_guessed_phases_are_not_judged_by_default():
    text = """\
        ## Timeline

        - 09:40 UTC — The alert threshold was reviewed last quarter.
        - 09:48 UTC — Alias switched; first errors.
        """
    assert lint_text(text, select=["PM305"]) == []
    findings = lint_text(text, select=["PM305"],
                         rules={"PM305": {"use-guessed-phases": True}})
    assert codes(findings) == ["PM305"]


def test_sev1_timeline_on_quarter_hours_is_too_coarse():
    findings = lint_text("""\
        **Severity:** SEV-1

        ## Timeline

        - 14:00 UTC — Deploy starts.
        - 14:15 UTC — Errors begin.
        - 14:30 UTC — Alert fires.
        - 14:45 UTC — Rollback complete.
        """, select=["PM306"])
    assert codes(findings) == ["PM306"]
    assert findings[0].span.line == 3
    assert "15-minute" in findings[0].message


def test_quarter_hours_are_fine_for_sev2():
    assert lint_text("""\
        **Severity:** SEV-2

        ## Timeline

        - 14:00 UTC — Deploy starts.
        - 14:15 UTC — Errors begin.
        - 14:30 UTC — Alert fires.
        - 14:45 UTC — Rollback complete.
        """, select=["PM306"]) == []


def test_stated_duration_contradicting_the_timeline_is_reported_at_the_duration():
    text = GOOD.replace("45 minutes (18:12 UTC to 18:57 UTC)", "15 minutes")
    findings = lint_text(text, select=["PM307"])
    assert codes(findings) == ["PM307"]
    assert findings[0].span.line == 8
    assert "45 min" in findings[0].message


def test_duration_within_tolerance_passes():
    text = GOOD.replace("45 minutes (18:12 UTC to 18:57 UTC)", "about 50 minutes")
    assert lint_text(text, select=["PM307"]) == []
    strict = lint_text(text, select=["PM307"],
                       rules={"PM307": {"tolerance-minutes": 1, "tolerance-ratio": 0}})
    assert codes(strict) == ["PM307"]
