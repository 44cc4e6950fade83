"""--format github: workflow commands decoded with an independent parser of the syntax
(tests/integrations/workflow_commands.py) give back exactly what was reported."""

from __future__ import annotations

import pytest

from postmortem_lint.engine.finding import Level
from postmortem_lint.reporters.github import render_github
from tests.integrations.conftest import file_result, finding, run_cli
from tests.integrations.workflow_commands import parse_command, parse_output

AWKWARD_MESSAGES = [
    "100% of requests failed",
    "%0A is not a newline, %25 is not a percent",
    "line one\nline two\r\nline three\rend",
    "times: 14:32, 14:40; and :: double colons ::",
    "trailing percent %",
]
AWKWARD_PATHS = ["postmortems/a, b.md", "postmortems/time 14:32.md", "a:b,c d/%41.md",
                 "post mortems/x=y.md"]


def test_the_parser_decodes_like_the_runner():
    command = parse_command("::warning file=a%2Cb%3Ac.md,line=3::50%25 done%0Anext %250A")
    assert command is not None
    assert command.name == "warning"
    assert command.properties == {"file": "a,b:c.md", "line": "3"}
    assert command.data == "50% done\nnext %0A"
    assert parse_command("plain log line") is None


@pytest.mark.parametrize("message", AWKWARD_MESSAGES)
@pytest.mark.parametrize("path", AWKWARD_PATHS)
def test_messages_and_paths_round_trip(message, path):
    hint = "use UTC, e.g. 14:32 UTC"
    text = render_github([file_result(path, finding(path, 4, message, column=3, end_column=8,
                                                    hint=hint))])
    assert text.count("\n") == 1, "one annotation is one line"
    [command] = parse_output(text)
    assert command.name == "error"
    assert command.properties == {"file": path, "line": "4", "endLine": "4", "col": "3",
                                  "endColumn": "8", "title": "PM301 timeline-zone-missing"}
    assert command.data == f"{message}\nhint: {hint}"


def test_levels_map_to_commands_and_titles_are_escaped():
    results = [file_result("x.md",
                           finding("x.md", 1, "e", level=Level.error),
                           finding("x.md", 2, "w", level=Level.warning, code="XY1",
                                   rule="odd, name: here"),
                           finding("x.md", 3, "i", level=Level.info))]
    commands = parse_output(render_github(results))
    assert [c.name for c in commands] == ["error", "warning", "notice"]
    assert commands[1].properties["title"] == "XY1 odd, name: here"


def test_multi_line_spans_have_no_columns():
    text = render_github([file_result("x.md", finding("x.md", 3, "m", column=2, end_column=5,
                                                      end_line=6))])
    [command] = parse_output(text)
    assert command.properties["line"] == "3" and command.properties["endLine"] == "6"
    assert "col" not in command.properties and "endColumn" not in command.properties


def test_absolute_paths_become_workspace_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "postmortems" / "a.md")
    [command] = parse_output(render_github([file_result(path, finding(path, 1))]))
    assert command.properties["file"] == "postmortems/a.md"


def test_cli_annotations_point_at_the_findings(small_postmortem):
    done = run_cli("check", "--select", "PM301", "--no-cache", "--format", "github",
                   "postmortems", cwd=small_postmortem.parent.parent)
    assert done.returncode == 1
    commands = parse_output(done.stdout)
    assert [(c.name, c.properties["file"], c.properties["line"], c.properties["col"])
            for c in commands] == [("error", "postmortems/checkout.md", "9", "3"),
                                   ("error", "postmortems/checkout.md", "10", "3")]
    assert '"14:32" has no time zone' in commands[0].data


def test_no_findings_no_output(tmp_path):
    assert render_github([file_result("x.md")]) == ""
