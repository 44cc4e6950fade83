"""Blame across a whole postmortem: which texts are read, and where each hit is in the file.

Only narrative is read: paragraphs, list items and table cells, not headings,
fields, blockquotes (``role=field``), code, owner/due/priority/status cells or
timeline time cells. Root causes, contributing factors and the last of the
five whys are also read as *cause statements*, where naming a person as the
agent of an act is itself the finding (PM110).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from postmortem_lint.model import Postmortem, Prose, ProseRole, Span
from postmortem_lint.nlp.hits import BlameHit, BlameKind
from postmortem_lint.nlp.service import NlpService
from postmortem_lint.nlp.text import mask_quotations, sentence_spans
from postmortem_lint.nlp.vocabulary import Words

_READ_ROLES = (ProseRole.narrative, ProseRole.table_cell)
# Sections of praise and luck: a person named there did something well, never a cause.
_PRAISE_SECTIONS = frozenset({"went_well", "got_lucky"})
_CAUSE_KINDS = (BlameKind.person_as_cause, BlameKind.agent)
_STAMP_MAX = 80  # a time stamp, its zone and date are written within this many characters
_INDEFINITE = re.compile(r"^(?:an?|one|some)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ProseHit:
    """A blame hit placed in the document: its offsets are into ``prose.text``."""

    hit: BlameHit
    prose: Prose
    in_cause: bool  # read as part of a root cause, contributing factor or last why
    sentence: int = 0  # where its sentence starts in ``prose.text``

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
    """Root cause, contributing factors and the last why: where a person must not be a cause.
    An answer in a chain of whys that the next text questions further ("… Why did …?") is a
    step toward the cause, not the cause."""
    causes = doc.root_cause
    texts = [prose for index, prose in enumerate(causes)
             if index + 1 == len(causes) or not _question(causes[index + 1].text)]
    texts += [factor.text for factor in doc.contributing_factors]
    if doc.five_whys:
        texts.append(doc.five_whys[-1].text)
    return [prose for prose in texts if prose.text.strip()]


def _question(text: str) -> bool:
    return text.rstrip().rstrip("*_").rstrip().endswith("?")


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


def _descriptions(doc: Postmortem) -> dict[tuple[int, int], tuple[int, int]]:
    """Where each timeline entry's time starts: where its description starts; for an event
    told outside the timeline, where its time ends (a line may open with it as its label:
    "09:47 UTC - X ran …")."""
    out = {}
    for entry in doc.timeline.narrative:
        time = entry.time_text.span
        out[(time.line, time.column)] = (time.end_line, time.end_column)
    for entry in doc.timeline.entries:
        text = entry.text.text
        if text.strip():
            time = entry.time_text.span
            out[(time.line, time.column)] = entry.text.position(len(text) - len(text.lstrip()))
    return out


_SEPARATORS = " \t-–—:|"  # between a time that labels a line and what the line says


def _stamp_end(prose: Prose, described: dict[tuple[int, int], tuple[int, int]]) -> int:
    """How much of a line is the time stamp that opens it ("- 16:41 UTC - " in a timeline,
    "09:47 UTC - " as a label elsewhere), read as no words."""
    start = described.get(_start(prose))
    if start is None:
        return 0
    end = next((offset for offset in range(min(len(prose.text), _STAMP_MAX))
                if prose.position(offset) >= start), 0)
    while 0 < end < len(prose.text) and prose.text[end] in _SEPARATORS:
        end += 1
    return end


def _start(prose: Prose) -> tuple[int, int]:
    stripped = len(prose.text) - len(prose.text.lstrip())
    return prose.position(stripped)


_NAME = re.compile(r"^[A-Z][a-z]+(?:['\u2019]s)?$")
# a word written in a path, host, package or code-like place: "prow.example.io", "/flutter/",
# "elan-pipeline", "pkg:name"
_TECHNICAL_WORD = re.compile(r"(?:(?<=[/.:_@`])|(?<=\w-))([a-z][a-z0-9]+)|"
                             r"\b([a-z][a-z0-9]+)(?=[/:_`]|[.-]\w)")
_WORDS = re.compile(r"[a-z][a-z0-9]+")
_CAPITALISED = re.compile(r"\b([A-Z][A-Za-z0-9]+)\b")


def _single_name(who: str) -> str:
    """The name a hit is about when it is one capitalised word ("Prow", "Ana's"), else ""."""
    words = who.split()
    if len(words) != 1 or not _NAME.match(words[0]):
        return ""
    return words[0].split("'")[0].split("\u2019")[0]


def _thing_names(doc: Postmortem, words: Words) -> set[str]:
    """Lower-case words the document writes as code, in link targets, or in paths and host
    names: a capitalised word it also writes that way names a thing (a repository, package,
    service or host), not a colleague. People's names are not written in lower case there.
    So does a name the document writes before a part of a service ("Acme support", "the
    Acme API") or right after a supplier ("our email provider (Acme)")."""
    names: set[str] = set()
    for code in doc.code:
        names.update(_WORDS.findall(code.text))
    for prose in doc.prose:
        for _, _, target in prose.links:
            names.update(_WORDS.findall(target))
        for match in _TECHNICAL_WORD.finditer(prose.text):
            names.add(match.group(1) or match.group(2))
        names.update(_supplied_names(prose.text, words))
    return names


def _supplied_names(text: str, words: Words) -> Iterator[str]:
    """Capitalised names the text uses as a service's or a supplier's."""
    for match in _CAPITALISED.finditer(text):
        name, after = match.group(1), text[match.end():]
        head = _WORDS.match(after.lstrip().lower()) if after[:1].isspace() else None
        if head is not None and head.group(0) in words.thing_heads:
            yield name.lower()
        before = text[max(0, match.start() - 30):match.start()].rstrip(" (,").lower()
        if before.split()[-1:] and before.split()[-1] in words.supplier_nouns \
                and text[max(0, match.start() - 2):match.start()].strip() in ("(", ","):
            yield name.lower()


def _scan(nlp: NlpService, doc: Postmortem) -> list[ProseHit]:
    units: list[tuple[Prose, int, str, bool]] = []
    described = _descriptions(doc)
    for cause, texts in ((False, narrative_prose(doc)), (True, cause_prose(doc))):
        for prose in texts:
            masked = mask_quotations(prose.text)
            cut = _stamp_end(prose, described)
            masked = " " * cut + masked[cut:]  # the parser reads "16:41 UTC - X" as one noun
            for start, end in sentence_spans(masked):
                units.append((prose, start, masked[start:end], cause))
    analyses = nlp.analyze([unit[2] for unit in units], [unit[3] for unit in units])
    findings: dict[tuple[BlameKind, int, int, int, int], ProseHit] = {}
    things: set[str] | None = None
    said: set[tuple[BlameKind, str]] = set()
    systemic = _systemic_root_cause(doc, units, analyses)
    questioned = _questioned_whys(doc)
    for (prose, offset, text, cause), hits in zip(units, analyses, strict=True):
        for hit in hits:
            name = _single_name(hit.who)
            if name:
                things = _thing_names(doc, nlp.lexicon.vocabulary.w) if things is None else things
                if name.lower() in things:
                    continue  # a repository, package or host the document names: not a person
            said_before = (hit.kind, hit.who.lower()) in said
            said.add((hit.kind, hit.who.lower()))
            if said_before and _question(text):
                continue  # the next why restating a blame statement: reported once
            if hit.kind is BlameKind.human_error and prose.section == "five_whys" and \
                    prose.whole.line in questioned:
                continue  # "… because an error was made" with the next why asking why:
                # the chain treats the slip as the symptom the guides say it is
            if hit.kind in _CAUSE_KINDS and not cause and (
                    prose.section in _PRAISE_SECTIONS or
                    systemic and _INDEFINITE.match(hit.who)):
                # praise names who acted well; where the document states a systemic root
                # cause, "an engineer deleted…" tells how it was triggered
                continue
            finding = ProseHit(hit.shifted(offset), prose, cause, offset)
            span = finding.span
            key = (hit.kind, span.line, span.column, span.end_line, span.end_column)
            if key not in findings or cause:
                findings[key] = finding
    return sorted(findings.values(), key=lambda f: (f.span.line, f.span.column, f.kind.value))


def _questioned_whys(doc: Postmortem) -> set[int]:
    """The lines of the steps of a chain of whys that the next step, right below, answers
    further."""
    whys = doc.five_whys
    return {why.span.line for why, after in zip(whys, whys[1:], strict=False)
            if 0 < after.span.line - why.span.end_line <= 2}


def _systemic_root_cause(doc: Postmortem, units: list[tuple[Prose, int, str, bool]],
                         analyses: list[tuple[BlameHit, ...]]) -> bool:
    """Whether the document states a root cause and names no one in it."""
    if not doc.root_cause:
        return False
    stated = {id(prose) for prose in doc.root_cause}
    return not any(hits for (prose, _, _, _), hits in zip(units, analyses, strict=True)
                   if id(prose) in stated)
