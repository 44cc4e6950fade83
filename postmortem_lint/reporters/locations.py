"""Where a finding points, as the CI reporters (SARIF, GitHub annotations) need it:
a path relative to the repository root and a region that is valid for their consumers."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from postmortem_lint.model import Span


def relative_path(path: str, root: Path | None = None) -> str:
    """``path`` as a POSIX path relative to ``root`` (default: the working directory).

    Code scanning and annotations resolve paths against the checkout, so absolute paths
    under the root are made relative; a path outside the root keeps its ``..`` steps.
    """
    root = (root or Path.cwd()).absolute()
    candidate = Path(path)
    if not candidate.is_absolute():
        return PurePosixPath(candidate.as_posix()).as_posix().removeprefix("./")
    for base in (root, root.resolve()):
        for file in (candidate, candidate.parent.resolve() / candidate.name):
            try:
                return file.relative_to(base).as_posix()
            except ValueError:
                continue
    return Path(os.path.relpath(candidate, root)).as_posix()


@dataclass(frozen=True)
class Region:
    """1-based lines and columns; ``end_column`` is exclusive and None means "to the end of
    ``end_line``" (whole-line anchors such as a section)."""

    line: int
    end_line: int
    column: int | None
    end_column: int | None

    @property
    def single_line(self) -> bool:
        return self.line == self.end_line


def region(span: Span) -> Region:
    line = max(span.line, 1)
    end_line = max(span.end_line, line)
    column = max(span.column, 1)
    end_column: int | None = max(span.end_column, 1)
    whole_lines = column == 1 and end_column == 1
    if end_line == line and end_column is not None and end_column <= column:
        whole_lines = True  # an empty or inverted range: point at the line instead
    if whole_lines:
        return Region(line, end_line, None, None)
    return Region(line, end_line, column, end_column)
