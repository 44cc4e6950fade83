"""markdown-it-py tokens to a flat list of blocks with visible text mapped to the source.

Structure comes only from markdown-it's tokens and their line maps; text inside
a block is recovered from the inline children so markup never reaches rules.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from postmortem_lint.model import Prose, ProseBuilder, ProseRole
from postmortem_lint.model.prose import INVISIBLE
from postmortem_lint.parsers.html_blocks import html_text


@cache
def markdown_parser() -> MarkdownIt:
    """One configured parser per process (it holds no per-document state)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)


@dataclass
class Block:
    kind: str  # heading, paragraph, item, table, code, html, front_matter
    first_line: int  # 1-based
    last_line: int
    prose: Prose | None = None
    level: int = 0  # heading level or list depth
    checkbox: str | None = None  # " " or "x" for task-list items
    quoted: bool = False
    header: list[Prose] = field(default_factory=list)
    rows: list[tuple[int, list[Prose]]] = field(default_factory=list)
    text: str = ""  # raw content of code, html and front matter
    info: str = ""


def inline_prose(token: Token, lines: list[str], role: ProseRole, *, row_cursor: list[int]
                 | None = None) -> Prose:
    """Visible text of an inline token, mapped to lines/columns of the source."""
    builder = ProseBuilder(role=role)
    start_line = token.map[0] if token.map else 0
    content_lines = token.content.split("\n")
    bases: list[int] = []
    for index, content_line in enumerate(content_lines):
        source = lines[start_line + index] if start_line + index < len(lines) else ""
        origin = row_cursor[0] if (row_cursor is not None and index == 0) else 0
        found = source.find(content_line, origin) if content_line else -1
        if found < 0 and not content_line and row_cursor is not None and index == 0:
            found = source.find("|", origin) + 1 or -1  # an empty cell: just after its pipe
        if found < 0:
            found = len(source) - len(source.lstrip())
        bases.append(found)
        if row_cursor is not None and index == 0:
            row_cursor[0] = found + len(content_line)
    starts = [0]  # offset in token.content where each content line starts
    for content_line in content_lines[:-1]:
        starts.append(starts[-1] + len(content_line) + 1)
    content = token.content
    offset = 0  # how far into token.content the children have been matched
    link: tuple[int, str] | None = None  # where the open link's text starts, its target
    for child in token.children or []:
        kind = child.type
        if kind == "link_open":
            link = (builder.length, str(child.attrGet("href") or ""))
        elif kind == "link_close" and link is not None:
            builder.add_link(*link)
            link = None
        if kind == "html_inline" and child.content.lower().startswith("<br"):
            builder.add_unmapped("\n")  # "<br>" ends a line as a hard break does
            offset = max(offset, content.find(child.content, offset) + len(child.content))
            continue
        if kind in ("softbreak", "hardbreak"):
            newline = content.find("\n", offset)
            offset = newline + 1 if newline >= 0 else offset
            builder.add_unmapped("\n")
            continue
        if kind == "code_inline":
            # Code is shown to the reader but is never prose: keep a space in its place.
            # It may run over several lines, so skip to its closing backticks.
            opening = content.find(child.markup, offset, offset + _WINDOW) if child.markup \
                else -1
            closing = content.find(child.markup, opening + len(child.markup)) \
                if opening >= 0 else -1
            offset = closing + len(child.markup) if closing >= 0 else offset
            builder.add_code(child.content)
            continue
        if kind != "text" or not child.content:
            continue
        text = child.content
        found = content.find(text, offset, offset + len(text) + _WINDOW)
        where = found if found >= 0 else offset
        index = max(bisect_right(starts, where) - 1, 0)
        line_no = start_line + index
        source = lines[line_no] if line_no < len(lines) else ""
        column = bases[index] + where - starts[index]
        if found >= 0 and source[column:column + len(text)] != text:
            column = source.find(text)  # the line was rewritten (tabs): find it as written
            if column < 0:  # markdown-it dropped a blank-looking line ("> \f") from content
                line_no, column = _find_below(text, lines, line_no, token)
                source = lines[line_no] if line_no < len(lines) else ""
        if found >= 0 and column >= 0:
            builder.add(text, line_no + 1, column + 1)
            offset = found + len(text)
        else:
            # Not in the source as written (entities, replaced NULs): keep a position inside
            # the line it came from.
            column = min(max(column, 0), len(source))
            builder.add("".join(ch for ch in text if ch not in INVISIBLE), line_no + 1,
                        column + 1)
            offset = found + len(text) if found >= 0 else offset
    prose = builder.build()
    if not prose.runs:  # an empty cell or item still points where it is written
        first = lines[start_line] if start_line < len(lines) else ""
        prose.runs = [(0, min(start_line + 1, max(len(lines), 1)),
                       min(bases[0] if bases else 0, len(first)) + 1)]
    return prose


