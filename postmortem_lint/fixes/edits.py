"""Edits on the bytes of a file, leaving every byte they do not replace as it was.

Spans count lines and Unicode code points on the text the parsers saw (line endings
normalised, byte-order mark removed). Here the same positions are found in the original
text, so CRLF or CR line endings, a BOM and the final newline (or its absence) survive.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass

from postmortem_lint.engine.finding import Applicability, Edit, Finding, Fix

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class NotEditable(ValueError):
    """The file is not UTF-8 text the fixer can rewrite byte for byte."""


@dataclass(frozen=True)
class EditableText:
    bom: bytes
    text: str  # with the file's own line endings

    @classmethod
    def from_bytes(cls, data: bytes) -> EditableText:
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise NotEditable("UTF-16 and UTF-32 files are not fixed")
        try:
            return cls(bom, data[len(bom):].decode("utf-8"))
        except UnicodeDecodeError as error:
            raise NotEditable("the file is not valid UTF-8") from error

    def to_bytes(self) -> bytes:
        return self.bom + self.text.encode("utf-8")

    def line_starts(self) -> list[int]:
        """The offset of each line's first character (1-based line n at index n - 1)."""
        return [0] + [match.end() for match in _LINE_BREAK.finditer(self.text)]

    def apply(self, edits: Iterable[Edit]) -> EditableText:
        starts = self.line_starts()
        placed = sorted(((self._offset(starts, edit.span.line, edit.span.column),
                          self._offset(starts, edit.span.end_line, edit.span.end_column), edit)
                         for edit in edits), key=lambda item: (item[0], item[1]))
        out: list[str] = []
        cursor = 0
        for start, end, edit in placed:
            if start < cursor or end < start:
                raise ValueError(f"overlapping or inverted edit at line {edit.span.line}")
            out += [self.text[cursor:start], edit.text]
            cursor = end
        out.append(self.text[cursor:])
        return EditableText(self.bom, "".join(out))

    def _offset(self, starts: list[int], line: int, column: int) -> int:
        if not 0 < line <= len(starts):
            raise ValueError(f"line {line} is outside the file")
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        content_end = start + len(_LINE_BREAK.split(self.text[start:end], maxsplit=1)[0])
        offset = start + column - 1
        if not start <= offset <= content_end:
            raise ValueError(f"column {column} is outside line {line}")
        return offset


def _single_line(edit: Edit) -> bool:
    return edit.span.line == edit.span.end_line and edit.span.column <= edit.span.end_column


def wanted(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and (fix.applicability is Applicability.safe or unsafe)


def choose_fixes(findings: Iterable[Finding], unsafe: bool) -> list[tuple[Finding, Fix]]:
    """The fixes to apply in one round: wanted, on one line each, none overlapping an
    earlier one (the rest wait for the next round, after a re-lint)."""
    taken: list[tuple[int, int, int]] = []
    chosen: list[tuple[Finding, Fix]] = []
    for finding in findings:
        fix = finding.fix
        if fix is None or not wanted(fix, unsafe) or not fix.edits:
            continue
        if not all(_single_line(edit) for edit in fix.edits):
            continue
        ranges = [(e.span.line, e.span.column, e.span.end_column) for e in fix.edits]
        if any(line == other_line and start < other_end and other_start < end
               or (line, start) == (other_line, other_start)
               for line, start, end in ranges for other_line, other_start, other_end in taken):
            continue
        taken += ranges
        chosen.append((finding, fix))
    return chosen
