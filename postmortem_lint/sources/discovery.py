"""Which files to lint: explicit files always; folders walked with include/exclude patterns.

Symbolic links to folders are not followed, and links to files are linted only when they
stay inside the folder being walked, so nothing outside the given paths is read. A walk
yields regular files only: a named pipe, socket or device in the archive (whose read would
block or never end) is not a postmortem.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from postmortem_lint.engine.config import DEFAULT_EXCLUDE, Config


def _excluded(relative: str, name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p)
               or relative.startswith(p.rstrip("/") + "/") for p in patterns)


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


def iter_files(paths: list[Path], config: Config) -> Iterator[Path]:
    """Files to lint, in a stable order, each once."""
    seen: set[Path] = set()
    exclude = DEFAULT_EXCLUDE + config.exclude
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            root = path.resolve()
            for folder, dirs, files in os.walk(path):
                base = Path(folder)
                dirs[:] = sorted(d for d in dirs if not _excluded(
                    (base / d).relative_to(path).as_posix(), d, exclude))
                for name in sorted(files):
                    file = base / name
                    relative = file.relative_to(path).as_posix()
                    if _excluded(relative, name, exclude) or _outside(file, root) \
                            or _special(file):
                        continue
                    if any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p)
                           for p in config.include) and file not in seen:
                        seen.add(file)
                        yield file
        elif path not in seen:
            seen.add(path)
            yield path  # explicit files are linted even when a pattern would skip them


def is_walked(file: Path, root: Path, config: Config) -> bool:
    """Whether walking ``root`` would lint ``file``: no folder on the way and not the file
    excluded, and the file included (how the language server picks what to lint)."""
    try:
        relative = file.absolute().relative_to(root.absolute())
    except ValueError:
        return True  # outside the configuration's folder: treated as an explicit file
    exclude = DEFAULT_EXCLUDE + config.exclude
    parts = relative.parts
    for depth in range(1, len(parts)):
        if _excluded(PurePosixPath(*parts[:depth]).as_posix(), parts[depth - 1], exclude):
            return False
    text, name = relative.as_posix(), relative.name
    if _excluded(text, name, exclude):
        return False
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(text, p) for p in config.include)
