"""Fixes: each fixable rule's before/after, byte-exact rewriting, idempotence."""

from __future__ import annotations

import codecs
import datetime as dt
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postmortem_lint.engine.config import Config, LoadedConfig
from postmortem_lint.engine.registry import all_rules
from postmortem_lint.engine.runner import Linter
from postmortem_lint.fixes.run import fix_bytes
from postmortem_lint.ruledata import load_rule_data

TODAY = dt.date(2026, 6, 1)


def linter(select: list[str], **config: object) -> Linter:
    return Linter(LoadedConfig(config=Config.model_validate(config)), select=select,
                  use_cache=False, today=TODAY)


def fixed(text: str, select: list[str], unsafe: bool = False, name: str = "pm.md",
          **config: object) -> str:
    data = textwrap.dedent(text).encode("utf-8")
    return fix_bytes(linter(select, **config), data, name, unsafe).after.decode("utf-8")


# -- PM302: a time in another zone, rewritten in UTC ------------------------------------------
def test_entries_reported_together_are_fixed_together():
    before = """\
        ## Timeline

        - 2026-02-17 18:02 PST — Deploy started
        - 2026-02-17 18:09 PST — Alert fired
        - 18:30 PST — Rollback started
        """
    # the last one has no date and would change day: none is fixed
    assert fixed(before, ["PM302"], unsafe=True) == textwrap.dedent(before)
    fixable = textwrap.dedent(before).replace("18:30 PST", "2026-02-17 18:30 PST")
    assert fixed(fixable, ["PM302"]).count(" UTC — ") == 3


def test_dated_time_is_rewritten_in_utc_with_the_date_rolling_over():
    before = """\
        ## Timeline

        - 2026-02-17 18:02 PST — Deploy of checkout-api started
        - 2026-02-17 09:10 CET — Alert fired
        """
    assert fixed(before, ["PM302"]) == textwrap.dedent("""\
        ## Timeline

        - 2026-02-18 02:02 UTC — Deploy of checkout-api started
        - 2026-02-17 08:10 UTC — Alert fired
        """)


def test_time_in_a_table_row_with_a_date_cell_is_fixed_only_when_the_day_stays():
    before = """\
        **Date:** 2026-02-17

        ## Timeline

        | Date | Time | Event |
        |---|---|---|
        | 2026-02-17 | 18:02 PST | Deploy started |
        | 2026-02-17 | 09:10 CET | Alert fired |
        """
    after = fixed(before, ["PM302"])
    assert "| 2026-02-17 | 18:02 PST |" in after  # the date cell is not the rule's to edit
    assert "| 2026-02-17 | 08:10 UTC |" in after


def test_time_in_yaml_keeps_its_quotes():
    before = """\
        title: Checkout errors
        timeline:
          - time: "2026-02-17 18:02 PST"
            event: Deploy started
        """
    assert '  - time: "2026-02-18 02:02 UTC"\n' in fixed(before, ["PM302"], name="pm.yaml")


def test_ambiguous_zone_is_an_unsafe_fix():
    before = """\
        ## Timeline

        - 2026-02-17 18:02 IST — Deploy started
        """
    assert "18:02 IST" in fixed(before, ["PM302"])
    assert "12:32 UTC" in fixed(before, ["PM302"], unsafe=True)


# -- PM704: severity spelling -----------------------------------------------------------------
@pytest.mark.parametrize("written", ["Sev 1", "sev1", "SEV 1", "S1", "sev_1", "Sev-1"])
def test_severity_is_written_in_the_default_spelling(written):
    assert fixed(f"# Outage\n\n**Severity:** {written}\n", ["PM704"]) == \
        "# Outage\n\n**Severity:** SEV-1\n"


def test_severity_follows_the_configured_spelling():
    config = {"rules": {"PM704": {"spelling": "Sev{level}"}}}
    assert fixed("**Severity:** SEV-2\n", ["PM704"], **config) == "**Severity:** Sev2\n"


def test_other_severity_schemes_are_left_alone():
    for written in ("P1", "Critical", "SEV-1 (customer impact)", "SEV1", "SEV-1"):
        text = f"**Severity:** {written}\n"
        assert fixed(text, ["PM704"]) == text


# -- PM503 / PM505: due dates from the priority policy (unsafe) --------------------------------
ACTIONS = """\
    # Checkout errors

    **Date:** 2026-02-17

    ## Action items

    | Action | Owner | Priority | Due |
    |---|---|---|---|
    | Add a canary stage for checkout-api | Nora Eriksen | P1 | - |
    | Alert on cart-api error rate | Nora Eriksen | P0 | 2026-03-20 |
    """


def test_due_dates_are_unsafe_fixes():
    assert fixed(ACTIONS, ["PM503", "PM505"]) == textwrap.dedent(ACTIONS)


def test_due_dates_come_from_the_priority_policy():
    after = fixed(ACTIONS, ["PM503", "PM505"], unsafe=True)
    policy = load_rule_data(()).priority_deadline_days
    incident = dt.date(2026, 2, 17)
    p1 = incident + dt.timedelta(days=policy[1])  # a Tuesday: no weekend to skip
    p0 = incident + dt.timedelta(days=policy[0])
    assert f"| P1 | {p1.isoformat()} |" in after
    assert f"| P0 | {p0.isoformat()} |" in after
    assert fix_bytes(linter(["PM503", "PM505"]), after.encode(), "pm.md", True).result \
        .findings == []


