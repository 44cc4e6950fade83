"""Markdown postmortems (with or without YAML front matter) into the document model."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from markdown_it.token import Token

from postmortem_lint.model import (
    ActionItem,
    CodeBlock,
    ItemStatus,
    Located,
    Postmortem,
    Prose,
    ProseBuilder,
    ProseRole,
    Section,
    Span,
    join_prose,
    prose_at,
)
from postmortem_lint.parsers import action_items
from postmortem_lint.parsers.builder import EARLIEST_YEAR, LATEST_YEAR, DocumentBuilder
from postmortem_lint.parsers.markdown_blocks import Block, markdown_parser, to_blocks
from postmortem_lint.parsers.markdown_timeline import TimelineReader
from postmortem_lint.parsers.sections import is_exact_heading, other_kinds, section_kind
from postmortem_lint.parsers.suppressions import directives_in, yaml_suppressions
from postmortem_lint.parsers.times import (
    find_date,
    find_dates,
    find_timestamp,
    numeric_day_first,
    zone_is_utc,
)
from postmortem_lint.parsers.toml_front_matter import (
    blank_front_matter,
    read_toml_front_matter,
    toml_front_matter,
)
from postmortem_lint.parsers.values import (
    column_for_header,
    field_for_key,
    find_ticket,
    normalise_key,
    parse_status,
)
from postmortem_lint.phrases import find_phrases
from postmortem_lint.ruledata import RuleData
from postmortem_lint.sources.reading import SourceText

_KEY_VALUE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9 /()&'’.\-]{0,48}?)"
                        r"\s*[:：]\s*(?P<value>.*)$")
_WHY_LINE = re.compile(r"^\s*(?:why\s*#?\d|\d[.)]\s*why\b|why\?)", re.IGNORECASE)
_LIST_START = re.compile(r"\s{0,3}(?:[-*+]|\d{1,3}[.)])\s")
_STRUCTURED = {"timeline", "action_items", "five_whys", "contributing_factors"}
# The info string of a code block that may hold a pasted table (not a program's source).
_TABLE_INFOS = frozenset(("text", "txt", "plain", "plaintext", "markdown", "md", "table"))
# A bold label alone on its line: "**Impact**:", "**Review actions:**", "__Trigger__".
_BOLD_LABEL = re.compile(r"^\s{0,3}(?:[-*+]\s+)?(?:\*\*|__)[^*_\n]{2,60}?:?(?:\*\*|__)\s*:?\s*$")
# A lead-in that names the list under it as evidence rather than causes ("This conclusion
# is supported by the following observations:", "Evidence:", "What we saw:").
_EVIDENCE_LEAD = re.compile(
    r"\b(?:evidence|observations?|observed|we saw|we see|signals?|symptoms?|indicators?|"
    r"supported by|supports? (?:this|that|it)|we conclude[sd]?|concluded|based on)\b",
    re.IGNORECASE)
# A lead-in that names the items as the conditions that let the failure happen ("Three
# conditions lined up to make the breach possible:", "These gaps allowed it:"): the
# contributing factors, kept apart from the cause stated before them.
_ENABLING_LEAD = re.compile(
    r"\b(?:conditions|factors|gaps|weaknesses|circumstances)\b[^:]{0,60}?\b(?:aligned|lined "
    r"up|made (?:this|it|the \w+(?: \w+)?) possible|allowed|enabled|let)\b", re.IGNORECASE)
# A paragraph after a list that reads the items as evidence for one cause ("These
# observations point to one cause: …", "Together these signals show …").
_EVIDENCE_AFTER = re.compile(
    r"\b(?:these|those|the above|all of these|all these)(?: \w+)? (?:observations|signals|"
    r"symptoms|facts|data points|indicators|clues|measurements)\b|"
    r"\bpoints? to (?:a |one |the |an )?(?:single )?(?:cause|explanation)\b", re.IGNORECASE)
# Words that make a sentence ending in ":" the lead-in of a list of lessons.
_LESSON_WORDS = frozenset(("lessons", "lesson", "learnings", "takeaways"))
_LABEL_LEVEL = Section.LABEL_LEVEL  # below every Markdown heading level
# Sections whose dates are deadlines and reviews to come, not the incident's day.
_LOOKING_AHEAD = frozenset(("action_items", "follow_up", "lessons"))
_ACTION_COLUMNS = ("action", "owner", "due", "priority", "status", "type", "ticket")
# Header words of a column that says something about each item, not what the item is.
_ITEM_NOTES = frozenset(("triggered", "trigger", "reason", "rationale", "why", "context",
                         "source", "origin", "cause", "notes", "note", "comment", "comments",
                         "outcome", "result", "results", "resolution", "background", "raised",
                         "found", "lesson", "lessons", "impact", "effort", "cost"))
# Metadata written as a heading with its value below ("## Authors" then a list of names).
_FIELD_HEADINGS = {"id", "authors", "owner", "severity", "status", "audience", "incident_date",
                   "date_written", "review_date", "review_owner", "incident_class",
                   "security_review"}


class _Reader:
    def __init__(self, source: SourceText, data: RuleData):
        self.lines = source.lines
        self.data = data
        self.b = DocumentBuilder(source.path, "markdown", len(self.lines), data)
        self.doc = self.b.doc
        self.sections: list[tuple[Section, str | None]] = []  # (section, effective kind)
        # Per section (by id): how far its opening list has been read ("open", "lead",
        # "list", "closed"); see opening_list.
        self.list_state: dict[int, str] = {}
        self.action_level = 0  # list depth of the last action item read; -1: none open
        self.b.dayfirst = numeric_day_first(source.text)
        self.timeline = TimelineReader(self.b, self.code_time)
        self.field_heading: str | None = None  # the field a heading such as "## Authors" names
        # what the headings above the current line in an action section say of their items
        self.action_headings: list[_Group] = []
        # other parties the action section names reaching the authors or promising them
        # something ("Acme has assured us …"): what they will do is not an item
        self.action_parties: set[str] = set()
        # ids of headings in an action section that are items themselves (see _heading_items)
        self.heading_items: set[int] = set()
        # what the sentence introducing the current list says of it ("already completed:",
        # "one of:"), and the label item grouping the items nested under it ("- Long term:")
        self.list_lead: str | None = None
        self.label_group: _Group | None = None
        self.group = 0  # which group (heading) of the action items the reader is in
        self.item_groups: dict[int, int] = {}  # id of an item -> its group
        self.group_tickets: dict[int, Located[str]] = {}  # a tracker speaking for a group
        # the paragraph above the current list commits to it ("we will follow these rules:")
        self.committed_list = False
        # the paragraph above the current list names it as changes ("The actions taken were:")
        self.changes_list = False
        self.checklist_notes: set[int] = set()  # ids of bullets without a box in a checklist
        self.shipped: list[Prose] = []  # sentences that report a fix as landed (read_shipped)
        self.changes_made = False  # the changes list below is introduced as made
        self.made_changes: set[int] = set()  # ids of items of such a list

    # -- pass 1: sections --------------------------------------------------------
    def assign_sections(self, blocks: list[Block]) -> list[str | None]:
        """The effective section kind of every block (inherited from enclosing headings)."""
        stack: list[tuple[int, str | None, Section]] = []
        kinds: list[str | None] = []
        timeline_heading = any(
            block.kind == "heading" and block.prose is not None
            and section_kind(block.prose.text, self.data) == "timeline" for block in blocks)
        for index, block in enumerate(blocks):
            label = self.label_heading(block)
            lead = self.lessons_lead_in(blocks, index) if label is None else None
            if lead is not None:
                label = lead
            if label is not None:
                # "**Impact**:" or "**Review actions:**" alone on its line: a heading below
                # every real one, closed by the next heading or label.
                while stack and stack[-1][0] >= _LABEL_LEVEL:
                    stack.pop()
                label_kind = "lessons" if lead is not None else section_kind(label.text,
                                                                              self.data)
                section = Section(title=Located(value=label.text.strip(), span=label.whole),
                                  level=_LABEL_LEVEL, kind=label_kind,
                                  span=Span.lines(block.first_line, block.last_line))
                self.doc.sections.append(section)
                self.sections.append((section, section.kind))
                stack.append((_LABEL_LEVEL, section.kind, section))
                for _, _, open_section in stack:
                    open_section.span = Span.lines(open_section.span.line,
                                                   max(open_section.span.end_line,
                                                       block.last_line))
                assert block.prose is not None
                section.body.append(block.prose)
                kinds.append(section.kind)
                continue
            if block.kind == "heading" and block.prose is not None:
                while stack and stack[-1][0] >= block.level:
                    stack.pop()
                own = section_kind(block.prose.text, self.data)
                if block.level == 1 and not self.sections and own is not None \
                        and not is_exact_heading(block.prose.text, self.data):
                    own = None  # the document title: "Incident review: API returned 429"
                title = block.level == 1 and not self.sections  # the document's title
                inherited = next((k for _, k, _ in reversed(stack) if k), None)
                if own is None and inherited is not None and \
                        self.sibling_kinds(block.level) - {None, inherited}:
                    # "# Timeline" over "## Root cause", "## What went well", then "##
                    # Opportunities": its headings are the document's sections, not parts
                    # of the timeline
                    inherited = None
                if self.sections and self.sections[-1][1] == "timeline" \
                        and self.timeline.is_time_heading(block.prose.text, own is None):
                    # "## May 12" below "## Timeline" is its next day; "### 4:09 PM:
                    # Follow-up" is a time of it, whatever its words
                    own, inherited = None, "timeline"
                if own is None and inherited is None:
                    own = self.kind_by_content(blocks, index + 1)
                if (own not in _STRUCTURED or own == "action_items") \
                        and inherited not in _STRUCTURED - {"action_items"} \
                        and not timeline_heading and \
                        self.timed_content(blocks, index, own is None and inherited is None):
                    # "## Response timeline", "## Status updates" over timed lines, or a
                    # log of updates whose headings are their times ("### 11:28 UTC"); "##
                    # What actions have we taken so far?" over "- 11:48: Disabled …" is the
                    # response told in time order, not a list of work to do
                    own = "timeline"
                elif own != "action_items" and (
                        own in ("prevention", "follow_up") or "action_items" in
                        other_kinds(block.prose.text, own, self.data)) and \
                        self.kind_by_content(blocks, index + 1, most=True) == "action_items":
                    # "## Prevention" or "## Remediation (action items)" over "- Add …"
                    # items, or "## Follow-up issues" over a table of tickets: the actions
                    own = "action_items"
                effective = own or inherited
                if block.level == 1 and own is None and self.doc.meta.title is None:
                    self.doc.meta.title = Located(value=block.prose.text.strip(),
                                                  span=block.prose.whole)
                section = Section(title=Located(value=block.prose.text.strip(),
                                                span=block.prose.whole),
                                  level=block.level, kind=own,
                                  span=Span.lines(block.first_line, block.first_line),
                                  also=[] if title else other_kinds(block.prose.text,
                                                                    own, self.data))
                self.doc.sections.append(section)
                self.sections.append((section, effective))
                stack.append((block.level, effective, section))
                block.prose.section = effective
                kinds.append(effective)
                continue
            kinds.append(stack[-1][1] if stack else None)
            if stack:
                section = stack[-1][2]
                for _, _, open_section in stack:
                    open_section.span = Span.lines(open_section.span.line,
                                                   max(open_section.span.end_line,
                                                       block.last_line))
                if block.prose is not None:
                    section.body.append(block.prose)
                if block.kind == "item" and block.level == 1:
                    section.list_items += 1
                self.opening_list(section, block)
        return kinds

    def own_span(self, section: Section, kind: str) -> Span:
        """A section's span up to the first heading inside it that holds another kind ("#
        Timeline" over "## Root cause"): what is its own."""
        span = section.span
        for other, effective in self.sections:
            if other is not section and span.line < other.span.line <= span.end_line \
                    and other.level < _LABEL_LEVEL and effective != kind:
                return Span.lines(span.line, max(span.line, other.span.line - 1))
        return span

    def sibling_kinds(self, level: int) -> set[str | None]:
        """The kinds the headings of ``level`` name of their own since their parent."""
        kinds: set[str | None] = set()
        for section, _ in reversed(self.sections):
            if section.level < level:
                break
            if section.level == level:
                kinds.add(section.kind)
        return kinds

    def opening_list(self, section: Section, block: Block) -> None:
        """Count the items of the list a section opens with: after at most one lead-in
        paragraph ending in a colon ("The outage had three causes:"), up to the first
        other block. A list after paragraphs of narrative details them instead; a list of
        evidence, or of the conditions that made the failure possible, is not a list of
        causes."""
        state = self.list_state.get(id(section), "open")
        if state == "closed" or block.kind == "item" and block.level > 1 \
                or block.kind == "paragraph" and block.level > 0 and state == "list":
            return  # a nested item, or a paragraph continuing an item
        if block.kind == "item":
            section.leading_list_items += 1
            state = "list"
        elif block.kind == "paragraph" and state == "open" and block.prose is not None \
                and block.prose.text.rstrip().endswith(":"):
            # "Supported by these observations:", "Evidence:": a list of what was seen
            state = "closed" if _EVIDENCE_LEAD.search(block.prose.text) \
                or _ENABLING_LEAD.search(block.prose.text) else "lead"
        else:
            if state == "list" and block.kind == "paragraph" and block.prose is not None \
                    and _EVIDENCE_AFTER.search(block.prose.text):
                section.leading_list_items = 0  # "These observations point to one cause: …"
            state = "closed"
        self.list_state[id(section)] = state

    def kind_by_content(self, blocks: list[Block], start: int,
                        most: bool = False) -> str | None:
        """The kind of a section whose heading names none, from what it holds: a table
        with a time column is a timeline (unless the document's timeline came before it);
        a list whose items all open with an action verb
        ("Add an alert on …", "Document the failover") is a list of action items (with
        ``most``, for a heading that already names prevention: most of them do)."""
        items: list[Block] = []
        for block in self.section_body(blocks, start):
            if block.kind == "table":
                if not items and _time_column(block.header, self.data) is not None and \
                        not any(kind == "timeline" for _, kind in self.sections):
                    # (after the timeline, a table of times is a record of its own: the
                    # upgrades' transactions under "## Deployment")
                    return "timeline"
                if most and not items and self.tracked_table(block):
                    return "action_items"  # "Issue | Outcome" rows of "#41 — …" under it
                return None
            if block.kind == "item" and block.level == 1 and block.prose is not None:
                items.append(block)
        verbs = set(self.data.action_verbs)
        # with ``most``, a checklist line counts too, unless it names a state ("[x]
        # Monitoring added for …", "[ ] Training needed?")
        opening = [item for item in items if item.prose is not None
                   and _first_word(item.prose.text) in verbs] if not most \
            else [item for item in items if item.prose is not None
                  and _STATE_LABEL.match(item.prose.text) is None
                  and (item.checkbox is not None
                       or action_items.starts_with_verb(item.prose.text, self.data))]
        if len(items) >= 2 and (len(opening) == len(items) or most and
                                len(opening) * 2 > len(items)):
            return "action_items"
        return None

    def section_body(self, blocks: list[Block], start: int) -> Iterator[Block]:
        """The blocks from ``start`` up to the next heading or section label."""
        for block in blocks[start:]:
            if block.kind == "heading" or self.label_heading(block) is not None:
                return
            yield block

    def tracked_table(self, block: Block) -> bool:
        """Whether a table lists tracked work: a ticket column ("Issue", "Link") whose
        cells mostly hold a ticket or link, in two rows or more."""
        column = _column(block.header, self.data, ("ticket",))
        if column is None or len(block.rows) < 2:
            return False
        tracked = sum(1 for _, row in block.rows
                      if column < len(row) and find_ticket(row[column].text) is not None)
        return tracked * 3 >= len(block.rows) * 2

    def timed_content(self, blocks: list[Block], index: int, untitled: bool) -> bool:
        """Whether a section is a timeline by what it holds, whatever its heading says: a
        list whose items open with a time ("- 09:31 UTC: …"), at least two and two thirds
        of its items; or, for a heading of no known kind, the heading is a time and
        another heading of the same level is one too (a log of status updates)."""
        heading = blocks[index]
        if untitled and heading.prose is not None \
                and self.timeline.is_time_heading(heading.prose.text, dates=False):
            return any(other is not heading and other.kind == "heading"
                       and other.level == heading.level and other.prose is not None
                       and self.timeline.is_time_heading(other.prose.text, dates=False)
                       for other in blocks)
        items = [block.prose for block in self.section_body(blocks, index + 1)
                 if block.kind == "item" and block.level == 1 and block.prose is not None]
        timed = sum(1 for item in items if self.timeline.starts_with_time(item.lines()[0]))
        return timed >= 2 and timed * 3 >= len(items) * 2 or self.timed_log(blocks, index)

    def timed_log(self, blocks: list[Block], index: int) -> bool:
        """Whether a section is a log of paragraphs each labelled by its time ("1727:
        noticed …", "14:02 UTC - paged …"), maybe under headings that are its days ("###
        Thur 3 Nov"): at least three, and two thirds of its paragraphs. A paragraph that
        only mentions a time ("At 14:02 we …") tells a story, not a log."""
        level = blocks[index].level
        paragraphs: list[Prose] = []
        for block in blocks[index + 1:]:
            if block.kind == "heading":
                if block.level <= level or block.prose is None or \
                        not self.timeline.is_time_heading(block.prose.text):
                    break
                continue
            if self.label_heading(block) is not None:
                break
            if block.kind == "paragraph" and block.level == 0 and block.prose is not None:
                paragraphs.append(block.prose)
        timed = sum(1 for prose in paragraphs if self.timeline.labelled_by_time(prose))
        return timed >= 3 and timed * 3 >= len(paragraphs) * 2

    def lessons_lead_in(self, blocks: list[Block], index: int) -> Prose | None:
        """A short sentence that introduces a list as the lessons ("The lessons we take from
        this are as follows:"): the list below it is a lessons section, whatever the heading
        above says."""
        block = blocks[index]
        if block.kind != "paragraph" or block.prose is None or block.quoted or block.level \
                or index + 1 >= len(blocks) or blocks[index + 1].kind != "item":
            return None
        text = block.prose.text.strip()
        if not text.endswith(":") or len(text.split()) > 20:
            return None
        words = normalise_key(text).split()
        return block.prose if any(word in _LESSON_WORDS for word in words) else None

    def label_heading(self, block: Block) -> Prose | None:
        """The label of a paragraph that opens with a bold section label alone on its line
        ("**Impact**:", "**Actions planned:**"), when the label names a section kind."""
        if block.prose is None or block.quoted:
            return None
        if not (block.kind == "paragraph" and not block.level
                or block.kind == "item" and block.level == 1):
            return None  # "- **Follow-up actions:**" opens a section as its own line does
        source = self.lines[block.first_line - 1] if block.first_line <= len(self.lines) else ""
        if _BOLD_LABEL.match(source) is None and not self.plain_label(block):
            return None
        first = block.prose.lines()[0]
        label = first.text.strip().rstrip(":：").strip()
        if not label or section_kind(label, self.data) is None \
                or not is_exact_heading(label, self.data):
            return None
        return first.slice(0, len(first.text.rstrip().rstrip(":：").rstrip()))

    def plain_label(self, block: Block) -> bool:
        """Whether a paragraph is a section's name alone on its line, right above a list
        ("Action Items" over "- Set up alerting …"): a heading written as plain text."""
        if block.kind != "paragraph" or block.first_line != block.last_line:
            return False
        own = self.lines[block.first_line - 1].lstrip()
        after = self.lines[block.last_line] if block.last_line < len(self.lines) else ""
        # (words only: "==What went right==" is another markup's heading, read as such or not)
        return own[:1].isalpha() and _LIST_START.match(after) is not None

    # -- pass 2: content ---------------------------------------------------------------
    def read(self, blocks: list[Block]) -> Postmortem:
        for block in blocks:
            if block.kind == "front_matter":
                self.read_front_matter(block)
        kinds = self.assign_sections(blocks)
        self.heading_items = _heading_items(blocks, kinds)
        self.checklist_notes = _checklist_notes(blocks)
        self.date_from_opening(blocks)
        for block, kind in zip(blocks, kinds, strict=True):
            if block.prose is not None:
                block.prose.section = kind
            if block.kind == "heading":
                self.field_heading = self.heading_field(block, kind)
                if self.field_heading is None:
                    self.heading_key_value(block, kind)
                self.list_lead, self.label_group = None, None
                self.committed_list = self.changes_list = False
                self.action_level = -1  # a heading closes the item above it
                if kind == "action_items" and block.prose is not None:
                    self.action_heading(block)
                else:
                    self.action_headings, self.action_parties = [], set()
                if kind == "timeline" and block.prose is not None:
                    self.timeline.heading(block.prose, block.first_line)
                self.doc.prose.append(block.prose) if block.prose else None
                continue
            if block.kind == "html":
                self.read_comment(block)
                continue
            if block.kind == "code":
                self.doc.code_blocks.append(CodeBlock(
                    span=Span.lines(block.first_line, max(block.first_line, block.last_line)),
                    info=block.info))
                self.doc.code.append(self.code_prose(block))
                if kind == "timeline":
                    self.timeline.code(block, self.code_rows(block, kind))
                elif kind == "action_items":
                    self.read_code_rows(block, kind)
                continue
            if block.kind == "table":
                self.read_table(block, kind)
                continue
            if block.prose is None:
                continue
            if not block.quoted:
                self.doc.prose.append(block.prose)
            else:
                block.prose.role = ProseRole.field  # quotations are not the authors' narrative
                self.doc.prose.append(block.prose)
            self.read_text_block(block, kind)
        self.finish_sections()
        self.date_from_narrative()
        return self.b.finish()

    def date_from_opening(self, blocks: list[Block]) -> None:
        """The incident's day as the title or the first paragraph states it ("… Outage -
        September 29, 2025", "On Wednesday 4 December 2019, …")."""
        self.b.date_from_title()
        self.b.date_from_file_name()  # until a better source: the year of "Feb 7 15:06"
        for block in blocks:
            if block.kind == "heading" and block.level > 1:
                return  # the opening ends at the first section
            if block.kind != "paragraph" or block.quoted or block.prose is None \
                    or len(block.prose.text.split()) < 5:
                continue
            self.b.date_from_text(block.prose, "first-paragraph")
            return

    def date_from_narrative(self) -> None:
        """The date the narrative gives most often (the later one on a tie), for a document
        that gives no date in any better place ("## Background" first, the day told in its
        third paragraph; a flaw "introduced on Jun 4th, 2015" and fixed on the day of the
        report). Not from the parts that look ahead (actions, follow-up), whose dates are
        deadlines, and not from numbers no postmortem dates itself by (a year before 1990)."""
        meta = self.doc.meta
        if meta.incident_date is not None or meta.date_written is not None \
                or meta.date_published is not None:
            return
        told: dict[dt.date, list[Located[dt.date]]] = {}
        for prose in self.doc.prose:
            if prose.role is not ProseRole.narrative or prose.section in _LOOKING_AHEAD:
                continue
            for day, start, end in find_dates(prose.text, dayfirst=self.b.dayfirst):
                if EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                    told.setdefault(day, []).append(Located(value=day,
                                                            span=prose.span(start, end)))
        if told:
            day = max(told, key=lambda d: (len(told[d]), d))
            self.b.date_incident(told[day][0], "narrative")

    def read_front_matter(self, block: Block) -> None:
        # the YAML reader (ruamel.yaml) is imported only for a document with front matter
        from postmortem_lint.parsers.yaml_doc import MappingReader
        from postmortem_lint.parsers.yaml_tree import YamlFailure, load_yaml, type_name

        tree = load_yaml(block.text)
        self.doc.suppressions += yaml_suppressions(self.lines[: block.last_line])
        if isinstance(tree, YamlFailure):
            self.b.problem("PM002", f"front matter: {tree.message}",
                           Span.point(tree.line + block.first_line, tree.column))
            return
        if tree is None:
            return
        from ruamel.yaml.comments import CommentedMap

        if not isinstance(tree, CommentedMap):
            self.b.problem("PM002", f"front matter must be a mapping, not {type_name(tree)}",
                           Span.point(block.first_line))
            return
        reader = MappingReader(self.b, self.lines, line_offset=block.first_line,
                               front_matter=True)
        reader.read(tree)
        self.b.post_date_is_publication()

    def code_prose(self, block: Block) -> Prose:
        """A code block's text, mapped to its lines (for rules that look at what is published)."""
        builder = ProseBuilder(role=ProseRole.field)
        for number, text in enumerate(block.text.split("\n")):
            line = block.first_line + number
            source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            if number:
                builder.add_unmapped("\n")
            builder.add(text, line, max(source.find(text), 0) + 1 if text else 1)
        return builder.build()

    def read_code_spans(self, tokens: list[Token]) -> None:
        """Inline code spans, kept apart from the prose they were cut out of."""
        for token in tokens:
            if token.type != "inline" or not token.map or not token.children:
                continue
            line, last = token.map[0], min(token.map[1], len(self.lines))
            cursor = 0  # spans come in reading order: search on from the previous one
            for child in token.children:
                if child.type != "code_inline" or not child.content.strip():
                    continue
                for index in range(line, min(last, line + 50)):  # bounded: linear time
                    column = self.lines[index].find(child.content, cursor if index == line
                                                    else 0)
                    if column >= 0:
                        line, cursor = index, column + len(child.content)
                        self.doc.code.append(prose_at(child.content, index + 1, column + 1))
                        break

    def read_comment(self, block: Block) -> None:
        if "postmortem-lint" not in block.text:
            return
        for number, text in enumerate(block.text.split("\n")):
            line = block.first_line + number
            source = self.lines[line - 1] if line - 1 < len(self.lines) else ""
            column = max(source.find("postmortem-lint") - 5, 0) + 1 if block.info else 1
            found = directives_in(text, line, column)
            self.doc.suppressions += found

    # -- text blocks ---------------------------------------------------------------------
    def read_text_block(self, block: Block, kind: str | None) -> None:
        prose = block.prose
        assert prose is not None
        span = Span.lines(block.first_line, block.last_line)
        if kind not in ("action_items", "timeline") and not block.quoted:
            self.read_stated_changes(block, prose)
        if kind == "action_items" and block.level > 0 and self.read_action_block(block, prose):
            return
        if block.kind == "paragraph" and not block.quoted:
            self.read_declined(prose)
        if kind == "action_items" and block.kind == "paragraph" and not block.quoted:
            self.read_action_paragraph(prose)
        before = len(self.doc.action_items)
        if kind in _MAY_STATE_ACTIONS and block.kind == "item" and block.level == 1 and \
                not block.quoted:
            self.read_stated_action(prose, kind)
        if kind not in ("action_items", "timeline") and not block.quoted:
            self.read_shipped(prose, added=len(self.doc.action_items) > before)
        if kind in _MAY_STATE_ACTIONS and block.kind == "paragraph" and not block.quoted \
                and not block.level:
            self.read_stated_paragraph(prose, forward_only=kind not in _MAY_COMMIT)
        if kind == "follow_up" and block.kind == "paragraph" and not block.quoted \
                and not block.level:
            self.read_follow_up_paragraph(prose)
        if kind == "timeline":
            self.timeline.text(block, prose)
            return
        if block.kind == "paragraph" and not block.quoted:
            self.timeline.declare_zone(prose)  # "All times PDT." stated once above the timeline
        if kind == "five_whys":
            for line in prose.lines():
                self.b.add_why(line.strip())
            return
        if kind is None and self.field_heading is not None:
            for line in prose.lines():
                value = line.strip()
                if value.text and len(value.text) <= 120:
                    value.role = ProseRole.field
                    self.b.set_field(self.field_heading, value)
            return
        if kind == "contributing_factors" and block.kind == "item":
            self.b.add_factor(prose)
            return
        for line in prose.lines():
            if _WHY_LINE.match(line.text):
                self.b.add_why(line.strip())
                continue
            if not self.key_value(line, kind, block):
                self.route(kind, line, span)

    def read_action_block(self, block: Block, prose: Prose) -> bool:
        """A list item (or a paragraph inside one) in an action-items section: an action, a
        detail of the action above it ("  - Owner: Ana · Due: 2026-02-04", a note, a link),
        or a reference to where the actions are tracked."""
        items = self.doc.action_items
        last = items[-1] if items else None
        nested = last is not None and self.action_level >= 0 and (
            block.level > self.action_level or block.kind == "paragraph" and
            block.level == self.action_level)
        if nested and self.b.add_action_details(prose):
            return True
        if block.kind != "item":
            if nested:
                self.b.add_action_detail(prose)  # a continuation paragraph of the item
            return nested
        if id(block) in self.checklist_notes and not nested \
                and action_items.status_mark(prose, self.data) is None \
                and not action_items.starts_with_verb(prose.text, self.data) \
                and not action_items.states_intent(prose.text, self.data):
            self.action_level = -1  # a note among checklist items ("- **Production:** …")
            return True
        if action_items.is_bare_link(prose, self.data) or \
                action_items.is_reference(prose.text):
            if nested:
                self.b.add_action_detail(prose)
            else:
                self.b.add_action_reference(prose)
            return True
        if not action_items.long_enough(prose.text, self.data):
            if action_items.is_group_label(prose.text):  # "- Long term:" groups what follows
                self.label_group = self.label_of(block.level, prose)
                self.action_level = -1
            return True  # "- sequence", "- `screen -r` to stop": too few words for an action
        if self.list_lead == "options":
            self.b.add_action_detail(prose)  # "… by doing one of:": options of one item
            return True
        if self.list_lead == "legend":
            return True  # "Types:" then "- Prevent - …": what the terms mean, not items
        if self.label_group is not None and block.level <= self.label_group.level:
            self.label_group = None
        if nested and last is not None and block.level > self.action_level:
            if _groups_items(last):
                items.pop()  # "- Immediate actions:" groups the actions nested below it
                self.label_group = self.label_of(self.action_level, last.description)
            elif not self.own_item(block, prose, last):
                self.b.add_action_detail(prose)
                return True
        self.add_item(prose, block.checkbox)
        self.action_level = block.level
        return True

    def label_of(self, level: int, label: Prose) -> _Group:
        """What a label over action items ("- Long term (done):") says of those below it."""
        return _Group(level, action_items.status_from_heading(label.text, self.data), None,
                      self.b.heading_ticket(label), action_items.horizon(label, self.data))

    def add_item(self, prose: Prose, checkbox: str | None = None,
                 status: ItemStatus | None = None, owner: Located[str] | None = None,
                 in_prose: bool = False) -> None:
        """An item of the action list, with what its headings, its group label and the
        sentence introducing its list say of it (``status`` and ``owner``: its own)."""
        groups = [*self.action_headings, *([self.label_group] if self.label_group else [])]
        lead = ItemStatus.done if self.list_lead == "done" else None
        self.b.add_action_item(
            prose, prose.whole, {}, checkbox,
            status=status or lead or next((g.status for g in reversed(groups) if g.status),
                                          None),
            owner=owner or next((g.owner for g in reversed(groups) if g.owner), None),
            ticket=next((g.ticket for g in reversed(groups) if g.ticket), None),
            horizon=next((g.horizon for g in reversed(groups) if g.horizon), None),
            in_prose=in_prose)
        self.item_groups[id(self.doc.action_items[-1])] = self.group

    def own_item(self, block: Block, prose: Prose, parent: ActionItem) -> bool:
        """Whether a bullet nested under an item is an item of its own ("Turn the job back
        on") rather than a detail of its parent ("22.1.0 will contain the patches")."""
        if parent.description.text.rstrip().endswith(":"):
            return False  # "Ensure alerting is in place for:" lists what the item covers
        text = prose.text
        return block.checkbox is not None or action_items.starts_with_verb(text, self.data) \
            or action_items.states_intent(text, self.data)

    def read_declined(self, prose: Prose) -> None:
        """"No further actions are needed": the authors' decision that no item is due."""
        found = action_items.declines_actions(prose)
        if found is not None and self.doc.actions_declined is None:
            self.doc.actions_declined = Located(value=prose.text[found[0]:found[1]],
                                                span=prose.span(*found))

    def read_action_paragraph(self, prose: Prose) -> None:
        """Prose under an action heading: each sentence that commits to an action is an item
        (what follows it, "(added in March)", "filed as #12", belongs to it); a tracker link
        outside the items covers them all."""
        sentences = action_items.item_sentences(prose, self.data, self.action_parties)
        self.list_lead, self.label_group = action_items.list_lead(prose.text), None
        leads = self.list_lead != "options" and prose.text.rstrip(" *_").endswith(":")
        if leads:
            # "Two changes are coming that will make this less frequent:", "We will take
            # the following actions. Those are:": the items are the list below, not the
            # sentence that announces them
            sentences = [(sentence, tail) for sentence, tail in sentences
                         if not action_items.announces_items(sentence.text)]
        for sentence, tail in sentences:
            done = ItemStatus.done if action_items.reports_done(sentence.text) else None
            self.add_item(sentence, status=done, in_prose=True)
            if tail is not None:
                self.b.add_action_detail(tail)
        if self.list_lead == "options" and not sentences:
            # "… by doing one of:": the choice among the options below is the one item
            self.add_item(action_items.last_sentence(prose), in_prose=True)
        if not sentences:
            self.b.add_action_reference(prose)
        elif action_items.speaks_of_group(prose.text):
            ticket = self.b.heading_ticket(prose)  # "Add these to the docs, see #12"
            if ticket is not None:
                self.group_tickets.setdefault(self.group, ticket)
        self.action_level = -1 if leads and not sentences else 0

    def read_follow_up_paragraph(self, prose: Prose) -> None:
        """A paragraph under "Follow-up" that commits to a change ("The alert should page
        the whole team") or reports one made: the follow-up work, read as action items when
        the document has no list of them."""
        for sentence, tail in action_items.item_sentences(prose, self.data):
            text = sentence.text
            if not (action_items.states_intent(text, self.data) or action_items.commits(text)
                    or action_items.reports_done(text)):
                continue  # "Review the actions on 2026-04-01": the review itself
            done = ItemStatus.done if action_items.reports_done(text) else None
            self.b.add_action_item(sentence, sentence.whole, {}, status=done, in_prose=True)
            if tail is not None:
                self.b.add_action_detail(tail)

    def read_stated_changes(self, block: Block, prose: Prose) -> None:
        """Narrative outside the action items that reports a lasting change made or planned
        ("As a result, we have pinned the base image"), and the items of a list that a
        sentence names as such changes ("The changes we made since:"): what the document says it
        does about the incident, though it keeps no action list."""
        if block.kind == "item" and block.level == 1 and self.changes_list:
            self.doc.changes_stated.append(prose)
            if self.changes_made:
                self.made_changes.add(id(prose))  # "We put these measures in place:"
            return
        if block.kind == "paragraph" and not block.level:
            self.changes_list = action_items.names_changes(prose.text)
            self.changes_made = action_items.names_changes_made(prose.text)
        self.doc.changes_stated += action_items.stated_changes(prose, self.data)

    def read_shipped(self, prose: Prose, added: bool) -> None:
        """Narrative outside the action items that reports a fix as landed where it says
        ("This bug was patched in PR #7821"): a follow-up action, done. A sentence that says
        the changes above shipped in a release ("These changes are available since 1.2")
        closes the items read above it. The fixes are kept as items at the end (see
        ``add_shipped``)."""
        if not added:
            self.shipped += action_items.fixes_shipped(prose)
        shipped = action_items.shipped_above(prose)
        if shipped is not None:
            self.b.shipped_above(*shipped)

    def add_shipped(self) -> None:
        """The fixes reported as landed, as done action items: when the document reports
        two or more, or has other items. One fix alone is the incident's resolution, not
        follow-up work ("The bug was fixed in PR #12" and nothing more). A document without
        items whose narrative reports every change it tells of as made ("We've added alerts
        for …") has those changes as its items, all done."""
        doc = self.doc
        ongoing = any(action_items.work_ongoing(prose.text) for prose in doc.prose
                      if prose.role == ProseRole.narrative and prose.section != "timeline")
        if not doc.action_items and doc.changes_stated and not ongoing and all(
                id(change) in self.made_changes or action_items.change_made(change.text,
                                                                             self.data)
                for change in doc.changes_stated):
            for change in doc.changes_stated:
                self.b.add_action_item(change, change.whole, {}, status=ItemStatus.done,
                                       in_prose=True)
        if len(self.shipped) < 2 and not doc.action_items:
            return
        for sentence in self.shipped:
            self.b.add_action_item(sentence, sentence.whole, {}, status=ItemStatus.done,
                                   in_prose=True)

    def read_stated_paragraph(self, prose: Prose, forward_only: bool = False) -> None:
        """A paragraph of lessons or prevention: each sentence in which the authors commit
        to a change ("Going forward, we'll keep a checklist of …", "We are building tests
        for …") is an action of a document without an action list; a sentence that commits
        them to the list below it ("… we will follow these rules:", "Here are some
        actions:") makes its items actions. Elsewhere in the narrative (``forward_only``)
        only a commitment for the time to come counts ("In the future we intend to …"), and
        only a list named as the plans ("The future plans are to:")."""
        self.committed_list = action_items.names_plans(prose.text) or (
            not forward_only and action_items.commits_to_list(prose.text))
        commits = action_items.commits_forward if forward_only else \
            action_items.commits_in_sentence
        for sentence, _tail in action_items.item_sentences(prose, self.data):
            if commits(sentence.text, self.data):
                self.b.add_action_item(sentence, sentence.whole, {}, in_prose=True)

    def read_stated_action(self, prose: Prose, kind: str | None) -> None:
        """A bullet outside the action items that commits to an action ("We will add
        monitoring for replica lag", "We need to document the deploy process") or reports one
        taken ("We have rotated every token"): the action items of a document that has no
        action-items section; dropped when the document lists its actions there. A step of
        a procedure ("we must stop both services"), or a step of the fix reported in the
        resolution ("We have restarted the node"), is neither."""
        text = prose.text
        taken = kind not in _FIX_STEPS and (
            _ACTION_TAKEN.match(text) is not None
            or action_items.prevents_recurrence(prose, self.data))
        promised = action_items.states_intent(text, self.data) and \
            _PROCEDURE_STEP.match(text) is None and not action_items.defers(text, self.data)
        listed = self.committed_list and \
            action_items.long_enough(text, self.data)
        if not (taken or promised or listed):
            return
        # no field list: asked for owner and date
        self.b.add_action_item(prose, prose.whole, {},
                               status=ItemStatus.done if taken else None, in_prose=True)

    def action_heading(self, block: Block) -> bool:
        """A heading inside the action-items section: it may say the status or the owner of
        the items below it ("Completed", "Platform (@platform)"), or be an item itself
        ("### TODO: Rotate the signing key")."""
        assert block.prose is not None
        text = block.prose.text
        while self.action_headings and self.action_headings[-1][0] >= block.level:
            self.action_headings.pop()
        status = action_items.status_from_heading(text, self.data)
        owner = self.b.heading_owner(block.prose)
        words = action_items.item_heading(block.prose, self.data)
        if words is None and id(block) in self.heading_items and \
                action_items.horizon(block.prose, self.data) is None:
            # "#### Alerts configured" (a change made) or "#### Add alerts on disk usage"
            # (one to make), its paragraph below: an item; a topic heading stays a group
            if action_items.headline_done(text, self.data):
                words, status = block.prose, status or ItemStatus.done
            elif action_items.starts_with_verb(text, self.data):
                words = block.prose
        if words is not None:
            self.add_item(words, status=status, owner=owner)
            self.action_level = 0  # the bullets below it are its details
            return True
        self.group += 1
        self.action_headings.append(_Group(
            block.level, status, owner, self.b.heading_ticket(block.prose),
            action_items.horizon(block.prose, self.data)))
        return False

    def reflections(self) -> None:
        """A section that reflects on the incident under a heading with a word of
        reflection ("## Postmortem", "## Conclusion", "## How can we do better?") holds
        what went wrong when its text names shortcomings ("no alert was configured",
        "testing in staging was not thorough")."""
        doc = self.doc
        headings = {normalise_key(h) for h in self.data.reflection_headings}
        for section, _ in self.sections:
            if not 1 < section.level < _LABEL_LEVEL or "went_wrong" in section.also or \
                    section.kind in ("went_wrong", "went_well", "lessons") or \
                    not any(f" {heading} " in f" {normalise_key(section.title.value)} "
                            for heading in headings):
                continue
            last = section.span.end_line
            texts = [prose.text for prose in doc.prose if prose.runs and prose.role in
                     (ProseRole.narrative, ProseRole.table_cell)
                     and section.span.line < prose.runs[0][1] <= last]
            text = " ".join(texts)
            cues = {text[start:end].lower() for start, end in
                    find_phrases(text, self.data.shortcoming_cues)}
            if len(cues) >= 2:
                section.also.append("went_wrong")

    def heading_field(self, block: Block, kind: str | None) -> str | None:
        """The metadata field a heading outside every known section names, if any."""
        if kind is not None or block.prose is None:
            return None
        field = field_for_key(block.prose.text.strip(), self.data)
        return field if field in _FIELD_HEADINGS else None

    def heading_key_value(self, block: Block, kind: str | None) -> None:
        """A heading outside every known section that is itself a field and its value
        ("## Severity: High"): read as the field. A date so written ("## Date: February 06,
        2023") dates the incident as a title does: headings are how a notice is set out,
        not the fields of a team's form."""
        if kind is not None or block.prose is None:
            return
        match = _KEY_VALUE.match(block.prose.text)
        field = field_for_key(match.group("key"), self.data) if match is not None else None
        if field == "incident_date":
            self.b.date_from_text(block.prose, "title")
        elif field in _FIELD_HEADINGS:
            self.key_value(block.prose, kind, block)

    def code_time(self, line: Prose) -> Prose | None:
        """A timestamp written as a code span at the start of a timeline line: the span is
        cut out of the line's prose, so look for it among the code spans of that line."""
        if not line.runs:
            return None
        _, number, column = line.runs[0]
        spans = [code for code in self.doc.code if code.runs and code.runs[0][1] == number
                 and code.runs[0][2] <= column + 1]
        for code in sorted(spans, key=lambda code: code.runs[0][2]):
            if find_timestamp(code.text, self.data.time_zones, within=0) is not None:
                return code
        return None

    def key_value(self, line: Prose, kind: str | None, block: Block) -> bool:
        match = _KEY_VALUE.match(line.text)
        if match is None or len(match.group("key").split()) > 5:
            return False
        key = match.group("key")
        value = line.slice(match.start("value"), match.end("value")).strip()
        if kind not in _STRUCTURED:
            field = field_for_key(key, self.data)
            if field is not None and (field not in ("owner", "status") or kind != "action_items"):
                if value.text:
                    value.role = ProseRole.field
                    self.b.set_field(field, value)
                    return field not in ("users_affected", "revenue", "detection")
                return True
        section = section_kind(key, self.data)
        if section is not None and normalise_key(key) in self.data.sections.get(section, []) \
                and value.text:
            self.route(section, value, value.whole)
            return True
        return False

    def route(self, kind: str | None, prose: Prose, span: Span) -> None:
        """Narrative text that belongs to one of the model's parts."""
        doc = self.doc
        if kind == "summary":
            doc.summary.append(prose)
        elif kind == "impact":
            doc.impact.text.append(prose)
            doc.impact.span = doc.impact.span or span
        elif kind == "root_cause":
            doc.root_cause.append(prose)
            doc.root_cause_span = doc.root_cause_span or span
        elif kind == "went_well":
            doc.went_well.append(prose)
            doc.went_well_span = doc.went_well_span or span
        elif kind == "went_wrong":
            doc.went_wrong.append(prose)
            doc.went_wrong_span = doc.went_wrong_span or span
        elif kind == "got_lucky":
            doc.got_lucky.append(prose)
        elif kind == "follow_up":
            found = find_date(prose.text, self.b.default_date())
            if found and doc.follow_up.review_date is None:
                doc.follow_up.review_date = Located(value=found[0],
                                                    span=prose.span(found[1], found[2]))
            doc.follow_up.span = doc.follow_up.span or span

    # -- tables ----------------------------------------------------------------------------
    def read_table(self, block: Block, kind: str | None) -> None:
        headers = [normalise_key(h.text) for h in block.header]
        time_col = _time_column(block.header, self.data)
        event_col = _column(block.header, self.data, ("event",))
        for cells in (block.header, *[row for _, row in block.rows]):
            for cell in cells:
                self.doc.prose.append(cell)
        if kind == "action_items" or (kind is None and _column(block.header, self.data,
                                                               ("owner",)) is not None):
            self.read_action_table(block)
            return
        if kind == "timeline" or (time_col is not None and event_col is not None
                                  and kind not in _STRUCTURED):
            self.read_timeline_table(block, time_col, event_col)
            return
        if kind == "contributing_factors":
            factor = _column(block.header, self.data, ("factor",)) or 0
            score = _column(block.header, self.data, ("score",))
            for _, row in block.rows:
                if factor < len(row):
                    self.b.add_factor(row[factor], row[score] if score is not None
                                      and score < len(row) else None)
            return
        if kind == "five_whys":
            for _, row in block.rows:
                self.b.add_why(max(row, key=lambda cell: len(cell.text)))
            return
        for _, row in block.rows:  # "Field | Value" tables of metadata
            if len(row) == 2 and len(headers) == 2:
                field = field_for_key(row[0].text, self.data)
                if field is not None:
                    self.b.set_field(field, row[1].strip())
                    continue
            for cell in row:
                self.route(kind, cell, cell.whole)

    def read_timeline_table(self, block: Block, time_col: int | None,
                            event_col: int | None) -> None:
        time_col = 0 if time_col is None else time_col
        date_col = self.date_column(block, time_col, event_col)
        # the zone in the time column's header, or in the date column's ("Date (UTC)")
        for col in (date_col, time_col):
            if col is None or col >= len(block.header):
                continue
            header = block.header[col].text
            for zone in re.findall(r"[A-Za-z+\-:0-9/]+", header):
                if zone.lower() in self.data.time_zones or re.fullmatch(r"[+-]\d{2}:?\d{2}", zone):
                    self.doc.timeline.declared_zone = Located(
                        value=zone, span=block.header[col].whole)
        utc_col = self.utc_column(block, time_col)
        phase_col = _column(block.header, self.data, ("phase",))
        self.timeline.start_table()
        for line, row in block.rows:
            if time_col >= len(row):
                continue
            if date_col is not None and date_col < len(row):
                self.timeline.row_date(row[date_col])
            if event_col is not None and event_col < len(row):
                event = row[event_col]
            else:
                event = join_prose([c for i, c in enumerate(row)
                                    if i not in (time_col, phase_col, date_col)],
                                   role=ProseRole.table_cell)
            phase = row[phase_col].text if phase_col is not None and phase_col < len(row) \
                else None
            span = Span(line=line, column=1, end_line=line,
                        end_column=len(self.lines[line - 1]) + 1 if line <= len(self.lines)
                        else 2)
            self.timeline.row(row[time_col], event, span, phase,
                              in_utc=utc_col[1] if utc_col is not None else None)
        if utc_col is not None:  # the table gives its times in UTC too
            self.doc.timeline.declared_zone = Located(
                value=utc_col[1], span=block.header[utc_col[0]].whole)

    def utc_column(self, block: Block, time_col: int) -> tuple[int, str] | None:
        """A column headed by a UTC zone ("UTC", "Time (UTC)") beside a time column in a
        local zone ("NZST | UTC | Event"): the table is in UTC. Its rows are read from the
        local column, whose cells keep their dates, and count as given in UTC."""
        declared = self.doc.timeline.declared_zone
        if declared is None or zone_is_utc(declared.value, self.data.time_zones):
            return None
        for index, head in enumerate(block.header):
            if index == time_col:
                continue
            for word in re.findall(r"[A-Za-z]+", head.text):
                if word.lower() in self.data.time_zones \
                        and zone_is_utc(word, self.data.time_zones):
                    return index, word
        return None

    def date_column(self, block: Block, time_col: int, event_col: int | None) -> int | None:
        """The column that gives each row's day besides its time: headed "Date" or "Day"
        ("Day (UTC)"), or any other column whose every filled cell is a date alone."""
        for i, head in enumerate(block.header):
            words = normalise_key(head.text).split()
            if i != time_col and words and words[0] in ("date", "day", "dates", "days"):
                return i
        for i in range(len(block.header)):
            if i in (time_col, event_col):
                continue
            cells = [row[i] for _, row in block.rows if i < len(row) and row[i].text.strip()]
            if cells and all(self.timeline.date_only(cell.text) is not None
                             and find_timestamp(cell.text, self.data.time_zones, within=0,
                                                dayfirst=self.b.dayfirst) is None
                             for cell in cells):
                return i
        return None

    def read_action_table(self, block: Block) -> None:
        columns = [column_for_header(h.text, self.data, _ACTION_COLUMNS) for h in block.header]
        item = self.item_column(block, columns) if "action" not in columns else None
        if item is not None:
            columns[item] = "action"
        for line, row in block.rows:
            cells = {name: row[i] for i, name in enumerate(columns)
                     if name is not None and i < len(row)}
            ticket = cells.get("ticket")
            if "status" not in cells and ticket is not None and \
                    find_ticket(ticket.text) is None and parse_status(ticket.text, self.data):
                cells["status"] = cells.pop("ticket")  # a "Reference" column that says DONE
            if "status" not in cells:  # a "Notes" column that says "Done"
                said = next((row[i] for i, name in enumerate(columns) if name is None
                             and i < len(row) and parse_status(row[i].text, self.data)),
                            None)
                if said is not None:
                    cells["status"] = said
            description = cells.pop("action", None)
            if description is None or not description.text.strip():
                continue
            description.role = ProseRole.narrative
            span = Span(line=line, column=1, end_line=line,
                        end_column=len(self.lines[line - 1]) + 1 if line <= len(self.lines)
                        else 2)
            self.b.add_action_item(description, span, cells)

    def item_column(self, block: Block, columns: list[str | None]) -> int | None:
        """The column that says what each item is, in a table with no "Action" column: a
        ticket column whose cells hold a title after the ticket ("#41 — alert on …"), else
        the first column of no known kind that is not a note on the item ("Triggered by",
        "Reason", "Outcome"), else the first column of no known kind; None if none is."""
        ticket = columns.index("ticket") if "ticket" in columns else None
        if ticket is not None:
            cells = [row[ticket].text for _, row in block.rows if ticket < len(row)]
            titled = sum(1 for cell in cells if len(re.findall(
                r"[^\W\d_]{2,}", cell.replace((find_ticket(cell) or ("",))[0], ""))) >= 3)
            if cells and titled * 3 >= len(cells) * 2:
                return ticket
        unknown = [i for i, c in enumerate(columns) if c is None
                   and normalise_key(block.header[i].text) not in ("", "#", "no", "id")]
        described = [i for i in unknown
                     if not set(normalise_key(block.header[i].text).split()) & _ITEM_NOTES]
        return next(iter(described or unknown), None)

    def code_rows(self, block: Block, kind: str) -> list[Prose]:
        """The non-empty lines of a code block, each mapped to its place."""
        rows = []
        for number, text in enumerate(block.text.split("\n")):
            line = block.first_line + number
            source = self.lines[line - 1] if line - 1 < len(self.lines) else ""
            if not text.strip() or set(text.strip()) <= set("|-: "):
                continue
            column = source.find(text.strip()) + 1 if text.strip() else 1
            builder = ProseBuilder(role=ProseRole.field, section=kind)
            builder.add(text.strip(), line, max(column, 1))
            rows.append(builder.build())
        return rows

    def read_code_rows(self, block: Block, kind: str) -> None:
        """Pipe-separated rows inside a code block (a common way to paste a table): most
        of its lines are rows, and the block is not a program ("```bash" with a pipeline
        in it is a script, not a table)."""
        rows = self.code_rows(block, kind)
        piped = [prose for prose in rows if "|" in prose.text]
        info = (block.info or "").split()
        if len(piped) * 3 < len(rows) * 2 or info and info[0].lower() not in _TABLE_INFOS:
            return
        for prose in rows:
            text = prose.text
            if "|" in text:
                cells = [prose.slice(m.start(), m.end()).strip()
                         for m in re.finditer(r"[^|]+", prose.text)]
                self.code_action_row(cells, prose)

    def code_action_row(self, cells: list[Prose], prose: Prose) -> None:
        named: dict[str, Prose] = {}
        from postmortem_lint.parsers.values import parse_priority

        rest = []
        for cell in cells:
            text = cell.text
            if "priority" not in named and parse_priority(text, self.data):
                named["priority"] = cell
            elif "due" not in named and find_date(text):
                named["due"] = cell
            elif "status" not in named and parse_status(text, self.data):
                named["status"] = cell
            else:
                rest.append(cell)
        if not rest:
            return
        description = max(rest, key=lambda c: len(c.text))
        description.role = ProseRole.narrative
        names = [c for c in rest if c is not description and 0 < len(c.text.split()) <= 3]
        if names:
            named["owner"] = names[-1]
        self.b.add_action_item(description, prose.whole, named)

    def finish_sections(self) -> None:
        doc = self.doc
        for item in doc.action_items:  # a tracker that speaks for the items of its group
            group = self.item_groups.get(id(item))
            if item.ticket is None and group in self.group_tickets:
                item.ticket = self.group_tickets[group]
        self.reflections()
        self.add_shipped()
        if any(not item.in_prose for item in doc.action_items):
            # With a list or table of items, the prose around it is commentary on them.
            doc.action_items = [item for item in doc.action_items if not item.in_prose]
        for section, kind in self.sections:
            if kind == "timeline" and section.kind == "timeline":
                doc.timeline.span = doc.timeline.span or self.own_span(section, kind)
            elif kind == "action_items" and section.kind == "action_items":
                doc.action_items_span = doc.action_items_span or section.span
            elif section.kind == "impact":
                doc.impact.span = doc.impact.span or section.span
            elif section.kind == "root_cause":
                doc.root_cause_span = doc.root_cause_span or section.span
            elif section.kind == "contributing_factors":
                doc.contributing_span = doc.contributing_span or section.span
            elif section.kind == "five_whys":
                doc.five_whys_span = doc.five_whys_span or section.span
            elif section.kind == "went_well":
                doc.went_well_span = doc.went_well_span or section.span
            elif section.kind == "went_wrong":
                doc.went_wrong_span = doc.went_wrong_span or section.span
            elif section.kind == "follow_up":
                doc.follow_up.span = doc.follow_up.span or section.span
        if doc.timeline.span is None and doc.timeline.entries:
            first, last = doc.timeline.entries[0].span, doc.timeline.entries[-1].span
            doc.timeline.span = Span.lines(first.line, last.end_line)


