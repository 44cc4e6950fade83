"""Resource attacks are bounded: alias bombs, deep nesting, enormous lines, oversized
files and long timelines end in findings within seconds, never a hang or a crash."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from postmortem_lint.engine.config import Config, LoadedConfig
from postmortem_lint.engine.runner import Linter
from postmortem_lint.parsers.yaml_tree import YamlFailure, load_yaml
from tests.conftest import lint_text
from tests.robustness.conftest import time_limit

LIMIT = 60.0  # seconds: generous; only a hang or a blow-up gets near it


def named(*rows: tuple) -> list:
    """Parameters named by their first item (the texts themselves are megabytes long)."""
    return [pytest.param(*row, id=row[0]) for row in rows]


def billion_laughs(levels: int = 9) -> str:
    """Each level refers nine times to the one before: 9**9 leaves once expanded."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def lint_within(text: str, name: str, seconds: float = LIMIT, **config: object) -> list:
    with time_limit(seconds, f"linting {name}"):
        return lint_text(text, name, **config)


# -- alias bombs ----------------------------------------------------------------------------
@pytest.mark.parametrize("tail", ["summary: *a8\n", "root cause: *a8\n", "impact: {x: *a8}\n",
                                  "timeline: *a8\n", "action items: *a8\n",
                                  "five whys: [*a8, *a8]\n"])
def test_alias_bomb_in_a_yaml_postmortem_is_cut_short(tail: str) -> None:
    findings = lint_within(billion_laughs() + tail, "p.yaml", select=["PM0"])
    assert all(f.code in ("PM002", "PM003") for f in findings)


def test_alias_bomb_reports_that_the_rest_was_not_read() -> None:
    findings = lint_within(billion_laughs() + "summary: *a8\n", "p.yaml", select=["PM003"])
    assert any("too many nodes" in f.message for f in findings)


def test_alias_bomb_in_front_matter_is_cut_short() -> None:
    text = "---\n" + billion_laughs() + "summary: *a8\n---\n# Title\n\nBody.\n"
    findings = lint_within(text, "p.md")
    assert any("too many nodes" in f.message for f in findings)


def test_merge_key_bomb_is_read_without_crashing() -> None:
    lines = ["a: &a {x: 1, y: 2}"]
    for i in range(60):
        merged = ", ".join(["*a"] + [f"*b{j}" for j in range(max(0, i - 3), i)])
        lines.append(f"b{i}: &b{i}\n  <<: [{merged}]")
    findings = lint_within("\n".join(lines) + "\nsummary: *b59\nincident: *b59\n", "p.yaml")
    found = {finding.code for finding in findings}
    # valid YAML, read to the end without a crash: the document's own findings, not the
    # file's (an invalid-YAML or rule-crashed finding would mean it was not really read)
    assert not found & {"PM002", "PM008"}, found
    assert "PM300" in found, found  # it has no timeline, and says so


def test_alias_bomb_in_a_config_file_is_a_config_error(tmp_path: Path) -> None:
    from postmortem_lint.engine.config import ConfigError, read_config

    config = tmp_path / ".postmortem-lint.yaml"
    config.write_text(billion_laughs() + "ignore: *a8\n", encoding="utf-8")
    with time_limit(LIMIT, "reading the config"), pytest.raises(ConfigError) as error:
        read_config(config)
    assert "too many nodes" in str(error.value)


