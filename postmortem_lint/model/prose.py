"""Plain text recovered from a document, with a map back to source positions.

Parsers strip markup (emphasis markers, link targets, code spans) and invisible
characters (zero-width spaces, bidi marks) so that rules match what a reader
sees, while every character still knows the line and column it came from.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from enum import Enum

from pydantic import BaseModel, Field

from postmortem_lint.defaults import new_list
from postmortem_lint.model.span import Span

# Characters a reader never sees; they are dropped so "ca\u200breless" reads "careless".
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d"
                      "\u202e\u2066\u2067\u2068\u2069\u00ad")


class ProseRole(str, Enum):
    """What a piece of text is, so rules can skip what is not narrative."""

    narrative = "narrative"  # paragraphs, list items, free-text fields
    heading = "heading"
    table_cell = "table_cell"
    field = "field"  # a value of a structured field (owner, date, id…)


class Prose(BaseModel):
    """Visible text and, per run of characters, where the run starts in the source."""

    text: str
    # (offset into text, line, column): a run continues until the next run's offset.
    runs: list[tuple[int, int, int]] = Field(default_factory=new_list)
    role: ProseRole = ProseRole.narrative
    section: str | None = None  # canonical kind of the enclosing section, if known
    # Markdown links: (start, end) of the link's visible text and its target, so a
    # "[JIRA](https://jira.example.com/browse/OPS-1)" ticket cell still names its ticket.
    links: list[tuple[int, int, str]] = Field(default_factory=new_list)
    # Inline code cut out of the text: (offset of the space left in its place, the code), so
    # a message can quote the words as written ("Add `restart: always` to …").
    code: list[tuple[int, str]] = Field(default_factory=new_list)

    @property
    def shown(self) -> str:
        """The text as a reader sees it, inline code back in its place between backticks."""
        if not self.code:
            return self.text
        parts, last = [], 0
        for offset, code in sorted(self.code):
            if offset < last or offset >= len(self.text):
                continue
            parts += [self.text[last:offset], f"`{code}`"]
            last = offset + 1
        return "".join(parts) + self.text[last:]

    @property
    def in_other_script(self) -> bool:
        """Whether it is written in a language of another script (Korean, Chinese,
        Cyrillic…), which the English vocabulary of the rules cannot read: a quarter of its
        words or more are in that script (English terms run through such text: "Webhook
        컨테이너 포트 확인")."""
        words = [word for word in self.text.split() if any(char.isalpha() for char in word)]
        other = sum(1 for word in words if any(char.isalpha() and ord(char) > 0x24F
                                               for char in word))  # past Latin Extended-B
        return bool(words) and other * 4 >= len(words)

    def position(self, offset: int) -> tuple[int, int]:
        """Source (line, column) of the character at ``offset`` (clamped to the text)."""
        if not self.runs:
            return (1, 1)
        offset = max(0, min(offset, max(len(self.text) - 1, 0)))
        index = max(bisect_right(self._starts()[0], offset) - 1, 0)
        start, line, column = self.runs[index]
        return (line, column + max(offset - start, 0))  # text before the first run: its start

    def _starts(self) -> tuple[list[int], bool]:
        """The runs' offsets and whether they increase (they always do as parsers build
        them), kept between calls so a lookup is a binary search, not a pass over every run
        (kept outside the model's fields: not compared, not serialised)."""
        runs = self.runs
        cached = self.__dict__.get("_run_starts")
        if cached is None or cached[0] is not runs or len(cached[1]) != len(runs):
            starts = [run[0] for run in runs]
            ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
            cached = (runs, starts, ordered)
            self.__dict__["_run_starts"] = cached
        return cached[1], cached[2]

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """Source span of ``text[start:end]``."""
        end = len(self.text) if end is None else end
        if end <= start:
            line, column = self.position(start)
            return Span(line=line, column=column, end_line=line, end_column=column + 1)
        line, column = self.position(start)
        end_line, end_column = self.position(end - 1)
        return Span(line=line, column=column, end_line=end_line, end_column=end_column + 1)

    def slice(self, start: int, end: int) -> Prose:
        """The part ``text[start:end]`` as its own Prose, still mapped to the source."""
        start = max(0, start)
        end = min(len(self.text), end)
        runs: list[tuple[int, int, int]] = []
        if end > start:
            first_line, first_column = self.position(start)
            runs.append((0, first_line, first_column))
            starts, ordered = self._starts()
            # only the runs that begin strictly inside (start, end) are kept
            inside = self.runs[bisect_right(starts, start):bisect_left(starts, end)] if \
                ordered else self.runs
            for offset, line, column in inside:
                if start < offset < end:
                    runs.append((offset - start, line, column))
        links = [(s - start, e - start, href) for s, e, href in self.links
                 if start <= s and e <= end]
        code = [(at - start, text) for at, text in self.code if start <= at < end]
        return Prose(text=self.text[start:end], runs=runs, role=self.role, section=self.section,
                     links=links, code=code)

    def lines(self) -> list[Prose]:
        """One Prose per line of the text (soft line breaks in a paragraph)."""
        out, start = [], 0
        for index, char in enumerate(self.text + "\n"):
            if char == "\n":
                out.append(self.slice(start, index))
                start = index + 1
        return out

    def strip(self) -> Prose:
        text = self.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return self.slice(start, end) if (start, end) != (0, len(text)) else self

    @property
    def whole(self) -> Span:
        return self.span(0, len(self.text))


class ProseBuilder:
    """Accumulates visible text piece by piece, recording where each piece came from."""

    def __init__(self, role: ProseRole = ProseRole.narrative, section: str | None = None):
        self._parts: list[str] = []
        self._runs: list[tuple[int, int, int]] = []
        self._length = 0
        self._expect: tuple[int, int] | None = None  # where the last run would continue
        self._links: list[tuple[int, int, str]] = []
        self._code: list[tuple[int, str]] = []
        self.role = role
        self.section = section

    def add(self, text: str, line: int, column: int) -> None:
        """Append ``text`` that starts at (line, column) in the source (on one line)."""
        if not text:
            return
        if not INVISIBLE.isdisjoint(text):
            for ch in text:
                if ch not in INVISIBLE:
                    self._append(ch, line, column)
                column += 1
            return
        self._append(text, line, column)

    def add_unmapped(self, text: str) -> None:
        """Append a separator (space, newline) that continues the previous position."""
        if not text:
            return
        if not self._runs:
            self._parts.append(text)
            self._length += len(text)
            return
        self._parts.append(text)
        self._length += len(text)
        if self._expect is not None:
            line, column = self._expect
            self._expect = (line, column + len(text))

    def _append(self, text: str, line: int, column: int) -> None:
        if self._expect != (line, column) or not self._runs:
            self._runs.append((self._length, line, column))
        self._parts.append(text)
        self._length += len(text)
        self._expect = (line, column + len(text))

    @property
    def length(self) -> int:
        return self._length

    def add_link(self, start: int, href: str) -> None:
        """Record that the text from offset ``start`` to here links to ``href``."""
        if href:
            self._links.append((start, self._length, href))

    def add_code(self, code: str) -> None:
        """Inline code, cut out of the text: a space in its place, the code remembered."""
        self._code.append((self._length, code))
        self.add_unmapped(" ")

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def build(self) -> Prose:
        return Prose(text=self.text, runs=self._runs, role=self.role, section=self.section,
                     links=self._links, code=self._code)


def prose_at(text: str, line: int, column: int, role: ProseRole = ProseRole.field,
             section: str | None = None) -> Prose:
    """Prose for a single-line value that starts at (line, column)."""
    builder = ProseBuilder(role=role, section=section)
    for index, part in enumerate(text.split("\n")):
        if index:
            builder.add_unmapped("\n")
        builder.add(part, line + index, column if index == 0 else 1)
    return builder.build()


def join_prose(parts: list[Prose], separator: str = " | ", role: ProseRole | None = None
               ) -> Prose:
    """Several pieces of text as one (a row's cells, an entry and its continuation line),
    each piece keeping its source positions; the role and section are the first piece's
    unless ``role`` is given."""
    first = parts[0] if parts else None  # a row may have no cell besides its time
    builder = ProseBuilder(role=role or (first.role if first else ProseRole.narrative),
                           section=first.section if first else None)
    for index, part in enumerate(parts):
        if index:
            builder.add_unmapped(separator)
        for offset, (start, line, column) in enumerate(part.runs):
            end = part.runs[offset + 1][0] if offset + 1 < len(part.runs) else len(part.text)
            builder.add(part.text[start:end], line, column)
    return builder.build()


def mostly_in_other_script(texts: Sequence[Prose]) -> bool:
    """Whether most of the texts are written in a language of another script
    (``Prose.in_other_script``): a part whose words the rules cannot read."""
    return sum(text.in_other_script for text in texts) * 2 > len(texts)
