"""Interpreting field values (severity, audience, dates, booleans, counts) the same way
for Markdown and YAML, using the spellings kept in rule data."""

from __future__ import annotations

import re
from functools import lru_cache

from postmortem_lint.model import ActionType, Audience, ItemStatus, Priority, Severity
from postmortem_lint.ruledata import RuleData

_NOT_WORD = re.compile(r"[^0-9a-z\u00c0-\uffff]+")


# Where a camelCase or PascalCase identifier's next word starts: rootCause, HTTPStatus.
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@lru_cache(maxsize=16_384)  # called for every spelling of every value: keep it cheap
def normalise_key(text: str) -> str:
    """'**Date/Time (UTC)**' -> 'date time utc': how labels and headings are compared. A
    key written as one identifier is split into its words whatever its spelling:
    'rootCause', 'RootCause', 'root_cause' and 'root-cause' are all 'root cause'."""
    if text.strip() and not any(char.isspace() for char in text.strip()):
        text = _CAMEL.sub(" ", text)
    lowered = text.lower().replace("’", "'").replace("'", " ")
    words = _NOT_WORD.sub(" ", lowered).split()
    return " ".join(words)


_ZONE_WORDS = ("utc", "gmt", "z", "local")


def field_for_key(key: str, data: RuleData) -> str | None:
    """The field a key names; a zone after it says how it is written ("Date (UTC)")."""
    norm = normalise_key(key)
    words = norm.split()
    spellings = [norm] + ([" ".join(words[:-1])] if len(words) > 1 and
                          words[-1] in _ZONE_WORDS else [])
    for spelling in spellings:
        for name, labels in data.fields.items():
            if spelling in labels or spelling == name.replace("_", " "):
                return name
    return None


def column_for_header(header: str, data: RuleData, candidates: tuple[str, ...]) -> str | None:
    norm = normalise_key(header)
    for name in candidates:
        if norm in data.columns.get(name, []) or norm == name:
            return name
    for name in candidates:  # "Owner(s)", "Due date (UTC)"
        if any(norm.startswith(label + " ") for label in data.columns.get(name, []) if label):
            return name
    return None


def is_status_page_state(text: str, data: RuleData) -> bool:
    """Whether a severity field's value is a status page's component state ("down",
    "major-outage"): the document is a status page's entry, not a severity scale."""
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split()) \
        in data.status_page_states


def parse_severity(text: str, data: RuleData, exact: bool = False) -> Severity | None:
    """The severity a text opens with ("SEV-1 (customer facing)"); with ``exact``, only a
    text that is nothing but a severity spelling."""
    compact = re.sub(r"[\s\-_.:]+", "", text.lower())
    best: tuple[int, int] | None = None
    for spelling, level in data.severity.items():
        if compact == spelling if exact else compact.startswith(spelling):
            # "sev1" must not match "sev10"; require a non-digit after a digit ending
            rest = compact[len(spelling):]
            if spelling[-1].isdigit() and rest[:1].isdigit():
                continue
            if best is None or len(spelling) > best[0]:
                best = (len(spelling), level)
    if best is None:
        return None
    return Severity(level=best[1], label=_severity_label(best[1]))


def _severity_label(level: int) -> str:
    return f"SEV-{level}"


def parse_priority(text: str, data: RuleData) -> Priority | None:
    word = normalise_key(text)
    if not word:
        return None
    first = word.split()[0]
    for candidate in (word, first):
        if candidate in data.priorities:
            rank = data.priorities[candidate]
            return Priority(rank=rank, label=f"P{rank}")
    return None


def find_priority(text: str, data: RuleData) -> tuple[Priority, int, int] | None:
    """A priority token inside free text: 'P1', '[high]', 'priority: low'."""
    match = re.search(r"\bP([0-4])\b", text)
    if match:
        return Priority(rank=int(match.group(1)), label=f"P{match.group(1)}"), *match.span()
    match = re.search(r"\bprio(?:rity)?\s*[:=]\s*([A-Za-z0-9]+)", text, re.IGNORECASE)
    if match:
        found = parse_priority(match.group(1), data)
        if found:
            return found, *match.span()
    return None


_AUDIENCE_WORDS = {
    **dict.fromkeys(("customer", "external", "public", "client"), Audience.customer_facing),
    **dict.fromkeys(("internal", "private", "confidential", "engineering", "team"),
                    Audience.internal),
}


