"""``postmortem-lint new``: the README's first command works in a fresh folder, the
template matches the file's format, dates are filled in, and mistakes exit 2."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_lint.cli.main import cli
from postmortem_lint.parsers.yaml_tree import YamlFailure, load_yaml
from tests.conftest import codes, lint_text


def new(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["new", *args])
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result.exit_code, result.output


def test_new_creates_the_folders(tmp_path: Path) -> None:
    target = tmp_path / "postmortems" / "2026-03-04-checkout.md"
    code, _ = new(str(target))
    assert code == 0 and target.is_file()


def test_the_incident_date_comes_from_the_file_name_and_date_written_is_today(
        tmp_path: Path) -> None:
    target = tmp_path / "2026-03-04-checkout.md"
    new(str(target), "--today", "2026-03-06")
    text = target.read_text(encoding="utf-8")
    assert "date: 2026-03-04\n" in text and "date_written: 2026-03-06\n" in text
    assert "id: INC-2026-NNN" in text


def test_without_a_date_in_the_name_the_date_is_today(tmp_path: Path) -> None:
    target = tmp_path / "checkout.md"
    new(str(target))
    assert f"date: {dt.date.today().isoformat()}\n" in target.read_text(encoding="utf-8")


def test_a_yaml_name_gets_the_yaml_template(tmp_path: Path) -> None:
    target = tmp_path / "2026-03-04-checkout.yaml"
    code, _ = new(str(target))
    text = target.read_text(encoding="utf-8")
    assert code == 0 and not text.startswith("---")
    loaded = load_yaml(text)
    assert not isinstance(loaded, YamlFailure)
    assert str(loaded["date"]) == "2026-03-04" and loaded["timeline"] and loaded["action_items"]
    found = codes(lint_text(text, name="p.yaml", select=["PM0"]))
    assert "PM002" not in found


@pytest.mark.parametrize("name", ["notes.txt", "postmortem", "x.json"])
def test_other_extensions_are_refused(tmp_path: Path, name: str) -> None:
    code, output = new(str(tmp_path / name))
    assert code == 2 and "Markdown" in output and not (tmp_path / name).exists()


def test_an_existing_file_is_exit_2_without_force(tmp_path: Path) -> None:
    target = tmp_path / "p.md"
    target.write_text("mine\n", encoding="utf-8")
    code, output = new(str(target))
    assert code == 2 and "--force" in output and target.read_text() == "mine\n"
    code, _ = new(str(target), "--force")
    assert code == 0 and target.read_text() != "mine\n"


def test_the_skeleton_id_is_a_placeholder(tmp_path: Path) -> None:
    target = tmp_path / "p.md"
    new(str(target))
    findings = lint_text(target.read_text(encoding="utf-8"), select=["PM901"])
    assert any(f.span.line == 2 and "NNN" in f.message for f in findings)