def _first_word(text: str) -> str:
    """The first word of an item, lower-cased, after any checkbox, label or emphasis."""
    match = re.match(r"(?<![\W\d_])[\W\d_]*+([A-Za-z]+)", text)
    return match.group(1).lower() if match else ""


# Sections whose bullets may state the document's actions when it has no action-items
# section: lessons ("We need to document …"), the overview ("We have rotated …") …
_FIX_STEPS = frozenset(("resolution", "response"))
_MAY_STATE_ACTIONS = frozenset((None, "lessons", "prevention", "follow_up", "summary",
                                "went_wrong", *_FIX_STEPS))
# "We have rotated every token": an action reported as taken (not "We noticed …").
_ACTION_TAKEN = re.compile(r"\W{0,3}(?:we|i)\s+have\s+(?:now\s+|also\s+|since\s+)?[a-z]{3,}ed\b",
                           re.IGNORECASE)
# A checklist line that names a state, not an action: "Monitoring added for …", "Test
# coverage: …", "Training needed?".
_STATE_LABEL = re.compile(r"^\W*[A-Za-z]+(?:\s+[A-Za-z]+)?\s*(?::|\s+[a-z]+ed\b|\s+needed\b)")
# Sections whose paragraphs may commit to the document's actions in sentences.
_MAY_COMMIT = frozenset(("lessons", "prevention"))
_PROCEDURE_STEP = re.compile(r"\W{0,3}we\s+must\b", re.IGNORECASE)


