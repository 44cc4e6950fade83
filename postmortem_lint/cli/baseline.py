"""``postmortem-lint baseline``: record today's findings so that ``check`` reports only
new ones."""

from __future__ import annotations

from pathlib import Path

import click

from postmortem_lint.cli.options import (
    config_errors,
    config_finder,
    lint_options,
    parse_date_option,
    split_codes,
)
from postmortem_lint.engine.baseline import (
    BASELINE_FILE,
    build_baseline,
    find_baseline,
    write_baseline,
)
from postmortem_lint.engine.finding import FileResult
from postmortem_lint.engine.runner import LinterPool
from postmortem_lint.sources.discovery import discover_files


@click.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help=f"Where to write the baseline (default: the {BASELINE_FILE} check would "
              "use, else one next to the config, else in the current folder).")
@lint_options
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], output: Path | None,
            config_path: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
            no_cache: bool, today: str | None) -> None:
    """Record the findings in PATHS (default: the current folder) so that later checks
    report only new ones. Re-run it to shrink the baseline once old findings are fixed."""
    folders = list(paths) or [Path(".")]
    finder = config_finder(config_path)
    linters = LinterPool(finder, select=split_codes(select, "--select"),
                         ignore=split_codes(ignore, "--ignore"), use_cache=not no_cache,
                         today=parse_date_option(today, "--today"),
                         debug=bool(ctx.obj and ctx.obj.get("debug")))
    results: list[FileResult] = []
    with config_errors():
        for candidate in discover_files(folders, finder):
            if candidate.skipped is None:
                results.append(linters.for_file(candidate.path).lint_path(candidate.path))
        config_file = finder.for_file(folders[0]).path
    # Rewriting (shrinking) a baseline updates the one check would use.
    target = output or find_baseline(folders[0], config_file) or (
        config_file.parent if config_file else Path.cwd()) / BASELINE_FILE
    baseline = build_baseline(results, target.parent)
    write_baseline(baseline, target)
    files = len({entry.path for entry in baseline.findings})
    click.echo(f"Wrote {len(baseline.findings)} findings in {files} files to {target}")
