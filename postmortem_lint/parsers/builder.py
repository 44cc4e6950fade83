"""Turns what a parser found (fields, timeline rows, action rows…) into the model.

Both parsers feed this one builder, so a value means the same thing whatever
format it was written in.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from postmortem_lint.model import (
    ActionItem,
    ContributingFactor,
    Located,
    ParseProblem,
    Phase,
    Postmortem,
    Prose,
    Span,
    TimelineEntry,
    Why,
)
from postmortem_lint.parsers import practices, times, values
from postmortem_lint.ruledata import RuleData

_PHASE_ORDER = ("resolution", "mitigation", "detection", "escalation", "onset")


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One compiled pattern per word list: a timeline of thousands of rows stays linear."""
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])")


# The value of an explicit "due:"/"deadline:" field, up to the next separator.
_INLINE_DUE_VALUE = re.compile(r"\b(?:due(?: date)?|deadline)\s*[:=]\s*([^,;|·()\n]{1,40})",
                               re.IGNORECASE)


def _linked_ticket(texts: list[Prose]) -> tuple[tuple[str, int, int] | None, Prose | None]:
    """The first link whose target is a ticket, with the span of the link's text."""
    for prose in texts:
        for start, end, href in prose.links:
            if values.find_ticket(href) is not None:
                return (href, start, max(end, start + 1)), prose
    return None, None


def _located(prose: Prose, value):  # noqa: ANN001, ANN202 - generic helper
    return Located(value=value, span=prose.whole, raw=prose.text)


