"""YAML postmortems (and Markdown front matter) into the document model."""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from postmortem_lint.model import Located, Postmortem, Prose, ProseRole, Section, Span
from postmortem_lint.parsers import times
from postmortem_lint.parsers.builder import DocumentBuilder
from postmortem_lint.parsers.sections import section_kind
from postmortem_lint.parsers.suppressions import yaml_suppressions
from postmortem_lint.parsers.values import field_for_key, normalise_key
from postmortem_lint.parsers.yaml_tree import (
    MAX_DEPTH,
    Budget,
    YamlFailure,
    load_yaml,
    position_of_key,
    position_of_value,
    scalar_prose,
    type_name,
)
from postmortem_lint.ruledata import RuleData
from postmortem_lint.sources.reading import SourceText

_LIST_SECTIONS = {"went_well", "went_wrong", "got_lucky", "lessons"}
_NAME_KEYS = ("name", "login", "handle", "username")
_DATE_FIELDS = {"incident_date", "date_written", "date_published", "review_date", "incident_start",
                "incident_end"}
_MOMENT_WORDS = frozenset(("date", "time", "day", "at", "on", "when", "start", "end", "begin"))


def _names_a_moment(key: Any) -> bool:
    """Whether a key's own words say it holds a moment ("incident date", "started at"),
    rather than a flag that something happened ("published", "resolved")."""
    return any(word in _MOMENT_WORDS for word in normalise_key(str(key)).split())


def _named(item: CommentedMap) -> Any | None:
    """The key of the name of a person or thing written as a mapping ("- name: Ana"); a
    site's own spelling ("- user: ana", "- github: ana") is its first text that is not a
    link or a path."""
    texts = [key for key in item if isinstance(item[key], str) and item[key].strip()]
    named = [key for key in texts if not _LINK_OR_PATH.search(item[key])]
    return next((key for key in texts if str(key).strip().lower() in _NAME_KEYS),
                named[0] if named else None)


# A value that is a link or a path, not a name: "https://…", "/img/a.png", "a@b.org".
_LINK_OR_PATH = re.compile(r"://|^[/.~]|\.(?:png|jpe?g|gif|svg|webp)$|\S@\S", re.IGNORECASE)