def _find_below(text: str, lines: list[str], line_no: int, token: Token) -> tuple[int, int]:
    """(line index, column) of ``text`` on a later line of the token; column -1 if absent."""
    last = min(token.map[1] if token.map else len(lines), len(lines))
    for later in range(line_no + 1, last):
        column = lines[later].find(text)
        if column >= 0:
            return later, column
    return line_no, -1


# How far past the cursor a child's text is searched for (links and HTML sit between).
_WINDOW = 4096


def to_blocks(tokens: list[Token], lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    list_depth = 0
    quote_depth = 0
    pending_item: Block | None = None
    table: Block | None = None
    row: list[Prose] | None = None
    row_line = 0
    row_cursor = [0]
    in_head = False
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "front_matter":
            first, last = token.map if token.map else (0, 1)
            blocks.append(Block("front_matter", first + 1, last, text=token.content))
        elif kind == "heading_open":
            inline = tokens[index + 1]
            first = token.map[0] + 1 if token.map else 1
            blocks.append(Block("heading", first, first, level=int(token.tag[1]),
                                prose=inline_prose(inline, lines, ProseRole.heading)))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "list_item_open":
            first = token.map[0] + 1 if token.map else 1
            last = token.map[1] if token.map else first
            pending_item = Block("item", first, last, level=list_depth,
                                 quoted=quote_depth > 0)
        elif kind == "paragraph_open" and not token.hidden and list_depth == 0 or \
                kind == "paragraph_open" and pending_item is None and list_depth > 0:
            inline = tokens[index + 1]
            first, last = (token.map[0] + 1, token.map[1]) if token.map else (1, 1)
            blocks.append(Block("paragraph", first, last, quoted=quote_depth > 0,
                                level=list_depth,
                                prose=inline_prose(inline, lines, ProseRole.narrative)))
        elif kind == "paragraph_open" and pending_item is not None:
            inline = tokens[index + 1]
            prose = inline_prose(inline, lines, ProseRole.narrative)
            pending_item.checkbox, prose = _checkbox(prose)
            pending_item.prose = prose
            blocks.append(pending_item)
            pending_item = None
        elif kind == "list_item_close" and pending_item is not None:
            blocks.append(pending_item)  # an empty item
            pending_item = None
        elif kind == "table_open":
            first, last = (token.map[0] + 1, token.map[1]) if token.map else (1, 1)
            table = Block("table", first, last, quoted=quote_depth > 0)
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
            row_line = token.map[0] + 1 if token.map else 1
            row_cursor = [0]
        elif kind in ("th_open", "td_open") and row is not None:
            inline = tokens[index + 1]
            if not inline.map:
                inline.map = [row_line - 1, row_line]
            row.append(inline_prose(inline, lines, ProseRole.table_cell, row_cursor=row_cursor))
        elif kind == "tr_close" and table is not None and row is not None:
            if in_head:
                table.header = row
            else:
                table.rows.append((row_line, row))
            row = None
        elif kind == "table_close" and table is not None:
            blocks.append(table)
            table = None
        elif kind in ("fence", "code_block"):
            first, last = (token.map[0] + 1, token.map[1]) if token.map else (1, 1)
            # An unclosed fence on the last line has no body line after it.
            body_first = min(first + 1, max(last, first)) if kind == "fence" else first
            blocks.append(Block("code", body_first, last, text=token.content,
                                info=token.info.strip()))
        elif kind == "html_block":
            first, last = (token.map[0] + 1, token.map[1]) if token.map else (1, 1)
            blocks.append(Block("html", first, last, text=token.content))
            # a body written as HTML (a blog export): its headings, paragraphs and items
            blocks += [Block(part.kind, part.first_line, part.last_line, level=part.level,
                             quoted=quote_depth > 0, prose=part.prose)
                       for part in html_text(token.content, first, lines)]
        elif kind == "inline" and token.children:
            for child in token.children:
                if child.type == "html_inline" and "postmortem-lint" in child.content:
                    line = (token.map[0] + 1) if token.map else 1
                    blocks.append(Block("html", line, line, text=child.content, info="inline"))
    return blocks


def _checkbox(prose: Prose) -> tuple[str | None, Prose]:
    """Split a task-list marker ("[ ] ", "[x] ") off a list item's text."""
    text = prose.text
    if len(text) >= 3 and text[0] == "[" and text[2] == "]" and text[1] in " xX":
        rest = prose.slice(3, len(text)).strip()
        return text[1].lower(), rest
    return None, prose