class _Group(NamedTuple):
    """What a heading or a label above action items says of them."""

    level: int
    status: ItemStatus | None
    owner: Located[str] | None
    ticket: Located[str] | None
    horizon: Located[str] | None


# A status in brackets where a checklist has its box: "[N/A]", "[DONE]", "[WIP]".
_BOX_LIKE = re.compile(r"^\s*\[[^\]\s][^\]]{0,11}\]\s")


def _checklist_notes(blocks: list[Block]) -> set[int]:
    """The bullets without a box in a list whose items mostly have one ("- [x] Pin the
    image", "- [ ] Add an alert", "- [N/A] …"): a note among the checklist, not an item."""
    notes: set[int] = set()
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and (block.kind == "item" or block.level > 0):
            if block.kind == "item" and block.level == 1:
                run.append(block)
            continue
        boxed = [item for item in run if item.checkbox is not None or item.prose is not None
                 and _BOX_LIKE.match(item.prose.text) is not None]
        if len(boxed) >= 2 and len(boxed) * 3 >= len(run) * 2:
            notes.update({id(item) for item in run} - {id(item) for item in boxed})
        run = []
    return notes


def _groups_items(item: ActionItem) -> bool:
    """"- Immediate actions:" with the actions nested below it: a label, not an item."""
    return action_items.is_group_label(item.description.text) and item.owner is None and \
        item.due is None and item.ticket is None


