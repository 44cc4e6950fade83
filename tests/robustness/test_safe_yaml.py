"""No YAML tag constructs a Python object or runs code: not in YAML postmortems, not in
front matter, not in the config file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

from postmortem_lint.cli.main import cli
from postmortem_lint.parsers.yaml_tree import YamlFailure, load_yaml
from tests.conftest import lint_text

TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.check_output [['touch', '{marker}']]",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/object:pathlib.Path {{}}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/tuple [1, 2]",
    "!!python/bytes AAAA",
    "!!python/complex 1+2j",
    "!!binary aGVsbG8=",
    "!!set {{a, b}}",
    "!!omap [a: 1]",
    "!custom/tag {{x: 1}}",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
]
PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime, bytes, CommentedMap,
         CommentedSeq, TaggedScalar, dict, list, set)


def _plain(value: Any, depth: int = 0) -> bool:
    module = type(value).__module__
    if not (isinstance(value, PLAIN) or module.startswith("ruamel.yaml.")) or \
            module.split(".")[0] not in ("builtins", "datetime", "ruamel"):
        return False
    if depth > 20:
        return True
    if isinstance(value, dict):
        return all(_plain(k, depth + 1) and _plain(v, depth + 1) for k, v in value.items())
    if isinstance(value, list | set) or module.startswith("ruamel.yaml.comments"):
        return all(_plain(item, depth + 1) for item in value)
    return True


@pytest.mark.parametrize("tag", TAGS)
def test_tags_build_only_plain_data(tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    loaded = load_yaml(f"summary: {tag.format(marker=marker)}\n")
    assert isinstance(loaded, YamlFailure) or _plain(loaded), loaded
    assert not marker.exists()


@pytest.mark.parametrize("tag", TAGS)
def test_tags_in_postmortems_and_front_matter_run_nothing(tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    value = tag.format(marker=marker)
    lint_text(f"title: x\nseverity: {value}\ntimeline:\n  - time: {value}\n", "p.yaml")
    lint_text(f"---\ntitle: {value}\ndate: {value}\n---\n# T\n", "p.md")
    assert not marker.exists()


def test_tags_in_the_config_run_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / ".postmortem-lint.yaml").write_text(
        f"select: !!python/object/apply:os.system ['touch {marker}']\n"
        f"ignore: !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n",
        encoding="utf-8")
    page = tmp_path / "p.md"
    page.write_text("# T\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(page)])
    assert result.exit_code in (0, 1, 2) and "Traceback" not in result.output
    assert not marker.exists()
