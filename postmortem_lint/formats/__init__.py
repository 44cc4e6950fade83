"""Descriptions of the input formats postmortem-lint reads (for schemas and editors)."""
