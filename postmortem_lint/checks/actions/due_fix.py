"""The fix that sets an action item's due date from the priority policy.

Always unsafe: the policy says how late the item may be, not when the team will do it,
so a person confirms the date (``check --fix --unsafe-fixes``).
"""

from __future__ import annotations

import datetime as dt

from postmortem_lint.engine.finding import Applicability, Edit, Fix
from postmortem_lint.model import Located


def due_date_fix(written: Located[dt.date] | Located[str], deadline: dt.date | None,
                 label: str) -> Fix | None:
    """Replace the written due value with ``deadline``, when the span holds just that value
    (one line, and as long as its raw text when the parser kept it)."""
    if deadline is None:
        return None
    span = written.span
    if span.end_line != span.line or span.end_column <= span.column:
        return None
    if written.raw and span.end_column - span.column != len(written.raw):
        return None
    text = deadline.isoformat()
    return Fix(message=f"set the due date to {text}, the latest a {label} item allows",
               applicability=Applicability.unsafe, edits=[Edit(span=span, text=text)])
