"""The engine: read -> parse -> run the selected rules -> suppress -> findings.

It knows rules only through the registry, and reporters only see its results.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import traceback
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

from postmortem_lint import __version__
from postmortem_lint.engine import references
from postmortem_lint.engine.cache import ResultCache, json_key, prepare_cache_dir
from postmortem_lint.engine.config import (
    Config,
    ConfigError,
    LoadedConfig,
    check_rule_references,
)
from postmortem_lint.engine.finding import FINDING_FORMAT, FileResult, Finding, Level, Problem
from postmortem_lint.engine.registry import IndexedRule, all_rules, rule_index
from postmortem_lint.model.span import Span
from postmortem_lint.ruledata import RuleData, RuleDataError, load_rule_data
from postmortem_lint.sources.reading import ReadProblem, SourceText, decode, read_source

if TYPE_CHECKING:
    from postmortem_lint.engine.rule import Rule
    from postmortem_lint.model import Postmortem
    from postmortem_lint.model.facts import IncidentFacts

# What parsing and checking a file needs (the parsers, the rules, the document model) is
# imported on the first file the whole-file cache does not answer: a warm run skips it.

# Codes the engine itself reports (each is also a documented rule).
READ_CODES = {"PM001", "PM004", "PM005", "PM006"}
UNUSED_SUPPRESSION = "PM007"
INVALID_SUPPRESSION = "PM009"
RULE_CRASHED = "PM008"
INVALID_YAML = "PM002"
FILE_FAMILY = "PM0"  # problems with the file itself: reading, YAML, suppressions


def _matches(code: str, name: str, patterns: list[str], *, explicit: bool = False) -> bool:
    """Whether a pattern names the rule; with ``explicit``, ALL does not count."""
    return any(references.matches(pattern, code, name)
               and not (explicit and pattern.strip().upper() == references.ALL)
               for pattern in patterns)


def _selected_codes(rules: Any, config: Config, extra_select: list[str] | None,
                    extra_ignore: list[str] | None) -> list[str]:
    """The codes of the selected rules (classes or IndexedRule: each has a code, a name and
    ``default_enabled``). A rule that is not enabled by default runs only when a pattern
    other than ALL selects it."""
    select = (extra_select or config.select) + config.extend_select
    ignore = config.ignore + (extra_ignore or [])
    return [rule.code for rule in rules
            if _matches(rule.code, rule.name, select,
                        explicit=not getattr(rule, "default_enabled", True))
            and not _matches(rule.code, rule.name, ignore)]


class MetricsExtension(Protocol):
    """Adds metrics derived from the parsed document to every linted file's result, so a
    consumer such as ``audit`` gets them from the whole-file cache without re-parsing.

    ``key`` names the metrics entry and is part of the cache salt: bump it when the
    extension's output changes."""

    key: str

    def __call__(self, document: Postmortem, facts: IncidentFacts,
                 data: RuleData) -> dict[str, Any]: ...


