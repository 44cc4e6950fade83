"""``postmortem-lint server``: the language server, over standard input and output."""

from __future__ import annotations

import click


@click.command("server")
@click.option("--stdio", is_flag=True, help="Talk LSP over standard input/output (the default; "
              "accepted because editors pass it).")
@click.option("--debounce", type=click.FloatRange(min=0), default=0.05, show_default=True,
              help="Seconds to wait after an edit before linting.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache.")
def command(stdio: bool, debounce: float, no_cache: bool) -> None:
    """Run the language server: diagnostics as you type, fixes and suppressions as code
    actions, rule documentation on hover."""
    from postmortem_lint.server.server import build_server

    build_server(debounce=debounce, use_cache=not no_cache).start_io()
