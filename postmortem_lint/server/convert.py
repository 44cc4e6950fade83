"""Findings as LSP diagnostics, code actions and hovers.

Spans count lines and Unicode code points from 1; LSP positions count from 0 in the code
units the client chose (UTF-16 by default), converted here with the document's lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types
from pygls.workspace import PositionCodec

from postmortem_lint.engine.finding import Applicability, Edit, Finding, Level
from postmortem_lint.fixes.edits import choose_fixes
from postmortem_lint.model.span import Span

SOURCE = "postmortem-lint"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.postmortem-lint"
_SEVERITY = {Level.error: types.DiagnosticSeverity.Error,
             Level.warning: types.DiagnosticSeverity.Warning,
             Level.info: types.DiagnosticSeverity.Information}


def position(lines: Sequence[str], codec: PositionCodec, line: int, column: int
             ) -> types.Position:
    """A 1-based (line, code point column) as an LSP position, kept inside the text."""
    index = min(max(line - 1, 0), max(len(lines) - 1, 0))
    text = lines[index] if lines else ""
    return types.Position(line=index,
                          character=codec.client_num_units(text[:max(column - 1, 0)]))


def lsp_range(lines: Sequence[str], codec: PositionCodec, span: Span) -> types.Range:
    start = position(lines, codec, span.line, span.column)
    if span.end_column == 1 and span.end_line > span.line:  # whole lines: end at the last
        end = position(lines, codec, span.end_line, len(lines[min(span.end_line, len(lines))
                                                              - 1]) + 1 if lines else 1)
    else:
        end = position(lines, codec, span.end_line, span.end_column)
    return types.Range(start=start, end=end)


def diagnostic(finding: Finding, lines: Sequence[str], codec: PositionCodec,
               help_uri: str | None) -> types.Diagnostic:
    message = finding.message + (f"\nHint: {finding.hint}" if finding.hint else "")
    return types.Diagnostic(
        range=lsp_range(lines, codec, finding.span), message=message,
        severity=_SEVERITY[finding.level], code=finding.code, source=SOURCE,
        code_description=types.CodeDescription(href=help_uri) if help_uri else None,
        data={"rule": finding.rule, "fixable": finding.fix is not None})


def text_edit(edit: Edit, lines: Sequence[str], codec: PositionCodec) -> types.TextEdit:
    return types.TextEdit(range=lsp_range(lines, codec, edit.span), new_text=edit.text)


def fix_action(finding: Finding, uri: str, lines: Sequence[str], codec: PositionCodec,
               diagnostic_: types.Diagnostic | None) -> types.CodeAction | None:
    fix = finding.fix
    if fix is None:
        return None
    safe = fix.applicability is Applicability.safe
    title = f"{finding.code}: {fix.message}" + ("" if safe else " (unsafe: check the result)")
    return types.CodeAction(
        title=title, kind=types.CodeActionKind.QuickFix, is_preferred=safe,
        diagnostics=[diagnostic_] if diagnostic_ else None,
        edit=types.WorkspaceEdit(changes={uri: [text_edit(edit, lines, codec)
                                                for edit in fix.edits]}))


def fix_all_action(findings: Sequence[Finding], uri: str, lines: Sequence[str],
                   codec: PositionCodec) -> types.CodeAction | None:
    """Every safe fix of the document that does not overlap another, in one edit (what
    one round of ``check --fix`` applies; the re-lint offers what is left)."""
    chosen = choose_fixes(findings, unsafe=False)
    if not chosen:
        return None
    edits = [text_edit(edit, lines, codec) for _, fix in chosen for edit in fix.edits]
    return types.CodeAction(
        title=f"Apply {len(chosen)} safe postmortem-lint fix{'es' * (len(chosen) != 1)}",
        kind=FIX_ALL, edit=types.WorkspaceEdit(changes={uri: edits}))


def kind_name(kind: types.CodeActionKind | str | None) -> str:
    """A code action kind as its wire name ("quickfix", "source.fixAll")."""
    return kind.value if isinstance(kind, types.CodeActionKind) else str(kind or "")


def _front_matter_end(lines: Sequence[str]) -> int:
    """The 1-based line closing YAML front matter, 0 when there is none."""
    if not lines or lines[0].strip() != "---":
        return 0
    for number, text in enumerate(lines[1:], start=2):
        if text.strip() in ("---", "..."):
            return number
    return 0


def _is_yaml(uri: str) -> bool:
    return uri.lower().endswith((".yaml", ".yml"))


def suppress_line_action(finding: Finding, uri: str, lines: Sequence[str],
                         codec: PositionCodec) -> types.CodeAction:
    """``disable-line`` at the end of the finding's first line: a comment there changes
    neither a list nor a table (a cell after a row's last pipe is ignored)."""
    line = min(max(finding.span.line, 1), max(len(lines), 1))
    in_yaml = _is_yaml(uri) or line < _front_matter_end(lines)
    directive = f"postmortem-lint: disable-line={finding.code}"
    comment = f" # {directive}" if in_yaml else f" <!-- {directive} -->"
    end = position(lines, codec, line, len(lines[line - 1]) + 1 if lines else 1)
    return types.CodeAction(
        title=f"Suppress {finding.code} on this line", kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(
            range=types.Range(start=end, end=end), new_text=comment)]}))


def suppress_file_action(finding: Finding, uri: str, lines: Sequence[str]
                         ) -> types.CodeAction:
    """``disable-file`` at the top (after front matter in Markdown)."""
    directive = f"postmortem-lint: disable-file={finding.code}"
    if _is_yaml(uri):
        at, text = 0, f"# {directive}\n"
    else:
        at, text = _front_matter_end(lines), f"<!-- {directive} -->\n"
    start = types.Position(line=at, character=0)
    return types.CodeAction(
        title=f"Suppress {finding.code} in this file", kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(
            range=types.Range(start=start, end=start), new_text=text)]}))


def contains(range_: types.Range, pos: types.Position) -> bool:
    start, end = range_.start, range_.end
    return (start.line, start.character) <= (pos.line, pos.character) <= (end.line,
                                                                           end.character)


def overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and \
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)
