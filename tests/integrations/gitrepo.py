"""Temporary git repositories for the pull-request mode, pre-commit and Action tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

# Isolated from the user's and the system's git configuration.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
}


def git_env() -> dict[str, str]:
    return {**os.environ, **GIT_ENV}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=git_env(), capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, f"git {' '.join(args)} failed: {done.stderr}"
    return done.stdout


class Repo:
    """A scratch git repository on branch main."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        git(path, "init", "--quiet", "--initial-branch=main")

    def write(self, name: str, text: str) -> Path:
        file = self.path / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        return file

    def commit(self, message: str = "change") -> str:
        git(self.path, "add", "--all")
        git(self.path, "commit", "--quiet", "--allow-empty", "-m", message)
        return git(self.path, "rev-parse", "HEAD").strip()

    def git(self, *args: str) -> str:
        return git(self.path, *args)


def snapshot_checkout(source: Path, target: Path) -> Path:
    """A committed copy of the checkout under test, uncommitted and untracked files included.

    ``pre-commit try-repo`` and a fresh CI clone see only committed files; the snapshot
    makes the test see the working tree exactly as it is, in CI and in development alike.
    """
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=source, capture_output=True,
                            check=False)
    if listed.returncode == 0:
        names = [name for name in listed.stdout.decode().split("\0") if name]
    else:  # not a git checkout (an unpacked sdist): everything but caches
        names = [path.relative_to(source).as_posix() for path in source.rglob("*")
                 if path.is_file() and not any(part.startswith(".") and part not in (
                     ".pre-commit-hooks.yaml",) or part == "__pycache__"
                     for part in path.relative_to(source).parts)]
    target.mkdir(parents=True)
    for name in names:
        file = source / name
        if file.is_file() and not file.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target / name)
    git(target, "init", "--quiet", "--initial-branch=main")
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "-m", "snapshot of the checkout under test")
    return target
