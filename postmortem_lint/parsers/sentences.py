"""Sentences of a parsed text, each still mapped to the source."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from postmortem_lint.model import Postmortem, Prose
from postmortem_lint.nlp.text import sentence_spans


def sentences(texts: Iterable[Prose]) -> Iterator[Prose]:
    """Each sentence of each text, line by line (a list item or table cell never runs on
    into the next)."""
    for prose in texts:
        for line in prose.lines():
            for start, end in sentence_spans(line.text):
                yield line.slice(start, end)


def outside_lists(doc: Postmortem, texts: Iterable[Prose]) -> list[Prose]:
    """The texts that are not in the timeline or the action items (whose table cells do
    not always carry their section)."""
    spans = [span for span in (doc.timeline.span, doc.action_items_span) if span is not None]
    return [prose for prose in texts if prose.section not in ("timeline", "action_items")
            and not any(span.covers_line(prose.whole.line) for span in spans)]
