"""Hypothesis strategies that build hostile postmortems: Markdown from real parts (front
matter, headings, tables, lists, code, comments, quotes), YAML trees, and raw bytes."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

# Characters that stress positions and matching: markup, separators, invisible marks,
# right-to-left text, astral-plane emoji, NUL and other controls, line-ending leftovers.
TRICKY = ("|", ":", "-", "*", "_", "`", "#", ">", "[", "]", "(", ")", "<", "!", "\\", "\t",
          "\u200b", "\u200d", "\u200e", "\u202e", "\u2066", "\ufeff", "\u00ad", "\u05d0",
          "\u0627", "🔥", "👩\u200d💻", "é", "ß", "\x00", "\x0b", "\x0c", "\x1b", "\r", "\u2028",
          "\ufffd", "：", "–", "—", "'", '"', "@", "&", "%", "{", "}", ",", "=", "/")

WORDS = ("TBD", "careless", "deploy", "UTC", "PST", "+02:00", "Z", "14:32", "2026-03-04",
         "2026-02-30", "Mar 4", "sev-2", "SEV-9", "P1", "owner", "@alice", "JIRA-12",
         "https://x.test/a", "postmortem-lint:", "disable=PM301", "why", "due", "status:",
         "rollback", "detected", "mitigated", "resolved", "alert", "14:32:07.123", "9am",
         "2026/03/04", "tomorrow", "api_key=sk_live_0123456789abcdef", "jane@example.com")

word = st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=8),
                 st.sampled_from(TRICKY))
inline = st.lists(word, max_size=12).map(" ".join)

HEADINGS = ("Summary", "Impact", "Timeline", "Timeline (UTC)", "Root cause", "Action items",
            "Five whys", "Contributing factors", "What went well", "What went wrong",
            "Where we got lucky", "Follow-up review", "Lessons learned", "Appendix",
            "Detection", "Incident details")
COLUMNS = ("Time (UTC)", "Time", "Event", "Phase", "Date", "Owner", "Due", "Priority",
           "Status", "Action", "Type", "Ticket", "Factor", "Score", "Field", "Value", "#")
FIELDS = ("Title", "Severity", "Date", "Start", "End", "Status", "Audience", "Authors",
          "Owner", "Services", "Users affected", "Duration", "SLA breached", "Review date",
          "Date written", "Security", "Revenue", "Incident", "Detection")
TIMES = ("14:32", "14:32 UTC", "2026-03-04 14:32 UTC", "2026-03-04T14:32Z", "9:05pm PST",
         "14:32 (UTC+2)", "25:61", "Mar 4, 2026 09:00 Europe/Paris", "14:32:07+05:30",
         "2026-02-30 10:00", "10 am", "")


@st.composite
def key_value(draw: st.DrawFn) -> str:
    return f"{draw(st.sampled_from(FIELDS))}: {draw(st.one_of(inline, st.sampled_from(TIMES)))}"


@st.composite
def timeline_line(draw: st.DrawFn) -> str:
    sep = draw(st.sampled_from([" — ", " - ", " | ", ": ", " ", "—"]))
    return f"{draw(st.sampled_from(TIMES))}{sep}{draw(inline)}"


line_text = st.one_of(inline, key_value(), timeline_line())


@st.composite
def heading(draw: st.DrawFn) -> str:
    level = draw(st.integers(1, 7))
    title = draw(st.one_of(st.sampled_from(HEADINGS), inline))
    return "#" * level + " " + title


@st.composite
def table(draw: st.DrawFn) -> str:
    width = draw(st.integers(1, 5))
    header = draw(st.lists(st.one_of(st.sampled_from(COLUMNS), inline), min_size=width,
                           max_size=width))
    rows = draw(st.lists(st.lists(st.one_of(line_text, st.sampled_from(TIMES)),
                                  min_size=0, max_size=width + 1), max_size=6))
    out = ["| " + " | ".join(h.replace("\n", " ") for h in header) + " |",
           "|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"]))
                          for _ in header) + "|"]
    for row in rows:
        out.append("| " + " | ".join(c.replace("\n", " ") for c in row) + " |")
    return "\n".join(out)


@st.composite
def list_block(draw: st.DrawFn) -> str:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        depth = draw(st.integers(0, 3))
        marker = draw(st.sampled_from(["- ", "* ", "1. ", "2) ", "- [ ] ", "- [x] ", "+ "]))
        out.append("  " * depth + marker + draw(line_text))
    return "\n".join(out)


@st.composite
def yaml_tree(draw: st.DrawFn, max_leaves: int = 25) -> Any:
    """A Python tree (dicts, lists, scalars) with postmortem keys; dumped by ruamel below."""
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                        st.floats(allow_nan=True, allow_infinity=True), inline,
                        st.sampled_from(TIMES), st.dates(), st.datetimes(),
                        st.text(max_size=30))
    keys = st.one_of(st.sampled_from(FIELDS + HEADINGS + ("timeline", "action items",
                                                          "incident", "impact", "follow-up")),
                     st.text(min_size=1, max_size=12))
    entry = st.fixed_dictionaries({"time": st.sampled_from(TIMES), "event": inline},
                                  optional={"phase": st.sampled_from(
                                      ["onset", "detection", "bogus"])})
    leaf = st.one_of(scalars, entry)
    tree = st.recursive(leaf, lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=5)),
        max_leaves=max_leaves)
    return draw(st.dictionaries(keys, tree, max_size=8))


def dump_yaml(tree: Any) -> str:
    stream = io.StringIO()
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.dump(tree, stream)
    return stream.getvalue()


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    body = draw(st.one_of(st.builds(dump_yaml, yaml_tree(max_leaves=8)), yaml_ish()))
    return "---\n" + body + ("" if body.endswith("\n") else "\n") + "---"


@st.composite
def code_block(draw: st.DrawFn) -> str:
    fence = draw(st.sampled_from(["```", "~~~", "````"]))
    body = "\n".join(draw(st.lists(line_text, max_size=4)))
    closed = draw(st.booleans())
    return f"{fence}{draw(st.sampled_from(['', 'text', 'yaml', 'log']))}\n{body}" + \
        (f"\n{fence}" if closed else "")


@st.composite
def html_comment(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["disable", "enable", "disable-next-line", "disable-line",
                                 "disable-file", "bogus"]))
    codes = draw(st.sampled_from(["", "=PM301", "=PM301,PM002", "=", "=ALL"]))
    closed = draw(st.booleans())
    return f"<!-- postmortem-lint: {kind}{codes} " + ("-->" if closed else "")


@st.composite
def quote(draw: st.DrawFn) -> str:
    depth = draw(st.integers(1, 3))
    return "\n".join("> " * depth + line for line in draw(st.lists(line_text, min_size=1,
                                                                    max_size=3)))


block = st.one_of(heading(), table(), list_block(), code_block(), html_comment(), quote(),
                  line_text, st.just(""), st.just("---"), st.just("<div>\n"))


@st.composite
def markdown_document(draw: st.DrawFn) -> str:
    parts = [draw(front_matter())] if draw(st.booleans()) else []
    parts += draw(st.lists(block, max_size=14))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = "\n\n".join(parts) if draw(st.booleans()) else "\n".join(parts)
    return text.replace("\n", newline)


@st.composite
def yaml_ish(draw: st.DrawFn) -> str:
    """Text that looks like YAML: indentation, anchors, aliases, tags, flow collections."""
    pieces = st.one_of(
        st.sampled_from(["key: value", "- item", "? complex", "&a [1, 2]", "*a", "!!str x",
                         "!!python/object/apply:os.system ['true']", "{a: 1, b: [2, {c: 3}]}",
                         "|", ">-", "'quoted ''x'''", '"esc \\x41 \\u263a"', "%YAML 1.1",
                         "---", "...", "<<: *a", "timeline:", "  - time: 14:32",
                         "    event: x", "date: 2026-02-30", "severity: [1, 2]", "\t- tab",
                         "!!binary AAAA", "!!timestamp 2026-13-45", "0o777", "1e999",
                         "!!float .nan", "&x", "*undefined", "[[[[[", "}}}}", "a: b: c"]),
        inline, st.text(max_size=20))
    lines = draw(st.lists(st.tuples(st.integers(0, 6), pieces), max_size=15))
    return "\n".join(" " * indent + text for indent, text in lines)


@st.composite
def yaml_document(draw: st.DrawFn) -> str:
    return draw(st.one_of(st.builds(dump_yaml, yaml_tree()), yaml_ish()))
