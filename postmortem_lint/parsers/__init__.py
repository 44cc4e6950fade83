"""Parsers: source text to the one document model."""

from __future__ import annotations

from postmortem_lint.model import Postmortem
from postmortem_lint.ruledata import RuleData
from postmortem_lint.sources.reading import SourceText

YAML_SUFFIXES = (".yaml", ".yml")


def parse(source: SourceText, data: RuleData) -> Postmortem:
    """Parse by file suffix: YAML files as YAML postmortems, everything else as Markdown."""
    if source.path.lower().endswith(YAML_SUFFIXES):
        from postmortem_lint.parsers.yaml_doc import parse_yaml

        return parse_yaml(source, data)
    from postmortem_lint.parsers.markdown import parse_markdown

    return parse_markdown(source, data)
