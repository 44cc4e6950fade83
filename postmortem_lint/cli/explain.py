"""``postmortem-lint explain CODE``: a rule's documentation, from its docstring."""

from __future__ import annotations

import json

import click

from postmortem_lint.engine.registry import all_rules, find_rule
from postmortem_lint.engine.rule import option_defaults


@click.command("explain")
@click.argument("code")
def command(code: str) -> None:
    """Show what rule CODE (or name) checks, why, and a bad and a good example."""
    from postmortem_lint.links import rule_url
    from postmortem_lint.rule_docs import plain_text

    rule = find_rule(code)
    if rule is None:
        from postmortem_lint.engine.references import did_you_mean

        raise click.UsageError(f"no rule {code!r}{did_you_mean(code, all_rules().values())}; "
                               "see 'postmortem-lint rules'")
    click.echo(f"{rule.code} ({rule.name}) — default level: {rule.level.value}; "
               f"{rule.fix_summary()}\n")
    click.echo(plain_text(rule.doc()))
    schema = rule.Options.model_json_schema()
    if schema.get("properties"):
        click.echo("\nOptions (in the config under rules." + rule.code + "):")
        defaults = option_defaults(rule.Options)
        for name, prop in schema["properties"].items():
            default = json.dumps(defaults[name]) if name in defaults else "required"
            click.echo(f"  {name}: {prop.get('description', '')} (default: {default})")
    click.echo(f"\nDocumentation: {rule_url(rule.code)}")
