"""The compact, picklable record of one audited file: its profile, findings and score.

Workers send these to the parent instead of documents or full results, so what the
parent holds per file stays small.

**Compliance score** (0–100): ``100 − Σ weight(level) × min(count, 3)`` over the rules
that fired, floored at 0, with weights error 10, warning 4, info 1. A rule counts at
most three times, so one systematic problem (a missing time zone on every timeline
row) lowers the score without zeroing it. Files that could not be linted (unreadable,
binary, too large) have no score.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from pydantic import BaseModel, Field

from postmortem_lint.audit.profile import AuditProfiler, DocumentProfile
from postmortem_lint.engine.finding import FileResult, Level

LEVEL_WEIGHTS = {Level.error: 10, Level.warning: 4, Level.info: 1}
MAX_COUNTED_PER_RULE = 3


class FindingRow(BaseModel):
    code: str
    rule: str
    level: Level
    line: int
    column: int
    message: str


class DocumentRecord(BaseModel):
    """One file of the archive as the audit sees it."""

    path: str
    quarter: str | None = Field(
        default=None, description="Quarter of the incident date, e.g. 2026-Q1.")
    score: int | None = Field(
        default=None, description="Compliance score 0–100; None if not linted.")
    skipped: str | None = Field(default=None, description="Why the file was not linted.")
    findings: list[FindingRow] = Field(default_factory=list)
    profile: DocumentProfile = Field(default_factory=lambda: DocumentProfile())

    @property
    def label(self) -> str:
        """How reports name the document: its id, else its path."""
        return self.profile.id or self.path

    def count(self, level: Level) -> int:
        return sum(1 for finding in self.findings if finding.level == level)


def compliance_score(levels_by_code: dict[str, Level], counts: Counter[str]) -> int:
    penalty = sum(LEVEL_WEIGHTS[levels_by_code[code]] * min(count, MAX_COUNTED_PER_RULE)
                  for code, count in counts.items())
    return max(0, 100 - penalty)


def quarter_of(day: dt.date | None) -> str | None:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if day else None


def build_record(result: FileResult) -> DocumentRecord:
    raw = result.metrics.get(AuditProfiler.key)
    profile = DocumentProfile.model_validate(raw) if raw else DocumentProfile()
    rows = [FindingRow(code=f.code, rule=f.rule, level=f.level, line=f.span.line,
                       column=f.span.column, message=f.message) for f in result.findings]
    score = None
    if result.skipped is None:
        score = compliance_score({row.code: row.level for row in rows},
                                 Counter(row.code for row in rows))
    return DocumentRecord(path=result.path, quarter=quarter_of(profile.incident_date),
                          score=score, skipped=result.skipped, findings=rows, profile=profile)
