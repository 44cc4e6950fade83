"""Options shared by the commands that lint (check, audit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from postmortem_lint.engine.config import ConfigError, LoadedConfig, discover, read_config


class ConfigFailure(click.ClickException):
    """A config or rule-data error: exit code 2, like every usage error."""

    exit_code = 2


def split_codes(values: tuple[str, ...]) -> list[str] | None:
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    return codes or None


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
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name) from error


def lint_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for decorator in reversed([
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Config file (default: nearest .postmortem-lint.yaml or pyproject.toml)."),
        click.option("--select", multiple=True, help="Only these rule codes/prefixes (comma-separated)."),
        click.option("--ignore", multiple=True, help="Skip these rule codes/prefixes (comma-separated)."),
        click.option("--no-cache", is_flag=True, help="Do not read or write the cache."),
        click.option("--today", help="Date used for overdue checks (YYYY-MM-DD; default: today)."),
    ]):
        function = decorator(function)
    return function
