"""``postmortem-lint server``: the linter as a Language Server (LSP over stdio)."""
