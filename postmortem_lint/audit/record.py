"""The compact, picklable record of one audited file: its profile, findings and score.

Workers send these to the parent instead of documents or full results, so what the
parent holds per file stays small.

**Compliance score** (0–100), explained per area (``rules/score.yaml``): the 100 points
are shared among impact, timeline, root cause, actions, follow-up, blameless language
and metadata, substance above metadata. A rule takes a share of its own area's points
(error all of them, warning 25 %, info 10 %, a repeat a quarter as much, three findings
at most), so one systematic problem lowers the score without zeroing it, and missing
template fields cost little. Files that could not be linted have no score.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from pydantic import BaseModel, Field, computed_field

from postmortem_lint.audit.profile import AuditProfiler, DocumentProfile
from postmortem_lint.engine.finding import FileResult, Level
from postmortem_lint.ruledata import ScorePolicy, load_rule_data


class FindingRow(BaseModel):
    code: str
    rule: str
    level: Level
    line: int
    column: int
    message: str


class ScoreLoss(BaseModel):
    """Points one rule took from its area."""

    code: str
    rule: str
    level: Level
    findings: int
    points: float


class AreaScore(BaseModel):
    """Points a document kept and lost in one area of the score."""

    area: str
    label: str
    points: float = Field(description="Points kept, 0 … max.")
    max: float
    lost: list[ScoreLoss] = Field(default_factory=list, description="Largest loss first.")


class DocumentRecord(BaseModel):
    """One file of the archive as the audit sees it."""

    path: str
    quarter: str | None = Field(
        default=None, description="Quarter of the incident date, e.g. 2026-Q1.")
    score: int | None = Field(
        default=None, description="Compliance score 0–100; None if not linted.")
    skipped: str | None = Field(default=None, description="Why the file was not linted.")
    areas: list[AreaScore] = Field(
        default_factory=list, description="The score by area: points kept and why lost.")
    findings: list[FindingRow] = Field(default_factory=list)
    profile: DocumentProfile = Field(default_factory=lambda: DocumentProfile())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        """The document's id: from its metadata, else its file name without extension."""
        return self.profile.id or document_id(self.path)

    @property
    def label(self) -> str:
        """How reports name the document (its id)."""
        return self.id

    def weaknesses(self, limit: int = 3) -> list[str]:
        """Why the score is what it is: the areas that lost most, with their rules."""
        areas = sorted((a for a in self.areas if a.lost), key=lambda a: a.points - a.max)
        return [f"{a.label} −{_pts(a.max - a.points)}: "
                + ", ".join(loss.rule for loss in a.lost[:3]) for a in areas[:limit]]

    def count(self, level: Level) -> int:
        return sum(1 for finding in self.findings if finding.level == level)


def document_id(path: str) -> str:
    """A document's id when its metadata has none: the file name without extension."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name[1:] else name


def _pts(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def score_areas(policy: ScorePolicy, rows: list[FindingRow]) -> list[AreaScore]:
    """Each area's points kept and the rules that took the rest."""
    counts = Counter(row.code for row in rows)
    first = {row.code: row for row in reversed(rows)}
    losses: dict[str, list[ScoreLoss]] = {name: [] for name in policy.areas}
    for code, count in counts.items():
        area = policy.area_of(code)
        if area not in policy.areas:
            area = "metadata" if "metadata" in policy.areas else next(iter(policy.areas))
        row = first[code]
        share = policy.loss.get(row.level.value, 0.0)
        counted = min(count, policy.max_counted)
        points = policy.areas[area].points * share * (1 + policy.repeat * (counted - 1))
        losses[area].append(ScoreLoss(code=code, rule=row.rule, level=row.level,
                                      findings=count, points=round(points, 2)))
    out = []
    for name, held in policy.areas.items():
        lost = sorted(losses[name], key=lambda loss: (-loss.points, loss.code))
        kept = max(0.0, held.points - sum(loss.points for loss in lost))
        out.append(AreaScore(area=name, label=held.label, points=round(kept, 2),
                             max=held.points, lost=lost))
    return out


def compliance_score(areas: list[AreaScore]) -> int:
    total = sum(area.max for area in areas)
    kept = sum(area.points for area in areas)
    return round(100 * kept / total) if total else 100


def quarter_of(day: dt.date | None) -> str | None:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if day else None


def build_record(result: FileResult, policy: ScorePolicy | None = None) -> DocumentRecord:
    raw = result.metrics.get(AuditProfiler.key)
    profile = DocumentProfile.model_validate(raw) if raw else DocumentProfile()
    rows = [FindingRow(code=f.code, rule=f.rule, level=f.level, line=f.span.line,
                       column=f.span.column, message=f.message) for f in result.findings]
    score, areas = None, []
    if result.skipped is None:
        areas = score_areas(policy or default_policy(), rows)
        score = compliance_score(areas)
    return DocumentRecord(path=result.path, quarter=quarter_of(profile.incident_date),
                          score=score, skipped=result.skipped, areas=areas, findings=rows,
                          profile=profile)


def default_policy() -> ScorePolicy:
    return load_rule_data().score
