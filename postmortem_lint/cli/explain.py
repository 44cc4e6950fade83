"""``postmortem-lint explain CODE``: a rule's documentation, from its docstring."""

from __future__ import annotations

import json

import click

from postmortem_lint.engine.registry import find_rule


@click.command("explain")
@click.argument("code")
def command(code: str) -> None:
    """Show what rule CODE (or name) checks, why, and a bad and a good example."""
    rule = find_rule(code)
    if rule is None:
        raise click.UsageError(f"no rule {code!r}; see 'postmortem-lint rules'")
    click.echo(f"{rule.code} ({rule.name}) — default level: {rule.level.value}; "
               f"{rule.fix_summary()}\n")
    click.echo(rule.doc())
    schema = rule.Options.model_json_schema()
    if schema.get("properties"):
        click.echo("\nOptions (in the config under rules." + rule.code + "):")
        for name, prop in schema["properties"].items():
            default = json.dumps(prop.get("default")) if "default" in prop else "required"
            click.echo(f"  {name}: {prop.get('description', '')} (default: {default})")
