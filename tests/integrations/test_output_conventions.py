"""The conventions users of ruff, ESLint and markdownlint expect: --color with NO_COLOR and
FORCE_COLOR, the cache at the project's root, explain with "did you mean" and plain text,
rule documentation links, GitLab Code Quality and JUnit reports, --statistics."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_lint.cli.main import cli

PAGE = "# Checkout outage\n\n## Timeline\n\n- 14:32 — Deploy started\n- 14:40 — Alert fired\n"
ESC = "\x1b["


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "p.md"
    path.write_text(PAGE, encoding="utf-8")
    return path


# -- colour -------------------------------------------------------------------------------
def check(page: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return run("check", "--no-cache", "--select", "PM301", *args, str(page), env=env)[1]


def test_color_always_and_never(page: Path) -> None:
    assert ESC in check(page, "--color", "always")
    assert ESC not in check(page, "--color", "never", env={"FORCE_COLOR": "1"})


def test_no_color_and_force_color_in_auto_mode(page: Path) -> None:
    assert ESC in check(page, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert ESC not in check(page, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert ESC not in check(page, env={"NO_COLOR": "", "FORCE_COLOR": ""})  # not a terminal


# -- the cache ------------------------------------------------------------------------------
def test_without_a_config_the_cache_is_at_the_repository_root(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    sub = tmp_path / "docs" / "postmortems"
    sub.mkdir(parents=True)
    (sub / "p.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(sub)
    run("check", "p.md")
    assert (tmp_path / ".postmortem-lint-cache").is_dir()
    assert not (sub / ".postmortem-lint-cache").exists()


def test_outside_a_repository_the_cache_is_in_the_user_cache_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "p.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    run("check", "p.md")
    assert not (work / ".postmortem-lint-cache").exists()
    assert (tmp_path / "xdg" / "postmortem-lint").is_dir()


# -- explain --------------------------------------------------------------------------------
def test_explain_suggests_the_closest_rule() -> None:
    code, output = run("explain", "timeline-zone-mising")
    assert code == 2 and "did you mean 'timeline-zone-missing'" in output


def test_explain_prints_plain_text_and_the_documentation_link() -> None:
    code, output = run("explain", "PM301")
    assert code == 0
    assert "``" not in output and "::" not in output
    assert "Time (UTC)" in output and "\nBad:\n" in output
    assert "docs/rules.md#pm301" in output


def test_explain_shows_every_option_default_even_one_made_by_a_factory() -> None:
    code, output = run("explain", "PM501")
    assert code == 0
    assert '(default: ["status-update", "postmortem-elsewhere", "public-report"])' in output
    assert "required" not in output.split("Options")[1]


# -- links, statistics ---------------------------------------------------------------------------
def test_text_output_links_each_rule_that_fired(page: Path) -> None:
    output = check(page)
    assert "  timeline-zone-missing: https://" in output and "rules.md#pm301" in output
    assert output.rstrip().splitlines()[-1].startswith("Found ")


def test_statistics_counts_findings_per_rule(page: Path) -> None:
    code, output = run("check", "--no-cache", "--select", "PM3", "--statistics", str(page))
    lines = output.splitlines()
    assert code == 1
    assert any(line.split()[:2] == ["1", "PM301"] for line in lines)
    assert not any(line.startswith(str(page)) for line in lines)  # no per-finding lines
    assert lines[-1].startswith("Found ")


# -- GitLab and JUnit ------------------------------------------------------------------------
def test_gitlab_code_quality_report(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(page.parent)
    code, output = run("check", "--no-cache", "--select", "PM3", "--format", "gitlab", "p.md")
    issues = json.loads(output)
    assert code == 1 and issues
    first = issues[0]
    assert set(first) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert first["location"]["path"] == "p.md" and first["location"]["lines"]["begin"] >= 1
    assert first["severity"] in {"info", "minor", "major", "critical", "blocker"}
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_junit_report(page: Path) -> None:
    code, output = run("check", "--no-cache", "--select", "PM3", "--format", "junit", str(page))
    root = ET.fromstring(output.split("\n", 1)[1])
    failures = root.findall(".//testcase/failure")
    assert code == 1 and root.tag == "testsuites"
    assert int(root.get("failures", "0")) == len(failures) > 0
    assert any(failure.get("type") == "PM301" for failure in failures)