class Linter:
    """Lints files with one configuration. Holds no per-document state."""

    def __init__(self, loaded: LoadedConfig, *, select: list[str] | None = None,
                 ignore: list[str] | None = None, use_cache: bool = True,
                 today: dt.date | None = None, debug: bool = False,
                 extension: MetricsExtension | None = None):
        self.loaded = loaded
        self.config = loaded.config
        self.today = today or dt.date.today()
        self.debug = debug
        try:
            self.data: RuleData = load_rule_data(tuple(
                str(loaded.root / name) for name in self.config.rule_data),
                cache_dir=self.cache_dir if use_cache else None)
        except RuleDataError as error:
            raise ConfigError(str(error)) from error
        try:
            self.frameworks = tuple(self.data.frameworks_for(self.config.industry,
                                                             self.config.frameworks))
        except ValueError as error:
            raise ConfigError(f"invalid config: {error}") from error
        # Codes and names come from the rule index, so a run the cache answers imports no
        # rule module; configured rule options are still validated here, up front.
        index: dict[str, IndexedRule] = rule_index(self.cache_dir if use_cache and not
                                                   self.config.rules else None)
        check_rule_references(loaded, index.values())
        self._levels = {references.exact(name, index.values()): level
                        for name, level in self.config.severity.items()}
        self._options = {references.exact(name, index.values()): options
                         for name, options in self.config.rules.items()}
        self._selected = _selected_codes(index.values(), self.config, select, ignore)
        self.active_codes = set(self._selected)
        if self.config.rules:
            _ = self.rules
        self.nlp = None
        analysis = ""
        if any(index[code].needs_nlp for code in self._selected):
            from postmortem_lint.nlp import NlpService
            from postmortem_lint.nlp.service import analysis_version

            config = self.config
            self.nlp = NlpService(model=config.nlp_model, cache_dir=self.cache_dir
                                  if use_cache else None, data=self.data,
                                  second_opinion=config.blame_second_opinion_threshold
                                  if config.blame_second_opinion else None)
            # A whole-file result must not outlive a change to the sentence analysis.
            analysis = analysis_version()
        salt = json_key(__version__, self.config.fingerprint, self.data.fingerprint,
                        sorted(self.active_codes), self.today.isoformat(), analysis,
                        FINDING_FORMAT)
        self.extension = extension
        if extension is not None:
            salt = json_key(salt, extension.key)
        self.cache = ResultCache(self.cache_dir if use_cache else None, salt)

    @cached_property
    def rules(self) -> list[Rule]:
        """The selected rules, instantiated with their options (imports the rule modules)."""
        rules = all_rules()
        return [self._instantiate(rules[code]) for code in self._selected if code in rules]

    @property
    def cache_dir(self) -> Path | None:
        configured = self.config.cache_dir
        folder = Path(configured) if configured else Path(".postmortem-lint-cache")
        if not folder.is_absolute():
            folder = default_cache_root(self.loaded) / folder
        return prepare_cache_dir(folder)

    def _instantiate(self, rule: type[Rule]) -> Rule:
        raw = self._options.get(rule.code) or {}
        try:
            return rule(rule.Options.model_validate(raw))
        except ValidationError as error:
            first = error.errors()[0]
            key = ".".join(str(part) for part in first["loc"])
            raise ConfigError(f"invalid option '{key}' for rule {rule.code} ({rule.name}): "
                              f"{first['msg']}") from error

    # -- entry points --------------------------------------------------------------------
    def lint_path(self, path: Path, shown_as: str | None = None) -> FileResult:
        shown = shown_as or path.as_posix()
        source = read_source(path, shown, self.config.max_file_size)
        return self._lint_source(source, shown, self.loaded.relative(path))

    def lint_bytes(self, data: bytes, shown_as: str) -> FileResult:
        """Lint text given as bytes, reported (and matched by ``per-file-ignores``) as the
        file ``shown_as``, e.g. an editor buffer passed with ``--stdin-filename``."""
        source = decode(data, shown_as)
        return self._lint_source(source, shown_as, self.loaded.relative(Path(shown_as)))

    # -- the pipeline ----------------------------------------------------------------------
    def _lint_source(self, source: SourceText | ReadProblem, shown: str,
                     relative: str) -> FileResult:
        if isinstance(source, ReadProblem):
            return self._read_failure(source, shown)
        key = self.cache.key(f"{shown}\0{relative}", source.digest)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        result = self._lint_text(source, shown, relative)
        self.cache.put(key, result)
        return result

    def _read_failure(self, problem: ReadProblem, shown: str) -> FileResult:
        result = FileResult(path=shown, skipped=problem.message)
        if problem.code in self.active_codes:
            rule = all_rules()[problem.code]
            result.findings.append(self._finding(rule, Problem(
                span=Span.point(problem.line, problem.column), message=problem.message), shown))
        return result

    def _lint_text(self, source: SourceText, shown: str, relative: str) -> FileResult:
        from postmortem_lint.engine.fold import fold
        from postmortem_lint.engine.redact import redact_findings, sensitive_values
        from postmortem_lint.engine.rule import RuleContext
        from postmortem_lint.engine.suppress import apply_suppressions
        from postmortem_lint.model.facts import incident_facts

        try:
            document = parse(source, self.data)
        except Exception as error:  # a parser bug must not stop the run over other files
            return self._parser_crashed(error, shown)
        for problem in source.problems:
            document.problems.append(_as_parse_problem(problem))
        ctx = RuleContext(document=document, data=self.data, nlp=self.nlp, today=self.today,
                          frameworks=self.frameworks)
        raw: list[tuple[str, Problem]] = []
        for rule in self.rules:
            try:
                raw += [(rule.code, problem) for problem in rule.check(ctx)]
            except Exception as error:  # a broken rule must not hide the others' findings
                detail = traceback.format_exc() if self.debug else f"{type(error).__name__}: " \
                    f"{error}"
                raw.append((RULE_CRASHED, Problem(
                    span=Span.point(1), message=f"rule {rule.code} ({rule.name}) crashed: "
                    f"{detail}".strip(), hint="report this to the rule's authors")))
        if any(problem.code == INVALID_YAML for problem in document.problems):
            raw = _without_consequences(raw, document)
        lines = source.lines
        rules = all_rules()
        outcome = apply_suppressions(
            raw, document.suppressions, document.line_count, lines, self.active_codes,
            resolve=lambda reference: references.resolve(reference, rules.values()),
            known=lambda reference: references.did_you_mean(reference, rules.values()))
        kept = outcome.kept
        if UNUSED_SUPPRESSION in self.active_codes:
            kept += [(UNUSED_SUPPRESSION, problem) for problem in outcome.unused]
        if INVALID_SUPPRESSION in self.active_codes:
            kept += [(INVALID_SUPPRESSION, problem) for problem in outcome.invalid]
        ignored = self._ignored_in(relative, rules)
        kept = fold([(code, problem) for code, problem in kept if code not in ignored])
        findings = [self._finding(rules.get(code), problem, shown, code)
                    for code, problem in kept]
        findings = [_clamped(finding, document.line_count, lines) for finding in findings]
        # Whatever a rule quotes, a secret or personal data never leaves in a finding.
        secrets = sensitive_values([source.text, *(prose.text for prose in document.prose)],
                                   self.data)
        findings = redact_findings(findings, secrets)
        findings.sort(key=lambda f: (f.span.line, f.span.column, f.code))
        silenced = [self._finding(rules.get(code), problem, shown, code).model_copy(
            update={"justification": reason}) for code, problem, reason in outcome.silenced
            if code not in ignored]
        facts = incident_facts(document)
        metrics: dict[str, Any] = facts.as_metrics()
        day = document.meta.incident_date
        metrics["incident_date"] = day.value.isoformat() if day is not None else None
        metrics["incident_date_source"] = document.meta.incident_date_source
        # What the document is, and the line that shows it when it is not a postmortem
        # (depth rules have nothing to ask of a status update or a note deferring it).
        metrics["document_kind"] = document.kind.value
        metrics["document_kind_line"] = document.meta.kind.span.line \
            if document.meta.kind is not None else None
        if self.extension is not None:
            metrics[self.extension.key] = self.extension(document, facts, self.data)
        return FileResult(path=shown, findings=_dedupe(findings), metrics=metrics,
                          suppressed=redact_findings(_dedupe(silenced), secrets))

    def _ignored_in(self, relative: str, rules: dict[str, type[Rule]]) -> set[str]:
        """Codes ``per-file-ignores`` turns off for a file (its path relative to the config)."""
        name = relative.rsplit("/", 1)[-1]
        return {code for pattern, values in self.config.per_file_ignores.items()
                if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern)
                for value in values for code in references.resolve(value, rules.values())}

    def _parser_crashed(self, error: Exception, shown: str) -> FileResult:
        detail = traceback.format_exc() if self.debug else f"{type(error).__name__}: {error}"
        rule = all_rules().get(RULE_CRASHED)
        return FileResult(path=shown, skipped="the parser failed", findings=[self._finding(
            rule, Problem(span=Span.point(1), message=f"could not parse the file: {detail}"
                          .strip()[:2000], hint="report this to postmortem-lint's authors"),
            shown, RULE_CRASHED)])

    def _finding(self, rule: type[Rule] | None, problem: Problem, shown: str,
                 code: str | None = None) -> Finding:
        code = code or (rule.code if rule else "PM000")
        level = self._levels.get(code) or (rule.level if rule else Level.error)
        return Finding(code=code, rule=rule.name if rule else "internal", level=level,
                       message=problem.message, hint=problem.hint, path=shown, span=problem.span,
                       related=problem.related, fix=problem.fix, also=problem.also)


