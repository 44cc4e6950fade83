"""What real documents write that the reader must not misread: a field whose key names its
zone, an id that looks like a date, a record of times after the timeline, an impact that
says no one was hit, an action item that names its condition by an exit code, and a
document written in another language, whose words the English vocabulary cannot judge."""

from __future__ import annotations

import datetime as dt

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, parse_text

FIELD_TABLE = """\
    # Scheduler webhook blocked

    | Item | Value |
    |------|-------|
    | **Date (UTC)** | 2026-04-18 |
    | **Resolution Time** | 2026-04-18 03:49 UTC |
    | **Severity** | P3 |

    ## Summary

    Schedules could not be created. Related incidents: F06-08-01 (same pattern).
    """


def test_a_field_key_that_names_its_zone_is_still_the_field() -> None:
    doc = parse_text(FIELD_TABLE)
    assert doc.meta.incident_date is not None
    assert doc.meta.incident_date.value == dt.date(2026, 4, 18)
    assert doc.meta.incident_end is not None
    assert doc.meta.incident_end.value.hour == 3


def test_an_id_with_a_letter_before_its_numbers_is_no_date() -> None:
    doc = parse_text("""\
        # Scheduler webhook blocked

        ## Summary

        Schedules could not be created for two minutes while the policy blocked the
        webhook. Related incidents: F06-08-01 and F06-09-02, the same pattern.
        """)
    assert doc.meta.incident_date is None


AFTER_THE_TIMELINE = """\
    # Rent sweep

    ## Timeline

    - 08:30 UTC — first exploit transaction
    - 09:11 UTC — executor logs surfaced
    - 10:23 UTC — fiber program upgraded; vulnerability closed

    ## Deployment

    | Program | Slot | Time (UTC) |
    |---|---|---|
    | thread | 441846236 | 10:22:28 |
    | fiber | 441846329 | 10:23:02 |

    The reporter has sent no transaction since
    08:39:14, well before either upgrade.
    """


def test_a_table_of_times_after_the_timeline_is_not_part_of_it() -> None:
    doc = parse_text(AFTER_THE_TIMELINE)
    assert [entry.text.text.split()[0] for entry in doc.timeline.entries] == [
        "first", "executor", "fiber"]
    found = codes(lint_text(AFTER_THE_TIMELINE, select=["PM303"]))
    assert found == []


def test_an_impact_that_says_no_users_were_hit_is_sized() -> None:
    text = """\
        # Cluster rebuild

        ## Impact
        Users were not impacted as the new services were not connected to the old
        infrastructure.

        ## Root cause
        Storage could not be shared between the two machines.
        """
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == []


def test_an_exit_code_names_the_condition_of_an_alert() -> None:
    text = """\
        ## Action items

        - Add alerting for OOM kills and containers exiting with code 137 — @mei, due
          2026-07-01
        - Add monitoring — @mei, due 2026-07-01
        """
    found = lint_text(text, select=["PM506"])
    assert [finding.span.line for finding in found] == [5]


KOREAN = """\
    # Incident: chaos-mesh webhook 호출 차단으로 Schedule 생성 실패

    ## Impact

    - **사용자 영향**: 없음 (내부 도구 도입 단계)
    - **데이터 손실**: 없음

    ## Timeline (모두 UTC)

    | 시각 | 이벤트 |
    |------|--------|
    | 03:47 | 04-chaos-experiments.sh 실행 → 6개 Schedule 모두 webhook timeout |
    | 03:48 | NetworkPolicy 분석 → 원인 발견 |
    | 03:49 | allow-webhook-ingress NP 적용 |
    | 03:49 | 테스트 Schedule 생성 성공 |

    ## Root cause

    default-deny-ingress 정책이 webhook 트래픽을 차단했기 때문.
    """


def test_a_timeline_and_impact_in_another_language_are_not_judged() -> None:
    assert codes(lint_text(KOREAN, select=["PM202", "PM304"])) == []


def test_the_same_timeline_in_english_is_judged() -> None:
    english = """\
        # Incident: scheduler webhook blocked

        ## Impact

        - Some internal users could not create schedules.

        ## Timeline (UTC)

        | Time | Event |
        |------|--------|
        | 03:47 | Experiments script ran; every schedule request timed out |
        | 03:48 | Network policy analysed |
        | 03:49 | Policy applied |

        ## Root cause

        The default-deny policy blocked the webhook's traffic.
        """
    assert sorted(codes(lint_text(english, select=["PM202", "PM304"]))) == ["PM202", "PM304"]
