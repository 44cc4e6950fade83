"""The built-in rules, one module per rule, grouped by family in sub-packages.

They are registered through the same entry point a third-party pack uses.
"""

from __future__ import annotations

from postmortem_lint.engine.rule import Rule


def builtin_rules() -> list[type[Rule]]:
    import postmortem_lint.checks as package
    from postmortem_lint.engine.registry import rules_in_package

    return rules_in_package(package)
