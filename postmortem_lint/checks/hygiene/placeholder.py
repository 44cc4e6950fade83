"""PM901."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from postmortem_lint.checks.texts import visible_texts
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions
from postmortem_lint.model import Postmortem, Prose, Span
from postmortem_lint.phrases import find_phrases, has_phrase
from postmortem_lint.ruledata import RuleData

# A template prompt: two or more words in square brackets ("[Two or three sentences]").
_PROMPT = re.compile(r"\[(?=[^\]\n]{0,200}\s)[^\[\]\n]{3,200}\]")
# Bracketed text that is not a prompt: a quoted name ('["Require review"]', a UI setting
# or a list of strings), a time or date ("[5:07 PM]", "[3 hours ago]", a chat log's
# stamp), an offset from the start ("[+2 hrs]"), a channel or a handle ("[#ops-chat]",
# "[@ana]"), or a wiki's link, its address then its text
# ("[https://example.org/topic one large double spend]").
_NOT_PROMPT = re.compile(r"\[\s{0,3}(?:[\"'“‘`]|[+~±-]?\d|[^\]\n#@]{0,200}[#@]|https?://\S)")
# A status word that opens a filled-in item: "TODO: rotate the keys", "[TODO] add an alert".
_STATUS_OPENER = re.compile(r"\W{0,4}(?<!\w)(\w++)\W{1,4}\w++\W{1,4}\w")


class PlaceholderOptions(RuleOptions):
    bracketed_prompts: bool = Field(
        True, description="Also report text of two or more words in square brackets, the way "
        "templates mark prompts ('[Two or three sentences]').")


class PlaceholderLeft(Rule):
    """Template placeholder text was left in the postmortem (TBD, TODO, [Owner], YYYY-MM-DD…).

    The guides' templates are full of prompts: ``[Users affected]``, ``X hours``,
    ``HH:MM``, ``$___``. Left in, they hide a missing fact behind something that
    looks filled in: an action owned by ``TBD`` has no owner, a deadline of
    ``YYYY-MM-DD`` has no date, and readers cannot tell a draft from the final
    document. Placeholders come from ``placeholders`` in the rule data, matched
    case-sensitively as whole tokens (``TBD`` but not ``TBDs``); text in square
    brackets with two or more words is a template prompt too, unless it holds a quoted
    name (a UI setting, ``["Require review"]``), names a setting in a sentence (after a
    word from ``placeholder_setting_cues``: "changed the setting from [Require approval
    for first-time contributors] to …"), a time or date (a chat log's
    ``[5:07 PM]``), a channel or a handle, or is the text of a Markdown link that names
    a file (``[restore db.ipynb](…)``) or any link text with no mark of a prompt (a link
    Markdown left unlinked, its target a site's shortcode), or is a status log's label
    opening an update (``[Initial Message]``, ``[Close Issue]``; words from
    ``update_label_words``). The skeleton id ``INC-YYYY-NNN`` is a
    placeholder. Code blocks and code spans are never checked, so ``XXX`` in a log line
    is fine. On an action
    item's row, a word that is also an item status (``TODO`` next to ``DONE`` in a
    status marker) is read as the status, unless it stands in the owner or due cell; so is
    a status word opening a filled-in item or heading under the action items ("TODO:
    rotate the signing keys").

    Bad::

        | Change the rotation tooling to enforce a 30-day overlap | TBD | YYYY-MM-DD |

    Good::

        | Change the rotation tooling to enforce a 30-day overlap | Rebecca Holm | 2026-03-20 |
    """

    code = "PM901"
    name = "placeholder-left"
    level = Level.warning
    family = "hygiene"
    Options = PlaceholderOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, PlaceholderOptions)
        placeholders = ctx.data.placeholders
        statuses = {word.strip().lower() for words in ctx.data.statuses.values()
                    for word in words}
        action_lines, taken = _action_cells(ctx.document)
        for prose in visible_texts(ctx.document):
            found = [(start, end) for start, end in
                     find_phrases(prose.text, placeholders, case_sensitive=True)
                     if not _is_status_marker(prose, start, end, statuses, action_lines, taken)
                     and not _opens_action(prose, start, end, statuses)]
            if self.options.bracketed_prompts:
                prompts = [m.span() for m in _PROMPT.finditer(prose.text)
                           if not any(s <= m.start() < e for s, e in found)
                           and not _NOT_PROMPT.match(prose.text, m.start())
                           and not _link_text(prose.text, *m.span(), ctx.data)
                           and not _names_a_setting(prose.text, *m.span(), ctx.data)
                           and not _update_label(prose.text, *m.span(), ctx.data)
                           and not _dated_note(prose.text, *m.span())]
                # One finding per placeholder: "[YYYY-MM-DD HH:MM UTC]" is one prompt, not
                # also a "YYYY-MM-DD" and an "HH:MM" inside it.
                found = [(s, e) for s, e in found
                         if not any(ps <= s and e <= pe for ps, pe in prompts)] + prompts
            for start, end in sorted(found):
                token = prose.text[start:end]
                yield self.problem(
                    prose.span(start, end),
                    f'Placeholder "{_short(token)}" was left in; replace it with the real '
                    "value", hint=_hint(token))


# What marks bracketed text as a prompt, whatever comes before it: an ellipsis, a colon or
# question, an example, alternatives ("[Yes/No]") or a word in capitals ("[METRIC]").
_PROMPT_MARK = re.compile(r"…|\.\.\.|[:?/]|\be\.g\b|\b[A-Z]{2,}\b")


def _unmarked(inner: str, data: RuleData) -> bool:
    """Whether bracketed text holds nothing that marks a prompt: no mark (``_PROMPT_MARK``)
    and no word of one (``placeholder_prompt_words``: "[Team name]", "[Link to …]")."""
    return _PROMPT_MARK.search(inner) is None and \
        not has_phrase(inner, data.placeholder_prompt_words)


# The extension of a file name: "md" in "notes.md", "ipynb" in "restore-script.ipynb".
_EXTENSION = re.compile(r"[A-Za-z][A-Za-z0-9]{0,5}")
_FILE_STEM = re.compile(r"[\w.-]+")


def _is_file_name(word: str) -> bool:
    stem, dot, extension = word.strip("\"'`,;:").rpartition(".")
    return bool(dot) and bool(stem.strip(".")) and _FILE_STEM.fullmatch(stem) is not None \
        and _EXTENSION.fullmatch(extension) is not None


def _names_a_file(text: str, start: int, end: int) -> bool:
    """Whether bracketed text is the text of a Markdown link that names a file
    ("[analysis.ipynb](…)", "[restore db.sql](restore db.sql)", which Markdown leaves
    unlinked when the target holds a space): the file the link points at, not a prompt."""
    return text[end:end + 1] == "(" and any(_is_file_name(word)
                                            for word in text[start + 1:end - 1].split())


def _link_text(text: str, start: int, end: int, data: RuleData) -> bool:
    """Whether bracketed text is the text of a Markdown link Markdown left unlinked (its
    target holds a space or a site's shortcode: "[Capacity plan]({{< ref "plan" >}})", or
    a reference "[Capacity plan][plan]"): a file it names, or words with nothing that marks
    a prompt ("[Link to the dashboard](…)" is still one)."""
    if text[end:end + 1] not in ("(", "["):
        return False
    inner = text[start + 1:end - 1]
    return _names_a_file(text, start, end) or _unmarked(inner, data)


# What may stand before a label on its line: indentation, a list or quote marker, emphasis.
_LINE_LEAD = re.compile(r"[ \t>*_#+-]*")


def _update_label(text: str, start: int, end: int, data: RuleData) -> bool:
    """Whether bracketed text opening a line is the label a status log puts before an
    update ("[Initial Message]", "[Close Issue]", "[Final Update]"): its words are all
    words of such labels (``update_label_words``), so it names the update, asks nothing."""
    line_start = text.rfind("\n", 0, start) + 1
    if _LINE_LEAD.fullmatch(text, line_start, start) is None:
        return False
    words = re.findall(r"[\w-]+", text[start + 1:end - 1].lower())
    labels = {word.lower() for word in data.update_label_words}
    return bool(words) and all(word in labels for word in words)


# A clock time or a calendar date written with real digits: "17:15", "2024-01-03", "Dec 18".
_REAL_MOMENT = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|"
                          r"jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b", re.IGNORECASE)


def _dated_note(text: str, start: int, end: int) -> bool:
    """Whether bracketed text is a note stamped with a real time ("[edited Dec 18, 17:15
    PT]", "[Update 2024-01-03 09:00 UTC]"): it was written in, it asks for nothing. A prompt
    for a time holds letters where the digits go ("[YYYY-MM-DD HH:MM UTC]")."""
    inner = text[start + 1:end - 1]
    return _REAL_MOMENT.search(inner) is not None and "e.g" not in inner.lower() \
        and "…" not in inner and "..." not in inner


def _names_a_setting(text: str, start: int, end: int, data: RuleData) -> bool:
    """Whether bracketed text inside a sentence is the name of a setting or an option
    ("changed the setting from [Require approval for first-time contributors] to …"): it
    follows a cue word such as "setting", "from" or "to", starts with a capital and holds
    nothing that marks a prompt ("[Team name]", "[METRIC]", "[Yes/No]", "[Because …]")."""
    inner = text[start + 1:end - 1].strip()
    before = text[:start].rstrip()
    last = before.rsplit(None, 1)[-1].lower().strip("\"'*_(") if before.split() else ""
    return bool(inner) and inner[0].isupper() and \
        last in {cue.lower() for cue in data.placeholder_setting_cues} and \
        _unmarked(inner, data)


def _action_cells(doc: Postmortem) -> tuple[set[int], list[Span]]:
    """The lines of action items, and where their owners and due dates are written."""
    lines = {line for item in doc.action_items
             for line in range(item.span.line, item.span.end_line + 1)}
    taken = [located.span for item in doc.action_items
             for located in (item.owner, item.due, item.due_unparsed) if located is not None]
    return lines, taken


def _is_status_marker(prose: Prose, start: int, end: int, statuses: set[str],
                      action_lines: set[int], taken: list[Span]) -> bool:
    """"**TODO**" beside a ticket on an action item's row is the item's status."""
    if prose.text[start:end].lower() not in statuses:
        return False
    where = prose.span(start, end)
    if where.line not in action_lines:
        return False
    return not any(span.line <= where.line <= span.end_line
                   and span.column <= where.column < max(span.end_column, span.column + 1)
                   for span in taken)


def _opens_action(prose: Prose, start: int, end: int, statuses: set[str]) -> bool:
    """"TODO: rotate the signing keys" as the first words of an item or heading in the
    action items: the item's status, followed by what is to be done."""
    if prose.section != "action_items" or prose.text[start:end].lower() not in statuses:
        return False
    line_start = prose.text.rfind("\n", 0, start) + 1
    match = _STATUS_OPENER.match(prose.text, line_start)
    return match is not None and match.start(1) == start


def _short(token: str, limit: int = 40) -> str:
    return token if len(token) <= limit else token[: limit - 1] + "…"


def _hint(token: str) -> str:
    if token.startswith("[") and "owner" in token.lower() or token.lower() == "[name]":
        return "name the person or team who owns it"
    if any(part in token for part in ("YYYY", "HH:MM", "[Date]", "[date]")):
        return "write the actual date or time (e.g. 2026-03-09, 14:32 UTC)"
    if "lorem" in token.lower():
        return "replace the filler text with what happened"
    if token.startswith("["):
        return "replace the bracketed prompt with the content it asks for"
    return ("write the value; if it is still unknown, say what is missing and who will "
            "find out by when")
