"""Everything a reader of a postmortem sees, as Prose, for rules that scan all of it.

``doc.prose`` holds the narrative and Markdown tables; YAML field values
(``owner: TBD``) live only in the model's Located fields. This joins both, without
counting a value twice, so a rule finds a placeholder or an e-mail address
wherever it was written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pydantic import BaseModel

from postmortem_lint.model import Located, Postmortem, Prose, ProseRole, prose_at


def visible_texts(doc: Postmortem, *, code: bool = False) -> list[Prose]:
    """The document's prose, then field values not already part of it; code too if asked."""
    texts = list(doc.prose)
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for prose in texts:
        for index, (start, line, column) in enumerate(prose.runs):
            end = prose.runs[index + 1][0] if index + 1 < len(prose.runs) else len(prose.text)
            covered[line].append((column, column + max(end - start, 1)))
    for located in _located_strings(doc):
        span = located.span
        if any(first <= span.column < last for first, last in covered.get(span.line, [])):
            continue
        text = located.raw or located.value
        texts.append(prose_at(text, span.line, span.column, role=ProseRole.field))
        covered[span.line].append((span.column, span.column + max(len(text), 1)))
    if code:
        texts += doc.code
    return texts


def _located_strings(doc: Postmortem) -> Iterator[Located[str]]:
    holders: list[BaseModel] = [doc.meta, doc.impact, doc.follow_up, *doc.action_items]
    for holder in holders:
        for name in type(holder).model_fields:
            value = getattr(holder, name)
            for one in value if isinstance(value, list) else [value]:
                if isinstance(one, Located) and isinstance(one.value, str) and one.value.strip():
                    yield one
