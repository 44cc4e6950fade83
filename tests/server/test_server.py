"""The language server end to end, through a real LSP client (pytest-lsp)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

DOC = """\
# Checkout errors

**Severity:** Sev 2

## Timeline

- 2026-02-17 18:02 PST — Deploy of checkout-api started
- 2026-02-17 18:09 UTC — Error rate alert fired
"""
CONFIG = "select: [PM302, PM704]\n"

ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "postmortem_lint", "server", "--no-cache",
                    "--debounce", "0.05"], server_env=ENV))
async def client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("workspace")
    (root / ".postmortem-lint.yaml").write_text(CONFIG)
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="workspace")]))
    lsp_client.root = root  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def wait_for(client: LanguageClient, uri: str, count: int | None = None,
                   timeout: float = 30) -> list[types.Diagnostic]:
    """The diagnostics for ``uri`` once published (with ``count`` entries, if given)."""
    async def published() -> list[types.Diagnostic]:
        while True:
            diagnostics = client.diagnostics.get(uri)
            if diagnostics is not None and (count is None or len(diagnostics) == count):
                return diagnostics
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(published(), timeout)


def open_doc(client: LanguageClient, name: str, text: str, version: int = 1) -> str:
    uri = (client.root / name).as_uri()  # type: ignore[attr-defined]
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version,
                                             text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, line: int, start: int, end: int,
           text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=start),
                              end=types.Position(line=line, character=end)), text=text)]))


def raw(client: LanguageClient, body: bytes) -> None:
    """Send bytes as one JSON-RPC message, bypassing the client's own checks."""
    writer = client.protocol.writer
    assert writer is not None
    writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)


def by_code(diagnostics: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in diagnostics}


@pytest.mark.asyncio
async def test_open_publishes_diagnostics_with_exact_ranges(client: LanguageClient):
    uri = open_doc(client, "checkout.md", DOC)
    diagnostics = by_code(await wait_for(client, uri, 2))
    zone = diagnostics["PM302"]
    assert zone.range == types.Range(start=types.Position(line=6, character=2),
                                     end=types.Position(line=6, character=22))
    assert zone.severity == types.DiagnosticSeverity.Warning
    assert zone.source == "postmortem-lint"
    assert zone.code_description is not None
    assert zone.code_description.href.endswith("docs/rules.md#pm302")
    severity = diagnostics["PM704"]
    assert (severity.range.start.line, severity.range.start.character,
            severity.range.end.character) == (2, 14, 19)


@pytest.mark.asyncio
async def test_an_edit_updates_the_diagnostics(client: LanguageClient):
    uri = open_doc(client, "edit.md", DOC)
    await wait_for(client, uri, 2)
    change(client, uri, 2, 6, 19, 22, "UTC")  # "18:02 PST" -> "18:02 UTC"
    remaining = await wait_for(client, uri, 1)
    assert [str(d.code) for d in remaining] == ["PM704"]
    change(client, uri, 3, 7, 19, 22, "CET")  # a new one, on the next line
    diagnostics = await wait_for(client, uri, 2)
    assert by_code(diagnostics)["PM302"].range.start.line == 7


@pytest.mark.asyncio
async def test_code_action_applies_the_fix(client: LanguageClient):
    uri = open_doc(client, "fix.md", DOC)
    diagnostics = by_code(await wait_for(client, uri, 2))
    zone = diagnostics["PM302"]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=zone.range,
        context=types.CodeActionContext(diagnostics=[zone])))
    titles = [action.title for action in actions]
    assert titles[0] == "PM302: write 2026-02-18 02:02 UTC"
    assert "Suppress PM302 on this line" in titles and "Suppress PM302 in this file" in titles
    edit = actions[0].edit.changes[uri][0]
    assert edit.range == zone.range and edit.new_text == "2026-02-18 02:02 UTC"
    fix_all = next(a for a in actions if a.kind == "source.fixAll.postmortem-lint")
    assert fix_all.title == "Apply 2 safe postmortem-lint fixes"
    assert sorted(e.new_text for e in fix_all.edit.changes[uri]) == [
        "2026-02-18 02:02 UTC", "SEV-2"]
    on_save = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=zone.range,
        context=types.CodeActionContext(diagnostics=[],
                                        only=[types.CodeActionKind.SourceFixAll])))
    assert [action.title for action in on_save] == [fix_all.title]
    quick = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=zone.range,
        context=types.CodeActionContext(diagnostics=[],
                                        only=[types.CodeActionKind.QuickFix])))
    assert fix_all.title not in [action.title for action in quick] and len(quick) == 3
    change(client, uri, 2, 6, 2, 22, edit.new_text)
    assert [str(d.code) for d in await wait_for(client, uri, 1)] == ["PM704"]


