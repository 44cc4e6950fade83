"""``check --fix``, ``--diff`` and ``--unsafe-fixes`` from the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from postmortem_lint.cli.main import cli

DOC = b"""# Checkout errors\r
\r
**Date:** 2026-02-17\r
**Severity:** Sev 1\r
\r
## Action items\r
\r
| Action | Owner | Priority | Due |\r
|---|---|---|---|\r
| Alert on cart-api error rate | Nora Eriksen | P0 | 2026-03-20 |\r
\r
## Timeline\r
\r
- 2026-02-17 23:30 PST \xe2\x80\x94 Rollback started"""  # CRLF, no final newline


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--select",
                                      "PM302,PM505,PM704", "--today", "2026-06-01", *args])
    return result.exit_code, result.stdout, result.stderr


def test_diff_shows_the_safe_fixes_and_writes_nothing(tmp_path: Path):
    path = tmp_path / "pm.md"
    path.write_bytes(DOC)
    code, out, err = run("--diff", str(path))
    assert code == 1
    # (click's test runner shows "\r\n" as "\n"; the file's own endings are checked below)
    assert "-**Severity:** Sev 1\n+**Severity:** SEV-1\n" in out
    assert "+- 2026-02-18 07:30 UTC \u2014 Rollback started\n\\ No newline at end of file" in out
    assert "2026-02-18 |" not in out  # the due date is an unsafe fix
    assert "Would fix 2 problems in 1 file (PM302: 1, PM704: 1); 1 more with --unsafe-fixes" \
        in err
    assert path.read_bytes() == DOC


def test_fix_writes_the_file_and_reports_what_is_left(tmp_path: Path):
    path = tmp_path / "pm.md"
    path.write_bytes(DOC)
    code, out, err = run("--fix", str(path))
    assert path.read_bytes() == DOC.replace(b"Sev 1", b"SEV-1").replace(
        b"2026-02-17 23:30 PST", b"2026-02-18 07:30 UTC")
    assert code == 1 and "PM505" in out and "PM302" not in out and "PM704" not in out
    assert "Fixed 2 problems in 1 file" in err
    code, out, err = run("--fix", "--unsafe-fixes", str(path))
    assert code == 0 and b"| P0 | 2026-02-18 |" in path.read_bytes()
    assert run("--diff", str(path))[0] == 0


def test_fix_needs_files(tmp_path: Path):
    result = CliRunner().invoke(cli, ["check", "--fix", "-"], input="# x\n")
    assert result.exit_code == 2


def test_rules_and_explain_say_which_rules_have_a_fix():
    explained = CliRunner().invoke(cli, ["explain", "PM302"]).stdout
    assert "safe fix (applied by --fix)" in explained
    assert "unsafe fix" in CliRunner().invoke(cli, ["explain", "PM505"]).stdout
    assert "no automatic fix" in CliRunner().invoke(cli, ["explain", "PM301"]).stdout
    listed = CliRunner().invoke(cli, ["rules"]).stdout.splitlines()
    assert any(line.startswith("PM302") and "[*]" in line for line in listed)
    assert any(line.startswith("PM301") and "[*]" not in line for line in listed)



def test_a_file_that_cannot_be_written_is_reported_not_fixed(tmp_path: Path, monkeypatch):
    path = tmp_path / "pm.md"
    path.write_bytes(DOC)
    opened = Path.open

    def read_only(self: Path, mode: str = "r", *args, **kwargs):  # noqa: ANN202
        if "+" in mode or "w" in mode:
            raise PermissionError(13, "Permission denied")
        return opened(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    code, out, err = run("--fix", str(path))
    assert code == 1 and "not fixed: cannot write: Permission denied" in err
    assert "PM704" in out  # the findings of the file as it is
    assert path.read_bytes() == DOC
