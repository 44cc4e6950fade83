"""The linters the server keeps: one pair per configuration, found as ``check`` finds it.

Each pair is a structural linter (every selected rule that needs no spaCy) and the full
one. Until spaCy has loaded, in a background thread started with the server, documents
get the structural findings; once it is ready, the full ones.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from postmortem_lint.engine.config import CONFIG_FILES, LoadedConfig, discover
from postmortem_lint.engine.finding import FileResult
from postmortem_lint.engine.registry import all_rules
from postmortem_lint.engine.runner import Linter
from postmortem_lint.sources.discovery import walk_skip_reason

log = logging.getLogger(__name__)


@dataclass
class LinterPair:
    full: Linter
    structural: Linter
    nlp_ready: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def build(cls, loaded: LoadedConfig, use_cache: bool) -> LinterPair:
        full = Linter(loaded, use_cache=use_cache)
        rules = all_rules()
        nlp_codes = [code for code in full.active_codes
                     if code in rules and rules[code].needs_nlp]
        pair = cls(full, Linter(loaded, ignore=nlp_codes, use_cache=use_cache)
                   if nlp_codes else full)
        if full.nlp is None:
            pair.nlp_ready.set()
        return pair

    def load_nlp(self) -> None:
        """Load spaCy (once per model: the pipeline loader caches it)."""
        try:
            if self.full.nlp is not None:
                self.full.nlp.analyzer()
        except Exception as error:  # no model installed: keep the structural findings
            log.warning("spaCy could not be loaded: %s", error)
            self.full = self.structural
        self.nlp_ready.set()


class LinterPool:
    """Linters by configuration file; spaCy loads in one background thread."""

    def __init__(self, use_cache: bool = True,
                 on_nlp_ready: Callable[[], None] | None = None) -> None:
        self.use_cache = use_cache
        self.on_nlp_ready = on_nlp_ready
        self._pairs: dict[Path | None, LinterPair] = {}
        self._lock = threading.Lock()

    def pair_for(self, path: Path) -> LinterPair:
        loaded = discover(path)
        with self._lock:
            pair = self._pairs.get(loaded.path)
            if pair is None:
                pair = LinterPair.build(loaded, self.use_cache)
                self._pairs[loaded.path] = pair
                if not pair.nlp_ready.is_set():
                    threading.Thread(target=self._load, args=(pair,), daemon=True,
                                     name="postmortem-lint-spacy").start()
            return pair

    def _load(self, pair: LinterPair) -> None:
        pair.load_nlp()
        if self.on_nlp_ready is not None:
            self.on_nlp_ready()

    def lint(self, path: Path, text: str) -> tuple[FileResult, bool]:
        """The findings for ``text`` as the file at ``path``, and whether they are complete
        (False: spaCy is still loading and NLP findings will follow). A file that ``check``
        would not lint when walking the configuration's folder (the config itself, a CI
        workflow, an excluded or git-ignored folder, YAML that is not a postmortem) gets
        no findings."""
        pair = self.pair_for(path)
        skipped = walk_skip_reason(path, pair.full.loaded)
        if skipped is not None:
            return FileResult(path=str(path), skipped=skipped), True
        complete = pair.nlp_ready.is_set()
        linter = pair.full if complete else pair.structural
        return linter.lint_bytes(text.encode("utf-8"), str(path)), complete

    def forget_configs(self) -> None:
        """A configuration file changed: build the linters again on next use."""
        with self._lock:
            self._pairs.clear()

    @staticmethod
    def is_config(path: Path) -> bool:
        return path.name in CONFIG_FILES
