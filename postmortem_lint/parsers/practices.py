"""The review framework's facts (detection, cost, notifications, when the summary was
written), read once the rest of the document is built. The builder calls in here so that
each fact has one parser, in its own module."""

from __future__ import annotations

import datetime as dt

from postmortem_lint.model import Located, Postmortem, Prose
from postmortem_lint.model.practices import WrittenAt
from postmortem_lint.parsers import times
from postmortem_lint.ruledata import RuleData

FIELDS = frozenset(("detection", "summary_written"))


def read_field(doc: Postmortem, name: str, prose: Prose, data: RuleData) -> None:
    """A "Detection:" or "Summary written:" field."""
    if name == "detection":
        from postmortem_lint.parsers.detection import read_detection_field

        read_detection_field(doc, prose, data)
    elif name == "summary_written" and doc.meta.summary_written is None:
        text = prose.text.strip()
        at = times.parse_datetime(text, data.time_zones)
        has_time = at is not None
        if at is None:
            day = times.parse_date(text)
            found = times.find_date(text) if day is None else None
            day = day or (found[0] if found else None)
            at = dt.datetime.combine(day, dt.time()) if day is not None else None
        if at is None:
            doc.meta.unparsed.append(Located(value=text, span=prose.whole, raw=text))
            return
        doc.meta.summary_written = Located(value=WrittenAt(at=at, has_time=has_time),
                                           span=prose.whole, raw=text)


def read_facts(doc: Postmortem, data: RuleData) -> None:
    from postmortem_lint.parsers.cost import read_cost
    from postmortem_lint.parsers.detection import read_detection
    from postmortem_lint.parsers.impact_reach import read_impact_reach
    from postmortem_lint.parsers.notifications import read_notifications

    read_detection(doc, data)
    read_cost(doc, data)
    read_notifications(doc, data)
    read_impact_reach(doc, data)