def _without_consequences(raw: list[tuple[str, Problem]], document: Postmortem
                          ) -> list[tuple[str, Problem]]:
    """Drop what follows from YAML that could not be read: a YAML postmortem is lost as a
    whole, and broken front matter may hold the fields that "missing X" findings miss."""
    def kept(code: str, problem: Problem) -> bool:
        if code.startswith(FILE_FAMILY):
            return True
        return document.format != "yaml" and problem.span != document.top

    return [(code, problem) for code, problem in raw if kept(code, problem)]


def parse(source: SourceText, data: RuleData) -> Postmortem:
    """The parsers' entry point, imported when the first file is parsed."""
    from postmortem_lint.parsers import parse as parse_document

    return parse_document(source, data)


def _as_parse_problem(problem: ReadProblem):  # noqa: ANN202
    from postmortem_lint.model import ParseProblem

    return ParseProblem(code=problem.code, message=problem.message,
                        span=Span.point(problem.line, problem.column))


def _clamped(finding: Finding, line_count: int, lines: list[str]) -> Finding:
    """Positions always lie inside the document, whatever a rule computed."""
    fixed = _clamped_span(finding.span, line_count, lines)
    related = [_clamped_span(span, line_count, lines) for span in finding.related]
    if fixed == finding.span and related == finding.related:
        return finding
    return finding.model_copy(update={"span": fixed, "related": related})


