"""``postmortem-lint check``: lint files and folders (the pre-commit and CI entry point)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from postmortem_lint.cli.fixing import FixSession, filter_baselined
from postmortem_lint.cli.options import (
    ConfigFailure,
    check_output_path,
    lint_options,
    load_config,
    open_output,
    parse_date_option,
    refuse_overwriting,
    split_codes,
)
from postmortem_lint.engine.config import ConfigError
from postmortem_lint.engine.finding import FileResult, Level
from postmortem_lint.engine.runner import Linter
from postmortem_lint.sources.discovery import iter_files


def failed(results: list[FileResult], fail_level: Level) -> bool:
    return any(f.level.rank >= fail_level.rank for r in results for f in r.findings)


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json", "github", "sarif"]), help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to a file instead of standard output.")
@click.option("--sarif-output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a SARIF report to this file (e.g. next to --format github).")
@click.option("--fail-level", type=click.Choice([level.value for level in Level]),
              help="Lowest level that makes the exit code 1 (default from config: warning).")
@click.option("--stdin-filename", help="Name to report for text read from standard input ('-').")
@click.option("--no-hints", is_flag=True, help="Do not print rewrite hints (text format).")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a Markdown summary (e.g. to $GITHUB_STEP_SUMMARY).")
@click.option("--diff-base", help="Only report findings on lines changed since this git ref.")
@click.option("--changed-only", is_flag=True,
              help="Like --diff-base, against the merge base with the default branch.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when there are no findings.")
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
def command(ctx: click.Context, paths: tuple[Path, ...], output_format: str,
            output: Path | None, sarif_output: Path | None, fail_level: str | None,
            stdin_filename: str | None, no_hints: bool, summary_path: Path | None,
            diff_base: str | None, changed_only: bool, quiet: bool, fix: bool,
            unsafe_fixes: bool, show_diff: bool, baseline_path: Path | None, no_baseline: bool,
            config_path: str | None,
            select: tuple[str, ...], ignore: tuple[str, ...], no_cache: bool,
            today: str | None) -> None:
    """Lint postmortems in PATHS (files or folders; '-' reads standard input)."""
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    if not paths:
        raise click.UsageError("give at least one file or folder (or '-' for standard input)")
    check_output_path(output, "--output")
    check_output_path(sarif_output, "--sarif-output")
    check_output_path(summary_path, "--summary")
    selected, ignored = split_codes(select, "--select"), split_codes(ignore, "--ignore")
    named = [p for p in paths if str(p) != "-"]
    loaded = load_config(config_path, named or [Path(stdin_filename or ".")])
    try:
        linter = Linter(loaded, select=selected, ignore=ignored,
                        use_cache=not no_cache, today=parse_date_option(today, "--today"),
                        debug=debug)
    except ConfigError as error:
        raise ConfigFailure(str(error)) from error
    results: list[FileResult] = []
    linted: list[Path] = []
    session = FixSession(linter, fix=fix, diff=show_diff, unsafe=unsafe_fixes)
    for path in paths:
        if str(path) == "-":
            if session.active:
                raise click.UsageError("--fix and --diff need files, not standard input")
            name = stdin_filename or "stdin.md"
            results.append(linter.lint_bytes(sys.stdin.buffer.read(), name))
            continue
        if not path.exists() and not path.is_symlink():
            raise click.UsageError(f"no such file or folder: {path}")
        for file in iter_files([path], loaded.config):
            linted.append(file)
            results.append(session.lint(file))
    refuse_overwriting({"--output": output, "--sarif-output": sarif_output,
                        "--summary": summary_path}, linted)
    if session.active:
        if show_diff:
            click.echo("".join(session.diffs), nl=False)
        click.echo(session.summary(), err=True)
        if show_diff:
            ctx.exit(1 if session.files_changed else 0)
    results = filter_baselined(results, loaded, named, baseline_path, no_baseline)
    if diff_base or changed_only:
        from postmortem_lint.sources.changes import ChangesError, keep_changed

        try:
            results = keep_changed(results, diff_base)
        except ChangesError as error:
            click.echo(f"postmortem-lint: {error}", err=True)
            ctx.exit(2)
    level = Level(fail_level) if fail_level else loaded.config.fail_level
    _emit(output_format, results, output, quiet, no_hints)
    if sarif_output is not None:
        _emit("sarif", results, sarif_output, quiet=False, no_hints=no_hints)
    if summary_path is not None:
        from postmortem_lint.reporters.summary import render_summary

        with open_output(summary_path, append=True) as stream:
            stream.write(render_summary(results))
    ctx.exit(1 if failed(results, level) else 0)


def _emit(output_format: str, results: list[FileResult], output: Path | None, quiet: bool,
          no_hints: bool) -> None:
    from postmortem_lint.reporters import get_reporter

    if output_format == "text":
        color = output is None and sys.stdout.isatty()
        text = get_reporter("text", color=color, hints=not no_hints)(results)
        if quiet and not any(r.findings for r in results):
            return
    else:
        text = get_reporter(output_format)(results)
    if output is not None:
        with open_output(output) as stream:
            stream.write(text)
    else:
        click.echo(text, nl=False)
