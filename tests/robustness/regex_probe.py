"""Finds every regular expression postmortem-lint uses and times it on adversarial text.

Run as a script (the test runs it in a subprocess, so a pattern that never returns can
be stopped): prints one line per pattern, ``START <id>`` before and ``DONE <id> <seconds>``
after, so the parent can name the pattern that hung.

Patterns come from three places: compiled patterns held by the package's modules (and the
objects in them), literal patterns passed to ``re.search``/``re.match``/… anywhere in the
source (found with ``ast``), and the patterns kept in rule data (sensitive data).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path

import postmortem_lint

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as parser
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

PACKAGE = Path(postmortem_lint.__file__).parent
_RE_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
             "split"}
RUN = 20_000  # characters per adversarial string: quadratic work here takes many seconds


Probe = tuple[re.Pattern[str], str]  # the pattern, and "search" or "match" (how it is used)


def module_patterns() -> dict[str, Probe]:
    """Compiled patterns held by modules; used with search unless proven otherwise."""
    found: dict[str, Probe] = {}
    for info in pkgutil.walk_packages([str(PACKAGE)], "postmortem_lint."):
        try:
            module = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - a module that cannot import has no patterns here
            continue
        for name, value in vars(module).items():
            candidates = [value]
            if isinstance(value, dict):
                candidates = list(value.values())
            elif isinstance(value, list | tuple):
                candidates = list(value)
            for candidate in candidates:
                if isinstance(candidate, re.Pattern) and isinstance(candidate.pattern, str):
                    found.setdefault(f"{info.name}.{name}", (candidate, "search"))
    return found


def literal_patterns() -> dict[str, Probe]:
    """Constant patterns in ``re.<call>(pattern, …)`` calls anywhere in the package."""
    found: dict[str, Probe] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in _RE_CALLS and node.args):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                flags = 0
                for keyword in node.keywords:
                    if keyword.arg == "flags" and isinstance(keyword.value, ast.Attribute):
                        flags |= getattr(re, keyword.value.attr, 0)
                for extra in node.args[2:]:
                    if isinstance(extra, ast.Attribute) and extra.attr in ("I", "IGNORECASE"):
                        flags |= re.IGNORECASE
                relative = path.relative_to(PACKAGE.parent).as_posix()
                try:
                    mode = "match" if node.func.attr in ("match", "fullmatch") else "search"
                    found.setdefault(f"{relative}:{node.lineno}",
                                     (re.compile(first.value, flags), mode))
                except re.error:
                    continue
    return found


def rule_data_patterns() -> dict[str, Probe]:
    from postmortem_lint.ruledata import load_rule_data

    data = load_rule_data(())
    found: dict[str, Probe] = {}
    for index, kind in enumerate(getattr(data, "sensitive_data", [])):
        found[f"rules:sensitive_data[{index}] {kind.label}"] = (re.compile(kind.pattern),
                                                                 "search")
    return found


def all_patterns() -> dict[str, Probe]:
    """Every pattern once (by text, flags and use), under the first name it was found by."""
    patterns: dict[str, Probe] = {}
    seen: set[tuple[str, int, str]] = set()
    for source in (module_patterns(), literal_patterns(), rule_data_patterns()):
        for name, (pattern, mode) in source.items():
            key = (pattern.pattern, pattern.flags, mode)
            if key not in seen:
                seen.add(key)
                patterns[name] = (pattern, mode)
    return patterns


def _characters(pattern: re.Pattern[str]) -> list[str]:
    """Characters the pattern matches literally or in its classes."""
    chars: list[str] = []

    def add(char: str) -> None:
        if char not in chars and char != "\n":
            chars.append(char)

    def walk(items: object) -> None:
        for op, value in items:  # type: ignore[attr-defined]
            if op is sre_constants.LITERAL:
                add(chr(value))
            elif op is sre_constants.IN:
                for sub_op, sub_value in value:
                    if sub_op is sre_constants.LITERAL:
                        add(chr(sub_value))
                    elif sub_op is sre_constants.RANGE:
                        low, high = sub_value
                        add(chr(low))
                        add(chr(high))
                    elif sub_op is sre_constants.CATEGORY:
                        add({"CATEGORY_DIGIT": "7", "CATEGORY_SPACE": " ",
                             "CATEGORY_WORD": "a"}.get(str(sub_value).split(".")[-1], "a"))
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT,
                        sre_constants.POSSESSIVE_REPEAT if hasattr(
                            sre_constants, "POSSESSIVE_REPEAT") else sre_constants.MAX_REPEAT):
                walk(value[2])
            elif op is sre_constants.SUBPATTERN:
                walk(value[-1])
            elif op is sre_constants.BRANCH:
                for branch in value[1]:
                    walk(branch)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(value[1])
            elif op is sre_constants.CATEGORY:
                add({"CATEGORY_DIGIT": "7", "CATEGORY_SPACE": " "}.get(
                    str(value).split(".")[-1], "a"))

    walk(parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
    for char in " a7\t.:-":
        add(char)
    return chars


def adversarial(pattern: re.Pattern[str], size: int = RUN) -> list[str]:
    """Long runs of each character the pattern repeats, of pairs of them, and of them all,
    each ending in a character that makes the match fail late."""
    chars = _characters(pattern)[:24]
    texts = []
    for char in chars:
        texts.append(char * size + "\x00")
    for first, second in zip(chars, chars[1:], strict=False):
        texts.append((first + second) * (size // 2) + "\x00")
    texts.append(("".join(chars)) * (size // max(len(chars), 1)) + "\x00")
    return texts


def _seconds(pattern: re.Pattern[str], mode: str, text: str) -> float:
    start = time.perf_counter()
    if mode == "search":
        for _ in pattern.finditer(text):
            pass
    pattern.match(text)
    pattern.fullmatch(text)
    return time.perf_counter() - start


# Growth above this flags a pattern: linear work grows about 2 when the text doubles,
# quadratic about 4; this is their geometric middle (2 * sqrt 2). The canary test and the
# probe read this one number.
QUADRATIC_GROWTH = 2.8


def is_quadratic(growth: float) -> bool:
    return growth > QUADRATIC_GROWTH


def probe(pattern: re.Pattern[str], mode: str) -> tuple[float, float]:
    """(total seconds, growth): growth is how much slower the worst text gets when it is
    twice as long; about 2 for linear work, 4 for quadratic."""
    texts = adversarial(pattern)
    times = [(_seconds(pattern, mode, text), index) for index, text in enumerate(texts)]
    total = sum(seconds for seconds, _ in times)
    worst, index = max(times)
    if worst < 0.02:  # too fast to be worth measuring growth: linear on 20,000 characters
        return total, 1.0
    # The fastest of three runs of each: a busy machine slows single runs unevenly. A growth
    # that looks quadratic is measured again (up to three rounds): real quadratic work grows
    # about 4 every time, while a burst of load on a shared machine does not repeat.
    text, longer_text = texts[index], adversarial(pattern, RUN * 2)[index]
    growth = 0.0
    for _ in range(3):
        worst = min(worst, *(_seconds(pattern, mode, text) for _ in range(2)))
        longer = min(_seconds(pattern, mode, longer_text) for _ in range(3))
        growth = longer / worst
        if not is_quadratic(growth):
            break
    return total, growth


def main() -> int:
    patterns = all_patterns()
    print(f"PATTERNS {len(patterns)}", flush=True)
    bad = 0
    for name, (pattern, mode) in sorted(patterns.items()):
        print(f"START {name}", flush=True)
        total, growth = probe(pattern, mode)
        quadratic = is_quadratic(growth)
        bad += quadratic
        print(f"{'SLOW' if quadratic else 'DONE'} {name} {total:.3f}s growth={growth:.1f} "
              f"{pattern.pattern!r}", flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
