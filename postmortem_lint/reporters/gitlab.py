"""GitLab Code Quality (``--format gitlab``): a JSON array of issues that GitLab shows in
merge requests (``artifacts: reports: codequality``). Paths are relative to the working
directory (the checkout); the fingerprint stays the same while the finding does."""

from __future__ import annotations

import hashlib
import json

from postmortem_lint.engine.finding import FileResult, Level
from postmortem_lint.reporters.locations import relative_path
from postmortem_lint.reporters.text import related_lines

SEVERITY = {Level.error: "major", Level.warning: "minor", Level.info: "info"}


def render_gitlab(results: list[FileResult]) -> str:
    issues = []
    seen: dict[str, int] = {}
    for result in results:
        for finding in result.findings:
            path = relative_path(finding.path)
            key = f"{finding.code}\0{path}\0{finding.message}"
            occurrence = seen.get(key, 0)
            seen[key] = occurrence + 1
            issues.append({
                "description": f"{finding.code} {finding.message}" + (
                    f" (at {related_lines(finding)})" if finding.related else ""),
                "check_name": finding.code,
                "fingerprint": hashlib.sha256(f"{key}\0{occurrence}".encode()).hexdigest(),
                "severity": SEVERITY[finding.level],
                "location": {"path": path, "lines": {"begin": finding.span.line,
                                                     "end": finding.span.end_line}},
            })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
