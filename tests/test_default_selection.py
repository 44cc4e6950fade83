"""Rules that ask for a template convention are off unless selected by code, prefix or name."""

from __future__ import annotations

import json

from click.testing import CliRunner

from postmortem_lint.cli.main import cli
from postmortem_lint.engine.registry import all_rules
from tests.conftest import codes, lint_text

_NO_AUDIENCE = """\
    # Checkout errors

    ## Summary
    Checkout returned errors for 20 minutes.
    """

# Template conventions most published postmortems omit (PM511: the review framework's
# prevention checklist), and the opt-in spelling fix (PM704).
OFF_BY_DEFAULT = {"PM204", "PM205", "PM508", "PM511", "PM603", "PM704", "PM801"}


def test_convention_rules_are_off_by_default() -> None:
    assert {code for code, rule in all_rules().items() if not rule.default_enabled} \
        == OFF_BY_DEFAULT
    assert "PM801" not in codes(lint_text(_NO_AUDIENCE))


def test_an_off_rule_runs_when_selected_by_code_prefix_or_name() -> None:
    assert "PM801" in codes(lint_text(_NO_AUDIENCE, select=["PM801"]))
    assert "PM801" in codes(lint_text(_NO_AUDIENCE, select=["PM8"]))
    assert "PM801" in codes(lint_text(_NO_AUDIENCE, select=["audience-missing"]))
    assert "PM801" in codes(lint_text(_NO_AUDIENCE, **{"extend-select": ["PM801"]}))
    assert "PM801" not in codes(lint_text(_NO_AUDIENCE, select=["ALL"]))


def test_an_off_rule_selected_but_ignored_stays_off() -> None:
    assert "PM801" not in codes(lint_text(_NO_AUDIENCE, select=["PM8"], ignore=["PM801"]))


def test_rules_command_shows_the_default() -> None:
    result = CliRunner().invoke(cli, ["rules", "--format", "json"])
    table = {row["code"]: row["default_enabled"] for row in json.loads(result.output)}
    assert table["PM801"] is False and table["PM701"] is True
    text = CliRunner().invoke(cli, ["rules"]).output
    assert any(line.startswith("PM801") and " off " in line for line in text.splitlines())
