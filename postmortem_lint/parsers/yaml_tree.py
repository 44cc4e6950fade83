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
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from postmortem_lint.model import Prose, ProseBuilder, ProseRole
from postmortem_lint.model.prose import INVISIBLE

MAX_NODES = 50_000
MAX_DEPTH = 64
# Deeper flow nesting ("[[[[…") is refused before ruamel sees it: its scanner slows down
# quadratically with the depth, and its composer recurses once per level.
MAX_FLOW_DEPTH = 256
_BRACKETS = re.compile(r"[\[\]{}]")


@dataclass
class YamlFailure:
    message: str
    line: int  # 1-based
    column: int


class _Constructor(RoundTripConstructor):
    """ruamel's safe round-trip constructor, except that values it cannot build (the
    impossible date 2026-02-30, an integer of 5,000 digits) stay text instead of failing
    the whole document: the field reader then reports them where they are written."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        return self.construct_yaml_str(node)

    def construct_yaml_int(self, node: Any) -> Any:
        try:
            return super().construct_yaml_int(node)
        except (ValueError, OverflowError):
            return self.construct_yaml_str(node)

    def construct_yaml_float(self, node: Any) -> Any:
        try:
            return super().construct_yaml_float(node)
        except (ValueError, OverflowError):
            return self.construct_yaml_str(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)


def _too_deep(text: str) -> YamlFailure | None:
    """Flow collections nested past MAX_FLOW_DEPTH (a cheap count, before parsing)."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_FLOW_DEPTH:
            before = text[: match.start()]
            line = before.count("\n") + 1
            column = match.start() - (before.rfind("\n") + 1) + 1
            return YamlFailure(f"YAML nested more than {MAX_FLOW_DEPTH} levels deep; not read",
                               line, column)
    return None


def load_yaml(text: str) -> Any | YamlFailure:
    """The YAML tree, or a failure with a position; never raises."""
    deep = _too_deep(text)
    if deep is not None:
        return deep
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
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
    except (ValueError, TypeError, OverflowError, AttributeError, KeyError,
            IndexError) as error:  # a scalar or structure ruamel cannot build
        return YamlFailure(f"invalid YAML value: {str(error)[:200]}", 1, 1)


def plain_data(tree: Any, budget: Budget | None = None, depth: int = 0) -> Any | YamlFailure:
    """The tree as plain dicts, lists and scalars (for configuration), walking aliases at
    most MAX_NODES times: an alias bomb in a config file fails instead of expanding."""
    budget = budget or Budget()
    if not budget.spend() or depth > MAX_DEPTH:
        return YamlFailure("YAML has too many nodes or levels (aliases?)", 1, 1)
    if isinstance(tree, dict):
        out: dict[str, Any] = {}
        for key, value in tree.items():
            item = plain_data(value, budget, depth + 1)
            if isinstance(item, YamlFailure):
                return item
            out[str(key)] = item
        return out
    if isinstance(tree, list):
        items = []
        for value in tree:
            item = plain_data(value, budget, depth + 1)
            if isinstance(item, YamlFailure):
                return item
            items.append(item)
        return items
    if tree is None or isinstance(tree, bool | int | float):
        return tree
    return str(tree)


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


_PLAIN_END = re.compile(r"(?<!\s)\s+#|,\s|[\]}]|$")  # a blank run is tried from its start only


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
        column = min(col0 + (1 if first in "'\"" else 0), len(source))
        builder.add(text, line0 + line_offset + 1, column + 1)
        return _anchored(builder.build(), line0 + line_offset + 1, column + 1)
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
        written = lines[line_no] if 0 <= line_no < len(lines) else ""
        if written[column:column + len(part)] == part:
            builder.add(part, line_no + 1, column + 1)
        else:  # escapes or folding changed the text: keep its start inside the line
            builder.add("".join(ch for ch in part if ch not in INVISIBLE), line_no + 1,
                        min(column, len(written)) + 1)
        cursor = line_no + 1
    return _anchored(builder.build(), line0 + line_offset + 1, min(col0, len(source)) + 1)


def _anchored(prose: Prose, line: int, column: int) -> Prose:
    """An empty value still points where it is written, not at the top of the file."""
    if not prose.runs:
        prose.runs = [(0, line, column)]
    return prose


def _locate(part: str, lines: list[str], cursor: int, min_column: int) -> tuple[int, int]:
    """Where a line of a scalar's value is written, searching a few lines ahead."""
    probe = part.strip()[:40]
    for line_no in range(cursor, min(cursor + 8, len(lines))):
        found = lines[line_no].find(probe, min_column if line_no == cursor else 0) if probe else -1
        if found >= 0:
            return line_no, max(found - (len(part) - len(part.lstrip())), 0)
    line_no = min(cursor, max(len(lines) - 1, 0))
    return line_no, min_column


def type_name(value: Any) -> str:
    if isinstance(value, CommentedMap | dict):
        return "a mapping"
    if isinstance(value, CommentedSeq | list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"
