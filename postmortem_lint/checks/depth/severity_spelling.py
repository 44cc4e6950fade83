"""PM704."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.engine.finding import Applicability, Edit, Fix, Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions

# What the comparison ignores, as in rules/severity.yaml: case, spaces, dashes, underscores.
_SEPARATORS = re.compile(r"[\s_-]+")


DEFAULT_SPELLING = "SEV-{level}"
# Accepted when no spelling is configured: the two upper-case forms teams agree on most.
_CANONICAL = ("SEV-{level}", "SEV{level}")


class SeveritySpellingOptions(RuleOptions):
    spelling: str | None = Field(None, description='How severities are written, with '
                                 '"{level}" for the number (e.g. "SEV-{level}", "Sev{level}"). '
                                 'Unset: SEV-1 and SEV1 are accepted, other forms become SEV-1.')


class SeveritySpelling(Rule):
    """A SEV-style severity is not written the way the organisation spells it.

    Incident statistics, search and dashboards group postmortems by their severity
    as written; ``Sev 1``, ``sev1`` and ``SEV-1`` in one archive are three labels
    for one level. Only spellings of the SEV scheme (``Sev 1``, ``sev1``, ``S1``)
    are reported; a priority-style (``P1``) or named (``Critical``) severity is
    another scheme and is left alone. The ``spelling`` option sets the one
    spelling; unset, ``SEV-1`` and ``SEV1`` both pass and other forms become
    ``SEV-1``. Off by default: a team that agrees on a spelling turns it on
    (``extend-select: [PM704]``).

    Fix (safe): the severity is rewritten in the configured spelling.

    Bad::

        **Severity:** Sev 1

    Good::

        **Severity:** SEV-1
    """

    code = "PM704"
    name = "severity-spelling"
    level = Level.info
    family = "depth"
    Options = SeveritySpellingOptions
    fix_kind = Applicability.safe
    default_enabled = False  # a team convention: on when the team selects it

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, SeveritySpellingOptions)
        severity = ctx.document.meta.severity
        if severity is None or not severity.raw:
            return
        level = severity.value.level
        written = severity.raw.strip()
        configured = self.options.spelling
        accepted = (configured,) if configured else _CANONICAL
        if written in (form.replace("{level}", str(level)) for form in accepted):
            return
        key = _SEPARATORS.sub("", written.lower())
        if key not in (f"sev{level}", f"s{level}"):
            return
        expected = (configured or DEFAULT_SPELLING).replace("{level}", str(level))
        span = severity.span
        exact = span.end_line == span.line and span.end_column - span.column == len(
            severity.raw)
        fix = Fix(message=f"write {expected}", applicability=Applicability.safe,
                  edits=[Edit(span=span, text=expected)]) if exact else None
        yield self.problem(span, f'Severity "{written}" is written differently from the '
                           f'agreed spelling "{expected}"', hint=f"write {expected}", fix=fix)
