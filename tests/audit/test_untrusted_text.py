"""Text from the postmortems (owners, actions, titles) reaches every audit format as written:
rich markup in the terminal report, Markdown and HTML syntax in the Markdown report are
shown, never interpreted. Checked by reading the output back with independent readers (the
plain text itself, markdown-it-py's GFM table parser)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from markdown_it import MarkdownIt

from postmortem_lint.cli.main import cli
from tests.audit.archive import INC_B, TODAY

# Strings rich would read as markup: a style, a closing tag with nothing to close (which
# made rich raise), a checkbox-like "[x]".
OWNER = "[red]Ben[/red] Okoro"
ACTION = "Cap [bold]batch[/bold] jobs [/] at [x] 20 <details> connections | *now*"


def _archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    text = INC_B.replace("  - action: Add a statement timeout of 5 seconds to the order "
                         "history queries\n    owner: Ben Okoro",
                         f"  - action: '{ACTION}'\n    owner: '{OWNER}'")
    assert ACTION in text
    (folder / "inc-b.yaml").write_text(text, encoding="utf-8")
    return folder


def _audit(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["audit", str(folder), "-j", "1", "--no-cache",
                                      "--today", TODAY.isoformat(), *args])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.output


def test_terminal_report_prints_markup_like_text_verbatim(tmp_path: Path):
    text = _audit(_archive(tmp_path))
    assert "Traceback" not in text
    assert OWNER in text  # in "Overdue action items by owner"
    assert "Cap [bold]batch[/bold] jobs [/] at [x] 20" in text  # shortened after 60 chars


def test_markdown_report_cells_hold_the_text_and_nothing_else(tmp_path: Path):
    text = _audit(_archive(tmp_path), "--format", "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert not [t for t in tokens if t.type == "html_block"]
    inline_html = [child for t in tokens if t.type == "inline" for child in t.children or []
                   if child.type == "html_inline"]
    assert inline_html == []  # "<details>" stays text, it opens no element
    # Every row has as many cells as its header, so "|" in a cell did not split it.
    rows: list[int] = []
    header = 0
    cells = 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
        elif token.type == "thead_open":
            rows, header = [], -1
        elif token.type == "table_close":
            assert len(set(rows)) == 1, rows
    assert header == -1  # at least one table was read
    cells_text = ["".join(child.content for child in t.children or [] if child.type == "text")
                  for t in tokens if t.type == "inline"]
    assert ACTION in cells_text  # the whole action, in one cell, as written
    assert OWNER in cells_text
