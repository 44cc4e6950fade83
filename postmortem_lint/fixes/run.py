"""Lint, apply the chosen fixes, lint again: until nothing is left to fix."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from postmortem_lint.engine.finding import FileResult
from postmortem_lint.engine.runner import Linter
from postmortem_lint.fixes.edits import EditableText, NotEditable, choose_fixes, wanted

MAX_ROUNDS = 10  # a fix that keeps producing new fixes stops here (as ruff's loop does)


@dataclass
class FixOutcome:
    result: FileResult  # the findings left after the fixes (a re-lint of the new text)
    before: bytes
    after: bytes
    fixed: Counter[str] = field(default_factory=Counter)  # fixes applied per rule code
    not_fixed: str | None = None  # why the file was left alone

    def unsafe_left(self) -> int:
        """Findings left whose fix only --unsafe-fixes applies."""
        return sum(1 for finding in self.result.findings
                   if wanted(finding.fix, True) and not wanted(finding.fix, False))

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self, name: str) -> str:
        def lines(data: bytes) -> list[str]:
            return data.decode("utf-8", errors="replace").splitlines(keepends=True)

        name = name.lstrip("/")
        out = []
        for line in difflib.unified_diff(lines(self.before), lines(self.after),
                                         f"a/{name}", f"b/{name}"):
            if not line.endswith(("\n", "\r")):
                line += "\n\\ No newline at end of file\n"
            out.append(line)
        return "".join(out)


def fix_bytes(linter: Linter, data: bytes, shown: str, unsafe: bool = False,
              linted: FileResult | None = None) -> FixOutcome:
    """The file's bytes with its fixes applied, and what the linter says of the result
    (``linted``: the findings of ``data`` when already known)."""
    result = linted or linter.lint_bytes(data, shown)
    outcome = FixOutcome(result=result, before=data, after=data)
    if not any(wanted(finding.fix, unsafe) for finding in result.findings):
        return outcome
    try:
        text = EditableText.from_bytes(data)
    except NotEditable as error:
        outcome.not_fixed = str(error)
        return outcome
    for _ in range(MAX_ROUNDS):
        chosen = choose_fixes(result.findings, unsafe)
        if not chosen:
            break
        try:
            new_text = text.apply(edit for _, fix in chosen for edit in fix.edits)
        except ValueError as error:  # a span that does not fit the text: leave it be
            outcome.not_fixed = str(error)
            break
        if new_text == text:
            break
        text = new_text
        outcome.fixed.update(finding.code for finding, _ in chosen)
        result = linter.lint_bytes(text.to_bytes(), shown)
    outcome.after, outcome.result = text.to_bytes(), result
    return outcome


def fix_path(linter: Linter, path: Path, unsafe: bool = False, write: bool = True
             ) -> FixOutcome:
    """Fix one file; write it back (same inode and mode) when ``write`` and it changed."""
    result = linter.lint_path(path)
    if result.skipped or not any(wanted(f.fix, unsafe) for f in result.findings):
        return FixOutcome(result=result, before=b"", after=b"")
    data = path.read_bytes()
    outcome = fix_bytes(linter, data, path.as_posix(), unsafe, linted=result)
    if write and outcome.changed:
        try:
            with path.open("r+b") as stream:
                stream.write(outcome.after)
                stream.truncate()
        except OSError as error:  # read-only file or folder: report the file as it is
            return FixOutcome(result=result, before=data, after=data,
                              not_fixed=f"cannot write: {error.strerror or error}")
    return outcome
