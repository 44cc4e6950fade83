from tests.conftest import codes, lint_text


def test_time_without_zone_is_reported_at_the_time():
    findings = lint_text("""\
        # Checkout outage

        ## Timeline

        - 14:32 — Deploy of checkout-api v2.1.3 started
        """, select=["PM301"])
    assert codes(findings) == ["PM301"]
    assert (findings[0].span.line, findings[0].span.column) == (5, 3)
    assert "14:32" in findings[0].message


def test_utc_times_and_zone_in_header_pass():
    assert lint_text("""\
        ## Timeline

        - 14:32 UTC — Deploy of checkout-api v2.1.3 started

        | Time (UTC) | Event |
        |---|---|
        | 14:40 | Alert fired |
        """, select=["PM301"]) == []


def test_timeline_without_any_zone_is_reported_once_with_the_count():
    findings = lint_text("""\
        ## Timeline

        - 14:32 — Deploy of checkout-api v2.1.3 started
        - 14:40 — Error rate alert fired
        - 15:02 — Rollback finished
        """, select=["PM301"])
    assert codes(findings) == ["PM301"]
    assert (findings[0].span.line, findings[0].span.end_line) == (3, 5)
    assert "None of the 3 timeline entries" in findings[0].message


def test_entries_before_the_first_zone_are_reported():
    findings = lint_text("""\
        ## Timeline

        - 14:32 — Deploy of checkout-api v2.1.3 started
        - 14:40 — Error rate alert fired
        - 15:02 UTC — Rollback finished
        """, select=["PM301"])
    assert [f.span.line for f in findings] == [3, 4]


def test_the_zone_written_on_an_entry_covers_the_bare_times_after_it():
    for timeline in ("""\
        ## Timeline

        **Mar 3, 2024, 08:10 (UTC):** On-call notices the queue depth climbing.

        **08:14:** Consumers restarted.

        **08:31:** Queue drained, incident closed.
        """, """\
        ## Sequence of events

        - 2024-03-03 08:10 GMT first failed renewals
        - 08:14 paging the storage team
        - 08:31 renewals succeed again
        """, """\
        ## Timeline

        | When | What |
        |---|---|
        | 08:10 UTC | Replica lag alarm |
        | 08:14 | Primary failed over |
        | 08:31 | Lag back under a second |
        """):
        assert lint_text(timeline, select=["PM301"]) == [], timeline


def test_a_zone_stated_once_above_the_timeline_covers_its_entries():
    findings = lint_text("""\
        # Outage

        All times PDT.

        ## Timeline

        - 10:01 alert fired
        - 10:30 rolled back
        """, select=["PM301", "PM302"])
    assert codes(findings) == ["PM302"]
    assert findings[0].span.line == 3


def test_a_table_with_a_utc_column_beside_the_local_one_is_in_utc():
    findings = lint_text("""\
        ## Timeline

        | CEST | UTC | What happened |
        |---|---|---|
        | 2025-05-02 10:14 | 2025-05-02 08:14 | Certificate on the API gateway expires |
        | 2025-05-02 10:31 | 2025-05-02 08:31 | Synthetic check alerts the on-call |
        | 2025-05-02 11:02 | — | Renewed certificate installed |
        """, select=["PM301", "PM302", "PM303"])
    assert findings == []
    assert lint_text("""\
        ## Timeline

        | Local time (PDT) | Time (UTC) | Event |
        |---|---|---|
        | 17:40 | 00:40 | Evictions begin |
        | 18:05 | 01:05 | Node pool resized |
        """, select=["PM301", "PM302", "PM303"]) == []


def test_a_table_in_a_local_zone_alone_is_still_reported():
    findings = lint_text("""\
        ## Timeline

        | Time (CEST) | Owner | What happened |
        |---|---|---|
        | 10:14 | infra | Certificate on the API gateway expires |
        | 10:31 | infra | Synthetic check alerts the on-call |
        """, select=["PM302"])
    assert codes(findings) == ["PM302"]