def parse_audience(text: str) -> Audience | None:
    """The audience named first wins: "Internal (engineering, customer support)" is internal."""
    word = normalise_key(text)
    found = [(word.find(key), audience) for key, audience in _AUDIENCE_WORDS.items()
             if key in word]
    return min(found, key=lambda pair: pair[0])[1] if found else None


_TRUE = {"yes", "y", "true", "breached", "breach", "missed", "violated", "exceeded"}
_FALSE = {"no", "n", "false", "none", "not breached", "not", "met", "within", "no breach", "ok"}


def parse_bool(text: str) -> bool | None:
    word = normalise_key(text)
    if not word:
        return None
    first = word.split()[0]
    if word in _FALSE or first in ("no", "not", "none", "false", "n", "within", "met"):
        return False
    if word in _TRUE or first in _TRUE:
        return True
    return None


_COUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?([kKmM](?![a-z]))?")


def parse_count(text: str) -> int | None:
    match = _COUNT.search(text[:200])
    if match is None:
        return None
    value = float(match.group(1).replace(",", ""))
    suffix = (match.group(2) or "").lower()
    value *= {"k": 1_000, "m": 1_000_000}.get(suffix, 1)
    return int(value)


# "Open — deferred until the migration", "On hold": put off, with no plan to do it now.
_DEFERRED = re.compile(r"\b(?:deferred|postponed|on hold|parked)\b")


def parse_status(text: str, data: RuleData) -> ItemStatus | None:
    """The status a cell or label says: "Done", "In progress", "Open — deferred …" (put
    off: not to be done now, like a declined item)."""
    word = normalise_key(text)
    if not word:
        return None
    if len(word.split()) <= 12 and _DEFERRED.search(word) is not None:
        return ItemStatus.wont_do
    for status, spellings in data.statuses.items():
        if word in (normalise_key(s) for s in spellings):
            return ItemStatus(status)
    for status, spellings in data.statuses.items():
        if any(word.startswith(normalise_key(s) + " ") for s in spellings):
            return ItemStatus(status)
    return None


def parse_action_type(text: str, data: RuleData) -> ActionType | None:
    word = normalise_key(text)
    for kind, spellings in data.action_types.items():
        if word in spellings or (word and word.split()[0] in spellings):
            return ActionType(kind)
    return None


# OPS-1234, a URL, #123, GitHub's owner/repo#123, gh-123, and tracker numbers written out:
# "Bug 5554823", "b/123456".
_TICKET = re.compile(
    r"\b[A-Z][A-Z0-9]{1,9}-\d{1,7}\b|https?://[^\s)>\]|]{1,300}|(?<![\w&])#\d{1,7}\b|\bgh-\d{1,7}\b"
    r"|(?<![\w/.-])[A-Za-z0-9][\w.-]{0,99}/[\w.-]{1,100}#\d{1,7}\b"
    r"|\b(?i:bug|ticket)[ :]{0,2}#?\d{3,12}\b|\bb/\d{3,12}\b")


def find_ticket(text: str) -> tuple[str, int, int] | None:
    match = _TICKET.search(text)
    if match is None:
        return None
    return match.group(0), match.start(), match.end()


# A link to where work is tracked: an issue, pull/merge request, commit or tracker board.
_TRACKER_URL = re.compile(
    r"/(?:issues?|pulls?|merge_requests|commits?|browse|tickets?|bugs?|show_bug\.cgi|"
    r"work_?items?|tasks?|projects?|boards?|milestones?|discussions)\b|jira|linear\.app|"
    r"trello\.com|youtrack|bugzilla|crbug\.com|\bb/\d|phabricator|redmine|asana\.com",
    re.IGNORECASE)


def find_tracker(text: str) -> tuple[str, int, int] | None:
    """A ticket key or a link to an issue tracker; a link elsewhere (a wiki page, a blog
    post, a bounty programme) is no ticket."""
    for match in _TICKET.finditer(text):
        found = match.group(0)
        if not found.lower().startswith("http") or is_tracker_link(found):
            return found, match.start(), match.end()
    return None


def is_tracker_link(url: str) -> bool:
    return _TRACKER_URL.search(url) is not None


def is_commit_link(url: str) -> bool:
    """A link to a commit: the change it describes has been made."""
    return re.search(r"^https?://\S+/commits?/[0-9a-f]{7,40}\b", url) is not None
