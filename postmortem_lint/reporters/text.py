"""Human-readable output: one line per finding (path:line:col: CODE [level] message),
an indented hint, and a summary line."""

from __future__ import annotations

import click

from postmortem_lint.engine.finding import FileResult, Finding, Level

_COLOURS = {Level.error: "red", Level.warning: "yellow", Level.info: "blue"}


def render_text(results: list[FileResult], color: bool = False, hints: bool = True,
                statistics: bool = False, links: bool = True) -> str:
    """The findings (or with ``statistics``, their count per rule), a summary line, and
    with ``links`` the documentation address of each rule that fired."""
    if statistics:
        return _statistics(results, color)
    lines: list[str] = []
    counts = {level: 0 for level in Level}
    files_with = 0
    for result in results:
        if result.findings:
            files_with += 1
        for finding in result.findings:
            counts[finding.level] += 1
            where = f"{finding.path}:{finding.span.line}:{finding.span.column}:"
            level = f"[{finding.level.value}]"
            if color:
                where = click.style(where, bold=True)
                level = click.style(level, fg=_COLOURS[finding.level])
                code = click.style(finding.code, fg=_COLOURS[finding.level], bold=True)
            else:
                code = finding.code
            lines.append(f"{where} {code} {level} {finding.message}")
            if finding.related:
                lines.append(f"    at: {related_lines(finding)}")
            if hints and finding.hint:
                lines.append(f"    hint: {finding.hint}")
    if links and files_with:
        lines += _links(results)
    lines += _summary(results, counts, files_with)
    return "\n".join(lines) + "\n"


def _summary(results: list[FileResult], counts: dict[Level, int], files_with: int
             ) -> list[str]:
    lines = []
    total = sum(counts.values())
    if total:
        parts = [f"{counts[level]} {level.value}{'s' if counts[level] != 1 else ''}"
                 for level in (Level.error, Level.warning, Level.info) if counts[level]]
        lines.append(f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) "
                     f"in {files_with} of {len(results)} file{'s' if len(results) != 1 else ''}.")
    else:
        lines.append(f"All checks passed ({len(results)} file{'s' if len(results) != 1 else ''}).")
    return lines


def _links(results: list[FileResult]) -> list[str]:
    from postmortem_lint.engine.registry import all_rules
    from postmortem_lint.links import rule_url

    rules = all_rules()
    findings = [f for result in results for f in result.findings]
    fired = sorted({(f.code, f.rule) for f in findings} | {  # the codes folded in too
        (code, rules[code].name) for f in findings for code in f.also if code in rules})
    return ["Rules:"] + [f"  {name}: {rule_url(code)}" for code, name in fired]


def _statistics(results: list[FileResult], color: bool) -> str:
    """``--statistics``: findings per rule, most frequent first (like ruff's)."""
    counted: dict[tuple[str, str, Level], int] = {}
    counts = {level: 0 for level in Level}
    for result in results:
        for finding in result.findings:
            key = (finding.code, finding.rule, finding.level)
            counted[key] = counted.get(key, 0) + 1
            counts[finding.level] += 1
    width = max((len(str(n)) for n in counted.values()), default=1)
    lines = []
    for (code, name, level), number in sorted(counted.items(), key=lambda item: (-item[1],
                                                                                 item[0])):
        shown = click.style(code, fg=_COLOURS[level], bold=True) if color else code
        lines.append(f"{number:>{width}}  {shown}  {'[' + level.value + ']':<9}  {name}")
    files_with = sum(1 for result in results if result.findings)
    return "\n".join(lines + _summary(results, counts, files_with)) + "\n"


def related_lines(finding: Finding) -> str:
    """The related locations as a reader scans them: "lines 12, 14, 19"."""
    numbers = sorted({span.line for span in finding.related})
    label = "line" if len(numbers) == 1 else "lines"
    return f"{label} {', '.join(str(number) for number in numbers)}"
