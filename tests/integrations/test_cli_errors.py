"""Mistakes a user makes on the command line end in one clear line and exit code 2, never an
"internal error" or a traceback; and a folder holding a named pipe does not hang a run. The
real command line runs in a subprocess, as pre-commit and the Action run it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.integrations.conftest import SMALL, run_cli


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "checkout.md").write_text(SMALL, encoding="utf-8")
    return tmp_path


def _one_clear_line(done, *words: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.mark.parametrize("args", [
    ["check", "-o", "missing/report.txt"],
    ["check", "--format", "sarif", "--output", "missing/report.sarif"],
    ["check", "--format", "github", "--sarif-output", "missing/x.sarif"],
    ["check", "--summary", "missing/summary.md"],
    ["audit", "-q", "-j", "1", "-o", "missing/audit.html", "--format", "html"],
    ["audit", "-q", "-j", "1", "-o", "missing/audit.csv", "--format", "csv"],
])
def test_an_output_file_that_cannot_be_written_is_a_clear_error(folder: Path, args):
    done = run_cli(*args, "--no-cache", "postmortems", cwd=folder)
    _one_clear_line(done, "cannot write", "missing")
    assert not (folder / "missing").exists()


@pytest.mark.parametrize("option", ["--output", "--sarif-output", "--summary"])
def test_an_empty_or_folder_output_path_is_a_usage_error(folder: Path, option: str):
    for value in ("", "postmortems"):
        done = run_cli("check", option, value, "--no-cache", "postmortems", cwd=folder)
        _one_clear_line(done, option)
    assert [p.name for p in (folder / "postmortems").iterdir()] == ["checkout.md"]


@pytest.mark.parametrize("command", ["check", "audit"])
@pytest.mark.parametrize("option,value", [("--select", "PM999"), ("--ignore", "PM3,nosuch"),
                                          ("--select", "timeline-zone-mising")])
def test_a_selector_that_matches_no_rule_is_a_usage_error(folder: Path, command: str,
                                                          option: str, value: str):
    # Otherwise a typo selects nothing and every file passes.
    done = run_cli(command, option, value, "--no-cache", "postmortems", cwd=folder)
    _one_clear_line(done, option, value.split(",")[-1], "matches no rule")


def test_selectors_by_code_prefix_and_name_are_accepted(folder: Path):
    done = run_cli("check", "--select", "PM3,timeline-zone-missing,pm30", "--ignore", "PM5",
                   "--no-cache", "postmortems", cwd=folder)
    assert done.returncode == 1, done.stderr
    assert "PM301" in done.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", [["check"], ["audit", "-q", "-j", "1"]])
def test_a_named_pipe_in_a_walked_folder_is_skipped_not_waited_on(folder: Path, command):
    os.mkfifo(folder / "postmortems" / "pipe.md")
    import subprocess
    import sys

    try:
        done = subprocess.run([sys.executable, "-m", "postmortem_lint", *command, "--no-cache",
                               "postmortems"], cwd=folder, capture_output=True, text=True,
                              timeout=120, check=False)
    except subprocess.TimeoutExpired:  # pragma: no cover - the bug this guards against
        pytest.fail("reading the named pipe blocked the run")
    assert done.returncode == 1, done.stderr
    # Every other file is still read: check names it by path, audit by its id.
    assert "pipe" not in done.stdout
    assert "checkout" in done.stdout


@pytest.mark.parametrize("args", [
    ["check", "-o", "postmortems/checkout.md"],
    ["check", "--format", "github", "--sarif-output", "postmortems/checkout.md"],
    ["check", "--summary", "postmortems/checkout.md"],
    ["audit", "-q", "-j", "1", "-o", "postmortems/checkout.md", "--format", "markdown"],
])
def test_a_report_never_overwrites_a_linted_postmortem(folder: Path, args):
    before = (folder / "postmortems" / "checkout.md").read_bytes()
    done = run_cli(*args, "--no-cache", "postmortems", cwd=folder)
    _one_clear_line(done, "is one of the files being linted")
    assert (folder / "postmortems" / "checkout.md").read_bytes() == before


def test_a_reader_that_stops_early_is_not_an_internal_error():
    # `postmortem-lint rules | head -3`: the reader may be gone before the list is written.
    import subprocess
    import sys

    lister = subprocess.Popen([sys.executable, "-m", "postmortem_lint", "rules"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert lister.stdout is not None and lister.stderr is not None
    lister.stdout.close()  # the reader goes away before anything is written
    errors = lister.stderr.read().decode()
    lister.wait(timeout=60)
    assert "internal error" not in errors and "Traceback" not in errors, errors


def test_the_rule_list_is_plain_text():
    done = run_cli("rules")
    assert done.returncode == 0
    assert "``" not in done.stdout
    assert "max-file-size (default 5 MB)" in done.stdout
