"""Which files to lint: explicit files always; folders walked with include/exclude patterns.

Each file is linted with its closest config (see :class:`ConfigFinder`), and the patterns
of that config are matched against the path relative to the config's folder, so one file
gives one result from any working directory and in any argument order.

A walk skips what ``.gitignore`` files ignore (from the repository root down), and YAML
files that are clearly not postmortems (Kubernetes manifests, CI files, any YAML without
a postmortem key); a file named on the command line is always linted.

Symbolic links to folders are not followed, and links to files are linted only when they
stay inside the folder being walked, so nothing outside the given paths is read. A walk
yields regular files only: a named pipe, socket or device in the archive (whose read would
block or never end) is not a postmortem.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from postmortem_lint.engine.config import (
    DEFAULT_EXCLUDE,
    Config,
    LoadedConfig,
    discover,
)

YAML_SUFFIXES = (".yaml", ".yml")
_SNIFF_BYTES = 64 * 1024
_TOP_KEY = re.compile(r"""^["']?([A-Za-z][^:#\n"']{0,60})["']?[ \t]*:(?:[ \t]|$)""",
                      re.MULTILINE)
_NOT_POSTMORTEM_KEYS = {"apiversion", "kind"}  # a Kubernetes (or similar) manifest


@dataclass(frozen=True)
class Candidate:
    """A file met while looking for postmortems, and why it is skipped (None: linted)."""

    path: Path
    skipped: str | None = None


class ConfigFinder:
    """The closest config for each folder (cached), or one explicit config for all."""

    def __init__(self, explicit: LoadedConfig | None = None):
        self.explicit = explicit
        self._folders: dict[Path, LoadedConfig] = {}

    def for_folder(self, folder: Path) -> LoadedConfig:
        if self.explicit is not None:
            return self.explicit
        key = folder.resolve()
        if key not in self._folders:
            self._folders[key] = discover(key)
        return self._folders[key]

    def for_file(self, path: Path) -> LoadedConfig:
        folder = path.parent if not path.is_dir() else path
        return self.for_folder(folder if folder.exists() else Path.cwd())


def _excluded(relative: str, name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p)
               or relative.startswith(p.rstrip("/") + "/") or relative == p.rstrip("/")
               for p in patterns)


def _included(relative: str, name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in patterns)


def _outside(file: Path, root: Path) -> bool:
    """A symbolic link (or a broken one) that leads out of the folder being walked."""
    if not file.is_symlink():
        return False
    try:
        return not file.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):  # broken, or a loop
        return True


def _special(file: Path) -> bool:
    """A FIFO, socket or device (after following a link); broken links are not special."""
    try:
        mode = file.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


# -- .gitignore ---------------------------------------------------------------------------
class GitIgnores:
    """The ``.gitignore`` files from the repository root down to each walked folder."""

    def __init__(self) -> None:
        self._specs: dict[Path, object | None] = {}

    def _spec(self, folder: Path) -> object | None:
        if folder not in self._specs:
            import pathspec

            spec = None
            try:
                lines = (folder / ".gitignore").read_text("utf-8", "replace").splitlines()
                spec = pathspec.GitIgnoreSpec.from_lines(lines)
            except OSError:
                pass
            self._specs[folder] = spec
        return self._specs[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        absolute = path.absolute()
        top = _repository_root(absolute.parent)
        if top is None:
            return False
        folders = [absolute.parent, *absolute.parent.parents]
        # deepest .gitignore first: the first one that decides, decides (as git does)
        for folder in folders:
            spec = self._spec(folder)
            if spec is not None:
                relative = absolute.relative_to(folder).as_posix() + ("/" if is_dir else "")
                result = spec.check_file(relative)  # type: ignore[attr-defined]
                if result.include is not None:
                    return bool(result.include)
            if folder == top:
                break
        return False


@cache
def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


# -- content -------------------------------------------------------------------------------
@cache
def _postmortem_keys() -> frozenset[str]:
    from postmortem_lint.ruledata import load_rule_data

    data = load_rule_data()
    distinctive = ("id", "severity", "incident_start", "incident_end", "incident_date",
                   "date_written", "users_affected", "duration", "detection",
                   "incident_class")
    words = {word for phrases in data.sections.values() for word in phrases}
    words |= {word for field in distinctive for word in data.fields.get(field, [])}
    return frozenset(words | {"action items", "postmortem", "incident", "title"})


@cache
def _rule_data_keys() -> frozenset[str]:
    from postmortem_lint.ruledata import RuleData

    return frozenset(RuleData.model_fields)


def _normal(key: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", key.lower()).split())


def not_a_postmortem(path: Path) -> str | None:
    """Why a YAML file met while walking a folder is clearly not a postmortem, else None."""
    if path.suffix.lower() not in YAML_SUFFIXES:
        return None
    try:
        with path.open("rb") as stream:
            text = stream.read(_SNIFF_BYTES).decode("utf-8", "replace")
    except OSError:
        return None  # reading fails again when linting, and is reported there
    written = set(_TOP_KEY.findall(text))
    keys = {_normal(key) for key in written}
    if {key.replace(" ", "") for key in keys} >= _NOT_POSTMORTEM_KEYS:
        return "a manifest (apiVersion and kind), not a postmortem"
    if "version" in written and written <= _rule_data_keys():
        return "rule data (a rule-data pack), not a postmortem"
    if not keys & _postmortem_keys():
        return "YAML without any postmortem key (title, severity, timeline, ...)"
    return None


# -- the walk --------------------------------------------------------------------------------
def discover_files(paths: list[Path], finder: ConfigFinder, *,
                   gitignore: bool = True) -> Iterator[Candidate]:
    """Every file met, in a stable order, each once: linted (``skipped`` None) or skipped."""
    seen: set[Path] = set()
    ignores = GitIgnores() if gitignore else None
    for path in paths:
        if not (path.is_dir() and not path.is_symlink()):
            if path not in seen:
                seen.add(path)
                yield Candidate(path)  # a named file is linted even when a pattern skips it
            continue
        root = path.resolve()
        for folder, dirs, files in os.walk(path):
            base = Path(folder)
            loaded = finder.for_folder(base)
            exclude = DEFAULT_EXCLUDE + loaded.config.exclude
            kept_dirs = []
            for name in sorted(dirs):
                sub = base / name
                relative = loaded.relative(sub, path)
                if _excluded(relative, name, exclude):
                    continue
                if ignores is not None and ignores.ignored(sub, is_dir=True):
                    yield Candidate(sub, "ignored by .gitignore")
                    continue
                kept_dirs.append(name)
            dirs[:] = kept_dirs
            for name in sorted(files):
                file = base / name
                if file in seen:
                    continue
                seen.add(file)
                reason = _skip_reason(file, name, root, path, loaded, ignores)
                yield Candidate(file, reason)


def _skip_reason(file: Path, name: str, root: Path, walked: Path, loaded: LoadedConfig,
                 ignores: GitIgnores | None) -> str | None:
    relative = loaded.relative(file, walked)
    config = loaded.config
    if _excluded(relative, name, DEFAULT_EXCLUDE + config.exclude):
        return "excluded"
    if not _included(relative, name, config.include):
        return "not matched by include"
    if _outside(file, root):
        return "a link that leads outside the folder"
    if _special(file):
        return "not a regular file"
    if ignores is not None and ignores.ignored(file, is_dir=False):
        return "ignored by .gitignore"
    return not_a_postmortem(file)


def iter_files(paths: list[Path], config: Config) -> Iterator[Path]:
    """Files to lint with one config for all, in a stable order, each once."""
    finder = ConfigFinder(LoadedConfig(config=config))
    for candidate in discover_files(paths, finder):
        if candidate.skipped is None:
            yield candidate.path


def walk_skip_reason(file: Path, loaded: LoadedConfig) -> str | None:
    """Why walking the folder of ``file``'s config would not lint it (None: it would): an
    excluded or git-ignored folder on the way, or the file's own skip reason. How the
    language server picks what to lint."""
    if loaded.path is None:
        return None
    root = loaded.root
    try:
        parts = file.absolute().relative_to(root.absolute()).parts
    except ValueError:
        return None  # outside the config's folder: treated as a named file
    exclude = DEFAULT_EXCLUDE + loaded.config.exclude
    ignores = GitIgnores()
    for depth in range(1, len(parts)):
        folder = root.joinpath(*parts[:depth])
        if _excluded(loaded.relative(folder, root), parts[depth - 1], exclude):
            return "excluded"
        if ignores.ignored(folder, is_dir=True):
            return "ignored by .gitignore"
    return _skip_reason(file, file.name, root.resolve(), root, loaded, ignores)