class MappingReader:
    """Reads one YAML mapping (a whole file, or front matter) into a builder."""

    def __init__(self, builder: DocumentBuilder, lines: list[str], line_offset: int = 0,
                 *, front_matter: bool = False):
        self.b = builder
        # Front matter of a Markdown page: a site generator's own keys and shapes live
        # beside ours, so a value of a shape we do not read is skipped, not reported.
        self.front_matter = front_matter
        self.lines = lines
        self.offset = line_offset
        self.budget = Budget()

    # -- helpers ---------------------------------------------------------------
    def prose(self, node: Any, key: Any, value: Any, role: ProseRole = ProseRole.field,
              section: str | None = None) -> Prose:
        return scalar_prose(value, position_of_value(node, key), self.lines, self.offset,
                            role=role, section=section)

    def key_span(self, node: CommentedMap, key: Any) -> Span:
        line, column = position_of_key(node, key)
        line += self.offset + 1
        return Span(line=line, column=column + 1, end_line=line,
                    end_column=column + 1 + len(str(key)))

    def texts(self, node: Any, key: Any, value: Any, section: str | None, depth: int = 0
              ) -> list[Prose]:
        """Every string under a value (a string, a list of strings, nested mappings)."""
        if not self.budget.spend() or depth > MAX_DEPTH:
            return []
        if isinstance(value, CommentedMap):
            out: list[Prose] = []
            for sub in list(value.keys()):
                out += self.texts(value, sub, value[sub], section, depth + 1)
            return out
        if isinstance(value, CommentedSeq):
            out = []
            for index, item in enumerate(value):
                out += self.texts(value, index, item, section, depth + 1)
            return out
        if value is None or isinstance(value, bool):
            return []
        prose = self.prose(node, key, value, ProseRole.narrative, section)
        self.b.doc.prose.append(prose)
        return [prose]

    def wrong_type(self, node: Any, key: Any, expected: str, value: Any) -> None:
        line, column = position_of_value(node, key)
        self.b.problem("PM003", f'"{key}" should be {expected}, not {type_name(value)}',
                       Span.point(line + self.offset + 1, column + 1))

    def add_section(self, kind: str | None, node: CommentedMap, key: Any,
                    body: list[Prose]) -> Section:
        title_span = self.key_span(node, key)
        last = max([p.whole.end_line for p in body if p.runs] + [title_span.line])
        section = Section(
            title=_located_text(str(key), title_span), level=1, kind=kind,
            span=Span(line=title_span.line, column=1, end_line=last, end_column=1), body=body,
            list_items=len(node[key]) if isinstance(node.get(key), list) else 0,
            leading_list_items=len(node[key]) if isinstance(node.get(key), list) else 0)
        self.b.doc.sections.append(section)
        return section

    # -- the mapping ---------------------------------------------------------------
    def read(self, root: CommentedMap) -> None:
        for key in list(root.keys()):
            if not self.budget.spend():
                break
            if self.front_matter:
                self.b.front_matter_keys.append(Located(value=str(key),
                                                        span=self.key_span(root, key)))
            self.read_key(root, key, root[key])
        if self.budget.exhausted:
            self.b.problem("PM003", "YAML has too many nodes (aliases?); the rest was not read",
                           Span.point(1 + self.offset))

    def read_key(self, root: CommentedMap, key: Any, value: Any) -> None:
        name = normalise_key(str(key))
        data = self.b.data
        handler = {
            "incident": self.read_incident, "impact": self.read_impact,
            "timeline": self.read_timeline, "action items": self.read_actions,
            "actions": self.read_actions, "contributing factors": self.read_factors,
            "five whys": self.read_whys, "5 whys": self.read_whys,
            "follow up": self.read_follow_up, "follow up review": self.read_follow_up,
        }.get(name)
        if handler is not None:
            handler(root, key, value)
            return
        if name in data.update_lists and isinstance(value, CommentedSeq) and \
                any(isinstance(item, CommentedMap) for item in value):
            self.read_timeline(root, key, value, updates=True)
            return
        field = field_for_key(str(key), data)
        if field is not None and not (isinstance(value, str) and len(value) > 200):
            self.read_field(root, key, value, field)
            return
        kind = section_kind(str(key), data)
        if kind is not None:
            body = self.texts(root, key, value, kind)
            self.add_section(kind, root, key, body)
            self._route_section_text(kind, body)

    def _route_section_text(self, kind: str, body: list[Prose]) -> None:
        doc = self.b.doc
        if kind == "summary":
            doc.summary += body
        elif kind == "root_cause":
            doc.root_cause += body
            doc.root_cause_span = doc.root_cause_span or doc.sections[-1].span
        elif kind == "went_well":
            doc.went_well += body
            doc.went_well_span = doc.sections[-1].span
        elif kind == "went_wrong":
            doc.went_wrong += body
            doc.went_wrong_span = doc.sections[-1].span
        elif kind == "got_lucky":
            doc.got_lucky += body

    def read_field(self, node: Any, key: Any, value: Any, field: str) -> None:
        if isinstance(value, CommentedSeq):
            if field not in ("authors", "services", *_DATE_FIELDS) and self.front_matter:
                # a site's own shape ("category: [database, outage]"): its first value, as
                # TOML front matter is read; nothing readable is skipped, not reported (a
                # list is no date in anyone's schema: that one is still reported)
                first = next((i for i, item in enumerate(value) if item is not None
                              and not isinstance(item, CommentedMap | CommentedSeq)), None)
                if first is not None:
                    self.read_field(value, first, value[first], field)
                return
            if field not in ("authors", "services"):
                self.wrong_type(node, key, "a single value", value)
                return
            for index, item in enumerate(value):
                if isinstance(item, CommentedMap) and _named(item) is not None:
                    # site generators write people as mappings: "- name: Ana\n  link: …"
                    self.b.set_field(field, self.prose(item, _named(item), item[_named(item)]))
                elif isinstance(item, CommentedMap | CommentedSeq) and not (
                        self.front_matter and field == "authors"):
                    self.wrong_type(value, index, "text", item)
                elif item is not None:
                    self.b.set_field(field, self.prose(value, index, item))
            return
        if isinstance(value, CommentedMap):
            if not self.front_matter:  # a site's own mapping in a page's front matter: skipped
                self.wrong_type(node, key, "a single value", value)
            return
        if value is None:
            return
        if isinstance(value, bool) and field in _DATE_FIELDS and not _names_a_moment(key):
            # "resolved: true", "published: false": a status flag of a status page or a
            # site generator, not a time; "review_date: true" is still a wrong value
            self.b.resolved = self.b.resolved or (value and field == "incident_end")
            return
        if field in _DATE_FIELDS and isinstance(value, int) and not isinstance(value, bool) \
                and times.parse_date(str(value)) is not None:
            value = str(value)  # "date: 20240102": ISO 8601's basic form of the day
        elif field in _DATE_FIELDS and isinstance(value, bool | int | float):
            self.wrong_type(node, key, "a date (YYYY-MM-DD)", value)
            return
        if isinstance(value, bool) and field not in ("security", "sla_breached"):
            value = "yes" if value else "no"
        if isinstance(value, bool):
            self.b.set_field(field, _bool_prose(self.prose(node, key, value), value))
            return
        self.b.set_field(field, self.prose(node, key, value))

    def read_incident(self, root: CommentedMap, key: Any, value: Any) -> None:
        if not isinstance(value, CommentedMap):
            self.read_field(root, key, value, "id")
            return
        for sub in list(value.keys()):
            name = normalise_key(str(sub))
            field = {"start": "incident_start", "end": "incident_end", "date": "incident_date",
                     "duration": "duration", "id": "id"}.get(name) or field_for_key(str(sub),
                                                                                   self.b.data)
            if field is not None:
                self.read_field(value, sub, value[sub], field)

    def read_impact(self, root: CommentedMap, key: Any, value: Any) -> None:
        impact = self.b.doc.impact
        if isinstance(value, CommentedMap):
            body: list[Prose] = []
            for sub in list(value.keys()):
                field = field_for_key(str(sub), self.b.data)
                if field in ("users_affected", "duration", "revenue", "sla_breached", "data_loss",
                             "cost"):
                    self.read_field(value, sub, value[sub], field)
                    if field not in ("users_affected", "revenue") and value[sub] is not None \
                            and not isinstance(value[sub], CommentedMap | CommentedSeq):
                        impact.text.append(self.prose(value, sub, value[sub]))
                else:
                    body += self.texts(value, sub, value[sub], "impact")
            impact.text += body
        else:
            body = self.texts(root, key, value, "impact")
            impact.text += body
        section = self.add_section("impact", root, key, impact.text)
        impact.span = section.span

    def read_timeline(self, root: CommentedMap, key: Any, value: Any, *, updates: bool = False
                      ) -> None:
        """A timeline: a list of entries with a time and an event. With ``updates``, a
        status page's list of updates ("- status: identified / content: … / date: …"): the
        state is the entry's phase label, and an update without a time is skipped."""
        doc = self.b.doc
        section = self.add_section("timeline", root, key, [])
        doc.timeline.span = section.span
        before = len(doc.timeline.entries)  # a second timeline key adds to the same list
        if not isinstance(value, CommentedSeq):
            self.wrong_type(root, key, "a list of entries", value)
            return
        default_date = self.b.default_date()
        for index, entry in enumerate(value):
            if not self.budget.spend():
                break
            line, column = position_of_value(value, index)
            span = Span.point(line + self.offset + 1, column + 1)
            if isinstance(entry, CommentedMap):
                time_key = next((k for k in entry if normalise_key(str(k)) in
                                 self.b.data.columns.get("time", [])), None)
                event_key = next((k for k in entry if normalise_key(str(k)) in
                                  self.b.data.columns.get("event", [])), None)
                phase_keys = ("phase", "status", "state") if updates else ("phase",)
                phase_key = next((k for k in entry if normalise_key(str(k)) in phase_keys), None)
                if updates and (time_key is None or entry[time_key] is None):
                    continue
                if time_key is None or entry[time_key] is None:
                    self.b.problem("PM003", "timeline entry has no time", span)
                    continue
                if isinstance(entry[time_key], CommentedMap | CommentedSeq):
                    self.wrong_type(entry, time_key, "a time", entry[time_key])
                    continue
                time_prose = self.prose(entry, time_key, entry[time_key])
                event = (self.prose(entry, event_key, entry[event_key], ProseRole.narrative,
                                    "timeline")
                         if event_key is not None and isinstance(entry[event_key], str)
                         else Prose(text="", runs=[]))
                if event.text:
                    doc.prose.append(event)
                phase = entry.get(phase_key) if phase_key is not None else None
                if updates and phase is not None:  # a status page's state: its phase
                    phase = self.b.data.update_states.get(normalise_key(str(phase)), phase)
                added = self.b.add_timeline_entry(
                    time_prose, event, span, phase_text=str(phase) if phase else None,
                    default_date=default_date)
                if not added:
                    self.b.problem("PM003", f'cannot read the time "{time_prose.text[:40]}"',
                                   time_prose.whole)
            elif isinstance(entry, str):
                prose = self.prose(value, index, entry, ProseRole.narrative, "timeline")
                doc.prose.append(prose)
                if not self.b.add_timeline_entry(prose, prose, prose.whole,
                                                 default_date=default_date):
                    self.b.problem("PM003", "timeline entry does not start with a time",
                                   prose.whole)
            else:
                self.wrong_type(value, index, "a mapping with time and event", entry)
        section.span = Span(line=section.span.line, column=1,
                            end_line=max([e.span.line for e in doc.timeline.entries[before:]]
                                         + [section.span.line]), end_column=1)
        doc.timeline.span = section.span

    def read_actions(self, root: CommentedMap, key: Any, value: Any) -> None:
        doc = self.b.doc
        section = self.add_section("action_items", root, key, [])
        doc.action_items_span = section.span
        before = len(doc.action_items)  # a second action-items key adds to the same list
        if not isinstance(value, CommentedSeq):
            self.wrong_type(root, key, "a list of action items", value)
            return
        columns = ("action", "owner", "due", "priority", "status", "type", "ticket")
        for index, entry in enumerate(value):
            if not self.budget.spend():
                break
            line, column = position_of_value(value, index)
            span = Span.point(line + self.offset + 1, column + 1)
            if isinstance(entry, str):
                prose = self.prose(value, index, entry, ProseRole.narrative, "action_items")
                doc.prose.append(prose)
                self.b.add_action_item(prose, prose.whole, {})
                continue
            if not isinstance(entry, CommentedMap):
                self.wrong_type(value, index, "a mapping", entry)
                continue
            cells: dict[str, Prose] = {}
            for sub in list(entry.keys()):
                from postmortem_lint.parsers.values import column_for_header

                name = column_for_header(str(sub), self.b.data, columns)
                item = entry[sub]
                if name is None or item is None:
                    continue
                if isinstance(item, CommentedMap | CommentedSeq):
                    self.wrong_type(entry, sub, "a single value", item)
                    continue
                role = ProseRole.narrative if name == "action" else ProseRole.field
                cells[name] = self.prose(entry, sub, item, role, "action_items")
            description = cells.pop("action", None)
            if description is None:
                self.b.problem("PM003", "action item has no description (action:)", span)
                continue
            doc.prose.append(description)
            self.b.add_action_item(description, description.whole, cells)
        if added := doc.action_items[before:]:
            last = max(item.span.end_line for item in added)
            section.span = Span(line=section.span.line, column=1, end_line=last, end_column=1)
            doc.action_items_span = section.span

    def read_factors(self, root: CommentedMap, key: Any, value: Any) -> None:
        doc = self.b.doc
        section = self.add_section("contributing_factors", root, key, [])
        doc.contributing_span = section.span
        items = value if isinstance(value, CommentedSeq) else None
        if items is None:
            for prose in self.texts(root, key, value, "contributing_factors"):
                self.b.add_factor(prose)
            return
        for index, entry in enumerate(items):
            if isinstance(entry, CommentedMap):
                factor_key = next((k for k in entry if normalise_key(str(k)) in
                                   ("factor", "description", "cause", "text")), None)
                score_key = next((k for k in entry if normalise_key(str(k)) == "score"), None)
                if factor_key is None or not isinstance(entry[factor_key], str):
                    continue
                prose = self.prose(entry, factor_key, entry[factor_key], ProseRole.narrative,
                                   "contributing_factors")
                doc.prose.append(prose)
                score = (self.prose(entry, score_key, entry[score_key])
                         if score_key is not None and entry[score_key] is not None else None)
                self.b.add_factor(prose, score)
            elif isinstance(entry, str):
                prose = self.prose(items, index, entry, ProseRole.narrative,
                                   "contributing_factors")
                doc.prose.append(prose)
                self.b.add_factor(prose)

    def read_whys(self, root: CommentedMap, key: Any, value: Any) -> None:
        section = self.add_section("five_whys", root, key, [])
        self.b.doc.five_whys_span = section.span
        for prose in self.texts(root, key, value, "five_whys"):
            self.b.add_why(prose)

    def read_follow_up(self, root: CommentedMap, key: Any, value: Any) -> None:
        section = self.add_section("follow_up", root, key, [])
        self.b.doc.follow_up.span = section.span
        if isinstance(value, CommentedMap):
            for sub in list(value.keys()):
                name = normalise_key(str(sub))
                field = {"review date": "review_date", "date": "review_date",
                         "owner": "review_owner"}.get(name) or field_for_key(str(sub), self.b.data)
                if field in ("review_date", "review_owner"):
                    self.read_field(value, sub, value[sub], field)
        elif value is not None:
            self.read_field(root, key, value, "review_date")


