"""postmortem-lint: a rules engine and linter for incident postmortems."""

__version__ = "0.1.0"
