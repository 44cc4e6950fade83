"""Finding rules: every rule, built-in or third-party, arrives through the
``postmortem_lint.rules`` entry-point group. An entry point names a callable that
returns rule classes (or a single rule class).

Scanning the installed distributions and importing every rule module is a large part of
a run the whole-file cache answers, which needs only the rules' codes and names: those
are kept in ``<cache dir>/rules.json`` (see :func:`rule_index`) while nothing they were
read from has changed.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

from postmortem_lint.engine.rule import Rule

GROUP = "postmortem_lint.rules"


class RegistryError(RuntimeError):
    pass


def rules_in_package(package: ModuleType) -> list[type[Rule]]:
    """Every concrete Rule subclass defined in a package's modules (for rule packs)."""
    found: dict[str, type[Rule]] = {}
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Rule) and value is not Rule
                    and getattr(value, "code", None) and value.__module__ == module.__name__):
                found[value.code] = value
    return sorted(found.values(), key=lambda rule: rule.code)


@cache
def all_rules() -> dict[str, type[Rule]]:
    """Code -> rule class, from every installed pack. Duplicate codes are an error."""
    rules: dict[str, type[Rule]] = {}
    points = entry_points(group=GROUP)
    if not points:
        # Running from a source tree that was never installed: use the built-in pack.
        from postmortem_lint.checks import builtin_rules

        return {rule.code: rule for rule in builtin_rules()}
    for point in points:
        try:
            loaded = point.load()
            provided: Iterable[type[Rule]] = loaded() if callable(loaded) and not (
                isinstance(loaded, type) and issubclass(loaded, Rule)) else [loaded]
        except Exception as error:  # a broken pack must not take the linter down
            raise RegistryError(f"rule pack {point.name!r} failed to load: {error}") from error
        for rule in provided:
            if rule.code in rules and rules[rule.code] is not rule:
                raise RegistryError(f"rule code {rule.code} is defined twice "
                                    f"({rules[rule.code].__module__}, {rule.__module__})")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


def find_rule(code_or_name: str) -> type[Rule] | None:
    wanted = code_or_name.strip()
    for rule in all_rules().values():
        if rule.code.lower() == wanted.lower() or rule.name == wanted:
            return rule
    return None


# -- the index of rule codes and names ------------------------------------------------------
_INDEX = "rules.json"
_INDEX_VERSION = 2


@dataclass(frozen=True)
class IndexedRule:
    """What selecting rules and keying the cache need to know of a rule, without its module."""

    code: str
    name: str
    needs_nlp: bool
    default_enabled: bool = True


def rule_index(cache_dir: Path | None) -> dict[str, IndexedRule]:
    """Code -> IndexedRule for every rule :func:`all_rules` finds, in the same order.

    With ``cache_dir`` it is read from ``rules.json`` there while the installed
    distributions (the mtimes of the ``sys.path`` folders, where each one's metadata
    folder lives) and the rule modules' folders and files are unchanged; otherwise, and
    whenever this process has already loaded the rules, it comes from :func:`all_rules`.
    """
    if cache_dir is None or all_rules.cache_info().currsize:
        return _index_of(all_rules())
    target = cache_dir / _INDEX
    environment = _environment()
    try:
        stored = json.loads(target.read_text(encoding="utf-8"))
        if stored["environment"] == environment and _unchanged(stored["files"]):
            return {code: IndexedRule(code, name, bool(nlp), bool(enabled))
                    for code, name, nlp, enabled in stored["rules"]}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    rules = all_rules()
    index = _index_of(rules)
    try:
        blob = json.dumps({"environment": environment, "files": _stamps(rules),
                           "rules": [[r.code, r.name, r.needs_nlp, r.default_enabled]
                                     for r in index.values()]})
        temp = target.with_name(f".{_INDEX}.{os.getpid()}")
        temp.write_text(blob, encoding="utf-8")
        os.replace(temp, target)  # write-then-rename: parallel runs never read half a file
    except (OSError, TypeError, ValueError):
        pass
    return index


def _index_of(rules: dict[str, type[Rule]]) -> dict[str, IndexedRule]:
    return {code: IndexedRule(code, rule.name, bool(rule.needs_nlp),
                              bool(getattr(rule, "default_enabled", True)))
            for code, rule in rules.items()}


def _environment() -> list[object]:
    from postmortem_lint import __version__

    folders = []
    for entry in sys.path:
        try:
            folders.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            folders.append([entry, None])
    return [_INDEX_VERSION, __version__, sys.version, folders]


def _stamps(rules: dict[str, type[Rule]]) -> list[list[object]]:
    """(path, mtime, size) of every file and folder the rules' modules live in: a rule added,
    removed, renamed or edited in any of them changes one."""
    paths: set[str] = set()
    for rule in rules.values():
        module = sys.modules.get(rule.__module__)
        file = getattr(module, "__file__", None)
        if not file:
            raise TypeError(f"rule {rule.code} has no module file")  # never cached
        folder = Path(file).parent
        top = rule.__module__.split(".")[0]
        paths.add(str(folder))
        paths.update(str(path) for path in folder.glob("*.py"))
        # the folders up to the top-level package: a new sub-package changes one of them
        for parent in folder.parents:
            if parent.name == top or not (parent / "__init__.py").exists():
                if parent.name == top:
                    paths.add(str(parent))
                break
            paths.add(str(parent))
    return [[path, *_stat(path)] for path in sorted(paths)]


def _stat(path: str) -> list[int | None]:
    try:
        stat = os.stat(path)
    except OSError:
        return [None, None]
    return [stat.st_mtime_ns, stat.st_size]


def _unchanged(files: list[list[object]]) -> bool:
    return bool(files) and all(_stat(str(path)) == [mtime, size] for path, mtime, size in files)