class DocumentBuilder:
    def __init__(self, path: str, fmt: str, line_count: int, data: RuleData):
        self.doc = Postmortem(path=path, format=fmt, line_count=max(line_count, 1))
        self.data = data
        self._undated: dict[str, tuple[Prose, dt.datetime]] = {}  # bare start/end times

    # -- problems ---------------------------------------------------------------
    def problem(self, code: str, message: str, span: Span) -> None:
        self.doc.problems.append(ParseProblem(code=code, message=message, span=span))

    # -- metadata fields ---------------------------------------------------------
    def set_field(self, name: str, prose: Prose) -> bool:
        """Record a metadata/impact field; returns False when the field is unknown."""
        text = prose.text.strip()
        if not text:
            return True
        meta, impact = self.doc.meta, self.doc.impact
        if name in ("id", "title", "status", "incident_class", "security_review", "cost"):
            target = meta
            if getattr(target, name) is None:
                setattr(target, name, _located(prose, text))
        elif name == "owner":
            if meta.owner is None:
                meta.owner = _located(prose, text)
        elif name == "authors":
            for part in re.split(r",|;|\band\b|&", text):  # parts are stripped: no \s* here
                if part.strip():
                    meta.authors.append(_located(prose, part.strip()))
        elif name == "services":
            for part in re.split(r"[,;]", text):
                if part.strip():
                    meta.services.append(_located(prose, part.strip()))
        elif name == "severity":
            severity = values.parse_severity(text, self.data)
            if severity is None:
                meta.severity_unknown = _located(prose, text)
                self.problem("PM003", f'unknown severity "{text[:40]}"; use SEV-0…SEV-4, P0…P4 '
                             "or critical/high/medium/low", prose.whole)
            elif meta.severity is None:
                meta.severity = _located(prose, severity)
        elif name == "audience":
            audience = values.parse_audience(text)
            if audience is None:
                self.problem("PM003", f'unknown audience "{text[:40]}"; use internal or '
                             "customer-facing", prose.whole)
            elif meta.audience is None:
                meta.audience = _located(prose, audience)
        elif name in ("incident_start", "incident_end"):
            at = times.parse_datetime(text, self.data.time_zones)
            if at is None and times.is_impossible_date(text):
                self.problem("PM003", f'impossible date "{text[:30]}"', prose.whole)
            elif at is None and self._time_without_date(name, prose, text):
                pass  # resolved against the incident's date when the document is finished
            elif at is None:
                meta.unparsed.append(_located(prose, text))
            elif at is not None and getattr(meta, name) is None:
                setattr(meta, name, _located(prose, at))
        elif name in ("incident_date", "date_written", "review_date"):
            self._set_date(name, prose, text)
        elif name == "security":
            flag = values.parse_bool(text)
            if flag is not None and meta.security is None:
                meta.security = _located(prose, flag)
        elif name == "users_affected":
            count = values.parse_count(text)
            if count is not None and impact.users_affected is None:
                impact.users_affected = _located(prose, count)
            impact.text.append(prose)
        elif name == "duration":
            duration = times.parse_duration(text)
            if duration is not None and impact.duration is None:
                impact.duration = _located(prose, duration)
        elif name == "revenue":
            impact.revenue = impact.revenue or _located(prose, text)
            impact.text.append(prose)
        elif name == "sla_breached":
            flag = values.parse_bool(text)
            if impact.sla_breached is None and flag is not None:
                impact.sla_breached = _located(prose, flag)
        elif name == "data_loss":
            impact.data_loss = impact.data_loss or _located(prose, text)
        elif name == "review_owner":
            self.doc.follow_up.owner = self.doc.follow_up.owner or _located(prose, text)
        elif name in practices.FIELDS:
            practices.read_field(self.doc, name, prose, self.data)
        else:
            return False
        return True

    def _set_date(self, name: str, prose: Prose, text: str) -> None:
        day = times.parse_date(text)
        if day is None:
            found = times.find_date(text)
            day = found[0] if found else None
        if day is None:
            if times.is_impossible_date(text):
                self.problem("PM003", f'impossible date "{text[:30]}"', prose.whole)
            else:
                self.doc.meta.unparsed.append(_located(prose, text))
                if name == "review_date" and self.doc.follow_up.review_date_unparsed is None:
                    self.doc.follow_up.review_date_unparsed = _located(prose, text)
            return
        if name == "review_date":
            follow = self.doc.follow_up
            follow.review_date = follow.review_date or _located(prose, day)
            follow.span = follow.span or prose.whole
        elif getattr(self.doc.meta, name) is None:
            setattr(self.doc.meta, name, _located(prose, day))

    # -- timeline -----------------------------------------------------------------
    def default_date(self) -> dt.date | None:
        meta = self.doc.meta
        if meta.incident_start is not None:
            return meta.incident_start.value.date()
        if meta.incident_date is not None:
            return meta.incident_date.value
        return None

    def add_timeline_entry(self, time_prose: Prose, event: Prose, span: Span, *,
                           phase_text: str | None = None, declared_zone: str | None = None,
                           default_date: dt.date | None = None) -> bool:
        """Add a row whose time is at the start of ``time_prose``; False if it has no time."""
        zones = self.data.time_zones
        found = times.find_timestamp(time_prose.text, zones, within=12,
                                     default_date=default_date)
        if found is None:
            return False
        zone, is_utc, at = found.zone, found.is_utc, found.at
        if zone is None and declared_zone is not None and at is not None:
            tzinfo, is_utc = times._zone_offset(declared_zone, zones)  # noqa: SLF001
            zone = declared_zone
            if tzinfo is not None:
                at = at.replace(tzinfo=tzinfo)
        phase, explicit = None, False
        if phase_text:
            try:
                phase, explicit = Phase(values.normalise_key(phase_text)), True
            except ValueError:
                phase = None
        if phase is None:
            phase = self.label_phase(event.text)
            explicit = phase is not None
        if phase is None:
            phase = self.classify_phase(event.text)
        self.doc.timeline.entries.append(TimelineEntry(
            span=span,
            time_text=Located(value=time_prose.text[found.start:found.end],
                              span=time_prose.span(found.start, found.end)),
            at=at, has_date=found.has_date, zone=zone, is_utc=is_utc,
            phase=phase, phase_explicit=explicit, text=event))
        return True

    def label_phase(self, text: str) -> Phase | None:
        """A phase the author labelled: "**Onset:** first errors", "Resolved: all clear"."""
        match = _PHASE_LABEL.match(text)
        if match is None:
            return None
        label = values.normalise_key(match.group(1))
        for phase in Phase:
            if label == phase.value or label in self.data.phases.get(phase.value, []):
                return phase
        return None

    def classify_phase(self, text: str) -> Phase | None:
        lowered = text.lower()
        for phase in _PHASE_ORDER:
            pattern = _words_pattern(tuple(self.data.phases.get(phase, [])))
            if pattern is not None and pattern.search(lowered):
                return Phase(phase)
        return None

    # -- action items -----------------------------------------------------------------
    def add_action_item(self, description: Prose, span: Span, cells: dict[str, Prose],
                        checkbox: str | None = None) -> None:
        self.doc.action_items.append(self.read_action_item(description, span, cells, checkbox))

    def add_action_details(self, prose: Prose) -> bool:
        """Fill the last action item's missing fields from a line that starts with a field
        label (a nested "Owner: … · Due: …" bullet); False when the line is not such a line."""
        if not self.doc.action_items or not _starts_with_action_label(prose.text, self.data):
            return False
        item = self.doc.action_items[-1]
        details = self.read_action_item(prose, prose.whole, {})
        for name in ("owner", "due", "due_unparsed", "priority", "status", "type", "ticket"):
            if getattr(item, name) is None:
                setattr(item, name, getattr(details, name))
        return True

    def read_action_item(self, description: Prose, span: Span, cells: dict[str, Prose],
                         checkbox: str | None = None) -> ActionItem:
        data = self.data
        item = ActionItem(span=span, description=description)
        text = description.text
        if "owner" in cells and cells["owner"].text.strip():
            item.owner = _located(cells["owner"].strip(), cells["owner"].text.strip())
        else:
            item.owner = _inline_owner(description)
        if "due" in cells and cells["due"].text.strip():
            self._set_due(item, cells["due"].strip())
        else:
            match = re.search(r"\b(?:due|by|deadline|target|eta)\b\s*[:=]?\s*", text, re.I)
            found = times.find_date(text[match.end():] if match else text)
            if found:
                base = match.end() if match else 0
                item.due = Located(value=found[0],
                                   span=description.span(base + found[1], base + found[2]))
            else:  # "due: TBD", as a Due cell holding TBD: written, but not a date
                written = _INLINE_DUE_VALUE.search(text)
                if written is not None and written.group(1).strip():
                    item.due_unparsed = Located(value=written.group(1).strip(),
                                                span=description.span(*written.span(1)))
        if "priority" in cells and cells["priority"].text.strip():
            prose = cells["priority"].strip()
            priority = values.parse_priority(prose.text, data)
            if priority is not None:
                item.priority = _located(prose, priority)
        else:
            found_priority = values.find_priority(text, data)
            if found_priority:
                item.priority = Located(value=found_priority[0],
                                        span=description.span(found_priority[1], found_priority[2]))
        if "status" in cells and cells["status"].text.strip():
            status = values.parse_status(cells["status"].text, data)
            if status is not None:
                item.status = _located(cells["status"].strip(), status)
        elif checkbox is not None:
            from postmortem_lint.model import ItemStatus

            item.status = Located(value=ItemStatus.done if checkbox.lower() == "x"
                                  else ItemStatus.open, span=span)
        else:
            match = re.search(r"\bstatus\s*[:=]\s*([\w' -]{2,20})", text, re.I)
            status = values.parse_status(match.group(1), data) if match else None
            if match and status:
                item.status = Located(value=status, span=description.span(*match.span()))
        if "type" in cells and cells["type"].text.strip():
            kind = values.parse_action_type(cells["type"].text, data)
            if kind is not None:
                item.type = _located(cells["type"].strip(), kind)
        else:
            for match in re.finditer(r"\b(?:type|category)\s*[:=]\s*(\w+)|[\[(](\w+)[\])]",
                                     text, re.I):  # "(Platform)" is not a type; "(detect)" is
                kind = values.parse_action_type(match.group(1) or match.group(2), data)
                if kind:
                    item.type = Located(value=kind, span=description.span(*match.span()))
                    break
        ticket_source = cells.get("ticket") or description
        found_ticket = values.find_ticket(ticket_source.text)
        if found_ticket is None:
            for cell in cells.values():
                found_ticket = values.find_ticket(cell.text)
                if found_ticket:
                    ticket_source = cell
                    break
        if found_ticket is None:  # "[JIRA](https://…)": the ticket is the link's target
            found_ticket, linked = _linked_ticket(
                [cells["ticket"]] if "ticket" in cells else [description, *cells.values()])
            ticket_source = linked or ticket_source
        if found_ticket:
            item.ticket = Located(value=found_ticket[0],
                                  span=ticket_source.span(found_ticket[1], found_ticket[2]))
        if not cells and (item.status is None or item.type is None):
            _bare_status_and_type(item, description, data)
        return item

    def _set_due(self, item: ActionItem, prose: Prose) -> None:
        day = times.parse_date(prose.text, self.default_date())
        if day is not None:
            item.due = _located(prose, day)
        else:
            if times.is_impossible_date(prose.text):
                self.problem("PM003", f'impossible date "{prose.text[:30]}"', prose.whole)
            item.due_unparsed = _located(prose, prose.text)

    # -- analysis parts -----------------------------------------------------------------
    def add_why(self, prose: Prose) -> None:
        if prose.text.strip():
            self.doc.five_whys.append(Why(span=prose.whole, text=prose))

    def add_factor(self, prose: Prose, score: Prose | None = None) -> None:
        if not prose.text.strip():
            return
        located_score = None
        if score is not None and score.text.strip():
            match = re.match(r"\s*(-?\d+)", score.text)
            if match:
                located_score = _located(score.strip(), int(match.group(1)))
        self.doc.contributing_factors.append(
            ContributingFactor(span=prose.whole, text=prose, score=located_score))

    def _time_without_date(self, name: str, prose: Prose, text: str) -> bool:
        """Remember a start or end written as a bare time ("14:32 UTC"); False if not one."""
        found = times.find_timestamp(text, self.data.time_zones, within=0)
        if found is None or found.has_date or found.at is None:
            return False
        self._undated.setdefault(name, (prose, found.at))
        return True

    def finish(self) -> Postmortem:
        """Give bare start/end times the incident's date, or report that they have none."""
        meta = self.doc.meta
        for name, (prose, at) in sorted(self._undated.items(), reverse=True):
            if getattr(meta, name) is not None:
                continue
            day = self.default_date()
            if day is not None:
                setattr(meta, name, _located(prose, at.replace(
                    year=day.year, month=day.month, day=day.day)))
                continue
            label = name.removeprefix("incident_")
            self.problem("PM003", f'{label} time "{prose.text.strip()[:30]}" has no date; '
                         "write it in full (2026-03-04 14:32 UTC) or give the incident's date",
                         prose.whole)
        self._undated = {}
        practices.read_facts(self.doc, self.data)
        return self.doc


