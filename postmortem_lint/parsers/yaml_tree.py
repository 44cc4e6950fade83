"""Loading YAML safely with positions, for YAML postmortems and front matter.

ruamel.yaml's round-trip loader keeps line/column information and never
constructs Python objects from tags. Aliases are shared, not copied, so the
walkers here count nodes and stop at a budget: an alias bomb cannot blow up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from postmortem_lint.model import Prose, ProseBuilder, ProseRole, Span

MAX_NODES = 50_000
MAX_DEPTH = 64


@dataclass
class YamlFailure:
    message: str
    line: int  # 1-based
    column: int


def load_yaml(text: str) -> Any | YamlFailure:
    """The YAML tree, or a failure with a position; never raises."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True
    try:
        return yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        what = (error.problem or error.context or "malformed YAML").strip()
        return YamlFailure(f"invalid YAML: {what}", line, column)
    except YAMLError as error:
        return YamlFailure(f"invalid YAML: {str(error).splitlines()[0][:200]}", 1, 1)
    except RecursionError:
        return YamlFailure("YAML nested too deeply to read", 1, 1)
    except (ValueError, TypeError, OverflowError) as error:  # odd scalars (dates, numbers)
        return YamlFailure(f"invalid YAML value: {str(error)[:200]}", 1, 1)


class Budget:
    """Counts visited nodes so alias-heavy or huge trees stop early."""

    def __init__(self, limit: int = MAX_NODES):
        self.left = limit
        self.exhausted = False

    def spend(self) -> bool:
        self.left -= 1
        if self.left < 0:
            self.exhausted = True
        return not self.exhausted


def _node_position(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    line, column = getattr(lc, "line", None), getattr(lc, "col", None)
    return (line, column) if isinstance(line, int) and isinstance(column, int) else (0, 0)


def _pair(found: Any, node: Any) -> tuple[int, int]:
    """A (line, column) from ruamel, or the node's own position: keys brought in by a merge
    (``<<: *base``) have none of their own."""
    if isinstance(found, tuple | list) and len(found) >= 2 and all(
            isinstance(part, int) for part in found[:2]):
        return found[0], found[1]
    return _node_position(node)


def position_of_key(node: CommentedMap, key: Any) -> tuple[int, int]:
    try:
        return _pair(node.lc.key(key), node)
    except (KeyError, AttributeError, TypeError):
        return _node_position(node)


def position_of_value(node: CommentedMap | CommentedSeq, key: Any) -> tuple[int, int]:
    try:
        if isinstance(node, CommentedSeq):
            return _pair(node.lc.item(key), node)
        return _pair(node.lc.value(key), node)
    except (KeyError, AttributeError, TypeError, IndexError):
        return position_of_key(node, key) if isinstance(node, CommentedMap) else \
            _node_position(node)


_PLAIN_END = re.compile(r"\s+#|,\s|[\]}]|$")


def scalar_prose(value: Any, position: tuple[int, int], lines: list[str], line_offset: int = 0,
                 role: ProseRole = ProseRole.field, section: str | None = None) -> Prose:
    """Prose for a scalar at a 0-based (line, column), mapped back to the source text."""
    line0, col0 = position
    source = lines[line0 + line_offset] if 0 <= line0 + line_offset < len(lines) else ""
    builder = ProseBuilder(role=role, section=section)
    first = source[col0:col0 + 1]
    if not isinstance(value, str):
        raw = source[col0:]
        end = _PLAIN_END.search(raw)
        token = raw[: end.start()] if end else raw
        text = token.strip().strip("'\"") or str(value)
        builder.add(text, line0 + line_offset + 1, col0 + 1 + (1 if first in "'\"" else 0))
        return builder.build()
    if first in "|>":
        cursor = line0 + line_offset + 1
    elif first in "'\"":
        cursor = line0 + line_offset
        col0 += 1
    else:
        cursor = line0 + line_offset
    parts = value.rstrip("\n").split("\n")
    for index, part in enumerate(parts):
        if index:
            builder.add_unmapped("\n")
        line_no, column = _locate(part, lines, cursor, col0 if cursor == line0 + line_offset else 0)
        builder.add(part, line_no + 1, column + 1)
        cursor = line_no + 1
    return builder.build()


def _locate(part: str, lines: list[str], cursor: int, min_column: int) -> tuple[int, int]:
    """Where a line of a scalar's value is written, searching a few lines ahead."""
    probe = part.strip()[:40]
    for line_no in range(cursor, min(cursor + 8, len(lines))):
        found = lines[line_no].find(probe, min_column if line_no == cursor else 0) if probe else -1
        if found >= 0:
            return line_no, found + (len(part) - len(part.lstrip())) * 0
    line_no = min(cursor, max(len(lines) - 1, 0))
    return line_no, min_column


def node_span(node: Any, position: tuple[int, int], line_offset: int = 0) -> Span:
    line = position[0] + line_offset + 1
    return Span(line=line, column=position[1] + 1, end_line=line, end_column=position[1] + 2)


def type_name(value: Any) -> str:
    if isinstance(value, CommentedMap | dict):
        return "a mapping"
    if isinstance(value, CommentedSeq | list):
        return "a list"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__}"
