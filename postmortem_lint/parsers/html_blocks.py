"""The visible text of an HTML block in a Markdown file, as the blocks Markdown would give.

Blog exports (WordPress, CMS migrations) write a postmortem's body as HTML: ``<h2>`` for
its headings, ``<p>`` for its paragraphs, ``<li>`` for its lists. Each becomes a heading,
a paragraph or an item whose text (tags removed, entities decoded) maps back to the
source, so a heading written ``<h2>Impact</h2>`` is classified like ``## Impact``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser

from postmortem_lint.model import Prose, ProseBuilder, ProseRole

_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Elements whose text is a paragraph of its own.
_PARAGRAPHS = frozenset(("p", "figcaption", "blockquote", "dd", "dt", "summary", "caption"))
# Elements whose text is never prose: code is published, not wording; scripts are not shown.
_HIDDEN = frozenset(("script", "style", "pre", "code", "kbd", "samp", "template", "svg"))
_BREAKS = frozenset(("br",))


@dataclass
class HtmlText:
    kind: str  # heading, paragraph or item
    first_line: int  # 1-based, in the file
    last_line: int
    level: int  # heading level, or list depth of an item
    prose: Prose


class _Reader(HTMLParser):
    def __init__(self, first_line: int, lines: list[str]):
        super().__init__(convert_charrefs=False)
        self.first_line = first_line
        self.lines = lines
        self.out: list[HtmlText] = []
        self.kind: str | None = None  # the open text element's kind
        self.tag = ""
        self.level = 0
        self.depth = 0  # list depth
        self.hidden = 0
        self.builder: ProseBuilder | None = None
        self.start_line = 0
        self.link: tuple[int, str] | None = None

    # -- positions -----------------------------------------------------------------
    def _where(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return self.first_line + line - 1, offset + 1

    def _placed(self, piece: str, line: int, column: int) -> int:
        """The column ``piece`` starts at on ``line``: where the block's offset says, unless
        the block was cut out of a quotation or a list item (its "> " or indentation gone
        from the content), then where the line holds it."""
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if not piece or source[column - 1:column - 1 + len(piece)] == piece:
            return column
        found = source.find(piece, max(column - 1, 0))
        return found + 1 if found >= 0 else column

    # -- elements ------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if tag in ("ul", "ol"):
            self.flush()
            self.depth += 1
        elif tag in _HEADINGS:
            self.open("heading", tag, _HEADINGS[tag])
        elif tag == "li":
            self.open("item", tag, max(self.depth, 1))
        elif tag in _PARAGRAPHS:
            self.open("paragraph", tag, 0)
        elif tag in _BREAKS and self.builder is not None:
            self.builder.add_unmapped("\n")
        elif tag == "a" and self.builder is not None:
            self.link = (self.builder.length, dict(attrs).get("href") or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS and self.builder is not None:
            self.builder.add_unmapped("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
            if tag == "code" and self.builder is not None and not self.hidden:
                self.builder.add_unmapped(" ")
            return
        if tag == "a" and self.builder is not None and self.link is not None:
            self.builder.add_link(*self.link)
            self.link = None
        elif tag in ("ul", "ol"):
            self.flush()
            self.depth = max(self.depth - 1, 0)
        elif tag == self.tag:
            self.flush()

    def open(self, kind: str, tag: str, level: int) -> None:
        self.flush()
        self.kind, self.tag, self.level = kind, tag, level
        self.builder = ProseBuilder(role=ProseRole.heading if kind == "heading"
                                    else ProseRole.narrative)
        self.start_line = self._where()[0]

    def flush(self) -> None:
        builder, kind = self.builder, self.kind
        self.builder, self.kind, self.tag, self.link = None, None, "", None
        if builder is None or kind is None:
            return
        prose = builder.build()
        if not prose.text.strip():
            return
        last = max(self.start_line, self._where()[0])
        self.out.append(HtmlText(kind, self.start_line, last, self.level, prose.strip()))

    # -- text ------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.builder is None or self.hidden:
            return
        line, column = self._where()
        for number, piece in enumerate(data.split("\n")):
            if number:
                self.builder.add_unmapped("\n")
                line, column = line + 1, 1
            self.builder.add(piece, line, self._placed(piece, line, column))

    def _reference(self, written: str) -> None:
        if self.builder is None or self.hidden:
            return
        line, column = self._where()
        column = self._placed(written, line, column)
        text = html.unescape(written)
        if text == written:  # not a reference html knows: keep it as written
            self.builder.add(written, line, column)
            return
        self.builder.add(text[:1], line, column)  # one character for the whole reference
        if len(text) > 1:
            self.builder.add_unmapped(text[1:])

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")


def html_text(content: str, first_line: int, lines: list[str]) -> list[HtmlText]:
    """The headings, paragraphs and list items an HTML block shows, in order."""
    reader = _Reader(first_line, lines)
    try:
        reader.feed(content)
        reader.close()
    except (AssertionError, ValueError):  # malformed markup: what was read so far
        pass
    reader.flush()
    return reader.out
