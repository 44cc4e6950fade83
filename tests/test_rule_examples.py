"""Documentation that is run (as pylint does with its message docs): each rule's Bad
example, linted as a document, makes that rule fire; its Good example does not.

Examples are the ``Bad::`` / ``Good::`` blocks of the rule's docstring; a label with
``(YAML)`` marks a YAML postmortem, any other a Markdown one. A ``# config: key: value``
line in an example sets that config key (a rule that only runs when configured, such as
the regulatory packs) and is not part of the document. Rules whose examples are about
the file itself (unreadable, binary, too large) describe them in words instead.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from functools import cache

import pytest

from postmortem_lint.engine.config import Config, LoadedConfig
from postmortem_lint.engine.registry import all_rules
from postmortem_lint.engine.runner import Linter

_LABEL = re.compile(r"^(?P<kind>Bad|Good)\b(?P<note>[^:]*)::\s*$")
_CONFIG = re.compile(r"^# config: (?P<key>[\w-]+): (?P<value>.+)\n", re.MULTILINE)
# About the file or the run, not about a document's text: nothing to lint.
NOT_TEXT = {"PM001", "PM003", "PM004", "PM005", "PM006", "PM008"}


def examples(doc: str) -> list[tuple[str, str, str]]:
    """(Bad|Good, file name, text) for every example block in a docstring; the text keeps
    its ``# config:`` lines (see :func:`configured`)."""
    found = []
    lines = doc.split("\n")
    for index, line in enumerate(lines):
        label = _LABEL.match(line.strip())
        if not label:
            continue
        body = []
        for following in lines[index + 1:]:
            if following.strip() and not following.startswith(" "):
                break
            body.append(following)
        name = "postmortem.yaml" if "YAML" in label["note"] else "postmortem.md"
        found.append((label["kind"], name, textwrap.dedent("\n".join(body)).strip() + "\n"))
    return found


@cache
def linter(config: tuple[tuple[str, str], ...] = ()) -> Linter:
    # Every rule by its code: rules that are off by default document themselves as selected.
    loaded = LoadedConfig(config=Config.model_validate(dict(config))) if config \
        else LoadedConfig()
    return Linter(loaded, select=sorted(all_rules()), use_cache=False,
                  today=dt.date(2026, 6, 1))


def configured(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The example without its ``# config: key: value`` lines, and the keys they set."""
    config = tuple((match["key"], match["value"].strip()) for match in _CONFIG.finditer(text))
    return _CONFIG.sub("", text), config


CODES = [code for code in all_rules() if code not in NOT_TEXT]


@pytest.mark.parametrize("code", CODES)
def test_bad_example_fires_and_good_example_does_not(code: str) -> None:
    rule = all_rules()[code]
    cases = examples(rule.doc())
    assert {kind for kind, _, _ in cases} == {"Bad", "Good"}, f"{code} needs Bad:: and Good::"
    for kind, name, example in cases:
        text, config = configured(example)
        found = linter(config).lint_bytes(text.encode("utf-8"), name).findings
        fired = [code for f in found for code in (f.code, *f.also)]  # folded in included
        if kind == "Bad":
            assert code in fired, f"{code}'s Bad example does not fire it:\n{text}"
        else:
            assert code not in fired, f"{code}'s Good example fires it:\n{text}"
