"""``postmortem-lint check``: lint files and folders (the pre-commit and CI entry point)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from postmortem_lint.cli.fixing import FixSession, filter_baselined
from postmortem_lint.cli.options import (
    check_output_path,
    config_errors,
    config_finder,
    lint_options,
    open_output,
    parse_date_option,
    refuse_overwriting,
    render_settings,
    split_codes,
)
from postmortem_lint.engine.finding import FileResult, Level
from postmortem_lint.engine.runner import LinterPool
from postmortem_lint.reporters import FORMATS
from postmortem_lint.sources.discovery import discover_files


def failed(results: list[FileResult], fail_level: Level) -> bool:
    return any(f.level.rank >= fail_level.rank for r in results for f in r.findings)


def _failed_each(judged: list[tuple[FileResult, Level]]) -> bool:
    """Whether a finding reaches the fail level of its own file's config."""
    return any(failed([result], level) for result, level in judged)


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", default="text", show_default=True,
              type=click.Choice(FORMATS), help="Output format.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour in text output; auto: when writing to a "
              "terminal, unless NO_COLOR is set (FORCE_COLOR forces it).")
@click.option("--statistics", is_flag=True,
              help="Text format: print the number of findings per rule instead of each one.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to a file instead of standard output.")
@click.option("--sarif-output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a SARIF report to this file (e.g. next to --format github).")
@click.option("--fail-level", type=click.Choice([level.value for level in Level]),
              help="Lowest level that makes the exit code 1 (default from config: warning).")
@click.option("--stdin-filename",
              help="Name of the text read from standard input ('-'): reported, and used to "
              "find its config and match per-file-ignores, as for a file on disk.")
@click.option("--no-hints", is_flag=True, help="Do not print rewrite hints (text format).")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a Markdown summary (e.g. to $GITHUB_STEP_SUMMARY).")
@click.option("--diff-base", help="Only report findings on lines changed since this git ref.")
@click.option("--changed-only", is_flag=True,
              help="Like --diff-base, against the merge base with the default branch.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when there are no findings.")
@click.option("--show-settings", type=click.Path(path_type=Path), metavar="FILE",
              help="Print the settings FILE is linted with and where each comes from.")
@click.option("--show-files", is_flag=True,
              help="List the files that would be linted, and those skipped and why.")
@click.option("--fix", is_flag=True,
              help="Apply safe fixes to the files, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes "
              "(new text a person should confirm, such as a due date from the priority policy).")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the fixes as a unified diff instead of writing them; exit 1 if any.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Baseline file (default: .postmortem-lint-baseline.json next to the config "
              "or in a parent folder up to the repository root).")
