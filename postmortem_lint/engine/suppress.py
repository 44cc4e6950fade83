"""Applying inline suppression comments to findings, and reporting unused ones."""

from __future__ import annotations

from dataclasses import dataclass, field

from postmortem_lint.engine.finding import Problem
from postmortem_lint.model import Span, Suppression, SuppressionKind


@dataclass
class _Scope:
    directive: Suppression
    lines: range
    used: set[str] = field(default_factory=set)

    def covers(self, code: str, line: int) -> bool:
        codes = self.directive.codes
        return line in self.lines and (not codes or code in codes)


def _scopes(suppressions: list[Suppression], line_count: int, lines: list[str]) -> list[_Scope]:
    scopes: list[_Scope] = []
    end = line_count + 1
    open_disables: list[_Scope] = []
    for directive in sorted(suppressions, key=lambda d: (d.span.line, d.span.column)):
        line = directive.span.line
        if directive.kind == SuppressionKind.disable_file:
            scopes.append(_Scope(directive, range(1, end + 1)))
        elif directive.kind == SuppressionKind.disable_line:
            scopes.append(_Scope(directive, range(line, line + 1)))
        elif directive.kind == SuppressionKind.disable_next_line:
            target = line + 1
            while target <= line_count and not lines[target - 1].strip():
                target += 1
            scopes.append(_Scope(directive, range(target, target + 1)))
        elif directive.kind == SuppressionKind.disable:
            scope = _Scope(directive, range(line, end + 1))
            open_disables.append(scope)
            scopes.append(scope)
        elif directive.kind == SuppressionKind.enable:
            for scope in open_disables:
                if scope.lines.stop > line and (not directive.codes or set(directive.codes)
                                                & set(scope.directive.codes)
                                                or not scope.directive.codes):
                    scope.lines = range(scope.lines.start, line)
    return scopes


def apply_suppressions(problems: list[tuple[str, Problem]], suppressions: list[Suppression],
                       line_count: int, lines: list[str], active_codes: set[str]
                       ) -> tuple[list[tuple[str, Problem]], list[Problem]]:
    """Findings that survive the comments, and one problem per unused directive or code."""
    scopes = _scopes(suppressions, line_count, lines)
    kept = []
    for code, problem in problems:
        suppressed = False
        for scope in scopes:
            # A document-level finding anchored on a whole-file span is suppressed by a
            # directive covering its first line, like any other finding.
            if scope.covers(code, problem.span.line):
                scope.used.add(code)
                suppressed = True
        if not suppressed:
            kept.append((code, problem))
    unused: list[Problem] = []
    for scope in scopes:
        directive = scope.directive
        if directive.kind == SuppressionKind.enable:
            continue
        if not directive.codes:
            if not scope.used:
                unused.append(Problem(span=directive.span,
                                      message="suppression comment matched no finding",
                                      hint="remove the comment"))
            continue
        for code in directive.codes:
            if code in active_codes and code not in scope.used:
                unused.append(Problem(span=directive.span,
                                      message=f"suppression of {code} matched no finding",
                                      hint=f"remove {code} from the comment"))
    return kept, unused


def whole_file(line_count: int) -> Span:
    return Span.lines(1, max(line_count, 1))
