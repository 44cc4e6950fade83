"""``ruff check`` and ``mypy`` are part of the test command: the code stays clean because
a regression fails the suite, not because someone remembers to run them."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True,
                          text=True, timeout=600, check=False)


def test_ruff_is_clean() -> None:
    done = _run("ruff", "check", "--no-cache", "postmortem_lint", "tests", "bench")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean() -> None:
    done = _run("mypy", "--no-incremental", "postmortem_lint")
    assert done.returncode == 0, done.stdout + done.stderr
