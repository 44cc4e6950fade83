"""Blame across a whole postmortem: which texts are read, and where each hit is in the file.

Only narrative is read: paragraphs, list items and table cells, not headings,
fields, blockquotes (``role=field``), code, owner/due/priority/status cells or
timeline time cells. Root causes, contributing factors and the last of the
five whys are also read as *cause statements*, where naming a person as the
agent of an act is itself the finding (PM110).
"""

from __future__ import annotations

from dataclasses import dataclass

from postmortem_lint.model import Postmortem, Prose, ProseRole, Span
from postmortem_lint.nlp.hits import BlameHit, BlameKind
from postmortem_lint.nlp.service import NlpService
from postmortem_lint.nlp.text import mask_quotations, sentence_spans

_READ_ROLES = (ProseRole.narrative, ProseRole.table_cell)


@dataclass(frozen=True, slots=True)
class ProseHit:
    """A blame hit placed in the document: its offsets are into ``prose.text``."""

    hit: BlameHit
    prose: Prose
    in_cause: bool  # read as part of a root cause, contributing factor or last why

    @property
    def kind(self) -> BlameKind:
        return self.hit.kind

    @property
    def who(self) -> str:
        return self.hit.who

    @property
    def span(self) -> Span:
        return self.prose.span(self.hit.start, self.hit.end)

    @property
    def phrase(self) -> str:
        return " ".join(self.prose.text[self.hit.start:self.hit.end].split())

    @property
    def sentence_key(self) -> tuple[int, int, int]:
        span = self.span
        return (span.line, span.column, span.end_column)


def find_blame(nlp: NlpService, doc: Postmortem) -> list[ProseHit]:
    """Every blame hit in the document, analysed once however many rules ask."""
    return nlp.memo(doc, "blame", lambda: _scan(nlp, doc))


def narrative_prose(doc: Postmortem) -> list[Prose]:
    """The texts the blame rules read (narrative prose and narrative table cells)."""
    skipped = _structured_cells(doc)
    out = []
    for prose in doc.prose:
        if prose.role not in _READ_ROLES or not prose.text.strip():
            continue
        if prose.role is ProseRole.table_cell and _start(prose) in skipped:
            continue
        out.append(prose)
    return out


def cause_prose(doc: Postmortem) -> list[Prose]:
    """Root cause, contributing factors and the last why: where a person must not be a cause."""
    texts = list(doc.root_cause)
    texts += [factor.text for factor in doc.contributing_factors]
    if doc.five_whys:
        texts.append(doc.five_whys[-1].text)
    return [prose for prose in texts if prose.text.strip()]


def _structured_cells(doc: Postmortem) -> set[tuple[int, int]]:
    """Where owner, due, priority, status, type and ticket cells and timeline times start."""
    starts: set[tuple[int, int]] = set()
    for item in doc.action_items:
        for located in (item.owner, item.due, item.due_unparsed, item.priority, item.status,
                        item.type, item.ticket):
            if located is not None:
                starts.add((located.span.line, located.span.column))
    for entry in doc.timeline.entries:
        starts.add((entry.time_text.span.line, entry.time_text.span.column))
    return starts


def _start(prose: Prose) -> tuple[int, int]:
    stripped = len(prose.text) - len(prose.text.lstrip())
    return prose.position(stripped)


def _scan(nlp: NlpService, doc: Postmortem) -> list[ProseHit]:
    units: list[tuple[Prose, int, str, bool]] = []
    for cause, texts in ((False, narrative_prose(doc)), (True, cause_prose(doc))):
        for prose in texts:
            masked = mask_quotations(prose.text)
            for start, end in sentence_spans(masked):
                units.append((prose, start, masked[start:end], cause))
    analyses = nlp.analyze([unit[2] for unit in units], [unit[3] for unit in units])
    findings: dict[tuple[BlameKind, int, int, int, int], ProseHit] = {}
    for (prose, offset, _, cause), hits in zip(units, analyses, strict=True):
        for hit in hits:
            finding = ProseHit(hit.shifted(offset), prose, cause)
            span = finding.span
            key = (hit.kind, span.line, span.column, span.end_line, span.end_column)
            if key not in findings or cause:
                findings[key] = finding
    return sorted(findings.values(), key=lambda f: (f.span.line, f.span.column, f.kind.value))
