"""Malformed input becomes a finding with a clear message at the place it is written."""

from __future__ import annotations

import pytest

from tests.conftest import lint_text

CASES = [
    # (what, file name, text, code, line, column, words the message must contain)
    ("broken YAML file", "p.yaml", "title: x\nseverity: [SEV-2\nfoo: bar\n",
     "PM002", 3, 4, ["invalid YAML"]),
    ("broken front matter", "p.md", "---\ntitle: x\nseverity: [SEV-2\n---\n# T\n",
     "PM002", 3, 17, ["front matter", "invalid YAML"]),
    ("front matter that is a list", "p.md", "---\n- a\n- b\n---\n# T\n",
     "PM002", 1, 1, ["front matter must be a mapping", "a list"]),
    ("front matter that is text", "p.md", "---\njust text\n---\n# T\n",
     "PM002", 1, 1, ["front matter must be a mapping", "text"]),
    ("YAML postmortem that is a list", "p.yaml", "- a\n- b\n",
     "PM002", 1, 1, ["must be a mapping", "a list"]),
    ("empty YAML postmortem", "p.yaml", "", "PM002", 1, 1, ["empty"]),
    ("tab indentation in YAML", "p.yaml", "title:\tx\n\tfoo: 1\n", "PM002", 1, 7, ["\\t"]),
    ("a list where a date belongs (YAML)", "p.yaml", "title: x\ndate: [2026-03-01]\n",
     "PM003", 2, 7, ['"date"', "single value", "a list"]),
    ("a list where a date belongs (front matter)", "p.md",
     "---\ndate:\n  - 2026-03-01\n---\n# T\n", "PM003", 3, 3, ['"date"', "a list"]),
    ("a number where a date belongs", "p.yaml", "title: x\ndate: 20260230\n",
     "PM003", 2, 7, ['"date"', "a date", "a number"]),
    ("a mapping where severity belongs", "p.yaml", "title: x\nseverity: {a: 1}\n",
     "PM003", 2, 11, ['"severity"', "a mapping"]),
    ("unknown severity (front matter)", "p.md", "---\nseverity: Sev-Purple\n---\n# T\n",
     "PM003", 2, 11, ["unknown severity", "Sev-Purple"]),
    ("unknown severity (Markdown)", "p.md", "# T\n\nSeverity: SEV-9\n",
     "PM003", 3, 11, ["unknown severity", "SEV-9"]),
    ("unknown severity (YAML number)", "p.yaml", "title: x\nseverity: 9\n",
     "PM003", 2, 11, ["unknown severity"]),
    ("Feb 30 in YAML", "p.yaml", "title: x\ndate: 2026-02-30\n",
     "PM003", 2, 7, ["impossible date", "2026-02-30"]),
    ("Feb 30 in front matter", "p.md", "---\ndate: 2026-02-30\n---\n# T\n",
     "PM003", 2, 7, ["impossible date"]),
    ("Feb 30 in Markdown", "p.md", "# T\n\nDate: 2026-02-30\n",
     "PM003", 3, 7, ["impossible date"]),
    ("Feb 30 in a start time", "p.md", "# T\n\nStart: 2026-02-30 14:00 UTC\n",
     "PM003", 3, 8, ["impossible date"]),
    ("Feb 30 as an action's due date", "p.md",
     "# T\n\n## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n"
     "| Fix it | @a | 2026-02-30 |\n", "PM003", 7, 17, ["impossible date"]),
    ("a start time with no date (Markdown)", "p.md", "# T\n\nStart: 14:32 UTC\n",
     "PM003", 3, 8, ["start time", "14:32 UTC", "no date"]),
    ("a start time with no date (YAML)", "p.yaml", "title: x\nincident:\n  start: '14:32 UTC'\n",
     "PM003", 3, 11, ["start time", "no date"]),
    ("an end time with no date (front matter)", "p.md", "---\nend: '15:10'\n---\n# T\n",
     "PM003", 2, 7, ["end time", "no date"]),
    ("timeline that is not a list", "p.yaml", "title: x\ntimeline: 5\n",
     "PM003", 2, 11, ['"timeline"', "list of entries", "a number"]),
    ("timeline entry without a time", "p.yaml", "title: x\ntimeline:\n  - event: x\n",
     "PM003", 3, 5, ["timeline entry has no time"]),
    ("action item without a description", "p.yaml",
     "title: x\naction items:\n  - owner: '@a'\n", "PM003", 3, 5, ["no description"]),
]


@pytest.mark.parametrize(("what", "name", "text", "code", "line", "column", "words"), CASES,
                         ids=[case[0] for case in CASES])
def test_malformed_input_is_a_finding_at_its_place(what: str, name: str, text: str, code: str,
                                                   line: int, column: int,
                                                   words: list[str]) -> None:
    findings = [f for f in lint_text(text, name, select=["PM0"]) if f.code == code]
    assert findings, f"{what}: no {code} finding"
    finding = findings[0]
    assert (finding.span.line, finding.span.column) == (line, column), finding
    for word in words:
        assert word in finding.message, finding.message
    assert "Traceback" not in finding.message and "\n" not in finding.message


def test_a_start_time_takes_the_incident_date_when_one_is_given() -> None:
    text = "# T\n\nStart: 14:32 UTC\nDate: 2026-03-04\n"
    assert [f for f in lint_text(text, "p.md", select=["PM0"]) if "no date" in f.message] == []


def test_well_formed_values_give_no_parse_findings() -> None:
    text = ("---\ntitle: Checkout outage\nseverity: SEV-2\ndate: 2026-03-04\n"
            "start: 2026-03-04 14:02 UTC\nend: '15:25 UTC'\n---\n# Checkout outage\n")
    assert lint_text(text, "p.md", select=["PM0"]) == []


def test_a_yaml_postmortem_that_cannot_be_read_reports_only_that():
    findings = lint_text("title: x\nseverity: SEV-2\n  bad: [\n", name="p.yaml")
    assert [f.code for f in findings] == ["PM002"]


def test_broken_front_matter_drops_missing_section_findings_but_keeps_the_body_s():
    findings = lint_text("""\
        ---
        severity: [SEV-2
        ---
        # Checkout outage

        ## Timeline

        - 14:32 — Deploy started
        """, name="p.md")
    codes = {f.code for f in findings}
    assert "PM002" in codes and "PM301" in codes  # the body is still checked
    assert not codes & {"PM201", "PM401", "PM501", "PM701", "PM801"}  # its gaps may be in the YAML
