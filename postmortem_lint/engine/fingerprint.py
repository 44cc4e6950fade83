"""Stable fingerprints of findings: SARIF's ``partialFingerprints`` and the baseline's.

Like GitHub's own ``primaryLocationLineHash``, a fingerprint hashes what is written on
the finding's line, not the line's number, so moving text around does not change it and
editing the offending sentence does. One definition, read by both consumers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from postmortem_lint.engine.finding import Finding
from postmortem_lint.sources.reading import SourceText, read_source

FINGERPRINT_KEY = "postmortemLint/v1"

_DIGITS = re.compile(r"\d+")

LineOf = Callable[[str, int], "str | None"]


class LineTexts:
    """The source lines of each file, read once (``path`` as the finding shows it)."""

    def __init__(self, texts: dict[str, str] | None = None) -> None:
        self._files: dict[str, list[str] | None] = {
            path: text.split("\n") for path, text in (texts or {}).items()}

    def __call__(self, path: str, number: int) -> str | None:
        if path not in self._files:
            file = Path(path)
            source = read_source(file, path) if file.is_file() else None
            self._files[path] = source.lines if isinstance(source, SourceText) else None
        lines = self._files[path]
        if lines is None or not 0 < number <= len(lines):
            return None
        return lines[number - 1]


def _digest(code: str, uri: str, anchor: str, occurrence: int) -> str:
    data = "\0".join([code, uri, anchor])
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32] + f":{occurrence}"


def fingerprints(findings: Iterable[Finding], uri_of: Callable[[str], str],
                 line_of: LineOf | None = None) -> list[str]:
    """One fingerprint per finding, in order. ``uri_of`` names the file as it should be
    hashed (relative to the repository root); ``line_of`` gives a line's text."""
    line_of = line_of or LineTexts()
    seen: dict[tuple[str, str, str], int] = {}
    out: list[str] = []
    for finding in findings:
        uri = uri_of(finding.path)
        line_text = line_of(finding.path, max(finding.span.line, 1))
        # The message tells apart two findings of one rule on one line (PM703's "went well"
        # and "went wrong"); its numbers are dropped, as they change from day to day.
        anchor = " ".join((line_text or "").split()) + "\0" + _DIGITS.sub("#", finding.message)
        occurrence = seen.get((finding.code, uri, anchor), 0)
        seen[(finding.code, uri, anchor)] = occurrence + 1
        out.append(_digest(finding.code, uri, anchor, occurrence))
    return out