@pytest.mark.asyncio
async def test_suppression_actions_silence_the_finding(client: LanguageClient):
    uri = open_doc(client, "suppress.md", DOC)
    zone = by_code(await wait_for(client, uri, 2))["PM302"]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=zone.range,
        context=types.CodeActionContext(diagnostics=[zone])))
    line_action = next(a for a in actions if a.title == "Suppress PM302 on this line")
    edit = line_action.edit.changes[uri][0]
    assert edit.new_text == " <!-- postmortem-lint: disable-line=PM302 -->"
    change(client, uri, 2, edit.range.start.line, edit.range.start.character,
           edit.range.end.character, edit.new_text)
    assert [str(d.code) for d in await wait_for(client, uri, 1)] == ["PM704"]


@pytest.mark.asyncio
async def test_hover_shows_the_rule_documentation(client: LanguageClient):
    uri = open_doc(client, "hover.md", DOC)
    zone = by_code(await wait_for(client, uri, 2))["PM302"]
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=zone.range.start))
    assert hover is not None
    assert "timeline-zone-not-utc" in hover.contents.value
    assert "Timeline times are written in a zone other than UTC" in hover.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=0, character=0)))
    assert nothing is None


@pytest.mark.asyncio
async def test_malformed_documents_and_requests_do_not_crash(client: LanguageClient):
    bad = open_doc(client, "bad.yaml", "key: [unclosed\n\x00\x01 ---\n: : :\n")
    await wait_for(client, bad)
    odd = open_doc(client, "odd.md", "\ufeff" + "| a |\n" * 3 + "😀 " * 50 + "\r\n---\n")
    await wait_for(client, odd)
    # a code action and a hover for a document the server never saw, and out-of-range ones
    unknown = types.TextDocumentIdentifier(uri="file:///nowhere/unknown.md")
    far = types.Range(start=types.Position(line=900, character=5),
                      end=types.Position(line=901, character=0))
    assert not await client.text_document_code_action_async(types.CodeActionParams(
        text_document=unknown, range=far, context=types.CodeActionContext(diagnostics=[])))
    assert await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=odd),
        position=types.Position(line=500, character=99))) is None
    with pytest.raises(Exception):  # noqa: B017 - any JSON-RPC error is fine, a crash is not
        await client.protocol.send_request_async("postmortem-lint/no-such-method", {})
    # raw messages: a known notification with invalid parameters, and a body that is not JSON
    for body in (b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"x": 1}}',
                 b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": null}',
                 b"{not json at all"):
        raw(client, body)
    # a change to a document that was never opened
    change(client, (client.root / "never.md").as_uri(), 5, 0, 0, 0,  # type: ignore[attr-defined]
           "# Title\n")
    # the server still answers
    uri = open_doc(client, "after.md", DOC)
    assert len(await wait_for(client, uri, 2)) == 2


@pytest.mark.asyncio
async def test_nlp_findings_arrive_once_spacy_has_loaded(client: LanguageClient):
    (client.root / "nlp").mkdir()  # type: ignore[attr-defined]
    (client.root / "nlp" / ".postmortem-lint.yaml").write_text(  # type: ignore[attr-defined]
        "select: [PM101, PM302]\n")
    uri = open_doc(client, "nlp/blame.md", DOC + "\nThe on-call engineer ignored the "
                   "disk-pressure alert and went back to sleep.\n")
    async def blame_published() -> list[types.Diagnostic]:
        while not any(str(d.code) == "PM101" for d in client.diagnostics.get(uri, [])):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]

    diagnostics = await asyncio.wait_for(blame_published(), 120)
    assert {str(d.code) for d in diagnostics} == {"PM101", "PM302"}


@pytest.mark.asyncio
async def test_saving_the_config_relints_with_the_new_rules(client: LanguageClient):
    root = client.root  # type: ignore[attr-defined]
    (root / "saved").mkdir()
    config = root / "saved" / ".postmortem-lint.yaml"
    config.write_text("select: [PM302, PM704]\n")
    uri = open_doc(client, "saved/doc.md", DOC)
    assert len(await wait_for(client, uri, 2)) == 2
    config.write_text("select: [PM704]\n")
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    assert [str(d.code) for d in await wait_for(client, uri, 1)] == ["PM704"]
