"""Keeping secrets and personal data out of findings.

A rule may quote the text it complains about ("Action item "Rotate AKIA…" has no
ticket"). Whatever the rule, the engine replaces any value that looks like a secret or
personal data (the ``sensitive_data`` patterns of the rule data) before a finding
reaches a reporter, the cache or CI logs; so does a quote cut short in the middle of one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from postmortem_lint.engine.finding import Finding
from postmortem_lint.ruledata import RuleData

MASK = "[redacted]"
_MIN_VALUE = 6  # shorter matches are too common to be worth hiding (and cannot identify)
_MIN_PART = 4  # the shortest part of a value, cut by a quote, that is still hidden
_CUTS = ("…", "...")  # how quotes mark that they were cut


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def sensitive_values(texts: Iterable[str], data: RuleData) -> list[str]:
    """Every value in the texts that a sensitive-data pattern matches, longest first."""
    found: set[str] = set()
    patterns = [_compiled(kind.pattern) for kind in data.sensitive_data]
    for text in texts:
        for pattern in patterns:
            for match in pattern.finditer(text):
                group = "value" if "value" in pattern.groupindex and match.group("value") \
                    else 0
                value = match.group(group).strip()
                if len(value) >= _MIN_VALUE:
                    found.add(value)
    return sorted(found, key=len, reverse=True)


class _Values:
    """The values to hide, and their beginnings and ends (for quotes cut short)."""

    def __init__(self, values: list[str]):
        self.values = values
        self.heads = {v[:size] for v in values for size in range(_MIN_PART, len(v))}
        self.tails = {v[-size:] for v in values for size in range(_MIN_PART, len(v))}

    def redact(self, text: str) -> str:
        for value in self.values:
            if value in text:
                text = text.replace(value, MASK)
        for cut in _CUTS:
            if cut in text:
                text = self._cut_parts(text, cut)
        return text

    def _cut_parts(self, text: str, cut: str) -> str:
        """'… sk_live_4eC3…' keeps the start of a value before the cut, '…p7dc' its end."""
        out = text.split(cut)
        for number in range(len(out) - 1):  # the part before each cut may end in a head
            before = out[number]
            for start in range(max(len(before) - _LONGEST, 0), len(before) - _MIN_PART + 1):
                if before[start:] in self.heads:
                    out[number] = before[:start] + MASK
                    break
        for number in range(1, len(out)):  # the part after each cut may start with a tail
            after = out[number]
            for end in range(min(len(after), _LONGEST), _MIN_PART - 1, -1):
                if after[:end] in self.tails:
                    out[number] = MASK + after[end:]
                    break
        return cut.join(out)


_LONGEST = 256  # the longest part of a value looked for next to a cut


def redact_findings(findings: list[Finding], values: list[str]) -> list[Finding]:
    if not values:
        return findings
    hidden = _Values(values)
    out = []
    for finding in findings:
        message = hidden.redact(finding.message)
        hint = hidden.redact(finding.hint) if finding.hint else finding.hint
        if (message, hint) != (finding.message, finding.hint):
            finding = finding.model_copy(update={"message": message, "hint": hint})
        out.append(finding)
    return out
