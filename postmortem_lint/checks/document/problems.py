"""Rules that report what the reader and parsers could not understand.

Each is a documented, selectable rule; the findings come from the parse
problems recorded in the document model (or from the engine for read failures).
"""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext


class _ParseProblemRule(Rule):
    family = "document"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        for problem in ctx.document.problems:
            if problem.code == self.code:
                yield self.problem(problem.span, problem.message)


class FileUnreadable(_ParseProblemRule):
    """The file could not be read.

    A linter in pre-commit and CI sees every path it is given; a missing file, a
    broken symbolic link, a directory or a permission error is reported here
    instead of stopping the run.

    Bad: ``postmortem-lint check missing.md`` (no such file).
    Good: pass paths that exist and can be read.
    """

    code = "PM001"
    name = "file-unreadable"
    level = Level.error


class InvalidYaml(_ParseProblemRule):
    """The YAML postmortem or the Markdown front matter is not valid YAML, or not a mapping.

    Everything after a YAML error is lost to the reader and to every other rule,
    so the position of the error is reported.

    Bad::

        ---
        severity: [SEV-2
        ---

    Good::

        ---
        severity: SEV-2
        ---
    """

    code = "PM002"
    name = "invalid-yaml"
    level = Level.error


class InvalidField(_ParseProblemRule):
    """A known field has a value of the wrong type or one that cannot be understood.

    Dates that do not exist (``2026-02-30``), severities outside the scale, a
    list where a date belongs: the field is ignored, so checks that depend on it
    cannot run. Fix the value.

    Bad: ``Severity: Sev-Purple``, ``due: [2026-03-01]``, ``Date written: 2026-02-30``.
    Good: ``Severity: SEV-2``, ``due: 2026-03-01``, ``Date written: 2026-02-28``.
    """

    code = "PM003"
    name = "invalid-field"
    level = Level.warning


class InvalidEncoding(_ParseProblemRule):
    """The file is not valid UTF-8 (or the encoding its byte-order mark announces).

    Undecodable bytes are read as U+FFFD so the rest of the file is still
    linted; save the file as UTF-8 to fix it.

    Bad: a file saved as Latin-1 with ``Jürgen`` in it.
    Good: the same file saved as UTF-8.
    """

    code = "PM004"
    name = "invalid-encoding"
    level = Level.warning


class FileTooLarge(_ParseProblemRule):
    """The file is larger than ``max-file-size`` (default 5 MB) and was not linted.

    Postmortems are documents for people; a multi-megabyte file is usually a log
    or data dump committed by mistake. Raise the limit in the config if needed.

    Bad: a 40 MB log pasted into ``postmortems/2026-03-04.md``.
    Good: link the log from the postmortem's appendix instead.
    """

    code = "PM005"
    name = "file-too-large"
    level = Level.warning


class BinaryFile(_ParseProblemRule):
    """The file looks binary (it contains NUL bytes) and was skipped.

    Bad: ``postmortem-lint check diagram.png`` matched by a broad pattern.
    Good: keep images next to the postmortem and exclude them, or narrow ``include``.
    """

    code = "PM006"
    name = "binary-file"
    level = Level.info


class UnusedSuppression(Rule):
    """A suppression comment did not suppress anything.

    Stale ``disable`` comments hide future problems; remove them once the
    finding they silenced is fixed.

    Bad::

        <!-- postmortem-lint: disable-next-line=PM301 -->
        - 14:32 UTC — Deploy started

    Good::

        - 14:32 UTC — Deploy started
    """

    code = "PM007"
    name = "unused-suppression"
    level = Level.warning
    family = "document"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        return iter(())  # reported by the engine, which knows what was suppressed


class InvalidSuppression(Rule):
    """A suppression comment does not parse, or names no known rule; it suppresses nothing.

    A misspelt directive must not be read as "every rule", nor be dropped in silence:
    the finding it was meant to silence still shows, and this says why. Rules are named
    by code (any case), code prefix or name; a reason may follow ``--``.

    Bad::

        ## Timeline

        <!-- postmortem-lint: disable-next-line=PM3O1 -->
        - 14:32 — Deploy started

    Good::

        ## Timeline

        <!-- postmortem-lint: disable-next-line=PM301 -- the vendor's log has no zone -->
        - 14:32 — Deploy started
    """

    code = "PM009"
    name = "invalid-suppression"
    level = Level.error
    family = "document"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        return iter(())  # reported by the engine, which knows the registered rules


class RuleCrashed(Rule):
    """A rule raised an exception on this file; the other rules still ran.

    This is a bug in the rule (built-in or from a plugin), not in the document.
    Run with ``--debug`` to see the traceback and report it.

    Bad: a plugin rule that indexes past the end of a list.
    Good: rules that handle every document shape.
    """

    code = "PM008"
    name = "rule-crashed"
    level = Level.error
    family = "document"

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        return iter(())  # reported by the engine
