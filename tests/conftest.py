"""Shared test helpers: lint a text as a file of a given name with chosen rules, or parse
it into the document model."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from postmortem_lint.engine.config import Config, LoadedConfig
from postmortem_lint.engine.finding import Finding
from postmortem_lint.engine.runner import Linter
from postmortem_lint.model import Postmortem
from postmortem_lint.parsers import parse
from postmortem_lint.ruledata import load_rule_data
from postmortem_lint.sources.reading import SourceText, decode

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
CORPUS = REPO / "tests" / "data" / "corpus"

LintFn = Callable[..., list[Finding]]


def parse_text(text: str, name: str = "pm.md") -> Postmortem:
    """Parse ``text`` (dedented) as file ``name``, decoded as the linter reads a file."""
    source = decode(textwrap.dedent(text).encode(), name)
    assert isinstance(source, SourceText)
    return parse(source, load_rule_data())


def lint_text(text: str, name: str = "postmortem.md", select: list[str] | None = None,
              today: dt.date | None = dt.date(2026, 6, 1), **config: object) -> list[Finding]:
    """Lint ``text`` (dedented) as file ``name``; returns its findings."""
    loaded = LoadedConfig(config=Config.model_validate(config))
    linter = Linter(loaded, select=select, use_cache=False, today=today)
    return linter.lint_bytes(textwrap.dedent(text).encode("utf-8"), name).findings


@pytest.fixture
def lint() -> LintFn:
    return lint_text


# The absence rules check a free-form snippet too (by default they speak only where the
# document follows a template): for tests of what the parsers read from prose.
FREE_FORM_CHECKED = {code: {"min-template-parts": 0} for code in
                     ("PM201", "PM202", "PM203", "PM300", "PM311", "PM401", "PM501", "PM601", "PM701",
                      "PM703")}


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def reported(findings: list[Finding]) -> list[str]:
    """Every rule that reported something, the codes folded into a finding included."""
    return [code for finding in findings for code in (finding.code, *finding.also)]


def blame_codes(text: str, name: str = "postmortem.md", **config: object) -> list[str]:
    """The codes of the blameless rules (PM1xx) that ``text`` gets."""
    return codes(lint_text(text, name=name, select=["PM1"], **config))
