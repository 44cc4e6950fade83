"""--summary: the Markdown job summary, read back with a Markdown parser (markdown-it-py
with GitHub's table extension) rather than by looking at the text we wrote."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

from postmortem_lint.engine.finding import Level
from postmortem_lint.reporters.summary import render_summary
from tests.integrations.conftest import file_result, finding, run_cli


class _Tables(HTMLParser):
    """Every table in rendered HTML as rows of cell texts (<br> read as a newline)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(markdown: str) -> list[list[list[str]]]:
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    parser = _Tables()
    parser.feed(rendered)
    return parser.tables


def test_counts_per_rule_and_per_file():
    results = [
        file_result("pm/a.md", finding("pm/a.md", 3), finding("pm/a.md", 5),
                    finding("pm/a.md", 1, code="PM201", rule="impact-missing",
                            level=Level.warning)),
        file_result("pm/b.md", finding("pm/b.md", 2)),
        file_result("pm/clean.md"),
    ]
    text = render_summary(results)
    assert "**4 problems** (3 errors, 1 warning) in 2 of 3 files." in text
    by_rule, by_file, first = tables(text)
    assert by_rule[0] == ["Code", "Rule", "Level", "Count"]
    assert by_rule[1:] == [["PM301", "timeline-zone-missing", "error", "3"],
                           ["PM201", "impact-missing", "warning", "1"]]
    assert by_file[1:] == [["pm/a.md", "2", "1", "0", "3"], ["pm/b.md", "1", "0", "0", "1"]]
    assert [row[:3] for row in first[1:]] == [["pm/a.md", "3", "PM301"], ["pm/a.md", "5", "PM301"],
                                              ["pm/a.md", "1", "PM201"], ["pm/b.md", "2", "PM301"]]


def test_cells_survive_pipes_newlines_and_markup():
    nasty = "a | b\nsecond line with <b>html</b>, `code`, *stars*, [link](x) & \\ back $x$"
    path = "pm/we|ird_name*.md"
    text = render_summary([file_result(path, finding(path, 7, nasty, hint="fix | it"))])
    by_rule, by_file, first = tables(text)
    assert by_file[1][0] == path
    row = first[1]
    assert len(row) == 5, "a | in a cell must not split it"
    assert row[0] == path
    assert row[4] == f"{nasty}\nhint: fix | it"


def test_only_the_first_findings_are_listed():
    many = [finding("x.md", line) for line in range(1, 121)]
    text = render_summary([file_result("x.md", *many)], first=50)
    assert "### First 50 of 120 findings" in text
    assert len(tables(text)[2]) == 51


def test_no_findings():
    text = render_summary([file_result("a.md"), file_result("b.md")])
    assert "No problems found in 2 files." in text
    assert tables(text) == []


def test_cli_appends_to_the_summary_file(small_postmortem):
    root = small_postmortem.parent.parent
    summary = root / "summary.md"
    summary.write_text("# Earlier step\n\n", encoding="utf-8")
    for _ in range(2):
        done = run_cli("check", "--select", "PM301", "--no-cache", "--format", "github",
                       "--summary", str(summary), "postmortems", cwd=root)
        assert done.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n")
    assert text.count("## postmortem-lint") == 2
    assert tables(text)[0][1] == ["PM301", "timeline-zone-missing", "error", "2"]