_PHASE_LABEL = re.compile(r"\W{0,4}([A-Za-z][A-Za-z -]{1,24}?)\s*:")

_SEGMENT = re.compile(r"[^,;·|—–]+")


def _bare_status_and_type(item: ActionItem, description: Prose, data: RuleData) -> None:
    """Status and type written as bare list values: "— owner: Ana, P1, prevent, in progress"."""
    for match in _SEGMENT.finditer(description.text):
        word = values.normalise_key(match.group(0))
        if not word or len(word) > 20:
            continue
        span = description.span(*match.span())
        if item.type is None and any(word in spellings for spellings in
                                     data.action_types.values()):
            kind = values.parse_action_type(word, data)
            item.type = Located(value=kind, span=span) if kind else None
        elif item.status is None:
            status = values.parse_status(word, data)
            if status is not None and word in (values.normalise_key(s) for spellings in
                                               data.statuses.values() for s in spellings):
                item.status = Located(value=status, span=span)


def _starts_with_action_label(text: str, data: RuleData) -> bool:
    match = re.match(r"\W{0,3}([A-Za-z][A-Za-z ]{0,20}?)\s*[:=]", text)
    if match is None:
        return False
    label = values.normalise_key(match.group(1))
    return any(label in data.columns.get(name, []) for name in
               ("owner", "due", "priority", "status", "type", "ticket"))


_OWNER = re.compile(
    r"\b(?i:owner|owners|assignee|assigned to|dri|who)\b\s*[:=]\s*"
    r"(?P<name>@?[\w.\-]+(?: [A-Z][\w.\-]*){0,3})|(?<![\w@.])(?P<handle>@[A-Za-z0-9][\w.\-]{0,38})")


def _inline_owner(description: Prose) -> Located[str] | None:
    match = _OWNER.search(description.text)
    if match is None:
        return None
    group = "name" if match.group("name") else "handle"
    start, end = match.span(group)
    name = re.split(r"\.(?=\s|$)", match.group(group))[0]  # "Marcus Chen. Priority P1"
    end = start + len(name)
    return Located(value=name, span=description.span(start, end))
