"""Whether the analysis reaches systemic causes without a five-whys list.

The guides use five whys "as a tool, not a ritual": to get from the proximate cause to a
systemic one. An analysis has done that when its contributing factors name the
safeguards that were missing ("no end-to-end test exercised the real path", "the deny
hook was installed on one path only"), or when it asks why in headings of its own ("Why
it failed", "Why it was not caught"), or in a label that each cause answers ("**Why it
happened**: schema changes were not synchronised").
"""

from __future__ import annotations

import re

from postmortem_lint.model import Located, Postmortem
from postmortem_lint.parsers.sections import heading_words
from postmortem_lint.parsers.sentences import sentences
from postmortem_lint.phrases import find_phrases
from postmortem_lint.ruledata import RuleData

_ENOUGH = 2  # factors naming a missing safeguard, or headings asking why
# A cause's label that asks why, answered on its line: "**Why it happened**: …"
_WHY_LABEL = re.compile(r"\W{0,4}why\b[^:\n]{0,40}:[ \t]*\S", re.IGNORECASE)
_CAUSE_PARTS = frozenset(("root_cause", "contributing_factors"))


def systemic_analysis(doc: Postmortem, data: RuleData) -> Located[str] | None:
    """Where the analysis reaches systemic causes: the first of two contributing factors
    that name a missing safeguard, or of two headings that ask why."""
    asking = [section.title for section in doc.sections
              if heading_words(section.title.value)[:1] == ["why"]]
    asking += [Located(value=line.text.strip(), span=line.whole) for prose in doc.prose
               if prose.section in _CAUSE_PARTS for line in prose.lines()
               if _WHY_LABEL.match(line.text)]
    if len(asking) >= _ENOUGH:
        return asking[0]
    missing = [factor for factor in doc.contributing_factors
               if any(_names_missing_safeguard(sentence.text, data)
                      for sentence in sentences([factor.text]))]
    if len(missing) >= _ENOUGH:
        return Located(value=missing[0].text.text.strip(), span=missing[0].span)
    return None


def _names_missing_safeguard(text: str, data: RuleData) -> bool:
    return next(find_phrases(text, data.safeguard_gaps), None) is not None and \
        next(find_phrases(text, data.safeguard_words), None) is not None