def _clamped_span(span: Span, line_count: int, lines: list[str]) -> Span:
    line = min(max(span.line, 1), max(line_count, 1))
    end_line = min(max(span.end_line, line), max(line_count, 1))
    width = len(lines[line - 1]) if 0 < line <= len(lines) else 0
    column = min(max(span.column, 1), width + 1)
    end_width = len(lines[end_line - 1]) if 0 < end_line <= len(lines) else 0
    end_column = min(max(span.end_column, 1), end_width + 1)
    if end_line == line and end_column <= column:
        end_column = column + 1 if column <= width else column
    fixed = Span(line=line, column=column, end_line=end_line, end_column=end_column)
    return span if fixed == span else fixed


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for finding in findings:
        key = (finding.code, finding.span.line, finding.span.column, finding.message)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def default_cache_root(loaded: LoadedConfig) -> Path:
    """Where the cache lives: next to the config; without one, at the root of the git
    repository of the working directory; else in the user's cache folder. Never in
    whichever folder the command happens to run from."""
    if loaded.path is not None:
        return loaded.root
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "postmortem-lint"


class LinterPool:
    """One :class:`Linter` per config, so that each file is linted with its closest config.
    Building one validates its config: a config error surfaces as :class:`ConfigError`."""

    def __init__(self, finder: ConfigFinderLike, **options: Any):
        self.finder = finder
        self.options = options
        self._linters: dict[Path | None, Linter] = {}

    def for_file(self, path: Path) -> Linter:
        loaded = self.finder.for_file(path)
        if loaded.path not in self._linters:
            self._linters[loaded.path] = Linter(loaded, **self.options)
        return self._linters[loaded.path]


class ConfigFinderLike(Protocol):
    def for_file(self, path: Path) -> LoadedConfig: ...
