"""The Bad and Good examples of a rule's documentation, as lintable snippets."""

from __future__ import annotations

import re
import textwrap

from postmortem_lint.engine.registry import all_rules

_BLOCK = re.compile(r"^(Bad|Good)::\n\n((?:(?:    .*)?\n)+)", re.MULTILINE)
_CONFIG = re.compile(r"^# config: (\w[\w-]*): (.+)$", re.MULTILINE)


def examples(code: str) -> dict[str, tuple[str, dict[str, object]]]:
    """"Bad"/"Good" -> (the snippet, the config its "# config: key: value" line sets)."""
    out = {}
    for match in _BLOCK.finditer(all_rules()[code].doc() + "\n"):
        text = textwrap.dedent(match.group(2))
        config = {key: value.strip() for key, value in _CONFIG.findall(text)}
        out[match.group(1)] = (_CONFIG.sub("", text).lstrip("\n"), config)
    return out
