"""Suppression comments: a typo in one never silences a whole file, and a directive that
does not parse or names no known rule is itself a finding (PM009)."""

from __future__ import annotations

import json

from postmortem_lint.reporters.json_report import render_json
from postmortem_lint.reporters.sarif import build_sarif, render_sarif, to_sarif_dict
from tests.conftest import codes, lint_text
from tests.integrations.sarif_validation import assert_valid_sarif

# PM301 (no zone) on the timeline; PM304 (no mitigation/resolution entry) on its heading.
TIMELINE = """\
# Checkout outage

{directive}

## Timeline

- 14:32 — Deploy started
- 14:40 — Alert fired
"""


def lint_with(directive: str, select: list[str] | None = None) -> list[str]:
    return codes(lint_text(TIMELINE.format(directive=directive), select=select or ["PM0", "PM3"]))


def test_codes_are_case_insensitive() -> None:
    found = lint_with("<!-- postmortem-lint: disable-file=pm301 -->")
    assert "PM301" not in found and "PM304" in found  # only PM301, not every rule


def test_a_rule_name_names_the_rule() -> None:
    found = lint_with("<!-- postmortem-lint: disable-file=timeline-zone-missing -->")
    assert "PM301" not in found and "PM304" in found


def test_a_prefix_names_the_family() -> None:
    found = lint_with("<!-- postmortem-lint: disable-file=PM30 -->")
    assert "PM301" not in found and "PM304" not in found and "PM009" not in found


def test_a_reason_after_two_dashes_is_allowed_and_kept() -> None:
    text = TIMELINE.format(
        directive="<!-- postmortem-lint: disable-file=PM301 -- the vendor's log has no zone -->")
    findings = lint_text(text, select=["PM0", "PM3"])
    assert "PM301" not in codes(findings) and "PM304" in codes(findings)
    from postmortem_lint.engine.config import LoadedConfig
    from postmortem_lint.engine.runner import Linter

    result = Linter(LoadedConfig(), select=["PM0", "PM3"], use_cache=False).lint_bytes(
        text.encode(), "p.md")
    assert [(f.code, f.justification) for f in result.suppressed] == [
        ("PM301", "the vendor's log has no zone")]
    report = json.loads(render_json([result]))
    assert report["files"][0]["suppressed"][0]["justification"] == "the vendor's log has no zone"
    sarif = to_sarif_dict(build_sarif([result]))
    assert_valid_sarif(render_sarif([result]))  # the SARIF schema and GitHub's upload rules
    silenced = [r for r in sarif["runs"][0]["results"] if r.get("suppressions")]
    assert silenced[0]["ruleId"] == "PM301"
    assert silenced[0]["suppressions"] == [{"kind": "inSource",
                                            "justification": "the vendor's log has no zone"}]


def test_an_unknown_code_is_a_finding_and_suppresses_nothing() -> None:
    found = lint_with("<!-- postmortem-lint: disable-file=PM9999 -->")
    assert "PM009" in found and "PM301" in found and "PM304" in found


def test_a_misspelt_name_is_a_finding_with_a_suggestion() -> None:
    findings = lint_text(TIMELINE.format(
        directive="<!-- postmortem-lint: disable-file=timeline-zone-mising -->"),
        select=["PM0", "PM3"])
    invalid = [f for f in findings if f.code == "PM009"]
    assert invalid and "did you mean 'timeline-zone-missing'" in invalid[0].message
    assert "PM301" in codes(findings)


def test_a_directive_that_does_not_parse_is_a_finding() -> None:
    for directive in ("<!-- postmortem-lint: disabel-file=PM301 -->",
                      "<!-- postmortem-lint: disable-file= -->",
                      "<!-- postmortem-lint: disable-file=PM301;PM304 -->"):
        found = lint_with(directive)
        assert "PM009" in found and "PM301" in found and "PM304" in found, directive


def test_only_a_bare_directive_means_every_rule() -> None:
    found = lint_with("<!-- postmortem-lint: disable-file -->")
    assert "PM301" not in found and "PM304" not in found and "PM009" not in found


def test_yaml_comments_follow_the_same_rules() -> None:
    text = ("title: Checkout outage\n"
            "# postmortem-lint: disable-next-line=timeline-zone-missing -- vendor log\n"
            "timeline:\n  - time: '14:32'\n    event: Deploy started\n")
    plain = codes(lint_text(text.replace("# postmortem", "# not-postmortem"), name="p.yaml",
                            select=["PM301"]))
    assert plain == ["PM301"]
    found = lint_text(text, name="p.yaml", select=["PM0", "PM301"])
    assert "PM009" not in codes(found)
    unknown = lint_text(text.replace("timeline-zone-missing", "pm3o1"), name="p.yaml",
                        select=["PM0", "PM301"])
    assert "PM009" in codes(unknown) and "PM301" in codes(unknown)
