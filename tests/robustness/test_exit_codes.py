"""Exit codes are a contract: 0 clean, 1 findings at or above the fail level, 2 usage,
config or internal errors, with a one-line message; --debug adds the traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_lint.cli.main import cli

CLEAN = "# Checkout outage\n\n## Timeline\n\n- 14:32 UTC — Deploy started\n"
WARNING = "# Checkout outage\n\n## Timeline\n\n- 14:32 UTC — Deploy started\n- 14:20 UTC — x\n"
ERROR = "# Checkout outage\n\n## Timeline\n\n- 14:32 — Deploy started\n"


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    for name, text in (("clean.md", CLEAN), ("warning.md", WARNING), ("error.md", ERROR)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def _one_line_error(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert "Traceback" not in output
    return lines[-1]


def test_clean_is_0(pages: Path) -> None:
    assert run("check", "--no-cache", "--select", "PM301", str(pages / "clean.md"))[0] == 0


def test_findings_at_the_fail_level_are_1(pages: Path) -> None:
    assert run("check", "--no-cache", "--select", "PM301", str(pages / "error.md"))[0] == 1


def test_findings_below_the_fail_level_are_0(pages: Path) -> None:
    args = ["check", "--no-cache", "--select", "PM303", str(pages / "warning.md")]
    code, output = run(*args)
    assert code == 1 and "PM303" in output and "[warning]" in output
    assert run(*args[:-1], "--fail-level", "error", args[-1])[0] == 0


@pytest.mark.parametrize("args", [
    [], ["check"], ["check", "--format", "xml", "x.md"], ["check", "--bogus", "x.md"],
    ["check", "--today", "yesterday", "x.md"], ["nosuchcommand"],
    ["check", "no/such/file.md"], ["explain", "PM999"],
])
def test_usage_errors_are_2_with_one_line(args: list[str]) -> None:
    code, output = run(*args)
    assert code == 2, output
    _one_line_error(output)


def test_config_errors_are_2_and_name_the_key(pages: Path) -> None:
    (pages / ".postmortem-lint.yaml").write_text("fail-levle: error\n", encoding="utf-8")
    code, output = run("check", "--no-cache", str(pages / "clean.md"))
    assert code == 2
    assert "fail-levle" in _one_line_error(output)


def test_internal_errors_are_2_with_one_line_and_debug_shows_the_traceback(
        pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the engine broke")

    monkeypatch.setattr("postmortem_lint.engine.runner.Linter.lint_path", explode)
    code, output = run("check", "--no-cache", str(pages / "clean.md"))
    assert code == 2
    line = _one_line_error(output)
    assert "internal error" in line and "the engine broke" in line and "--debug" in line
    result = CliRunner().invoke(cli, ["--debug", "check", "--no-cache",
                                      str(pages / "clean.md")])
    assert result.exit_code == 2
    assert "Traceback" in result.output and "RuntimeError: the engine broke" in result.output


def test_a_parser_crash_is_a_finding_not_a_crash(pages: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object) -> None:
        raise IndexError("parser bug")

    monkeypatch.setattr("postmortem_lint.engine.runner.parse", explode)
    code, output = run("check", "--no-cache", str(pages / "clean.md"), str(pages / "error.md"))
    assert code == 1
    assert output.count("PM008") == 2 and "IndexError: parser bug" in output
    assert "Traceback" not in output


# -- the same contract seen from a real process ----------------------------------------------
def process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "postmortem_lint", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)


def test_exit_codes_from_a_subprocess(pages: Path) -> None:
    assert process("check", "--select", "PM301", "clean.md", cwd=pages).returncode == 0
    assert process("check", "--select", "PM301", "error.md", cwd=pages).returncode == 1
    usage = process("check", "missing.md", cwd=pages)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    lines = [line for line in usage.stderr.splitlines() if line.strip()]
    assert len(lines) <= 3 and lines[-1].startswith("Error: no such file")  # usage, hint, error


def test_internal_error_in_a_subprocess_is_one_line_and_debug_shows_the_traceback(
        pages: Path) -> None:
    script = ("import sys\nfrom postmortem_lint.engine import runner\n"
              "def explode(*a, **k):\n    raise RuntimeError('the engine broke')\n"
              "runner.Linter.lint_path = explode\nfrom postmortem_lint.cli.main import main\n"
              "sys.argv = ['postmortem-lint', *sys.argv[1:]]\nmain()\n")
    plain = subprocess.run([sys.executable, "-c", script, "check", "--no-cache", "clean.md"],
                           cwd=pages, capture_output=True, text=True, timeout=300, check=False)
    assert plain.returncode == 2
    assert plain.stderr.strip().count("\n") == 0 and "Traceback" not in plain.stderr
    assert "internal error: RuntimeError: the engine broke" in plain.stderr
    debug = subprocess.run([sys.executable, "-c", script, "--debug", "check", "--no-cache",
                            "clean.md"], cwd=pages, capture_output=True, text=True,
                           timeout=300, check=False)
    assert debug.returncode == 2 and "Traceback (most recent call last)" in debug.stderr
