"""The blameless rules over the realistic corpus: well-written postmortems give no PM1xx
finding at all, and every blame line planted in a flawed one (its ``.expected.txt``
sidecar: ``blame``, ``person_root_cause``, ``human_error``) is reported on its line.

Files are collected when the tests run, so postmortems added to the corpus later are
checked too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS, lint_text

BLAME_KINDS = {"blame", "person_root_cause", "person_as_cause", "human_error"}
CLEAN = sorted(p for p in (CORPUS / "clean").glob("*") if p.suffix in (".md", ".yaml", ".yml"))
FLAWED = sorted(p for p in (CORPUS / "flawed").glob("*")
                if p.suffix in (".md", ".yaml", ".yml"))


def _blame_lines(path: Path) -> list[tuple[int, str]]:
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + ".expected.txt")
    if not sidecar.exists():
        return []
    out = []
    for line in sidecar.read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\w+): line (\d+)\b(.*)", line)
        if match and (match.group(1) in BLAME_KINDS or match.group(1).startswith("blame")):
            out.append((int(match.group(2)), match.group(3).strip(" —")))
    return out


def _pm1(path: Path):  # noqa: ANN202
    return lint_text(path.read_text(encoding="utf-8"), name=path.name, select=["PM1"])


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_postmortems_have_no_blame_findings(path: Path) -> None:
    findings = _pm1(path)
    assert findings == [], "\n".join(
        f"{path.name}:{f.span.line}:{f.span.column} {f.code} {f.message}" for f in findings)


@pytest.mark.parametrize("path", [p for p in FLAWED if _blame_lines(p)], ids=lambda p: p.name)
def test_planted_blame_is_caught_on_its_line(path: Path) -> None:
    lines = {f.span.line for f in _pm1(path)}
    missed = [f"line {line}: {what}" for line, what in _blame_lines(path) if line not in lines]
    assert missed == [], f"{path.name}: blame not reported: {missed}"


def test_the_corpus_has_files_to_check() -> None:
    assert CLEAN and any(_blame_lines(p) for p in FLAWED)
