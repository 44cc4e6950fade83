"""Where a rule's documentation lives on the web: one definition for SARIF's ``helpUri``,
the text report and the other CI formats."""

from __future__ import annotations

from functools import cache
from importlib import metadata

DEFAULT_HOMEPAGE = "https://github.com/postmortem-lint/postmortem-lint"


@cache
def homepage() -> str:
    try:
        for entry in metadata.metadata("postmortem-lint").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "homepage" and url.strip():
                return url.strip()
    except metadata.PackageNotFoundError:
        pass
    return DEFAULT_HOMEPAGE


def rule_url(code: str) -> str:
    """The rule's section in the generated rule reference."""
    return f"{homepage()}/blob/main/docs/rules.md#{code.lower()}"
