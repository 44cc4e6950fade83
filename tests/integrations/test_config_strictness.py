"""A typo in the config never silences the linter, and each file is linted with its closest
config, whatever the working directory, the argument order or the way the text arrives."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_lint.cli.main import cli

# Two times without a zone: PM301 on lines 5 and 6.
PAGE = "# Checkout outage\n\n## Timeline\n\n- 14:32 — Deploy started\n- 14:40 — Alert fired\n"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args], input=stdin)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def page(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE, encoding="utf-8")
    return path


def pm301_lines(output: str) -> list[str]:
    return sorted(line.split(":", 1)[0] for line in output.splitlines() if " PM301 [" in line)


# -- unknown codes, names and prefixes --------------------------------------------------------
@pytest.mark.parametrize(("yaml", "key", "value", "suggestion"), [
    ("select: [PM3O1]\n", "select", "PM3O1", "PM301"),
    ("extend-select: [PM9999]\n", "extend-select", "PM9999", None),
    ("ignore: [timeline-zone-mising]\n", "ignore", "timeline-zone-mising",
     "timeline-zone-missing"),
    ("per-file-ignores: {'*.md': [PM3O1]}\n", "per-file-ignores", "PM3O1", "PM301"),
    ("severity: {PM3O1: error}\n", "severity", "PM3O1", "PM301"),
    ("rules: {PM9O1: {}}\n", "rules", "PM9O1", None),
    ("severity: {PM3: error}\n", "severity", "PM3", None),
])
def test_an_unknown_rule_in_the_config_is_an_error_naming_file_key_and_value(
        tmp_path: Path, yaml: str, key: str, value: str, suggestion: str | None) -> None:
    config = tmp_path / ".postmortem-lint.yaml"
    config.write_text(yaml, encoding="utf-8")
    code, output = run(str(page(tmp_path / "p.md")))
    assert code == 2
    assert str(config) in output and key in output and repr(value) in output
    if suggestion:
        assert f"did you mean '{suggestion}'" in output


def test_an_unknown_rule_in_pyproject_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.postmortem-lint]\nselect = ['PM3O1']\n", encoding="utf-8")
    code, output = run(str(page(tmp_path / "p.md")))
    assert code == 2 and "pyproject.toml" in output and "'PM3O1'" in output
    assert "did you mean 'PM301'" in output


def test_codes_in_the_config_are_case_insensitive_and_names_work(tmp_path: Path) -> None:
    (tmp_path / ".postmortem-lint.yaml").write_text(
        "select: [pm3]\nseverity: {timeline-zone-missing: error}\n"
        "rules: {pm506: {}}\n", encoding="utf-8")
    code, output = run(str(page(tmp_path / "p.md")))
    assert code == 1 and "PM301 [error]" in output


def test_a_pyproject_that_does_not_parse_is_an_error_with_line_and_column(
        tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.postmortem-lint]\nselect = [PM301]\n",
                                             encoding="utf-8")
    code, output = run(str(page(tmp_path / "p.md")))  # found by discovery, not --config
    assert code == 2 and "pyproject.toml:2:11:" in output


def test_a_yaml_config_that_does_not_parse_is_an_error_with_line_and_column(
        tmp_path: Path) -> None:
    (tmp_path / ".postmortem-lint.yaml").write_text("ignore: [PM301\nfail-level: error\n",
                                                    encoding="utf-8")
    code, output = run(str(page(tmp_path / "p.md")))
    assert code == 2 and ".postmortem-lint.yaml:2:" in output


# -- paths resolve against the config's folder ------------------------------------------------
def test_per_file_ignores_match_the_same_file_from_any_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".postmortem-lint.yaml").write_text(
        "select: [PM301]\nper-file-ignores: {'team/*.md': [PM301]}\n", encoding="utf-8")
    target = page(tmp_path / "team" / "p.md")
    elsewhere = tmp_path.parent
    for cwd, argument in ((tmp_path, "team/p.md"), (tmp_path / "team", "p.md"),
                          (elsewhere, str(target))):
        monkeypatch.chdir(cwd)
        code, output = run(argument)
        assert code == 0 and "PM301" not in output, (cwd, output)


def test_exclude_matches_against_the_config_folder(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".postmortem-lint.yaml").write_text("select: [PM301]\nexclude: [team/drafts]\n",
                                                    encoding="utf-8")
    page(tmp_path / "team" / "drafts" / "wip.md")
    page(tmp_path / "team" / "done.md")
    for cwd, argument in ((tmp_path, "team"), (tmp_path / "team", ".")):
        monkeypatch.chdir(cwd)
        _, output = run(argument)
        assert "wip.md" not in output and "done.md" in output


# -- the closest config -----------------------------------------------------------------------
@pytest.fixture
def teams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".postmortem-lint.yaml").write_text("select: [PM301]\n", encoding="utf-8")
    (tmp_path / "teamA" / ".postmortem-lint.yaml").parent.mkdir()
    (tmp_path / "teamA" / ".postmortem-lint.yaml").write_text(
        "select: [PM301]\nignore: [PM301]\n",
                                                              encoding="utf-8")
    page(tmp_path / "teamA" / "a.md")
    page(tmp_path / "teamB" / "b.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_each_file_gets_its_closest_config_in_any_argument_order(teams: Path) -> None:
    first = run("teamA", "teamB")
    second = run("teamB", "teamA")
    assert pm301_lines(first[1]) == pm301_lines(second[1]) == ["teamB/b.md"]
    assert first[0] == second[0] == 1


def test_stdin_filename_drives_config_discovery(teams: Path) -> None:
    # an editor buffer not saved yet: the name's folder decides, as for a file on disk
    code, output = run("--stdin-filename", "teamA/unsaved.md", "-", stdin=PAGE)
    assert code == 0 and "PM301" not in output
    (teams / "teamB" / ".postmortem-lint.yaml").write_text("select: [PM301]\n",
                                                           encoding="utf-8")
    (teams / "teamA" / "a.md").unlink()
    code, output = run("--stdin-filename", "teamB/unsaved.md", "-", stdin=PAGE)
    assert code == 1 and pm301_lines(output) == ["teamB/unsaved.md"]


def test_show_settings_names_the_config_and_where_each_value_comes_from(teams: Path) -> None:
    code, output = run("--show-settings", "teamA/a.md")
    assert code == 0
    assert f"Config: {(teams / 'teamA' / '.postmortem-lint.yaml').as_posix()}" in output
    assert 'ignore = ["PM301"]  # .postmortem-lint.yaml' in output
    assert "fail-level = \"warning\"  # default" in output


def test_show_files_lists_linted_and_skipped_files_with_the_reason(teams: Path) -> None:
    (teams / "teamB" / "notes.txt").write_text("x", encoding="utf-8")
    (teams / "k8s.yaml").write_text("apiVersion: v1\nkind: Service\n", encoding="utf-8")
    code, output = run("--show-files", ".")
    lines = output.splitlines()
    assert code == 0
    assert "teamA/a.md" in lines and "teamB/b.md" in lines
    assert "teamB/notes.txt  (skipped: not matched by include)" in lines
    assert any(line.startswith("k8s.yaml  (skipped: a manifest") for line in lines)


def test_a_typo_in_a_closer_config_found_while_walking_is_an_error(teams: Path) -> None:
    config = teams / "teamB" / ".postmortem-lint.yaml"
    config.write_text("ignore: [PM3O1]\n", encoding="utf-8")
    code, output = run(".")
    assert code == 2 and str(config) in output and "'PM3O1'" in output
