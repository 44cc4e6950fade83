"""A Markdown job summary (``--summary FILE``, e.g. ``$GITHUB_STEP_SUMMARY``): totals,
counts per rule and per file, and a table of the first findings."""

from __future__ import annotations

import re
from collections import Counter

from postmortem_lint.engine.finding import FileResult, Level
from postmortem_lint.reporters.text import related_lines

FIRST_FINDINGS = 50
_LEVELS = (Level.error, Level.warning, Level.info)
# Characters that start Markdown or HTML syntax inside a table cell (a backslash escape is
# valid before any ASCII punctuation in CommonMark). With [ and ] escaped no link can form,
# so ( ) ! need no escape; | must be escaped or it splits the cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")


def cell(text: str) -> str:
    """Text made safe for one GitHub-flavoured Markdown table cell (line breaks as <br>)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_SPECIAL.sub(r"\\\1", line.strip()) for line in lines).strip() or " "


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _table(header: list[str], rows: list[list[str]], align: list[str]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join({"l": " --- ", "r": " ---: "}[a] for a in align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def render_summary(results: list[FileResult], first: int = FIRST_FINDINGS) -> str:
    findings = [finding for result in results for finding in result.findings]
    by_level = Counter(finding.level for finding in findings)
    out = ["## postmortem-lint", ""]
    if not findings:
        out += [f"No problems found in {_plural(len(results), 'file')}.", ""]
        return "\n".join(out) + "\n"
    files_with = sum(1 for result in results if result.findings)
    levels = ", ".join(_plural(by_level[level], level.value) for level in _LEVELS
                       if by_level[level])
    out += [f"**{_plural(len(findings), 'problem')}** ({levels}) in {files_with} of "
            f"{_plural(len(results), 'file')}.", ""]

    per_rule: dict[str, tuple[str, Level, int]] = {}
    for finding in findings:
        _, _, count = per_rule.get(finding.code, (finding.rule, finding.level, 0))
        per_rule[finding.code] = (finding.rule, finding.level, count + 1)
    out += ["### By rule", ""]
    out += _table(["Code", "Rule", "Level", "Count"],
                  [[cell(code), cell(name), level.value, str(count)]
                   for code, (name, level, count) in sorted(
                       per_rule.items(), key=lambda item: (-item[1][2], item[0]))],
                  ["l", "l", "l", "r"])

    out += ["### By file", ""]
    out += _table(["File", "Errors", "Warnings", "Info", "Total"],
                  [[cell(result.path), *(str(sum(1 for f in result.findings if f.level == level))
                                         for level in _LEVELS), str(len(result.findings))]
                   for result in results if result.findings],
                  ["l", "r", "r", "r", "r"])

    shown = findings[:first]
    title = "### Findings" if len(shown) == len(findings) else \
        f"### First {len(shown)} of {len(findings)} findings"
    out += [title, ""]
    out += _table(["File", "Line", "Code", "Level", "Message"],
                  [[cell(f.path), str(f.span.line), cell(f.code), f.level.value,
                    cell(f.message + (f"\nat: {related_lines(f)}" if f.related else "")
                         + (f"\nhint: {f.hint}" if f.hint else ""))] for f in shown],
                  ["l", "r", "l", "l", "l"])
    return "\n".join(out) + "\n"
