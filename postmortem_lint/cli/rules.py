"""``postmortem-lint rules``: the table of every rule."""

from __future__ import annotations

import json

import click

from postmortem_lint.engine.registry import all_rules
from postmortem_lint.engine.rule import Rule


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)
def command(output_format: str) -> None:
    """List every rule: code, name, default level, whether it runs by default (off: only
    when selected by code, prefix or name) and what it checks."""
    rules = list(all_rules().values())
    if output_format == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "level": r.level.value,
                                "family": r.family, "summary": r.summary(),
                                "needs_nlp": r.needs_nlp, "default_enabled": r.default_enabled,
                                "fix": r.fix_kind.value if r.fix_kind else None}
                               for r in rules], indent=2))
        return
    if output_format == "markdown":
        click.echo("| Code | Name | Level | Default | What it checks |\n|---|---|---|---|---|")
        for rule in rules:
            click.echo(f"| {rule.code} | `{rule.name}` | {rule.level.value} | "
                       f"{_default(rule)} | {rule.summary()} |")
        return
    from postmortem_lint.rule_docs import plain_text

    width = max(len(r.name) for r in rules)
    for rule in rules:
        fix = "[*]" if rule.fix_kind else "   "
        click.echo(f"{rule.code}  {rule.name:<{width}}  {rule.level.value:<7}  "
                   f"{_default(rule):<3}  {fix} {plain_text(rule.summary())}")


def _default(rule: type[Rule]) -> str:
    """"on", or "off" for a rule that runs only when selected by code, prefix or name."""
    return "on" if rule.default_enabled else "off"
