"""Options shared by the commands that lint (check, audit)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from postmortem_lint.engine.config import ConfigError, LoadedConfig, discover, read_config

if TYPE_CHECKING:
    from postmortem_lint.sources.discovery import ConfigFinder


class ConfigFailure(click.ClickException):
    """A config or rule-data error: exit code 2, like every usage error."""

    exit_code = 2


class UsageFailure(click.ClickException):
    """A request that cannot be carried out as given: a one-line error and exit code 2."""

    exit_code = 2


class OutputFailure(click.ClickException):
    """A report file that cannot be written: a one-line error and exit code 2."""

    exit_code = 2


def split_codes(values: tuple[str, ...], option: str = "--select") -> list[str] | None:
    """Comma-separated codes, prefixes or names; one that matches no rule is a usage error
    (a typo in ``--select`` would otherwise select nothing and pass every file)."""
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    if codes:
        from postmortem_lint.engine.references import unknown
        from postmortem_lint.engine.registry import all_rules

        rules = list(all_rules().values())
        for code in codes:
            if problem := unknown(code, rules):
                raise click.BadParameter(f"{problem} (see 'postmortem-lint rules')",
                                         param_hint=option)
    return codes or None


def check_output_path(path: Path | None, option: str) -> None:
    """Refuse an empty or folder path before any work is done."""
    if path is None:
        return
    if not str(path).strip() or path.is_dir():
        raise click.BadParameter(f"{str(path)!r} is not a file name", param_hint=option)


def refuse_overwriting(outputs: dict[str, Path | None], inputs: list[Path]) -> None:
    """A report must never replace a postmortem it reports on."""
    linted = {path.resolve() for path in inputs}
    for option, path in outputs.items():
        if path is not None and path.resolve() in linted:
            raise click.BadParameter(f"{str(path)!r} is one of the files being linted",
                                     param_hint=option)


@contextmanager
def open_output(path: Path, append: bool = False) -> Iterator[TextIO]:
    """``path`` opened for writing as UTF-8; failing to open it is a one-line error."""
    try:
        stream = path.open("a" if append else "w", encoding="utf-8", newline="")
    except OSError as error:
        raise OutputFailure(f"cannot write {path}: {error.strerror or error}") from error
    with stream:
        yield stream


@contextmanager
def config_errors() -> Iterator[None]:
    """A config error met while linting (a closer config found under a folder) is a usage
    error: exit code 2, with the file and the key."""
    try:
        yield
    except ConfigError as error:
        raise ConfigFailure(str(error)) from error


def config_finder(config_path: str | None) -> ConfigFinder:
    """The explicit --config for every file, else each file's closest config."""
    from postmortem_lint.sources.discovery import ConfigFinder

    with config_errors():
        return ConfigFinder(read_config(Path(config_path)) if config_path else None)


def render_settings(loaded: LoadedConfig, path: Path) -> str:
    """The settings ``path`` is linted with, each with where it comes from."""
    source = loaded.path.as_posix() if loaded.path else "default (no config file found)"
    given = loaded.config.model_fields_set
    lines = [f"File: {path.as_posix()}", f"Config: {source}", ""]
    for name, field in type(loaded.config).model_fields.items():
        value = getattr(loaded.config, name)
        shown = value.value if hasattr(value, "value") else value
        key = field.alias or name
        origin = loaded.path.name if name in given and loaded.path else "default"
        lines.append(f"{key} = {json.dumps(shown, default=str)}  # {origin}")
    return "\n".join(lines) + "\n"


def load_config(config_path: str | None, paths: list[Path]) -> LoadedConfig:
    """The explicit --config, else the nearest config above the first path (or cwd)."""
    try:
        if config_path:
            return read_config(Path(config_path))
        start = paths[0] if paths else Path.cwd()
        return discover(start if start.exists() else Path.cwd())
    except ConfigError as error:
        raise ConfigFailure(str(error)) from error


def parse_date_option(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)",
                                 param_hint=name) from error


def lint_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for decorator in reversed([
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Config file (default: the closest "
                     ".postmortem-lint.yaml or pyproject.toml)."),
        click.option("--select", multiple=True,
                     help="Only these rules: codes, prefixes (PM3) or names, comma-separated."),
        click.option("--ignore", multiple=True,
                     help="Skip these rules: codes, prefixes or names, comma-separated."),
        click.option("--no-cache", is_flag=True, help="Do not read or write the cache."),
        click.option("--today", help="Date used for overdue checks (YYYY-MM-DD; default: today)."),
    ]):
        function = decorator(function)
    return function
