"""``postmortem-lint audit``: lint an archive of postmortems in parallel and report the
quarterly-review analytics (overdue actions, reviews, repeats, MTTD/MTTR, trends)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from postmortem_lint.audit.analytics import Audit, AuditBuilder
from postmortem_lint.audit.collect import LintSettings, collect, default_jobs
from postmortem_lint.audit.record import DocumentRecord
from postmortem_lint.audit.render import FORMATS, write_report
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
from postmortem_lint.engine.finding import Level
from postmortem_lint.sources.discovery import iter_files


def failed(audit: Audit, fail_level: Level) -> bool:
    findings = audit.summary.totals.findings
    return any(count and level.rank >= fail_level.rank for level, count in findings.items())


@click.command("audit")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Worker processes (default: all cores). 1 lints in this process.")
@click.option("--since", help="Only incidents on or after this date (YYYY-MM-DD); documents "
              "with no date are kept and counted as undated.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE. With csv, the action items go to a second "
              "file beside it (audit.csv -> audit-actions.csv).")
@click.option("--fail-level", type=click.Choice([level.value for level in Level]),
              help="Lowest level that makes the exit code 1 (default from config: warning).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--history", type=click.Path(dir_okay=False, path_type=Path),
              help="Append this run's per-document and per-item state to the SQLite file "
              "FILE (created if missing); the report then shows how the completion rate and "
              "overdue items move from run to run. Without it nothing is written.")
@lint_options
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], jobs: int | None, since: str | None,
            output_format: str, output: Path | None, fail_level: str | None, quiet: bool,
            history: Path | None, config_path: str | None, select: tuple[str, ...],
            ignore: tuple[str, ...], no_cache: bool, today: str | None) -> None:
    """Audit the postmortems in PATHS (files or folders).

    Every file is linted (in parallel, reusing the cache) and scored; across documents
    the report shows overdue and unowned action items, the completion rate, missing or
    overdue follow-up reviews, repeat incidents (2 → escalate, 3 → management review),
    MTTD and MTTR per quarter and severity, top rule violations, root-cause categories,
    incident cost and per-quarter trends. Exit code 1 when a finding reaches the fail
    level, 2 on usage or config errors.
    """
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise click.UsageError(f"no such file or folder: {missing[0]}")
    check_output_path(output, "--output")
    selected, ignored = split_codes(select, "--select"), split_codes(ignore, "--ignore")
    day = parse_date_option(today, "--today") or dt.date.today()
    start = parse_date_option(since, "--since")
    loaded = load_config(config_path, list(paths))
    settings = LintSettings(loaded, select=selected, ignore=ignored,
                            use_cache=not no_cache, today=day,
                            debug=bool(ctx.obj and ctx.obj.get("debug")))
    try:
        linter = settings.linter()  # also validates the config before any worker starts
    except ConfigError as error:
        raise ConfigFailure(str(error)) from error
    found = list(iter_files(list(paths), loaded.config))
    if output is not None:
        from postmortem_lint.audit.render.csv_report import actions_path

        refuse_overwriting({"--output": output, "--output (action items)": actions_path(output)
                            if output_format == "csv" else None}, found)
    files = [file.as_posix() for file in found]
    workers = jobs or default_jobs()
    builder = AuditBuilder(day, start, base=audited_folder(paths))
    began = time.perf_counter()
    records = collect(files, settings, workers, linter=linter)
    show_progress = not quiet and sys.stderr.isatty() and bool(files)
    for record in _with_progress(records, len(files)) if show_progress else records:
        builder.add(record)
    with builder.store:
        audit = builder.finish()
        if history is not None:
            from postmortem_lint.audit.history import HistoryError, record_run

            try:
                record_run(audit, history)
            except HistoryError as error:
                raise click.UsageError(str(error)) from error
        _emit(audit, output_format, output)
    if show_progress:
        click.echo(f"Audited {len(files)} files in {time.perf_counter() - began:.1f}s "
                   f"with {min(workers, max(len(files), 1))} worker(s).", err=True)
    level = Level(fail_level) if fail_level else loaded.config.fail_level
    ctx.exit(1 if failed(audit, level) else 0)


def audited_folder(paths: Iterable[Path]) -> str:
    """The folder report paths are relative to: the audited folder, a file's folder, or
    the deepest folder holding all of several paths."""
    folders = [os.path.abspath(p if p.is_dir() else p.parent) for p in paths]
    return os.path.commonpath(folders) if folders else os.getcwd()


def _with_progress(records: Iterable[DocumentRecord], total: int) -> Iterator[DocumentRecord]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    # No refresh thread (auto_refresh=False): worker processes may be forked meanwhile.
    with Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), auto_refresh=False,
                  transient=True) as progress:
        task = progress.add_task("audit", total=total)
        last = 0.0
        for record in records:
            progress.advance(task)
            now = time.monotonic()
            if now - last > 0.1:
                progress.refresh()
                last = now
            yield record


def _emit(audit: Audit, output_format: str, output: Path | None) -> None:
    if output_format == "csv" and output is not None:
        from postmortem_lint.audit.render.csv_report import actions_path, write_csv

        with open_output(output) as documents, open_output(actions_path(output)) as actions:
            write_csv(audit, documents, actions)
        return
    if output is not None:
        with open_output(output) as stream:
            write_report(audit, output_format, stream)
        return
    color = output_format == "text" and sys.stdout.isatty()
    write_report(audit, output_format, sys.stdout, color=color)
