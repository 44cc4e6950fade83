"""Finding rules: every rule, built-in or third-party, arrives through the
``postmortem_lint.rules`` entry-point group. An entry point names a callable that
returns rule classes (or a single rule class)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import cache
from importlib.metadata import entry_points
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
