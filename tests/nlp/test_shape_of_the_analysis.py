"""The shape issue 11 asks of the blame analysis, checked so it stays that way: no function
in ``nlp/`` above complexity 15, no word list written in its code (the words live in
``rules/blame.yaml``), and no import cycle between its modules."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

NLP = REPO / "postmortem_lint" / "nlp"
PACKAGE = "postmortem_lint.nlp"
_MAX_COMPLEXITY = 15
_LIST_SIZE = 4  # English words in one collection that make it a word list
_WORD = re.compile(r"[a-z]{3,}")
# The sentence splitter's abbreviations ("e.g.", "approx.", "Dec.") are how English marks a
# period that ends no sentence: spelling, shared with the parsers, not words the blame
# analysis judges by.
_ORTHOGRAPHY = {f"{PACKAGE}.text"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in NLP.rglob("*.py"):
        parts = path.relative_to(NLP).with_suffix("").parts
        name = ".".join((PACKAGE, *parts))
        out[name.removesuffix(".__init__")] = path
    return out


def test_no_function_is_more_complex_than_15() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "C901", "--config",
         f"lint.mccabe.max-complexity={_MAX_COMPLEXITY}", str(NLP)],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def _word_lists(tree: ast.AST) -> list[int]:
    """Lines of collections holding four or more English words: lower-case words of three
    letters or more that are not spaCy's own labels ("nsubj", "compound", "det"). A tuple
    unpacked into names, ``__all__`` and ``__slots__`` name things, they list no words."""
    from spacy.glossary import GLOSSARY

    labels = {label.lower() for label in GLOSSARY}
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and (
                any(isinstance(t, ast.Tuple) for t in node.targets)
                or any(isinstance(t, ast.Name) and t.id in ("__all__", "__slots__")
                       for t in node.targets)):
            skipped.add(id(node.value))
    lines = []
    for node in ast.walk(tree):
        if id(node) in skipped or not isinstance(node, ast.Tuple | ast.List | ast.Set):
            continue
        words = [e.value for e in node.elts if isinstance(e, ast.Constant)
                 and isinstance(e.value, str) and _WORD.fullmatch(e.value)
                 and e.value not in labels]
        if len(words) >= _LIST_SIZE:
            lines.append(node.lineno)
    return lines


def test_no_word_list_is_written_in_the_code() -> None:
    """A collection of English words in nlp/ is a word list that belongs in the lexicon
    (``rules/blame.yaml``), where it is validated, documented and read once."""
    found = [f"{name}:{line}" for name, path in _modules().items() if name not in _ORTHOGRAPHY
             for line in _word_lists(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == []


def test_the_word_list_check_finds_a_word_list() -> None:
    tree = ast.parse('VERBS = ("forget", "neglect", "ignore", "overlook")\n'
                     'DEPS = ("nsubj", "dobj", "compound", "amod")\n')
    assert _word_lists(tree) == [1]


def _imports(name: str, path: Path) -> set[str]:
    """The nlp modules a module imports (at any depth in its code)."""
    modules = _modules()
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if node.level:
                package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
                for _ in range(node.level - 1):
                    package = package.rsplit(".", 1)[0]
                base = f"{package}.{node.module}"
            for alias in node.names:
                for candidate in (f"{base}.{alias.name}", base):
                    if candidate in modules:
                        out.add(candidate)
                        break
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names if alias.name in modules)
    out.discard(name)
    return out


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """A chain of imports that comes back to where it started, or [] (a package importing
    its own submodules, or a submodule its package, is no cycle)."""
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> list[str]:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if nxt.startswith(node + ".") or node.startswith(nxt + "."):
                continue
            if state.get(nxt) == "open":
                return [*trail, node, nxt]
            found = visit(nxt, [*trail, node]) if nxt not in state else []
            if found:
                return found
        state[node] = "done"
        return []

    for start in sorted(graph):
        found = visit(start, []) if start not in state else []
        if found:
            return found
    return []


def test_the_modules_import_each_other_without_a_cycle() -> None:
    assert _cycle({name: _imports(name, path) for name, path in _modules().items()}) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"p": {"p.x"}, "p.x": {"p"}}) == []
