"""A baseline: the findings an archive had when a team adopted postmortem-lint, so that
only new problems fail a check.

``.postmortem-lint-baseline.json`` lists the findings' stable fingerprints (the same as
SARIF's ``partialFingerprints``, see :mod:`postmortem_lint.engine.fingerprint`), with the
file paths relative to the baseline's folder. A baselined finding stays hidden while the
text on its line is unchanged, wherever the line moves; editing the offending sentence
makes it new again.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from postmortem_lint.defaults import new_list
from postmortem_lint.engine.finding import FileResult, Finding
from postmortem_lint.engine.fingerprint import LineOf, fingerprints

BASELINE_FILE = ".postmortem-lint-baseline.json"
BASELINE_VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be read; exit code 2."""


class BaselineEntry(BaseModel):
    fingerprint: str
    path: str = Field(description="The file, relative to the baseline's folder.")
    code: str
    line: int = Field(description="Where the finding was when the baseline was written "
                      "(informative: matching ignores it).")
    message: str


class Baseline(BaseModel):
    version: int = BASELINE_VERSION
    findings: list[BaselineEntry] = Field(default_factory=new_list)


def relative_to(path: str, root: Path) -> str:
    """``path`` as the baseline names it: POSIX, relative to ``root`` when under it."""
    file = Path(path)
    absolute = file if file.is_absolute() else Path.cwd() / file
    for base in (root.absolute(), root.resolve()):
        for candidate in (absolute, absolute.parent.resolve() / absolute.name):
            try:
                return candidate.relative_to(base).as_posix()
            except ValueError:
                continue
    return file.as_posix()


def _entries(findings: list[Finding], root: Path, line_of: LineOf | None
             ) -> list[tuple[str, Finding]]:
    prints = fingerprints(findings, lambda path: relative_to(path, root), line_of)
    return list(zip(prints, findings, strict=True))


def build_baseline(results: list[FileResult], root: Path, line_of: LineOf | None = None
                   ) -> Baseline:
    entries = [BaselineEntry(fingerprint=fingerprint, path=relative_to(finding.path, root),
                             code=finding.code, line=finding.span.line, message=finding.message)
               for result in results
               for fingerprint, finding in _entries(result.findings, root, line_of)]
    entries.sort(key=lambda entry: (entry.path, entry.line, entry.code, entry.fingerprint))
    return Baseline(findings=entries)


def write_baseline(baseline: Baseline, path: Path) -> None:
    path.write_text(json.dumps(baseline.model_dump(mode="json"), indent=2, ensure_ascii=False)
                    + "\n", encoding="utf-8")


def read_baseline(path: Path) -> Baseline:
    try:
        return Baseline.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from error
    except ValidationError as error:
        raise BaselineError(f"{path}: not a postmortem-lint baseline: "
                            f"{error.errors()[0]['msg']}") from error


def find_baseline(start: Path, config_path: Path | None) -> Path | None:
    """The baseline next to the config, else the nearest one in ``start``'s folder or a
    parent, up to the repository root (the first folder holding ``.git``)."""
    if config_path is not None and (config_path.parent / BASELINE_FILE).is_file():
        return config_path.parent / BASELINE_FILE
    folder = start if start.is_dir() else start.parent
    folder = folder.absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / BASELINE_FILE).is_file():
            return candidate / BASELINE_FILE
        if (candidate / ".git").exists():
            return None
    return None


@dataclass
class BaselineOutcome:
    results: list[FileResult]
    baselined: int  # findings hidden because the baseline lists them
    gone: int  # baselined findings of the linted files that no longer occur


def apply_baseline(results: list[FileResult], baseline: Baseline, root: Path,
                   line_of: LineOf | None = None) -> BaselineOutcome:
    """Hide the findings the baseline lists. Entries are counted, so two identical
    findings where the baseline had one leave one reported."""
    remaining = Counter(entry.fingerprint for entry in baseline.findings)
    linted = {relative_to(result.path, root) for result in results}
    expected = sum(1 for entry in baseline.findings if entry.path in linted)
    baselined = 0
    kept_results: list[FileResult] = []
    for result in results:
        kept: list[Finding] = []
        for fingerprint, finding in _entries(result.findings, root, line_of):
            if remaining[fingerprint] > 0:
                remaining[fingerprint] -= 1
                baselined += 1
            else:
                kept.append(finding)
        kept_results.append(result if len(kept) == len(result.findings)
                            else result.model_copy(update={"findings": kept}))
    return BaselineOutcome(kept_results, baselined, expected - baselined)
