"""The impact, timeline, root-cause, follow-up and depth families over the realistic corpus.

Clean postmortems must give no finding at all; each flawed one must give exactly
the planted defects of these families listed in its ``.expected.txt`` sidecar.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from postmortem_lint.parsers import parse
from postmortem_lint.ruledata import load_rule_data
from postmortem_lint.sources.reading import read_source
from tests.conftest import CORPUS, lint_text

FAMILIES = ["PM2", "PM3", "PM4", "PM6", "PM7"]
KINDS = {
    "impact_missing": "PM201", "impact_unquantified": "PM202", "duration_missing": "PM203",
    "data_loss_unstated": "PM204", "sla_unstated": "PM205", "timeline_missing": "PM300",
    "time_no_zone": "PM301", "time_not_utc": "PM302", "timeline_out_of_order": "PM303",
    "phase_missing": "PM304", "phase_order": "PM305", "timeline_too_coarse": "PM306",
    "duration_contradicts_timeline": "PM307", "root_cause_missing": "PM401",
    "root_cause_not_separated": "PM402", "five_whys_shallow": "PM403",
    "factor_score_invalid": "PM404", "review_missing": "PM601", "review_late": "PM602",
    "owner_missing": "PM603", "written_late": "PM604", "severity_missing": "PM701",
}
LESSONS = ("what went well", "what went wrong")
ONCE = {"PM301", "PM302"}  # the sidecars list a zone defect once, at its first line


def _kind(kind: str, description: str) -> str | None:
    if kind == "section_missing":
        return "PM703" if description.lower().lstrip("no ").startswith(LESSONS) else "PM702"
    return KINDS.get(kind)


def _expected(path: Path) -> list[tuple[str, int]]:
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + ".expected.txt")
    out = []
    for line in sidecar.read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\w+): line (\d+) — (.*)", line)
        code = _kind(match.group(1), match.group(3)) if match else None
        if match and code:
            out.append((code, int(match.group(2))))
    return sorted(out)

# The review framework's rules (severity vs impact, cost, detection, prevention checklist,
# summary timing) are tested in test_guides.py; the sidecars list only the planted defects.
REVIEW_FRAMEWORK = ("PM211", "PM221", "PM311", "PM312", "PM511", "PM611")


def _lint(path: Path, ignore: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """Findings as (code, line); document-level ones (at the title) count as line 1."""
    top = parse(read_source(path, path.name), load_rule_data()).top.line
    findings = lint_text(path.read_text(encoding="utf-8"), name=path.name, select=FAMILIES,
                         ignore=list(ignore))
    out: list[tuple[str, int]] = []
    for finding in findings:
        line = 1 if finding.span.line == top else finding.span.line
        if finding.code in ONCE and any(code == finding.code for code, _ in out):
            continue
        out.append((finding.code, line))
    return sorted(out)


def _postmortems(folder: str) -> list[Path]:
    return sorted(p for p in (CORPUS / folder).glob("*") if p.suffix in (".md", ".yaml"))


@pytest.mark.parametrize("path", _postmortems("clean"), ids=lambda p: p.name)
def test_clean_corpus_has_no_findings(path: Path):
    assert _lint(path) == []


@pytest.mark.parametrize("path", _postmortems("flawed"), ids=lambda p: p.name)
def test_flawed_corpus_defects_are_found(path: Path):
    assert _lint(path, ignore=REVIEW_FRAMEWORK) == _expected(path)
