"""The language server: diagnostics on open, change (debounced) and save; fixes and
suppressions as code actions; a rule's documentation on hover."""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from postmortem_lint import __version__
from postmortem_lint.engine.finding import Finding
from postmortem_lint.engine.registry import all_rules
from postmortem_lint.server import convert
from postmortem_lint.server.linting import LinterPool

log = logging.getLogger(__name__)
DEBOUNCE_SECONDS = 0.05


@dataclass
class Linted:
    """The last findings published for a document, for code actions and hovers."""

    version: int | None
    text: str
    findings: list[Finding]


def document_path(uri: str, root: Path | None) -> Path:
    """The file a document is (or would be) saved as; for an unsaved document a name in
    the workspace, so the workspace's configuration applies."""
    parsed = urlparse(uri)
    if parsed.scheme == "file" and (local := to_fs_path(uri)):
        return Path(local)  # (a Windows drive letter too)
    name = Path(unquote(parsed.path)).name or "untitled"
    if not Path(name).suffix:  # an unsaved buffer: lint it as Markdown
        name += ".md"
    return (root or Path.cwd()) / name


class PostmortemServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE_SECONDS, use_cache: bool = True) -> None:
        super().__init__("postmortem-lint", __version__)
        self.debounce = debounce
        self.pool = LinterPool(use_cache=use_cache, on_nlp_ready=self._nlp_ready)
        self.linted: dict[str, Linted] = {}
        self.open: set[str] = set()  # documents the client has open
        self._pending: dict[str, asyncio.Task[None]] = {}
        # Lints run one at a time off the event loop, so requests keep being answered.
        self._executor = concurrent.futures.ThreadPoolExecutor(1, "postmortem-lint")
        self._loop: asyncio.AbstractEventLoop | None = None
        self.root: Path | None = None

    def start_background(self) -> None:
        """Build the workspace's linters now, which starts loading spaCy in the background."""
        self._loop = asyncio.get_running_loop()
        self._executor.submit(self.pool.pair_for, (self.root or Path.cwd()) / "postmortem.md")

    # -- linting -------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        self._loop = asyncio.get_running_loop()
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self._pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        await self.lint_and_publish(uri)

    async def lint_and_publish(self, uri: str) -> None:
        try:
            document = self.workspace.get_text_document(uri)
            text, version = document.source, document.version
            path = document_path(uri, self.root)
            loop = asyncio.get_running_loop()
            result, complete = await loop.run_in_executor(self._executor, self.pool.lint, path,
                                                          text)
        except Exception as error:  # a bad document or a bug: say so, keep serving
            log.exception("linting %s failed", uri)
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Error, message=f"postmortem-lint: {uri}: {error}"))
            return
        if uri not in self.open:
            return  # closed meanwhile
        current = self.workspace.get_text_document(uri)
        if current.version != version or current.source != text:
            return  # edited meanwhile: the next lint publishes
        self.linted[uri] = Linted(version, text, result.findings)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version,
            diagnostics=self.diagnostics(document, result.findings)))
        if not complete and self.pool.pair_for(path).nlp_ready.is_set():
            self.schedule(uri, 0)  # spaCy became ready during this lint

    def diagnostics(self, document: TextDocument, findings: list[Finding]
                    ) -> list[types.Diagnostic]:
        lines = document.source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return [convert.diagnostic(finding, lines, document.position_codec,
                                   help_uri(finding.code)) for finding in findings]

    def _nlp_ready(self) -> None:
        """Called from the loading thread: re-lint what is open, now with NLP rules."""
        if self._loop is None:
            return
        for uri in list(self.open):
            self._loop.call_soon_threadsafe(self.schedule, uri, 0)

    def forget(self, uri: str) -> None:
        self.open.discard(uri)
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.linted.pop(uri, None)

    def shutdown_workers(self) -> None:
        for task in self._pending.values():
            task.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)


@functools.cache
def help_uri(code: str) -> str | None:
    from postmortem_lint.links import rule_url

    return rule_url(code) if code in all_rules() else None


@functools.cache
def rule_markdown(code: str) -> str | None:
    from postmortem_lint.reporters.sarif import doc_markdown

    rule = all_rules().get(code)
    if rule is None:
        return None
    return (f"**{rule.code}** `{rule.name}` — default level {rule.level.value}, "
            f"{rule.fix_summary()}\n\n{doc_markdown(rule.doc())}")


def build_server(debounce: float = DEBOUNCE_SECONDS, use_cache: bool = True
                 ) -> PostmortemServer:
    server = PostmortemServer(debounce, use_cache)

    @server.feature(types.INITIALIZE)
    def initialize(ls: PostmortemServer, params: types.InitializeParams) -> None:
        folders = params.workspace_folders or []
        uri = folders[0].uri if folders else params.root_uri
        if uri and urlparse(uri).scheme == "file" and (local := to_fs_path(uri)):
            ls.root = Path(local)
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), int | float):
            ls.debounce = max(0.0, float(options["debounce"]))

    @server.feature(types.INITIALIZED)
    def initialized(ls: PostmortemServer, params: types.InitializedParams) -> None:
        ls.start_background()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PostmortemServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.open.add(params.text_document.uri)
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PostmortemServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PostmortemServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if LinterPool.is_config(document_path(uri, ls.root)):
            ls.pool.forget_configs()
            for other in list(ls.open):
                ls.schedule(other, 0)
        if uri in ls.open:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PostmortemServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.forget(uri)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri,
                                                                            diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, convert.FIX_ALL]))
    def code_action(ls: PostmortemServer, params: types.CodeActionParams
                    ) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = ls.linted.get(uri)
        if linted is None:
            return []
        document = ls.workspace.get_text_document(uri)
        if document.source != linted.text:
            return []  # edited since the last lint: positions may be stale
        codec = document.position_codec
        lines = linted.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        fixes: list[types.CodeAction] = []
        suppressions: list[types.CodeAction] = []
        for finding in linted.findings:
            where = convert.lsp_range(lines, codec, finding.span)
            if not convert.overlaps(where, params.range):
                continue
            shown = convert.diagnostic(finding, lines, codec, help_uri(finding.code))
            fix = convert.fix_action(finding, uri, lines, codec, shown)
            if fix is not None:
                fixes.append(fix)
            suppressions += [convert.suppress_line_action(finding, uri, lines, codec),
                             convert.suppress_file_action(finding, uri, lines)]
        fix_all = convert.fix_all_action(linted.findings, uri, lines, codec)
        actions = fixes + suppressions + ([fix_all] if fix_all is not None else [])
        only = params.context.only
        if only:  # e.g. ["source.fixAll"] from an editor's fix-on-save
            wanted = [convert.kind_name(kind) for kind in only]
            actions = [action for action in actions if any(
                convert.kind_name(action.kind) == kind
                or convert.kind_name(action.kind).startswith(f"{kind}.") for kind in wanted)]
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PostmortemServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.linted.get(params.text_document.uri)
        if linted is None:
            return None
        document = ls.workspace.get_text_document(params.text_document.uri)
        lines = linted.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        parts = []
        for finding in linted.findings:
            where = convert.lsp_range(lines, document.position_codec, finding.span)
            if convert.contains(where, params.position):
                text = rule_markdown(finding.code)
                if text and text not in parts:
                    parts.append(text)
        if not parts:
            return None
        return types.Hover(contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: PostmortemServer, params: None) -> None:
        ls.shutdown_workers()

    return server
