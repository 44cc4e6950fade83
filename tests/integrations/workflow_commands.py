"""A parser for GitHub Actions workflow commands, written from the runner's documented
syntax (``::name key=value,key=value::data``) independently of the emitter under test."""

from __future__ import annotations

from dataclasses import dataclass, field

# The runner's unescaping (ActionCommand): %25 is decoded last, so "%250A" stays "%0A".
_DATA = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]
_PROPERTY = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]


def _unescape(text: str, table: list[tuple[str, str]]) -> str:
    for escaped, plain in table:
        text = text.replace(escaped, plain)
    return text


@dataclass
class WorkflowCommand:
    name: str
    properties: dict[str, str] = field(default_factory=dict)
    data: str = ""


def parse_command(line: str) -> WorkflowCommand | None:
    """The command on one output line, or None for an ordinary log line."""
    line = line.rstrip("\r\n")
    if not line.startswith("::"):
        return None
    end = line.find("::", 2)
    if end < 0:
        return None
    head, data = line[2:end], line[end + 2:]
    name, _, properties = head.partition(" ")
    command = WorkflowCommand(name=name, data=_unescape(data, _DATA))
    for pair in filter(None, properties.split(",")):
        key, sep, value = pair.partition("=")
        assert sep, f"property without '=' in {line!r}"
        command.properties[key] = _unescape(value, _PROPERTY)
    return command


def parse_output(text: str) -> list[WorkflowCommand]:
    return [command for line in text.splitlines() if (command := parse_command(line))]
