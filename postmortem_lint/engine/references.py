"""What users write to name rules, wherever they write it (config, command line, suppression
comments): a code in any case (``PM301``, ``pm301``), a code prefix (``PM3``), a rule name
(``timeline-zone-missing``) or ``ALL``.

A reference that names no rule is always an error: a typo must never select nothing,
ignore nothing or suppress everything without a word.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Protocol

ALL = "ALL"


class NamedRule(Protocol):
    """A rule class or an index entry: anything with a code and a name."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...


def matches(reference: str, code: str, name: str) -> bool:
    """Whether ``reference`` names the rule ``code``/``name``."""
    wanted = reference.strip()
    return (wanted.upper() == ALL or bool(wanted) and code.upper().startswith(wanted.upper())
            or wanted.lower() == name.lower())


def resolve(reference: str, rules: Iterable[NamedRule]) -> list[str]:
    """The codes of the rules ``reference`` names (empty: it names none)."""
    return [rule.code for rule in rules if matches(reference, rule.code, rule.name)]


def exact(reference: str, rules: Iterable[NamedRule]) -> str | None:
    """The code of the one rule ``reference`` names by its full code or name."""
    wanted = reference.strip()
    return next((rule.code for rule in rules if rule.code.upper() == wanted.upper()
                 or rule.name.lower() == wanted.lower()), None)


_LOOKALIKES = str.maketrans("OoIlL", "00111")


def did_you_mean(reference: str, rules: Iterable[NamedRule]) -> str:
    """`` (did you mean 'PM301'?)`` for the closest code or name, or an empty string."""
    listed = list(rules)
    wanted = reference.strip()
    # A letter typed for the digit it looks like ("PM3O1", "PM2l1") names that code.
    digits = wanted[:2].upper() + wanted[2:].translate(_LOOKALIKES)
    if any(rule.code == digits for rule in listed):
        return f" (did you mean '{digits}'?)"
    candidates = difflib.get_close_matches(wanted.upper(), [r.code for r in listed], n=3,
                                           cutoff=0.6)
    candidates += difflib.get_close_matches(wanted.lower(), [r.name for r in listed], n=3,
                                            cutoff=0.6)
    if not candidates:
        return ""
    # Equal ratios ("PM3O1" is as close to PM312 as to PM301) go to the option with more
    # characters in the same places: a typo replaces a character, it does not move others.
    best = max(candidates, key=lambda option: (difflib.SequenceMatcher(
        None, wanted.lower(), option.lower()).ratio(), sum(
        a == b for a, b in zip(wanted.lower(), option.lower(), strict=False))))
    return f" (did you mean '{best}'?)"


def unknown(reference: str, rules: Iterable[NamedRule]) -> str | None:
    """A message when ``reference`` names no rule, else None."""
    listed = list(rules)
    if resolve(reference, listed):
        return None
    return (f"{reference!r} matches no rule code, prefix or name"
            f"{did_you_mean(reference, listed)}")
