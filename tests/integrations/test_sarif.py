"""--format sarif: every SARIF written is checked against the official 2.1.0 schema and the
upload rules of GitHub code scanning (tests/integrations/sarif_validation.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postmortem_lint.engine.finding import Level
from postmortem_lint.engine.registry import all_rules
from postmortem_lint.reporters import sarif
from postmortem_lint.reporters.sarif import MAX_RESULTS, doc_markdown, render_sarif
from tests.conftest import CORPUS
from tests.integrations.conftest import SMALL, file_result, finding, run_cli
from tests.integrations.sarif_validation import (
    assert_valid_sarif,
    github_upload_errors,
    schema_errors,
)


def _sarif(*args: str, cwd: Path) -> dict:
    done = run_cli("check", "--format", "sarif", "--no-cache", *args, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return assert_valid_sarif(done.stdout)


def test_the_validators_reject_what_github_rejects():
    # The checks must be able to fail: a log with the classic mistakes.
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [
        {"id": "A"}]}}, "results": [
        {"ruleId": "B", "message": {"text": ""}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "file:///home/me/pm.md"}, "region": {"startLine": 0}}}]},
        {"ruleId": "A", "ruleIndex": 3, "message": {"text": "m"}, "locations": [{
            "physicalLocation": {"artifactLocation": {"uri": "a b.md", "uriBaseId": "%X%"},
                                 "region": {"startLine": 2}}}]}]}]}
    problems = "\n".join(github_upload_errors(bad))
    for expected in ("ruleId 'B'", "empty message", "not a relative path", "startLine 0",
                     "ruleIndex", "not a valid URI reference", "uriBaseId"):
        assert expected in problems
    assert schema_errors({"version": "2.1.0", "runs": [{"tool": {}}]})


def test_driver_describes_every_registered_rule(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = assert_valid_sarif(render_sarif([]))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "postmortem-lint" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == list(all_rules())
    for rule in driver["rules"]:
        registered = all_rules()[rule["id"]]
        assert rule["name"] == registered.name
        assert rule["shortDescription"]["text"] == registered.summary()
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"] == registered.doc()
        assert rule["help"]["markdown"]
        assert rule["helpUri"].startswith("https://")
        level = {"error": "error", "warning": "warning", "info": "note"}[registered.level.value]
        assert rule["defaultConfiguration"]["level"] == level


def test_corpus_sarif_is_valid():
    log = _sarif(".", cwd=CORPUS)
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    results = run["results"]
    assert results, "the flawed corpus has findings"
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["artifactLocation"]["uri"].startswith(("clean/", "flawed/"))
        assert result["partialFingerprints"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "flawed/02_search_alias_switched_early.md" in uris


def test_regions_and_levels_match_the_findings(small_postmortem):
    log = _sarif("--select", "PM301", "postmortems", cwd=small_postmortem.parent.parent)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["PM301", "PM301"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    assert [(r["startLine"], r["startColumn"], r["endLine"], r["endColumn"])
            for r in regions] == [(9, 3, 9, 8), (10, 3, 10, 8)]
    assert all(r["level"] == "error" for r in results)
    assert "14:32" in results[0]["message"]["text"]


def _fingerprints(text: str, tmp_path: Path) -> dict[str, int]:
    (tmp_path / "postmortems").mkdir(exist_ok=True)
    (tmp_path / "postmortems" / "checkout.md").write_text(text, encoding="utf-8")
    log = _sarif("--select", "PM301", "postmortems", cwd=tmp_path)
    return {next(iter(r["partialFingerprints"].values())):
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in log["runs"][0]["results"]}


def test_fingerprints_survive_unrelated_lines_moving(tmp_path):
    before = _fingerprints(SMALL, tmp_path)
    moved = SMALL.replace("## Summary\n", "## Summary\n\nA new paragraph.\n\nAnd another.\n")
    after = _fingerprints(moved, tmp_path)
    assert len(before) == 2
    assert set(before) == set(after)  # same fingerprints …
    assert sorted(after.values()) == [line + 4 for line in sorted(before.values())]  # … moved
    edited = SMALL.replace("- 14:32 — Deploy", "- 14:33 — Deploy")
    changed = _fingerprints(edited, tmp_path)
    assert len(set(before) & set(changed)) == 1  # only the edited line gets a new one


def test_identical_lines_get_distinct_fingerprints(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm.md").write_text("same line\nsame line\n", encoding="utf-8")
    text = render_sarif([file_result("pm.md", finding("pm.md", 1), finding("pm.md", 2))])
    results = assert_valid_sarif(text)["runs"][0]["results"]
    prints = [r["partialFingerprints"]["postmortemLint/v1"] for r in results]
    assert len(set(prints)) == 2


def test_a_fixed_finding_does_not_hand_its_alert_to_another_on_the_same_line(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm.md").write_text("# Outage\n", encoding="utf-8")

    def prints(*messages: str) -> list[str]:
        text = render_sarif([file_result("pm.md", *(finding("pm.md", 1, m) for m in messages))])
        return [r["partialFingerprints"]["postmortemLint/v1"]
                for r in assert_valid_sarif(text)["runs"][0]["results"]]

    both = prints('No "What went well" section', 'No "What went wrong" section')
    assert len(set(both)) == 2
    assert prints('No "What went wrong" section') == both[1:]


@pytest.mark.parametrize("name", ["a b.md", "a,b:c.md", "100% done.md", "é #1?.md",
                                  "sub dir/x[1].md", "c:notdrive.md"])
def test_awkward_file_names_become_relative_uri_references(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("x\n", encoding="utf-8")
    for shown in (name, str(target)):  # relative, and absolute under the root
        log = assert_valid_sarif(render_sarif([file_result(shown, finding(shown, 1))]))
        uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "artifactLocation"]["uri"]
        from urllib.parse import unquote

        assert unquote(uri) == Path(name).as_posix()


def test_odd_spans_and_messages_stay_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    results = [file_result(
        "x.md",
        finding("x.md", 1, "whole lines", column=1, end_column=1, end_line=4),
        finding("x.md", 2, "empty range", column=5, end_column=5),
        finding("x.md", 3, "  ", level=Level.info),
        finding("x.md", 0, "line zero"),
        finding("x.md", 1, "unknown rule", code="PM999", rule="from-a-plugin"),
        finding("x.md", 1, "multi\nline %s {0}", hint="do\r\nthis", level=Level.warning))]
    log = assert_valid_sarif(render_sarif(results))
    run = log["runs"][0]
    assert "PM999" in [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    whole = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert whole == {"startLine": 1, "endLine": 4}
    assert [r["level"] for r in run["results"]][2:4] == ["note", "error"]


def test_results_are_capped_at_githubs_limit(tmp_path, monkeypatch):
    assert MAX_RESULTS == 25_000
    monkeypatch.setattr(sarif, "MAX_RESULTS", 100)  # the same code path, quicker to validate
    monkeypatch.chdir(tmp_path)
    many = [finding("x.md", 1 + i % 50, f"w{i}", level=Level.warning) for i in range(100)]
    many += [finding("x.md", 7, "the error", level=Level.error)]
    log = assert_valid_sarif(render_sarif([file_result("x.md", *many)]))
    run = log["runs"][0]
    assert len(run["results"]) == 100
    assert any(r["level"] == "error" for r in run["results"])  # the most severe are kept
    assert run["invocations"][0]["toolExecutionNotifications"]


def test_sarif_output_next_to_github_annotations(small_postmortem):
    root = small_postmortem.parent.parent
    done = run_cli("check", "--select", "PM301", "--no-cache", "--format", "github",
                   "--sarif-output", "out.sarif", "postmortems", cwd=root)
    assert done.returncode == 1
    assert done.stdout.startswith("::error ")
    log = assert_valid_sarif((root / "out.sarif").read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == 2


def test_help_markdown_turns_literal_blocks_into_fences():
    doc = "What.\n\nBad::\n\n    - 14:32 — x\n      more\n\nGood: ``y``.\n"
    assert doc_markdown(doc) == "What.\n\nBad:\n\n```\n- 14:32 — x\n  more\n```\n\nGood: `y`.\n"


def test_no_findings_is_still_a_valid_log(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = assert_valid_sarif(render_sarif([file_result("clean.md")]))
    assert log["runs"][0]["results"] == []
    assert json.loads(render_sarif([]))["runs"][0]["tool"]["driver"]["rules"]
