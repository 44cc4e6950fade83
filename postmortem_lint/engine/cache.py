"""A content-addressed cache of whole-file results, like ruff's: an unchanged file with an
unchanged config, rule data and version costs a hash and a read."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from postmortem_lint.engine.finding import FileResult

_README = "Cache of postmortem-lint results. Safe to delete.\n"


def prepare_cache_dir(folder: Path) -> Path | None:
    """Create the cache folder with a .gitignore so it is never committed; None if unwritable."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
            (folder / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# " + _README, encoding="utf-8")
        return folder
    except OSError:
        return None


class ResultCache:
    def __init__(self, folder: Path | None, salt: str):
        self.folder = folder / "files" if folder else None
        self.salt = salt

    def key(self, path: str, digest: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{path}\0{digest}".encode()).hexdigest()

    def get(self, key: str) -> FileResult | None:
        if self.folder is None:
            return None
        try:
            blob = (self.folder / key[:2] / key).read_text(encoding="utf-8")
            return FileResult.model_validate_json(blob)
        except (OSError, ValueError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        if self.folder is None:
            return
        target = self.folder / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write-then-rename so parallel workers never see a half-written entry.
            handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(result.model_dump_json())
            os.replace(temp, target)
        except OSError:
            return


def json_key(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
