"""``postmortem-lint new``: write a postmortem skeleton that passes every rule once filled in."""

from __future__ import annotations

import datetime as dt
import re
from importlib.resources import files
from pathlib import Path

import click

from postmortem_lint.cli.options import UsageFailure, parse_date_option

TEMPLATES = {".md": "postmortem.md", ".markdown": "postmortem.md",
             ".yaml": "postmortem.yaml", ".yml": "postmortem.yaml"}
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def incident_date(path: Path, today: dt.date) -> dt.date:
    """The date in the file name (``2026-03-04-checkout.md``), else today."""
    for match in _DATE_IN_NAME.finditer(path.name):
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            continue
    return today


def skeleton(path: Path, today: dt.date) -> str:
    """The template for ``path``'s format with its dates filled in."""
    template = files("postmortem_lint.templates").joinpath(TEMPLATES[path.suffix.lower()])
    text = template.read_text("utf-8")
    day = incident_date(path, today)
    text = text.replace("INC-YYYY-NNN", f"INC-{day.year}-NNN")
    text = re.sub(r"^(\s*date:) YYYY-MM-DD$", rf"\1 {day.isoformat()}", text, flags=re.M)
    return re.sub(r"^(\s*date_written:) YYYY-MM-DD$", rf"\1 {today.isoformat()}", text,
                  flags=re.M)


@click.command("new")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--today", help="Date written (YYYY-MM-DD; default: today).")
def command(path: Path, force: bool, today: str | None) -> None:
    """Write a postmortem template to PATH (Markdown for .md, YAML for .yaml), creating its
    folder. The incident date comes from a date in the file name, else today. Its
    placeholders are findings until filled in."""
    if path.suffix.lower() not in TEMPLATES:
        raise UsageFailure(f"{path}: choose a Markdown (.md) or YAML (.yaml) file name")
    if path.exists() and not force:
        raise UsageFailure(f"{path} exists; use --force to overwrite it")
    day = parse_date_option(today, "--today") or dt.date.today()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(skeleton(path, day), encoding="utf-8")
    except OSError as error:
        raise UsageFailure(f"cannot write {path}: {error.strerror or error}") from error
    click.echo(f"wrote {path}; fill in every [placeholder], then run: postmortem-lint check {path}")
