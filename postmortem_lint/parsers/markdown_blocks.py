"""markdown-it-py tokens to a flat list of blocks with visible text mapped to the source.

Structure comes only from markdown-it's tokens and their line maps; text inside
a block is recovered from the inline children so markup never reaches rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from postmortem_lint.model import Prose, ProseBuilder, ProseRole
from postmortem_lint.model.prose import INVISIBLE


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
        if found < 0:
            found = len(source) - len(source.lstrip())
        bases.append(found)
        if row_cursor is not None and index == 0:
            row_cursor[0] = found + len(content_line)
    line_index, cursor = 0, 0
    after_span = False  # an inline code or HTML span may run over several source lines
    for child in token.children or []:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            line_index = min(line_index + 1, len(content_lines) - 1)
            cursor, after_span = 0, False
            builder.add_unmapped("\n")
            continue
        if kind == "html_inline":
            after_span = True
        if kind not in ("text", "code_inline"):
            continue
        text = child.content
        line_index, found = _find_text(content_lines, text, line_index, cursor, after_span)
        after_span = kind == "code_inline"
        source_line = lines[start_line + line_index] if start_line + line_index < len(lines) \
            else ""
        # Text that is not in the source as written (entities, expanded tabs) keeps a
        # position inside the line it came from.
        column = min(bases[line_index] + (found if found >= 0 else cursor), len(source_line)) + 1
        if kind == "code_inline":
            # Code is shown to the reader but is never prose: keep a space in its place.
            builder.add_unmapped(" ")
            if found >= 0:
                cursor = found + len(text)
            continue
        if found >= 0:
            builder.add(text, start_line + line_index + 1, column)
            cursor = found + len(text)
        else:
            builder.add("".join(ch for ch in text if ch not in INVISIBLE),
                        start_line + line_index + 1, column)
    return builder.build()


def _find_text(content_lines: list[str], text: str, line_index: int, cursor: int,
               look_ahead: bool) -> tuple[int, int]:
    """(line index, offset) of ``text`` from the cursor on; after a span that may have
    crossed lines, the next few lines are searched too. Offset -1 when not found."""
    if not text:
        return line_index, -1
    last = min(len(content_lines), line_index + (8 if look_ahead else 1))
    for index in range(line_index, last):
        found = content_lines[index].find(text, cursor if index == line_index else 0)
        if found >= 0:
            return index, found
    return line_index, -1


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
            body_first = first + 1 if kind == "fence" else first
            blocks.append(Block("code", body_first, last, text=token.content,
                                info=token.info.strip()))
        elif kind == "html_block":
            first, last = (token.map[0] + 1, token.map[1]) if token.map else (1, 1)
            blocks.append(Block("html", first, last, text=token.content))
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
