"""Encodings, line endings and invisible characters: decoded, normalised before matching,
and reported at positions true to the original text."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_lint.cli.main import cli
from postmortem_lint.engine.config import LoadedConfig
from postmortem_lint.engine.runner import Linter

TEXT = "# Checkout outage 🔥\n\n## Timeline\n\n- 14:32 — Deploy of checkout-api started\n"
WHERE = (5, 3)  # the zone-less time, PM301


def findings(data: bytes, name: str = "p.md", select: list[str] | None = None) -> list:
    linter = Linter(LoadedConfig(), select=select, use_cache=False, today=dt.date(2026, 6, 1))
    return linter.lint_bytes(data, name).findings


def where(found: list, code: str) -> list[tuple[int, int]]:
    return [(f.span.line, f.span.column) for f in found if f.code == code]


@pytest.mark.parametrize(("encoding", "data"), [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("utf-32 LE with BOM", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")),
])
def test_encodings_with_and_without_bom_read_the_same(encoding: str, data: bytes) -> None:
    found = findings(data, select=["PM0", "PM301"])
    assert where(found, "PM301") == [WHERE], encoding
    assert [f.code for f in found if f.code.startswith("PM0")] == [], encoding


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_do_not_move_positions(newline: str) -> None:
    data = TEXT.replace("\n", newline).encode()
    assert where(findings(data, select=["PM301"]), "PM301") == [WHERE]


def test_invalid_utf8_is_reported_where_it_is_and_the_rest_is_linted() -> None:
    data = b"# Checkout\n\nOwner: J\xfcrgen\n\n## Timeline\n\n- 14:32 \xff Deploy\n"
    found = findings(data, select=["PM004", "PM301"])
    assert where(found, "PM004") == [(3, 9)]
    assert "0xfc" in next(f.message for f in found if f.code == "PM004")
    assert where(found, "PM301") == [(7, 3)]


def test_a_bom_that_lies_is_an_encoding_finding() -> None:
    found = findings(codecs.BOM_UTF16_LE + b"\x00\xd8", select=["PM004"])
    assert [f.code for f in found] == ["PM004"]


def test_zero_width_characters_do_not_hide_words_and_positions_stay_true() -> None:
    line = "\u200fThe on-call engineer was ca\u200breless; owner is TB\u200dD."
    data = f"# Checkout outage\n\n## Root cause\n\n{line}\n".encode()
    found = findings(data, select=["PM103", "PM901"])
    assert where(found, "PM103") == [(5, line.index("ca\u200b") + 1)]
    assert where(found, "PM901") == [(5, line.index("TB\u200d") + 1)]


def test_right_to_left_overrides_do_not_hide_placeholders() -> None:
    line = "Owner: \u202eDBT\u202c and \u2066TB\u2069D"
    found = findings(f"# T\n\n{line}\n".encode(), select=["PM901"])
    assert where(found, "PM901") == [(3, line.index("TB") + 1)]


def test_emoji_and_astral_characters_count_as_one_column() -> None:
    line = "- 14:32 UTC — 🔥👩‍💻 deploy — 𝒳 ca\u200breless"
    data = f"# T\n\n## Root cause\n\n{line}\n".encode()
    found = findings(data, select=["PM103"])
    assert where(found, "PM103") == [(5, line.index("ca") + 1)]


def test_a_binary_file_is_skipped_with_a_notice(tmp_path: Path) -> None:
    image = tmp_path / "diagram.md"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--select", "PM0", str(image)])
    assert "PM006" in result.output and "binary" in result.output
    assert result.exit_code == 0  # a notice (info) does not fail the run
    assert "Traceback" not in result.output


def test_utf16_without_a_bom_is_treated_as_binary() -> None:
    found = findings(TEXT.encode("utf-16-le"), select=["PM0"])
    assert [f.code for f in found] == ["PM006"]