def _column(header: list[Prose], data: RuleData, names: tuple[str, ...]) -> int | None:
    for index, cell in enumerate(header):
        if column_for_header(cell.text, data, names) is not None:
            return index
    return None


def _time_column(header: list[Prose], data: RuleData) -> int | None:
    """The column holding times: "Time (UTC)" rather than a separate "Date" column."""
    found = [index for index, cell in enumerate(header)
             if column_for_header(cell.text, data, ("time",)) is not None]
    clock = [index for index in found
             if normalise_key(header[index].text).split()[:1] not in (["date"], ["day"])]
    return next(iter(clock or found), None)


def parse_markdown(source: SourceText, data: RuleData) -> Postmortem:
    reader = _Reader(source, data)
    text = source.text
    toml = toml_front_matter(reader.lines)
    if toml is not None:  # "+++" front matter: metadata, never body text
        read_toml_front_matter(reader.b, reader.lines, *toml)
        reader.b.post_date_is_publication()
        text = blank_front_matter(text, toml[1])
    tokens = markdown_parser().parse(text)
    blocks = to_blocks(tokens, reader.lines)
    reader.read_code_spans(tokens)
    return reader.read(blocks)


def _heading_items(blocks: list[Block], kinds: list[str | None]) -> set[int]:
    """Headings below an action-items heading that are its items: two or more sibling
    sub-headings, each followed by text (a paragraph, a code block) and no list or table of
    its own ("#### Alerts added for disk usage" and a paragraph on what was set up). A
    sub-heading over a list groups that list's items ("### Short term")."""
    found: set[int] = set()
    run: list[Block] = []
    parent_level = 0

    def close() -> None:
        if len(run) >= 2:
            found.update(id(block) for block in run)
        run.clear()

    headings = [i for i, block in enumerate(blocks) if block.kind == "heading"]
    for position, index in enumerate(headings):
        block = blocks[index]
        end = headings[position + 1] if position + 1 < len(headings) else len(blocks)
        body = blocks[index + 1:end]
        if kinds[index] != "action_items" or block.prose is None:
            close()
            parent_level = 0
            continue
        if parent_level == 0 or block.level <= parent_level:
            close()
            parent_level = block.level  # the action-items heading itself
            continue
        if run and run[0].level != block.level:
            close()
        texted = any(b.kind in ("paragraph", "code") for b in body)
        listed = any(b.kind in ("item", "table") for b in body)
        if texted and not listed:
            run.append(block)
        else:
            close()
    close()
    return found
