"""The pre-commit hook, run by the real pre-commit client against this repository.

pre-commit builds a virtualenv and pip-installs the repository (spaCy and its model come
from PyPI), so these tests are slow; pip's own cache keeps reruns short.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO
from tests.integrations.conftest import CLEAN, FLAWED
from tests.integrations.gitrepo import GIT_ENV, Repo

PRE_COMMIT_CONFIG = """\
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: postmortem-lint
"""


def test_hook_manifest():
    [hook] = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "postmortem-lint"
    assert hook["language"] == "python"
    assert hook["entry"] == "postmortem-lint check"
    assert set(hook["types_or"]) == {"markdown", "yaml"}
    assert hook["require_serial"] is False
    files = re.compile(hook["files"])
    for path in ("postmortems/2026-01-19.md", "docs/incidents/x.yaml", "post-mortems/a.md",
                 "retros/q1.md", "team/postmortem/a.md"):
        assert files.search(path), path
    for path in ("README.md", "docs/guide.md", "mkdocs.yml", "incidents.md"):
        assert not files.search(path), path


def _user_repo(path: Path, *, flawed: bool) -> Repo:
    repo = Repo(path)
    repo.write("postmortems/clean.md", CLEAN.read_text(encoding="utf-8"))
    if flawed:
        repo.write("postmortems/flawed.md", FLAWED.read_text(encoding="utf-8"))
    # Outside the default files pattern: never linted, though it would fail.
    repo.write("notes/meeting.md", FLAWED.read_text(encoding="utf-8"))
    repo.write("notes/config.yaml", "a: [\n")
    repo.commit("postmortems")
    return repo


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
           "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"],
                          cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_try_repo_passes_a_clean_postmortem(checkout_snapshot, tmp_path):
    repo = _user_repo(tmp_path / "user", flawed=False)
    done = _pre_commit("try-repo", str(checkout_snapshot), "postmortem-lint", "--all-files",
                       cwd=repo.path, home=tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"postmortem-lint\.+Passed", done.stdout)


@pytest.mark.slow
def test_try_repo_fails_a_flawed_postmortem(checkout_snapshot, tmp_path):
    repo = _user_repo(tmp_path / "user", flawed=True)
    done = _pre_commit("try-repo", str(checkout_snapshot), "postmortem-lint", "--all-files",
                       cwd=repo.path, home=tmp_path / "home")
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"postmortem-lint\.+Failed", done.stdout)
    assert "postmortems/flawed.md:60:3: PM301 [error]" in done.stdout
    assert "clean.md:" not in done.stdout and "notes/" not in done.stdout


@pytest.mark.slow
def test_readme_config_snippet(checkout_snapshot, tmp_path):
    """The .pre-commit-config.yaml from the README, with this checkout as the repo."""
    repo = _user_repo(tmp_path / "user", flawed=True)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=checkout_snapshot, text=True,
                         capture_output=True, check=True).stdout.strip()
    repo.write(".pre-commit-config.yaml", PRE_COMMIT_CONFIG.format(repo=checkout_snapshot,
                                                                   rev=rev))
    repo.commit("add pre-commit")
    home = tmp_path / "home"  # one environment for the runs below
    done = _pre_commit("run", "--files", "postmortems/clean.md", "notes/meeting.md",
                       cwd=repo.path, home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    done = _pre_commit("run", "--all-files", cwd=repo.path, home=home)
    assert done.returncode == 1
    assert "postmortems/flawed.md:60:3: PM301" in done.stdout
    # Users override files: (here to lint notes/ too) and pass arguments as usual.
    repo.write(".pre-commit-config.yaml", PRE_COMMIT_CONFIG.format(
        repo=checkout_snapshot, rev=rev) + "        files: ^notes/.*\\.md$\n"
        "        args: [--select, PM301]\n")
    repo.commit("override")
    done = _pre_commit("run", "--all-files", cwd=repo.path, home=home)
    assert done.returncode == 1
    assert "notes/meeting.md:60:3: PM301" in done.stdout
    assert "postmortems/" not in done.stdout and "PM506" not in done.stdout
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repo.path, text=True,
                          capture_output=True, check=True).stdout == ""
