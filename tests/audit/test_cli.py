"""``postmortem-lint audit`` on the command line: exit codes, options, files written."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from postmortem_lint.cli.main import cli

CLEAN = """\
# Queue delay

**Incident ID:** INC-9
**Date:** 2026-03-01
**Severity:** SEV-3

## Timeline

- 10:00 UTC — Onset: consumers stall.
- 10:05 UTC — Detection: lag alert fires.
"""


def run(*args: str):
    return CliRunner().invoke(cli, ["audit", *args], catch_exceptions=False)


def test_exit_code_1_when_a_finding_reaches_the_fail_level(archive: Path):
    result = run(str(archive), "--today", "2026-07-01", "-j", "1")
    assert result.exit_code == 1, result.output
    assert "Overdue action items by owner" in result.output
    assert "\x1b[" not in result.output  # plain text when not a terminal


def test_exit_code_0_without_findings_at_the_fail_level(tmp_path: Path):
    (tmp_path / "inc.md").write_text(CLEAN, encoding="utf-8")
    result = run(str(tmp_path), "--select", "PM301", "--no-cache", "--format", "json")
    assert result.exit_code == 0, result.output
    (tmp_path / "inc.md").write_text(CLEAN.replace(" UTC", ""), encoding="utf-8")
    result = run(str(tmp_path), "--select", "PM301", "--no-cache", "--format", "json")
    assert result.exit_code == 1
    result = run(str(tmp_path), "--select", "PM301", "--no-cache", "--fail-level", "error",
                 "--ignore", "PM301")
    assert result.exit_code == 0


def test_exit_code_2_for_usage_and_config_errors(tmp_path: Path, archive: Path):
    assert run(str(tmp_path / "missing")).exit_code == 2
    assert run(str(archive), "--since", "last year").exit_code == 2
    assert run(str(archive), "--jobs", "0").exit_code == 2
    assert run(str(archive), "--format", "pdf").exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("no-such-key: 1\n", encoding="utf-8")
    result = run(str(archive), "--config", str(bad))
    assert result.exit_code == 2
    assert "no-such-key" in result.output


def test_output_file_and_quiet(archive: Path, tmp_path: Path):
    out = tmp_path / "audit.md"
    result = run(str(archive), "--today", "2026-07-01", "--format", "markdown", "-o", str(out),
                 "--quiet")
    assert result.exit_code == 1
    assert result.output == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Postmortem audit (6 documents)")
    assert "## Repeat incidents" in text


def test_since_option(archive: Path):
    result = run(str(archive), "--today", "2026-07-01", "--since", "2026-01-01", "--format",
                 "json")
    assert '"filtered_out": 1' in result.output
