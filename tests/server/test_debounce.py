"""Changes in quick succession are linted once, after the pause."""

from __future__ import annotations

import asyncio

from postmortem_lint.server.server import PostmortemServer


def test_a_burst_of_changes_is_linted_once():
    server = PostmortemServer(debounce=0.05, use_cache=False)
    linted: list[str] = []

    async def record(uri: str) -> None:
        linted.append(uri)

    server.lint_and_publish = record  # type: ignore[method-assign]

    async def burst() -> None:
        for _ in range(5):
            server.schedule("file:///a.md", server.debounce)
            await asyncio.sleep(0.01)
        server.schedule("file:///b.md", 0)
        await asyncio.sleep(0.2)

    asyncio.run(burst())
    server.shutdown_workers()
    assert linted == ["file:///b.md", "file:///a.md"]
