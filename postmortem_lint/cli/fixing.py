"""What ``check`` adds for ``--fix``/``--diff``/``--unsafe-fixes`` and for a baseline."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from postmortem_lint.cli.options import ConfigFailure
from postmortem_lint.engine.baseline import (
    BaselineError,
    apply_baseline,
    find_baseline,
    read_baseline,
)
from postmortem_lint.engine.finding import FileResult
from postmortem_lint.engine.runner import Linter


class FixSession:
    """Lints files, applying fixes when asked; keeps the diffs and counts for the summary."""

    def __init__(self, *, fix: bool, diff: bool, unsafe: bool):
        self.active = fix or diff
        self.write = fix and not diff
        self.unsafe = unsafe
        self.fixed: Counter[str] = Counter()
        self.files_changed = 0
        self.unsafe_left = 0
        self.diffs: list[str] = []

    def lint(self, linter: Linter, path: Path) -> FileResult:
        """``path`` linted (and fixed, when asked) with ``linter``, its config's linter."""
        if not self.active:
            return linter.lint_path(path)
        from postmortem_lint.fixes.run import fix_path

        outcome = fix_path(linter, path, self.unsafe, write=self.write)
        self.unsafe_left += outcome.unsafe_left() if not self.unsafe else 0
        if outcome.not_fixed:
            click.echo(f"postmortem-lint: {path}: not fixed: {outcome.not_fixed}", err=True)
        if outcome.changed:
            self.files_changed += 1
            self.fixed.update(outcome.fixed)
            self.diffs.append(outcome.diff(path.as_posix()))
        return outcome.result

    def summary(self) -> str:
        count = sum(self.fixed.values())
        verb = "Would fix" if not self.write else "Fixed"
        text = f"{verb} {count} problem{'s' * (count != 1)} in {self.files_changed} " \
               f"file{'s' * (self.files_changed != 1)}"
        if self.fixed:
            text += " (" + ", ".join(f"{code}: {n}" for code, n in sorted(self.fixed.items())) + ")"
        if self.unsafe_left:
            text += f"; {self.unsafe_left} more with --unsafe-fixes"
        return text + "."


def filter_baselined(results: list[FileResult], config_file: Path | None, paths: list[Path],
                     baseline_path: Path | None, no_baseline: bool) -> list[FileResult]:
    """``results`` without the baselined findings; says on standard error how many were
    hidden and how many baselined ones are gone."""
    if no_baseline:
        return results
    start = paths[0] if paths else Path.cwd()
    found = baseline_path or find_baseline(start, config_file)
    if found is None:
        return results
    try:
        baseline = read_baseline(found)
    except BaselineError as error:
        raise ConfigFailure(str(error)) from error
    outcome = apply_baseline(results, baseline, found.parent.absolute())
    if outcome.baselined or outcome.gone:
        message = f"{outcome.baselined} baselined finding{'s' * (outcome.baselined != 1)} " \
                  f"hidden ({found.name})"
        if outcome.gone:
            message += f"; {outcome.gone} baselined finding{'s' * (outcome.gone != 1)} " \
                       "no longer occur: run 'postmortem-lint baseline' to shrink the file"
        click.echo(f"postmortem-lint: {message}", err=True)
    return outcome.results
