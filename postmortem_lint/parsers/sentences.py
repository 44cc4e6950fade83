"""Sentences of a parsed text, each still mapped to the source."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from postmortem_lint.model import Prose
from postmortem_lint.nlp.text import sentence_spans


def sentences(texts: Iterable[Prose]) -> Iterator[Prose]:
    """Each sentence of each text, line by line (a list item or table cell never runs on
    into the next)."""
    for prose in texts:
        for line in prose.lines():
            for start, end in sentence_spans(line.text):
                yield line.slice(start, end)
