"""Benchmark: the language server's latency after a one-sentence edit, and its memory.

Starts ``postmortem-lint server`` (with this checkout on PYTHONPATH) in a fresh workspace
(the default caches, in that workspace), opens a postmortem of about 1,500 words with
every rule selected, waits until spaCy has loaded (the blame findings are published), then
replaces one sentence per edit with a new sentence that names a person and a blame verb,
so that each edit sends a sentence spaCy has not seen to the parser. Latency is the wall
time from sending ``didChange`` to receiving the diagnostics for that version, with the
debounce set to 0 by default (``--debounce 0.05``, the server's default, adds it). Memory
is the server's resident set size after the warm-up edits and after every further 100.

    python bench/server_latency.py [--edits 1000] [--warmup 50] [--debounce 0]

Prints the figures; asserts nothing (no timed tests). Recorded on the 2-core sandbox under
a load average of about 8 (1,532 words, 1,000 edits after 50 warm-up edits):

* debounce 0: median 71 ms, p90 121 ms; RSS 154.4 MiB -> 155.9 MiB (+0.9 %);
* debounce 0.05 s (the default): median 136 ms, p90 164 ms; RSS +0.8 %;
* before each rule's documentation link was cached (read from package metadata, 1.4 ms a
  diagnostic): median 96 ms and 154 ms;
* first (structural) diagnostics 2.6-3.4 s after the server started, the blame findings
  about 2 s later, once spaCy had loaded in the background.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parent.parent

PARAGRAPH = (
    "The checkout-api release {n} changed the default HTTP client, which closed idle "
    "connections after thirty seconds instead of ninety. Card payments retried against "
    "closed sockets and the error rate rose from 0.2% to 7.9% within four minutes. The "
    "canary stage compared request latency but had no connection-reuse metric, so the "
    "analysis passed and the pipeline promoted the build to every region. "
)


def postmortem() -> tuple[str, int]:
    """About 1,500 words, and the line of the sentence the edits replace."""
    lines = ["# Card payments failed after a checkout-api release", "",
             "**Date:** 2026-02-17", "**Severity:** SEV-2", "**Audience:** internal",
             "**Document owner:** Felix Wagner", "", "## Summary", "",
             PARAGRAPH.format(n=1).strip(), "", "## Impact", "",
             "- **Users:** 2,140 merchants (61%) could not take card payments",
             "- **Duration:** 2 hours 5 minutes (13:05 UTC to 15:10 UTC)",
             "- **Data loss:** none", "- **SLA:** breached for the EU region", "",
             "## Timeline", ""]
    for minute in range(0, 60, 4):
        lines.append(f"- 13:{minute:02d} UTC — Error rate alert for checkout-api fired again "
                     "and the on-call engineer acknowledged it")
    lines += ["", "## Root cause", ""]
    lines += [PARAGRAPH.format(n=n).strip() for n in range(2, 20)]
    lines += ["", "## What went well", "", "- The rollback runbook worked as written.", "",
              "## What went wrong", ""]
    edit_line = len(lines) + 1
    lines += ["Priya Raman ignored the first alert because the dashboard looked normal.", "",
              "## Action items", "",
              "| Action | Owner | Priority | Due | Ticket |", "|---|---|---|---|---|",
              "| Add a connection-reuse metric to canary analysis | Nora Eriksen | P1 | "
              "2026-02-24 | PAY-101 |", ""]
    return "\n".join(lines), edit_line


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def run(edits: int, warmup: int, debounce: float) -> None:
    text, edit_line = postmortem()
    print(f"document: {len(text.split())} words, {text.count(chr(10)) + 1} lines")
    workspace = Path(tempfile.mkdtemp(prefix="pml-server-bench-"))
    (workspace / ".postmortem-lint.yaml").write_text("select: [ALL]\n")
    uri = (workspace / "postmortem.md").as_uri()
    client = LanguageClient("bench", "1")
    published: dict[int | None, float] = {}
    event = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published[params.version] = time.perf_counter()
        codes = {str(d.code) for d in params.diagnostics}
        published.setdefault(-1, 0.0)
        if any(code.startswith("PM1") for code in codes):
            published[-2] = 1.0  # the blame findings arrived: spaCy is loaded
        event.set()

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "postmortem_lint", "server", "--debounce",
                          str(debounce), env=env, cwd=str(workspace))
    pid = client._server.pid  # type: ignore[union-attr]
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=workspace.as_uri()))
    client.initialized(types.InitializedParams())
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                             text=text)))
    while 1 not in published:
        event.clear()
        await event.wait()
    print(f"first diagnostics {published[1] - started:.2f} s after start "
          f"({'with' if -2 in published else 'before'} the blame findings)")
    while -2 not in published:
        event.clear()
        await event.wait()
    print(f"blame findings (spaCy loaded) {time.perf_counter() - started:.2f} s after start")

    latencies: list[float] = []
    memory: list[tuple[int, int]] = []
    names = ["Priya Raman", "Tomas Novak", "Aiko Sato", "Lena Berg", "Omar Haddad"]
    verbs = ["ignored", "missed", "overlooked", "dismissed", "neglected"]
    for index in range(warmup + edits):
        version = index + 2
        sentence = (f"{names[index % 5]} {verbs[(index // 5) % 5]} alert number {index} "
                    f"because the dashboard for region {index % 7} looked normal.")
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=edit_line - 1, character=0),
                                  end=types.Position(line=edit_line, character=0)),
                text=sentence + "\n")]))
        sent = time.perf_counter()
        while version not in published:
            event.clear()
            await event.wait()
        if index >= warmup:
            latencies.append((published[version] - sent) * 1000)
        if index + 1 == warmup or (index >= warmup and (index + 1 - warmup) % 100 == 0):
            memory.append((index + 1 - warmup, rss_kib(pid)))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    latencies.sort()
    print(f"edits measured: {len(latencies)} (after {warmup} warm-up edits)")
    print(f"latency ms: median {statistics.median(latencies):.1f}, "
          f"p90 {latencies[int(len(latencies) * 0.9)]:.1f}, max {latencies[-1]:.1f}")
    base = memory[0][1]
    print("RSS MiB after edits: " + ", ".join(f"{n}: {kib / 1024:.1f}" for n, kib in memory))
    print(f"RSS growth from edit 0 to {memory[-1][0]}: "
          f"{(memory[-1][1] - base) / base * 100:+.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--debounce", type=float, default=0.0,
                        help="The server's debounce (the server default is 0.05 s).")
    args = parser.parse_args()
    asyncio.run(run(args.edits, args.warmup, args.debounce))


if __name__ == "__main__":
    main()
