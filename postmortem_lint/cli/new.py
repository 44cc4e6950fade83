"""``postmortem-lint new``: write a postmortem skeleton that passes every rule once filled in."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import click


@click.command("new")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def command(path: Path, force: bool) -> None:
    """Write a postmortem template to PATH. Its placeholders are findings until filled in."""
    if path.exists() and not force:
        raise click.ClickException(f"{path} exists; use --force to overwrite it")
    template = files("postmortem_lint.templates").joinpath("postmortem.md").read_text("utf-8")
    path.write_text(template, encoding="utf-8")
    click.echo(f"wrote {path}; fill in every [placeholder], then run: postmortem-lint check {path}")
