"""Machine-readable output with a stable, documented shape (schemas/report.schema.json)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from postmortem_lint import __version__
from postmortem_lint.engine.finding import FileResult, Level


class Summary(BaseModel):
    """Totals over every file in the report."""

    files: int = Field(description="Files linted (or skipped) in this run.")
    files_with_findings: int = Field(description="Files with at least one finding.")
    findings: int = Field(description="Findings in all files.")
    by_level: dict[Level, int] = Field(description="Findings per level (every level present).")
    by_code: dict[str, int] = Field(description="Findings per rule code, sorted by code.")


class JsonReport(BaseModel):
    """The document ``--format json`` prints. Fields are only ever added, never renamed or
    removed, within a major version of postmortem-lint."""

    tool: str = Field(default="postmortem-lint", description="Always postmortem-lint.")
    version: str = Field(default=__version__,
                         description="The postmortem-lint version that wrote it.")
    files: list[FileResult] = Field(default_factory=list,
                                    description="One entry per file, in the order linted.")
    summary: Summary


def build_report(results: list[FileResult]) -> JsonReport:
    by_level = {level: 0 for level in Level}
    by_code: dict[str, int] = {}
    for result in results:
        for finding in result.findings:
            by_level[finding.level] += 1
            by_code[finding.code] = by_code.get(finding.code, 0) + 1
    return JsonReport(files=results, summary=Summary(
        files=len(results), files_with_findings=sum(1 for r in results if r.findings),
        findings=sum(by_level.values()), by_level=by_level, by_code=dict(sorted(by_code.items()))))


def render_json(results: list[FileResult]) -> str:
    return build_report(results).model_dump_json(indent=2) + "\n"
