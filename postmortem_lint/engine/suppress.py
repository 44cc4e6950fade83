"""Applying inline suppression comments to findings, and reporting the comments that are
unused, do not parse or name no known rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from postmortem_lint.engine.finding import Problem
from postmortem_lint.model import Suppression, SuppressionKind

# reference as written -> the codes it names (empty: none), from the rule registry
Resolver = Callable[[str], list[str]]


@dataclass
class _Scope:
    directive: Suppression
    lines: range
    codes: frozenset[str] | None  # None: every rule (a directive with no list)
    used: set[str] = field(default_factory=set)

    def covers(self, code: str, line: int) -> bool:
        return line in self.lines and (self.codes is None or code in self.codes)


@dataclass
class Suppressed:
    """What the comments did to one file's findings."""

    kept: list[tuple[str, Problem]]
    silenced: list[tuple[str, Problem, str | None]]  # code, problem, the comment's reason
    unused: list[Problem]
    invalid: list[Problem]


def _codes(directive: Suppression, resolve: Resolver) -> frozenset[str] | None:
    if not directive.codes:
        return None
    return frozenset(code for reference in directive.codes for code in resolve(reference))


def _scopes(suppressions: list[Suppression], line_count: int, lines: list[str],
            resolve: Resolver) -> list[_Scope]:
    scopes: list[_Scope] = []
    end = line_count + 1
    open_disables: list[_Scope] = []
    valid = [d for d in suppressions if d.problem is None and d.kind is not None]
    for directive in sorted(valid, key=lambda d: (d.span.line, d.span.column)):
        line = directive.span.line
        codes = _codes(directive, resolve)
        if directive.kind == SuppressionKind.disable_file:
            scopes.append(_Scope(directive, range(1, end + 1), codes))
        elif directive.kind == SuppressionKind.disable_line:
            scopes.append(_Scope(directive, range(line, line + 1), codes))
        elif directive.kind == SuppressionKind.disable_next_line:
            target = line + 1
            while target <= line_count and not lines[target - 1].strip():
                target += 1
            scopes.append(_Scope(directive, range(target, target + 1), codes))
        elif directive.kind == SuppressionKind.disable:
            scope = _Scope(directive, range(line, end + 1), codes)
            open_disables.append(scope)
            scopes.append(scope)
        elif directive.kind == SuppressionKind.enable:
            for scope in open_disables:
                if scope.lines.stop > line and (codes is None or scope.codes is None
                                                or codes & scope.codes):
                    scope.lines = range(scope.lines.start, line)
    return scopes


def _invalid(suppressions: list[Suppression], resolve: Resolver,
             known: Callable[[str], str]) -> list[Problem]:
    problems = []
    for directive in suppressions:
        if directive.problem is not None:
            problems.append(Problem(span=directive.span,
                                    message=f"suppression comment does not parse: "
                                            f"{directive.problem}; it suppresses nothing",
                                    hint="write e.g. 'postmortem-lint: disable-next-line="
                                         "PM301 -- reason'"))
            continue
        for reference in directive.codes:
            if not resolve(reference):
                problems.append(Problem(span=directive.span,
                                        message=f"suppression names no known rule: "
                                                f"{reference!r}{known(reference)}",
                                        hint="use a rule code, prefix or name from "
                                             "'postmortem-lint rules'"))
    return problems


def apply_suppressions(problems: list[tuple[str, Problem]], suppressions: list[Suppression],
                       line_count: int, lines: list[str], active_codes: set[str],
                       resolve: Resolver, known: Callable[[str], str] = lambda _: ""
                       ) -> Suppressed:
    """Findings that survive the comments, those silenced (with the comment's reason), one
    problem per unused directive or rule reference, one per directive that is invalid."""
    scopes = _scopes(suppressions, line_count, lines, resolve)
    kept: list[tuple[str, Problem]] = []
    silenced: list[tuple[str, Problem, str | None]] = []
    for code, problem in problems:
        # A document-level finding anchored on a whole-file span is suppressed by a
        # directive covering its first line, like any other finding.
        covering = [scope for scope in scopes if scope.covers(code, problem.span.line)]
        for scope in covering:
            scope.used.add(code)
        if covering:
            silenced.append((code, problem, covering[0].directive.reason))
        else:
            kept.append((code, problem))
    unused: list[Problem] = []
    for scope in scopes:
        directive = scope.directive
        if directive.kind == SuppressionKind.enable:
            continue
        if scope.codes is None:
            if not scope.used:
                unused.append(Problem(span=directive.span,
                                      message="suppression comment matched no finding",
                                      hint="remove the comment"))
            continue
        for reference in directive.codes:
            named = set(resolve(reference))
            if named & active_codes and not named & scope.used:
                unused.append(Problem(span=directive.span,
                                      message=f"suppression of {reference} matched no finding",
                                      hint=f"remove {reference} from the comment"))
    return Suppressed(kept, silenced, unused, _invalid(suppressions, resolve, known))
