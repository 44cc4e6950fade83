"""Config and plugins: an invalid config names the key and exits 2; a third-party rule that
raises becomes a PM008 finding for that rule while every other rule still runs."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_lint.cli.main import cli
from postmortem_lint.engine import registry
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext

PAGE = "# Checkout outage\n\n## Timeline\n\n- 14:32 — Deploy started\n"


def check(folder: Path, *args: str) -> tuple[int, str]:
    page = folder / "p.md"
    if not page.exists():
        page.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args, str(page)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(("config", "named"), [
    ("fail-levle: error\n", "fail-levle"),
    ("fail-level: catastrophic\n", "fail-level"),
    ("max-file-size: big\n", "max-file-size"),
    ("select: PM301\n", "select"),
    ("severity: {PM301: loud}\n", "severity.PM301"),
    ("rules: {PM506: {no-such-option: 1}}\n", "no-such-option"),
    ("per-file-ignores: [a, b]\n", "per-file-ignores"),
])
def test_an_invalid_config_names_the_key(tmp_path: Path, config: str, named: str) -> None:
    (tmp_path / ".postmortem-lint.yaml").write_text(config, encoding="utf-8")
    code, output = check(tmp_path)
    assert code == 2, output
    message = [line for line in output.splitlines() if line.strip()][-1]
    assert named in message and "Error" in message


@pytest.mark.parametrize(("config", "words"), [
    ("select: [PM301\n", ["invalid YAML", ":2:"]),
    ("- a list\n", ["must be a mapping"]),
])
def test_a_malformed_config_file_is_a_clear_error(tmp_path: Path, config: str,
                                                  words: list[str]) -> None:
    (tmp_path / ".postmortem-lint.yaml").write_text(config, encoding="utf-8")
    code, output = check(tmp_path)
    assert code == 2
    for word in words:
        assert word in output


def test_a_broken_pyproject_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.postmortem-lint]\nfail-level = 'error'\n", encoding="utf-8")
    page = tmp_path / "p.md"
    page.write_text(PAGE, encoding="utf-8")
    config.write_text("[tool.postmortem-lint\nfail-level = ", encoding="utf-8")
    code, output = check(tmp_path, "--config", str(config))
    assert code == 2 and "invalid TOML" in output


# -- a third-party rule that raises ------------------------------------------------------------
class ExplodingRule(Rule):
    """A plugin rule with a bug."""

    code = "XPL001"
    name = "exploding-plugin-rule"
    level = Level.warning

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        yield self.problem(ctx.document.top, "found before the crash")
        raise KeyError("plugin bug")


def plugin_pack() -> list[type[Rule]]:
    return [ExplodingRule]


@pytest.fixture
def with_plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fake installed rule pack, next to the real ones, through the entry-point group."""
    real = registry.entry_points(group=registry.GROUP)
    fake = EntryPoint(name="exploding", value=f"{__name__}:plugin_pack", group=registry.GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: [*real, fake])
    registry.all_rules.cache_clear()
    yield
    registry.all_rules.cache_clear()


@pytest.mark.usefixtures("with_plugin")
def test_a_raising_plugin_rule_is_a_pm008_finding_and_other_rules_still_run(
        tmp_path: Path) -> None:
    assert "XPL001" in registry.all_rules()
    code, output = check(tmp_path, "--select", "PM301,XPL001,PM008")
    assert code == 1
    crashed = [line for line in output.splitlines() if "PM008" in line]
    assert len(crashed) == 1
    assert "XPL001" in crashed[0] and "exploding-plugin-rule" in crashed[0]
    assert "KeyError" in crashed[0] and "plugin bug" in crashed[0]
    assert "PM301" in output  # the built-in rule still ran


@pytest.mark.usefixtures("with_plugin")
def test_debug_puts_the_plugin_traceback_in_the_finding(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--debug", "check", "--no-cache", "--format", "json",
                                      "--select", "XPL001,PM008", str(page)])
    assert "Traceback" in result.output and "plugin bug" in result.output


def test_a_rule_pack_that_fails_to_load_is_a_one_line_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = EntryPoint(name="broken", value="no_such_module_xyz:rules", group=registry.GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: [broken])
    registry.all_rules.cache_clear()
    try:
        code, output = check(tmp_path)
    finally:
        registry.all_rules.cache_clear()
    assert code == 2
    line = [line for line in output.splitlines() if line.strip()][-1]
    assert "broken" in line and "no_such_module_xyz" in line