# -- bytes outside the edits never change --------------------------------------------------------
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
@pytest.mark.parametrize("final", [True, False])
def test_line_endings_bom_and_final_newline_survive(newline, bom, final):
    lines = ["# Outage", "", "**Severity:** sev 2", "", "## Timeline", "",
             "- 2026-02-17 18:02 PST — Deploy started", "- 2026-02-17 18:09 UTC — Alert"]
    data = bom + (newline.join(lines) + (newline if final else "")).encode()
    after = fix_bytes(linter(["PM302", "PM704"]), data, "pm.md").after
    expected = [line.replace("sev 2", "SEV-2").replace("2026-02-17 18:02 PST",
                                                        "2026-02-18 02:02 UTC") for line in lines]
    assert after == bom + (newline.join(expected) + (newline if final else "")).encode()


def test_non_utf8_files_are_not_rewritten():
    data = "**Severity:** sev 2\n".encode("utf-16")
    outcome = fix_bytes(linter(["PM704"]), data, "pm.md")
    assert outcome.after == data


def test_fixable_rules_say_so_in_their_docs():
    fixable = {code for code, rule in all_rules().items() if rule.fix_kind is not None}
    assert {"PM302", "PM503", "PM505", "PM704"} <= fixable
    for code in fixable:
        assert "Fix" in all_rules()[code].doc()


# -- properties: fixing twice equals fixing once; no new finding of a fixed rule ---------------
ZONES = ["PST", "PDT", "CET", "CEST", "JST", "EST", "UTC", "+02:00", "IST", "NZDT"]
SEVERITIES = ["Sev 1", "sev2", "SEV-3", "S0", "P1", "Critical", "sev 4"]
PRIORITIES = ["P0", "P1", "P2", "P3"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    day = draw(st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 28)))
    lines = ["# Incident", "", f"**Date:** {day.isoformat()}",
             f"**Severity:** {draw(st.sampled_from(SEVERITIES))}", "", "## Timeline", ""]
    for _ in range(draw(st.integers(1, 4))):
        hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
        dated = draw(st.booleans())
        stamp = f"{day.isoformat()} " if dated else ""
        lines.append(f"- {stamp}{hour:02d}:{minute:02d} {draw(st.sampled_from(ZONES))} — "
                     "Deploy started")
    lines += ["", "## Action items", "", "| Action | Owner | Priority | Due |", "|---|---|---|---|"]
    for index in range(draw(st.integers(0, 3))):
        due = draw(st.sampled_from(["-", "", (day + dt.timedelta(days=draw(
            st.integers(0, 120)))).isoformat()]))
        lines.append(f"| Add alert number {index} on checkout-api | Nora Eriksen | "
                     f"{draw(st.sampled_from(PRIORITIES))} | {due} |")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


FIXABLE = ["PM302", "PM503", "PM505", "PM704"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans())
def test_fixing_twice_equals_fixing_once(document, unsafe):
    lint = linter(FIXABLE)
    first = fix_bytes(lint, document.encode(), "pm.md", unsafe)
    second = fix_bytes(lint, first.after, "pm.md", unsafe)
    assert second.after == first.after
    # A finding is the same when it is where it was (the fixes never add or remove lines);
    # its message may change: a time moved to UTC can move the incident day, and with it
    # the deadlines an action item's finding quotes.
    before = {(f.code, f.span.line, f.span.column) for f in lint.lint_bytes(
        document.encode(), "pm.md").findings}
    for finding in first.result.findings:
        if finding.code in first.fixed:
            assert (finding.code, finding.span.line, finding.span.column) in before, finding


def test_a_configured_spelling_is_the_only_one_accepted():
    config = {"rules": {"PM704": {"spelling": "SEV-{level}"}}}
    assert fixed("**Severity:** SEV1\n", ["PM704"], **config) == "**Severity:** SEV-1\n"


def test_a_standard_time_abbreviation_in_summer_is_an_unsafe_fix():
    before = """\
        ## Timeline

        - 2026-07-14 18:02 PST — Deploy started
        - 2026-01-14 18:02 PST — Deploy started
        """
    # In July, Pacific time is PDT: ask a person. The two entries are one finding, fixed
    # together, so the fix is unsafe as a whole.
    assert fixed(before, ["PM302"]) == textwrap.dedent(before)
    after = fixed(before, ["PM302"], unsafe=True)
    assert "2026-07-15 02:02 UTC" in after and "2026-01-15 02:02 UTC" in after
    winter = "## Timeline\n\n- 2026-01-14 18:02 PST — Deploy started\n"
    assert "2026-01-15 02:02 UTC" in fixed(winter, ["PM302"])


def test_a_time_range_is_not_read_as_a_numeric_offset():
    before = """\
        **Date:** 2026-02-17

        ## Timeline

        - 10:01-10:02: Responders join the call
        - 2026-02-17T18:02-08:00 Deploy started
        """
    after = fixed(before, ["PM302"], unsafe=True)
    assert "- 10:01-10:02: Responders join the call" in after
    assert "- 2026-02-18 02:02 UTC Deploy started" in after


def test_fixes_that_move_the_incident_day_are_followed_by_the_due_dates():
    # Moving the first entry to UTC puts the incident on 2024-12-31: the due date set in
    # the same round from 2025-01-01 is brought forward in the next round.
    before = """\
        # Incident

        **Date:** 2025-01-01

        ## Timeline

        - 2025-01-01 00:00 CET — Deploy started

        ## Action items

        | Action | Owner | Priority | Due |
        |---|---|---|---|
        | Add alert number 0 on checkout-api | Nora Eriksen | P0 | - |
        """
    lint = linter(FIXABLE)
    outcome = fix_bytes(lint, textwrap.dedent(before).encode(), "pm.md", unsafe=True)
    after = outcome.after.decode()
    assert "- 2024-12-31 23:00 UTC — Deploy started" in after
    assert "| P0 | 2025-01-01 |" in after
    assert [f.code for f in outcome.result.findings] == []
