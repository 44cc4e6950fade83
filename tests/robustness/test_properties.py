"""Property tests: whatever the input, the parsers and the engine return a document or
findings (never an exception), and every position lies inside the document."""

from __future__ import annotations

import codecs

from hypothesis import example, given, settings
from hypothesis import strategies as st

from postmortem_lint.engine.runner import RULE_CRASHED, Linter
from postmortem_lint.model import ProseRole
from postmortem_lint.model.prose import INVISIBLE
from postmortem_lint.parsers import parse
from postmortem_lint.parsers.yaml_tree import YamlFailure, load_yaml
from postmortem_lint.ruledata import load_rule_data
from postmortem_lint.sources.reading import ReadProblem, SourceText, decode
from tests.robustness.conftest import count_case
from tests.robustness.positions import finding_outside, outside, spans_in
from tests.robustness.strategies import (
    TRICKY,
    dump_yaml,
    markdown_document,
    yaml_document,
    yaml_ish,
    yaml_tree,
)

DATA = load_rule_data(())
PARSER_CASES = settings(settings.get_profile("robustness"), max_examples=300)
ENGINE_CASES = settings(settings.get_profile("robustness"), max_examples=150)
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]


def _source(text: str, name: str) -> SourceText:
    """Text as the reader hands it to the parsers (NULs included: parsers must cope)."""
    return SourceText(name, text.replace("\r\n", "\n").replace("\r", "\n"), "utf-8")


def assert_model_inside(text: str, name: str) -> None:
    source = _source(text, name)
    document = parse(source, DATA)
    lines = source.lines
    assert document.line_count == len(lines)
    for where, span in spans_in(document):
        problem = outside(span, lines)
        assert problem is None, f"{where}: {problem}"


def assert_findings_inside(linter: Linter, data: bytes, name: str) -> None:
    result = linter.lint_bytes(data, name)
    source = decode(data, name)
    lines = source.lines if isinstance(source, SourceText) else [""]
    crashed = [finding.message for finding in result.findings if finding.code == RULE_CRASHED]
    assert not crashed, crashed  # the engine keeps a crash at a valid position: not good enough
    for finding in result.findings:
        problem = finding_outside(finding, lines)
        assert problem is None, f"{finding.code} at {finding.span}: {problem}"
        assert finding.message.strip()
    if isinstance(source, ReadProblem):
        assert result.skipped


def test_a_planted_rule_crash_fails_the_property_check(monkeypatch) -> None:  # noqa: ANN001
    """A crash the engine turns into a PM008 finding must still fail these tests."""
    import datetime as dt

    import pytest

    from postmortem_lint.checks.actions.duplicate import ActionDuplicate
    from postmortem_lint.engine.config import LoadedConfig

    def explode(self, ctx):  # noqa: ANN001, ANN202
        raise RuntimeError("planted")

    monkeypatch.setattr(ActionDuplicate, "check", explode)
    planted = Linter(LoadedConfig(), use_cache=False, today=dt.date(2026, 6, 1),
                     select=["PM509"])
    with pytest.raises(AssertionError, match="planted"):
        assert_findings_inside(planted, b"# Title\n", "p.md")


def test_the_property_tests_are_deterministic() -> None:
    assert settings.get_profile("robustness").derandomize


# -- the parsers -----------------------------------------------------------------------
@PARSER_CASES
@given(markdown_document())
@example("> \x0c\n> Title: 14:32")  # a form feed line markdown-it drops from the quote
def test_markdown_parser_keeps_every_position_inside(text: str) -> None:
    count_case("markdown parser: composed Markdown")
    assert_model_inside(text, "postmortem.md")


@PARSER_CASES
@given(st.one_of(st.builds(dump_yaml, yaml_tree()), yaml_ish()))
@example("action items:\n- ''\nAction items: []\n")  # a repeated key: span ended before start
@example("timeline:\n- 14:32 UTC x\nTimeline: []\n")
def test_yaml_parser_keeps_every_position_inside(text: str) -> None:
    count_case("YAML parser: dumped trees and YAML-ish text")
    assert_model_inside(text, "postmortem.yaml")


@PARSER_CASES
@given(st.one_of(yaml_ish(), st.text(max_size=300)))
def test_yaml_loader_returns_a_tree_or_a_failure(text: str) -> None:
    count_case("YAML loader: YAML-ish and arbitrary text")
    loaded = load_yaml(text)
    if isinstance(loaded, YamlFailure):
        assert loaded.message and loaded.line >= 1 and loaded.column >= 1


@PARSER_CASES
@given(st.lists(st.sampled_from(["careless", "deploy", "TBD", "rollback", "alice"]),
                min_size=1, max_size=8),
       st.lists(st.sampled_from(sorted(INVISIBLE)), min_size=1, max_size=6),
       st.randoms(use_true_random=False))
def test_invisible_characters_are_dropped_and_positions_stay_true(
        words: list[str], marks: list[str], random: object) -> None:
    count_case("prose: invisible characters inside words")
    text = " ".join(words)
    for mark in marks:  # scatter zero-width and bidi marks inside the words
        at = random.randrange(len(text) + 1)  # type: ignore[attr-defined]
        text = text[:at] + mark + text[at:]
    source = _source(f"# Title\n\n{text}\n", "p.md")
    document = parse(source, DATA)
    prose = next(p for p in document.prose if p.role is ProseRole.narrative)
    assert prose.text == " ".join(words)
    for offset, char in enumerate(prose.text):
        line, column = prose.position(offset)
        assert source.lines[line - 1][column - 1] == char


# -- the whole engine ---------------------------------------------------------------------
@ENGINE_CASES
@given(st.text(max_size=400), st.sampled_from(["p.md", "p.yaml", "p.markdown", "P.YML"]))
def test_engine_on_arbitrary_text(linter: Linter, text: str, name: str) -> None:
    count_case("engine: arbitrary text (.md/.yaml)")
    assert_findings_inside(linter, text.encode("utf-8", "surrogatepass"), name)


@ENGINE_CASES
@given(st.lists(st.sampled_from(TRICKY + ("a", "1", " ", "\n", "UTC", "14:32")), max_size=200)
       .map("".join), st.sampled_from(["p.md", "p.yaml"]))
def test_engine_on_markup_soup(linter: Linter, text: str, name: str) -> None:
    count_case("engine: markup characters only")
    assert_findings_inside(linter, text.encode("utf-8", "surrogatepass"), name)


@ENGINE_CASES
@given(markdown_document())
def test_engine_on_composed_markdown(linter: Linter, text: str) -> None:
    count_case("engine: composed Markdown")
    assert_findings_inside(linter, text.encode("utf-8", "surrogatepass"), "postmortem.md")


@ENGINE_CASES
@given(yaml_document())
def test_engine_on_yaml(linter: Linter, text: str) -> None:
    count_case("engine: YAML trees and YAML-ish text")
    assert_findings_inside(linter, text.encode("utf-8", "surrogatepass"), "postmortem.yaml")


@ENGINE_CASES
@given(st.sampled_from(BOMS), st.binary(max_size=400), st.sampled_from(["p.md", "p.yaml"]))
def test_engine_on_arbitrary_bytes(linter: Linter, bom: bytes, data: bytes, name: str) -> None:
    count_case("engine: arbitrary bytes (with and without BOMs)")
    assert_findings_inside(linter, bom + data, name)
