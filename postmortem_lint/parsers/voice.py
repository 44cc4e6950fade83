"""Who tells the document: one person's own account ("I noticed …, I reverted …") or a
team's ("we")."""

from __future__ import annotations

import re

from postmortem_lint.model import Located, Postmortem, ProseRole

_I = re.compile(r"(?<![\w'’])I(?:['’](?:ve|m|ll|d))?(?![\w'’])")
_WE = re.compile(r"(?<![\w'’])(?:we|we['’](?:ve|re|ll|d)|our|ours|us)(?![\w'’])", re.IGNORECASE)
_MIN_I = 5  # how often the writer must speak as "I"
_I_PER_WE = 4  # and how much more often than as "we"


def sole_writer(doc: Postmortem) -> Located[str] | None:
    """The one person whose own account the document is: its narrative speaks as "I" at
    least five times and four times as often as "we" (a one-person project's report).
    Their name when the document names one author, else "the writer"; None for a team's
    account ("we"), or a document that says too little to tell."""
    first: Located[str] | None = None
    mine = ours = 0
    for prose in doc.prose:
        if prose.role != ProseRole.narrative:
            continue
        found = list(_I.finditer(prose.text))
        if found and first is None:
            first = Located(value="the writer", span=prose.span(*found[0].span()))
        mine += len(found)
        ours += len(_WE.findall(prose.text))
    if first is None or mine < _MIN_I or mine < ours * _I_PER_WE:
        return None
    if len(doc.meta.authors) == 1:
        return doc.meta.authors[0]
    return first
