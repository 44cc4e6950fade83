"""Rule data: the lexicons, synonyms and policies that rules read, kept as YAML.

The built-in files live in the top-level ``rules/`` folder (shipped inside the
wheel as ``postmortem_lint/_data/rules``). An organisation adds its own files
through the config's ``rule-data`` key; lists are extended and mappings merged,
so a pack only states what it adds.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class DepthPolicy(BaseModel):
    """Sections a postmortem must have when its severity level is at most ``max_level``."""

    model_config = ConfigDict(extra="forbid")

    name: str
    max_level: int = Field(description="Applies to severities at or above this one (0 = most severe).")
    required: list[str] = Field(description="Canonical section kinds that must be present.")
    five_whys: bool = Field(False, description="Whether a five-whys (or fishbone) analysis is expected.")
    timeline_resolution_minutes: int = Field(
        15, description="The coarsest timeline granularity acceptable at this severity.")


class RuleData(BaseModel):
    """One rule-pack file. Every key is optional; packs are merged in order."""

    model_config = ConfigDict(extra="forbid")

    version: int = 1
    sections: dict[str, list[str]] = Field(
        default_factory=dict, description="Canonical section kind -> heading phrases that mean it.")
    fields: dict[str, list[str]] = Field(
        default_factory=dict, description="Canonical field -> 'Key:' labels and YAML keys that mean it.")
    columns: dict[str, list[str]] = Field(
        default_factory=dict, description="Canonical table column -> header words that mean it.")
    severity: dict[str, int] = Field(
        default_factory=dict, description="Severity spelling (normalised, lower case) -> level.")
    priorities: dict[str, int] = Field(
        default_factory=dict, description="Priority spelling (lower case) -> rank (0 = most urgent).")
    priority_deadline_days: dict[int, int] = Field(
        default_factory=dict, description="Priority rank -> days after the incident by which it is due.")
    phases: dict[str, list[str]] = Field(
        default_factory=dict, description="Timeline phase -> words that mark an entry as that phase.")
    time_zones: dict[str, float] = Field(
        default_factory=dict, description="Zone abbreviation -> offset from UTC in hours.")
    statuses: dict[str, list[str]] = Field(default_factory=dict)
    action_types: dict[str, list[str]] = Field(default_factory=dict)
    vague_actions: list[str] = Field(
        default_factory=list, description="Action phrases that are too vague on their own.")
    specific_signals: list[str] = Field(
        default_factory=list,
        description="Words that make an otherwise vague action specific (a metric, threshold…).")
    placeholders: list[str] = Field(default_factory=list, description="Template text left unfilled.")
    depth: list[DepthPolicy] = Field(default_factory=list)
    blame: dict[str, list[str]] = Field(
        default_factory=dict, description="Blame lexicons by kind (see the blameless rules).")

    def merged(self, other: RuleData) -> RuleData:
        mine = self.model_dump()
        for key, value in other.model_dump(exclude_unset=True).items():
            mine[key] = _merge(mine.get(key), value)
        return RuleData.model_validate(mine)

    @property
    def fingerprint(self) -> str:
        """Changes whenever any lexicon changes; part of every cache key."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(out.get(key), value)
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


def builtin_data_dir() -> Path:
    """The built-in rule data: inside the wheel, or the repository's ``rules/`` folder."""
    packaged = Path(__file__).parent / "_data" / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def builtin_schema_dir() -> Path:
    packaged = Path(__file__).parent / "_data" / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "schemas"


class RuleDataError(ValueError):
    """A rule-data file that cannot be read or does not match the schema."""


def read_pack(path: Path) -> RuleData:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        raw = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError, UnicodeDecodeError) as error:
        raise RuleDataError(f"cannot read rule data {path.name}: {error}") from error
    try:
        return RuleData.model_validate(raw or {})
    except ValueError as error:
        raise RuleDataError(f"invalid rule data {path.name}: {error}") from error


@cache
def _builtin() -> RuleData:
    data = RuleData()
    for path in sorted(builtin_data_dir().glob("*.yaml")):
        data = data.merged(read_pack(path))
    return data


def load_rule_data(extra: tuple[str, ...] = ()) -> RuleData:
    """The built-in data merged with the organisation's extra pack files, in order."""
    data = _builtin()
    for name in extra:
        data = data.merged(read_pack(Path(name)))
    return data
