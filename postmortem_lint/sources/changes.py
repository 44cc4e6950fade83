"""Pull-request mode (``--diff-base REF``, ``--changed-only``): keep only the findings on
lines changed against a git ref, so a PR about one postmortem is not buried under findings
in lines nobody touched.

* Lines changed are read from ``git diff --unified=0`` between the merge base of REF and
  ``HEAD`` and the working tree (so uncommitted edits count); renames follow the file; new
  and untracked files count as changed everywhere.
* Document-level findings (anchored on line 1, the title or a section heading, e.g. a
  missing section) are kept on every changed file; findings whose region contains a
  changed line are kept; files without changes are dropped.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from postmortem_lint.engine.finding import FileResult, Finding


class ChangesError(Exception):
    """Git could not tell what changed (not a repository, unknown ref…)."""


@dataclass
class FileChanges:
    everything: bool = False  # a new or untracked file
    lines: set[int] = field(default_factory=set)  # changed lines, numbered in the new file

    def touches(self, first: int, last: int) -> bool:
        return self.everything or any(first <= line <= last for line in self.lines)


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd,
                              capture_output=True, text=True, encoding="utf-8",
                              errors="surrogateescape", check=False)
    except FileNotFoundError as error:
        raise ChangesError("git is not installed (needed for --diff-base/--changed-only)"
                           ) from error
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise ChangesError(f"git {args[0]}: {detail.removeprefix('fatal: ')}")
    return done.stdout


def repository_root(cwd: Path | None = None) -> Path:
    cwd = cwd or Path.cwd()
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except ChangesError as error:
        raise ChangesError(f"{cwd} is not inside a git repository "
                           "(--diff-base and --changed-only need one)") from error


def _ref_exists(ref: str, root: Path) -> bool:
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root)
        return True
    except ChangesError:
        return False


def default_base(root: Path) -> str:
    """The ref ``--changed-only`` compares with: the pull request's base branch on GitHub
    Actions, else ``origin/HEAD``, else the usual default branch names."""
    candidates = []
    if os.environ.get("GITHUB_BASE_REF"):
        candidates.append(f"origin/{os.environ['GITHUB_BASE_REF']}")
    candidates += ["origin/HEAD", "origin/main", "origin/master", "main", "master"]
    for ref in candidates:
        if _ref_exists(ref, root):
            return ref
    raise ChangesError("cannot find the default branch (no origin/HEAD, main or master); "
                       "use --diff-base REF")


def merge_base(ref: str, root: Path) -> str:
    """The commit to diff against: the merge base of ``ref`` and HEAD (like ``git diff
    ref...``), or ``ref`` itself when there is none (a shallow clone, unrelated history)."""
    if not _ref_exists(ref, root):
        raise ChangesError(f"unknown git ref {ref!r} (in a shallow clone, fetch it first)")
    try:
        return _git(["merge-base", ref, "HEAD"], root).strip()
    except ChangesError:
        return _git(["rev-parse", "--verify", f"{ref}^{{commit}}"], root).strip()


_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _unquote(path: str) -> str:
    """A path as git prints it in a diff header (C-quoted when it has odd characters)."""
    if not (path.startswith('"') and path.endswith('"')):
        return path
    raw, data, index = path[1:-1], bytearray(), 0
    while index < len(raw):
        char = raw[index]
        if char == "\\" and index + 1 < len(raw):
            following = raw[index + 1]
            if following in "0123" and re.match(r"[0-7]{3}", raw[index + 1:index + 4]):
                data.append(int(raw[index + 1:index + 4], 8))
                index += 4
                continue
            data.append(_ESCAPES.get(following, ord(following)))
            index += 2
            continue
        data += char.encode("utf-8", errors="surrogateescape")
        index += 1
    return data.decode("utf-8", errors="replace")


def parse_diff(text: str) -> dict[str, FileChanges]:
    """New-side path -> changed lines, from ``git diff --unified=0`` output."""
    changes: dict[str, FileChanges] = {}
    current: FileChanges | None = None
    new_file = False
    for line in text.split("\n"):
        if line.startswith("diff --git "):
            current, new_file = None, False
        elif line.startswith("new file mode"):
            new_file = True
        elif line.startswith("+++ "):
            target = line[4:].rstrip("\t")
            if target == "/dev/null":
                current = None  # a deleted file: nothing left to lint
                continue
            path = _unquote(target)
            path = path[2:] if path.startswith("b/") else path
            current = changes.setdefault(path, FileChanges())
            current.everything = current.everything or new_file
        elif line.startswith("rename to "):
            # A pure rename has no hunks: the file is changed, no line is.
            changes.setdefault(_unquote(line[len("rename to "):]), FileChanges())
        elif current is not None and (match := _HUNK.match(line)):
            start, count = int(match.group(1)), int(match.group(2) or "1")
            current.lines.update(range(start, start + count))
    return changes


def changed_lines(base: str | None, cwd: Path | None = None) -> tuple[Path, dict[str, FileChanges]]:
    """The repository root and its changed files against ``base`` (None: the default
    branch), with paths relative to the root."""
    root = repository_root(cwd)
    commit = merge_base(base if base is not None else default_base(root), root)
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--find-renames",
                 "--src-prefix=a/", "--dst-prefix=b/", commit, "--"], root)
    changes = parse_diff(diff)
    # The name-status list also names what has no hunk: empty new files, binary files.
    status = _git(["diff", "--name-status", "-z", "--find-renames", commit, "--"], root)
    fields = status.split("\0")
    index = 0
    while index < len(fields) and fields[index]:
        kind = fields[index][:1]
        paths = fields[index + 1:index + (3 if kind in "RC" else 2)]
        index += 3 if kind in "RC" else 2
        if kind != "D" and paths:
            entry = changes.setdefault(paths[-1], FileChanges())
            entry.everything = entry.everything or kind == "A"
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    for path in filter(None, untracked.split("\0")):
        changes[path] = FileChanges(everything=True)
    return root, changes


def _repo_path(path: str, root: Path) -> str | None:
    """``path`` (as reported, relative to the working directory) relative to the root."""
    file = Path(path)
    if not file.is_absolute():
        file = Path.cwd() / file
    for candidate in (file, file.parent.resolve() / file.name):
        for base in (root, root.resolve()):
            try:
                return Path(os.path.normpath(candidate)).relative_to(base).as_posix()
            except ValueError:
                continue
    return None


def _document_lines(result: FileResult) -> set[int]:
    """Lines that anchor document-level findings: line 1, the title, section headings."""
    from postmortem_lint.parsers import parse
    from postmortem_lint.ruledata import load_rule_data
    from postmortem_lint.sources.reading import SourceText, read_source

    anchors = {1}
    source = read_source(Path(result.path), result.path)
    if isinstance(source, SourceText):
        document = parse(source, load_rule_data())
        anchors.add(document.top.line)
        anchors.update(section.title.span.line for section in document.sections)
        anchors.update(section.span.line for section in document.sections)
    return anchors


def _kept(findings: list[Finding], changes: FileChanges, result: FileResult) -> list[Finding]:
    if changes.everything:
        return findings
    anchors: set[int] | None = None
    kept = []
    for finding in findings:
        if changes.touches(finding.span.line, max(finding.span.line, finding.span.end_line)):
            kept.append(finding)
            continue
        if anchors is None:
            anchors = _document_lines(result)
        if finding.span.line in anchors:
            kept.append(finding)
    return kept


def keep_changed(results: list[FileResult], base: str | None,
                 cwd: Path | None = None) -> list[FileResult]:
    """The results of changed files, each with only its findings on changed lines (plus
    its document-level findings). ``base`` None means the default branch's merge base."""
    root, changes = changed_lines(base, cwd)
    kept: list[FileResult] = []
    for result in results:
        relative = _repo_path(result.path, root)
        if relative is None or relative not in changes:
            continue
        findings = _kept(result.findings, changes[relative], result)
        kept.append(result.model_copy(update={"findings": findings}))
    return kept