def _bool_prose(prose: Prose, value: bool) -> Prose:
    text = "yes" if value else "no"
    return Prose(text=text, runs=prose.runs[:1], role=prose.role, section=prose.section)


def _located_text(text: str, span: Span) -> Located[str]:
    return Located(value=text, span=span)


def parse_yaml(source: SourceText, data: RuleData) -> Postmortem:
    lines = source.lines
    builder = DocumentBuilder(source.path, "yaml", len(lines), data)
    builder.doc.suppressions = yaml_suppressions(lines)
    tree = load_yaml(source.text)
    if isinstance(tree, YamlFailure):
        builder.problem("PM002", tree.message, Span.point(tree.line, tree.column))
        return builder.finish()
    if tree is None:
        builder.problem("PM002", "empty YAML document", Span.point(1))
        return builder.finish()
    if not isinstance(tree, CommentedMap):
        builder.problem("PM002", f"a YAML postmortem must be a mapping, not {type_name(tree)}",
                        Span.point(1))
        return builder.finish()
    reader = MappingReader(builder, lines)
    _read_in_order(reader, tree)
    doc = builder.finish()
    if doc.meta.title is None and doc.meta.id is not None:
        doc.meta.title = doc.meta.id
    return doc


def _read_in_order(reader: MappingReader, tree: CommentedMap) -> None:
    """Metadata first, so timeline times can borrow the incident's date."""
    first = [k for k in tree if normalise_key(str(k)) in ("incident", "date", "incident date")]
    reader.budget.spend()
    for key in first:
        reader.read_key(tree, key, tree[key])
    rest = CommentedMap()
    for key in tree:
        if key not in first:
            rest[key] = None
    for key in list(tree.keys()):
        if key in first:
            continue
        if not reader.budget.spend():
            break
        reader.read_key(tree, key, tree[key])
    if reader.budget.exhausted:
        reader.b.problem("PM003", "YAML has too many nodes (aliases?); the rest was not read",
                         Span.point(1))