# -- deep nesting -----------------------------------------------------------------------------
@pytest.mark.parametrize(("what", "text"), named(
    ("flow sequences", "summary: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("flow mappings", "summary: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n"),
    ("block sequences", "summary:\n" + "".join(" " * i + "-\n" for i in range(1, 3_000))),
    ("block mappings", "summary:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 3_000))),
))
def test_deeply_nested_yaml_is_refused_with_a_finding(what: str, text: str) -> None:
    findings = lint_within(text, "p.yaml", select=["PM002"])
    assert [f.code for f in findings] == ["PM002"], what
    assert "nested" in findings[0].message


def test_deeply_nested_yaml_reports_where_it_got_too_deep() -> None:
    failure = load_yaml("a: 1\nb: " + "[" * 1_000 + "\n")
    assert isinstance(failure, YamlFailure)
    assert (failure.line, failure.column) == (2, 4 + 256)


def test_nesting_within_reason_is_read() -> None:
    loaded = load_yaml("a: " + "[" * 50 + "]" * 50)
    assert not isinstance(loaded, YamlFailure)


@pytest.mark.parametrize(("what", "text"), named(
    ("nested lists", "# T\n\n" + "".join("  " * i + "- x\n" for i in range(3_000))),
    ("nested lists on one line", "# T\n\n" + "- " * 50_000 + "x\n"),
    ("nested block quotes", "# T\n\n" + ">" * 100_000 + " x\n"),
    ("growing block quotes", "# T\n\n" + "".join("> " * i + "x\n" for i in range(2_000))),
    ("nested emphasis", "# T\n\n" + "*" * 50_000 + "x" + "*" * 50_000 + "\n"),
    ("nested links", "# T\n\n" + "[" * 20_000 + "x" + "](y)" * 20_000 + "\n"),
    ("nested HTML", "# T\n\n" + "<div>" * 20_000 + "x" + "</div>" * 20_000 + "\n"),
))
def test_deeply_nested_markdown_is_linted(what: str, text: str) -> None:
    findings = lint_within(text, "p.md")
    assert all(f.code != "PM008" for f in findings), what


# -- enormous lines and files --------------------------------------------------------------------
@pytest.mark.parametrize(("what", "name", "text"), named(
    ("a 1 MB paragraph line", "p.md", "# T\n\n" + "word " * 200_000 + "\n"),
    ("a 1 MB table row", "p.md", "# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
     "| 14:32 UTC | " + "a|" * 100_000 + "\n"),
    ("a 1 MB blank run", "p.md", "# T\n\nAuthors: " + " " * 1_000_000 + "x\n"),
    ("a 1 MB YAML scalar", "p.yaml", "summary: " + "x" * 1_000_000 + "\n"),
    ("a 1 MB YAML number line", "p.yaml", "severity: 2" + " " * 1_000_000 + "x\n"),
    ("1 MB of dots", "p.md", "# T\n\n## Root cause\n\n" + "." * 1_000_000 + " A\n"),
))
def test_enormous_lines_are_linted(what: str, name: str, text: str) -> None:
    findings = lint_within(text, name)
    assert all(f.code != "PM008" for f in findings), what


def test_a_file_over_the_size_limit_is_a_finding_and_is_not_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "huge.md"
    with big.open("wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.seek(2 * 1024**3)
        handle.write(b"\n")
    linter = Linter(LoadedConfig(config=Config(max_file_size=1024)), use_cache=False)
    with time_limit(10, "a 2 GB file"):
        result = linter.lint_path(big)
    assert [f.code for f in result.findings] == ["PM005"]
    assert "limit" in result.findings[0].message and result.skipped


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# T\n\n" + "Some text.\n" * 200, encoding="utf-8")
    small = Linter(LoadedConfig(config=Config(max_file_size=100)), use_cache=False)
    assert [f.code for f in small.lint_path(page).findings] == ["PM005"]
    default = Linter(LoadedConfig(), use_cache=False, select=["PM005"])
    assert default.lint_path(page).findings == []


# -- long timelines: linear, not quadratic ------------------------------------------------------
def _timeline(rows: int) -> str:
    body = "".join(f"| {i // 60 % 24:02d}:{i % 60:02d} UTC | Deploy wave {i} reached eu-west; "
                   f"error rate {i % 40}% and p99 {200 + i % 900} ms |\n" for i in range(rows))
    return ("---\ntitle: Checkout errors\nseverity: SEV-2\ndate: 2026-03-04\n---\n"
            "# Checkout errors\n\n## Timeline\n\n| Time | Event |\n|---|---|\n" + body)


def _seconds(linter: Linter, text: str) -> float:
    start = time.perf_counter()
    result = linter.lint_bytes(text.encode(), "big.md")
    assert all(f.code != "PM008" for f in result.findings)
    return time.perf_counter() - start


def test_timeline_rows_take_linear_time() -> None:
    """A blow-up check, not a speed test: 8x the rows may take at most 24x the time
    (quadratic work would take 64x). bench/large_file.py measures the real figures."""
    # The parsers and the engine; the NLP rules (PM1xx) are measured by bench/large_file.py.
    linter = Linter(LoadedConfig(), use_cache=False, today=dt.date(2026, 6, 1),
                    ignore=["PM1"])
    linter.lint_bytes(_timeline(10).encode(), "warm.md")
    small = min(_seconds(linter, _timeline(200)) for _ in range(3))
    with time_limit(LIMIT, "a 1,600-row timeline"):
        large = _seconds(linter, _timeline(1_600))
    assert large < max(small, 0.05) * 24, (small, large)
