"""``postmortem-lint schema NAME``: print a JSON Schema generated from the pydantic models."""

from __future__ import annotations

import click

from postmortem_lint.schemas import SCHEMAS, schema_text


@click.command("schema")
@click.argument("name", type=click.Choice(sorted(SCHEMAS)))
def command(name: str) -> None:
    """Print the JSON Schema NAME: postmortem (the YAML format), config, rule-data,
    report (check's JSON output) or audit (audit's JSON output)."""
    click.echo(schema_text(name), nl=False)