@click.option("--no-baseline", is_flag=True, help="Report baselined findings too.")
@lint_options
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], output_format: str, color: str,
            statistics: bool,
            output: Path | None, sarif_output: Path | None, fail_level: str | None,
            stdin_filename: str | None, no_hints: bool, summary_path: Path | None,
            diff_base: str | None, changed_only: bool, quiet: bool,
            show_settings: Path | None, show_files: bool, fix: bool, unsafe_fixes: bool,
            show_diff: bool, baseline_path: Path | None, no_baseline: bool,
            config_path: str | None,
            select: tuple[str, ...], ignore: tuple[str, ...], no_cache: bool,
            today: str | None) -> None:
    """Lint postmortems in PATHS (files or folders; '-' reads standard input)."""
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    if not paths and show_settings is None:
        raise click.UsageError("give at least one file or folder (or '-' for standard input)")
    check_output_path(output, "--output")
    check_output_path(sarif_output, "--sarif-output")
    check_output_path(summary_path, "--summary")
    selected, ignored = split_codes(select, "--select"), split_codes(ignore, "--ignore")
    finder = config_finder(config_path)
    for path in paths:
        if str(path) != "-" and not path.exists() and not path.is_symlink():
            raise click.UsageError(f"no such file or folder: {path}")
    if show_settings is not None:
        with config_errors():
            click.echo(render_settings(finder.for_file(show_settings), show_settings), nl=False)
        ctx.exit(0)
    if show_files:
        with config_errors():
            for candidate in discover_files([p for p in paths if str(p) != "-"], finder):
                reason = f"  (skipped: {candidate.skipped})" if candidate.skipped else ""
                click.echo(f"{candidate.path.as_posix()}{reason}")
        ctx.exit(0)
    linters = LinterPool(finder, select=selected, ignore=ignored, use_cache=not no_cache,
                         today=parse_date_option(today, "--today"), debug=debug)
    judged: list[tuple[FileResult, Level]] = []
    linted: list[Path] = []
    session = FixSession(fix=fix, diff=show_diff, unsafe=unsafe_fixes)
    with config_errors():
        for path in paths:
            if str(path) == "-":
                if session.active:
                    raise click.UsageError("--fix and --diff need files, not standard input")
                name = stdin_filename or "stdin.md"
                linter = linters.for_file(Path(name))
                judged.append((linter.lint_bytes(sys.stdin.buffer.read(), name),
                               linter.config.fail_level))
                continue
            found = 0
            for candidate in discover_files([path], finder):
                if candidate.skipped is not None:
                    continue
                found += 1
                linter = linters.for_file(candidate.path)
                linted.append(candidate.path)
                judged.append((session.lint(linter, candidate.path),
                               linter.config.fail_level))
            if not found:
                click.echo(f"postmortem-lint: warning: no postmortem found under {path} "
                           "(see --show-files for what was skipped and why)", err=True)
    results = [result for result, _ in judged]
    refuse_overwriting({"--output": output, "--sarif-output": sarif_output,
                        "--summary": summary_path}, linted)
    if session.active:
        if show_diff:
            click.echo("".join(session.diffs), nl=False)
        click.echo(session.summary(), err=True)
        if show_diff:
            ctx.exit(1 if session.files_changed else 0)
    named = [p for p in paths if str(p) != "-"]
    with config_errors():
        config_file = finder.for_file(named[0] if named else Path(stdin_filename or ".")).path
    results = filter_baselined(results, config_file, named, baseline_path, no_baseline)
    level_of = {result.path: level for result, level in judged}
    judged = [(result, level_of[result.path]) for result in results]
    if diff_base or changed_only:
        from postmortem_lint.sources.changes import ChangesError, keep_changed

        try:
            results = keep_changed(results, diff_base)
            level_of = {result.path: level for result, level in judged}
            judged = [(result, level_of[result.path]) for result in results]
        except ChangesError as error:
            click.echo(f"postmortem-lint: {error}", err=True)
            ctx.exit(2)
    style = TextStyle(color=use_color(color, output), hints=not no_hints, statistics=statistics)
    _emit(output_format, results, output, quiet or not results, style)
    if sarif_output is not None:
        _emit("sarif", results, sarif_output, quiet=False, style=style)
    if summary_path is not None:
        from postmortem_lint.reporters.summary import render_summary

        with open_output(summary_path, append=True) as stream:
            stream.write(render_summary(results))
    if fail_level:
        judged = [(result, Level(fail_level)) for result, _ in judged]
    ctx.exit(1 if _failed_each(judged) else 0)


@dataclass(frozen=True)
class TextStyle:
    color: bool
    hints: bool
    statistics: bool


def use_color(choice: str, output: Path | None) -> bool:
    """--color, then NO_COLOR and FORCE_COLOR (https://no-color.org), then whether the
    report goes to a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return output is None and sys.stdout.isatty()


def _emit(output_format: str, results: list[FileResult], output: Path | None, quiet: bool,
          style: TextStyle) -> None:
    from postmortem_lint.reporters import get_reporter

    if output_format == "text":
        text = get_reporter("text", color=style.color, hints=style.hints,
                            statistics=style.statistics, links=style.hints)(results)
        if quiet and not any(r.findings for r in results):
            return
    else:
        text = get_reporter(output_format)(results)
    if output is not None:
        with open_output(output) as stream:
            stream.write(text)
    else:
        click.echo(text, nl=False, color=style.color or None)
