"""The NLP service the rules share: spaCy loaded lazily and once, sentences analysed once.

A sentence goes through three doors before spaCy sees it:

1. the prefilter: no blame cue word, no parse (most sentences of a good postmortem);
2. the in-memory cache: every rule reading the sentence gets the same analysis;
3. the on-disk cache (``<cache dir>/nlp``): a re-run on an unchanged or slightly
   edited document finds its sentences there and never imports spaCy.

Only the sentences left are parsed, in one ``nlp.pipe`` batch per document.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from postmortem_lint.nlp.cache import SentenceCache
from postmortem_lint.nlp.hits import BlameHit, decode_hits, encode_hits
from postmortem_lint.nlp.lexicon import CompiledLexicon
from postmortem_lint.nlp.model import ModelInfo, load_pipeline, resolve_model
from postmortem_lint.ruledata import RuleData

T = TypeVar("T")
_BATCH = 64
# The analysis code is part of every cache key: editing it invalidates cached results.
_ANALYSIS_SOURCES = ("lexicon.py", "hits.py", "text.py", "blame/")


def _analysis_version() -> str:
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    for name in _ANALYSIS_SOURCES:
        paths = sorted((folder / name).glob("*.py")) if name.endswith("/") else [folder / name]
        for path in paths:
            try:
                digest.update(path.name.encode() + path.read_bytes())
            except OSError:
                digest.update(path.name.encode())
    return digest.hexdigest()[:16]


class NlpService:
    """Shared by every rule of a Linter; holds no per-document state beyond a memo."""

    def __init__(self, model: str | None, cache_dir: Path | None, data: RuleData):
        self.model = model
        self.cache_dir = cache_dir
        self.data = data
        self.info: ModelInfo = resolve_model(model)  # fails early and clearly (NlpUnavailable)
        self.lexicon = CompiledLexicon(data.blame)
        # The analysis reads only the blame lexicon, so only it is part of the key: editing
        # another rule-data file does not throw the sentence cache away.
        lexicon = hashlib.sha256(data.blame.model_dump_json().encode()).hexdigest()[:16]
        self.salt = f"{self.info.fingerprint}|{lexicon}|{_analysis_version()}"
        self._memory: dict[str, tuple[BlameHit, ...]] = {}
        self._disk = SentenceCache(cache_dir / "nlp", self.salt) if cache_dir else None
        self._pipeline: Any = None
        self._analyzer: Any = None
        self._lock = threading.Lock()
        self._memo: tuple[object, str, Any] | None = None
        self.stats = {"sentences": 0, "prefiltered": 0, "memory": 0, "disk": 0, "parsed": 0}

    # -- the pipeline ------------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        """Whether spaCy has been loaded (a warm run never loads it)."""
        return self._analyzer is not None

    def analyzer(self) -> Any:
        """The spaCy pipeline's blame analyzer, loaded on first use.

        Loading spaCy in a background thread while the document is read was tried and
        measured: imports and Markdown parsing both hold the GIL, so it gained nothing.
        """
        with self._lock:
            if self._analyzer is None:
                pipeline = load_pipeline(self.info)
                from postmortem_lint.nlp.blame import BlameAnalyzer

                self._pipeline = pipeline
                self._analyzer = BlameAnalyzer(pipeline, self.lexicon)
            return self._analyzer

    @property
    def pipeline(self) -> Any:
        """The loaded spaCy ``Language`` (loads it)."""
        self.analyzer()
        return self._pipeline

    # -- analysis ------------------------------------------------------------------------------
    def needs_parse(self, sentence: str, *, cause_context: bool = False) -> bool:
        return self.lexicon.needs_parse(sentence, cause_context=cause_context)

    def analyze(self, sentences: Sequence[str],
                cause_context: Sequence[bool] | None = None) -> list[tuple[BlameHit, ...]]:
        """Blame hits for each sentence (offsets relative to the sentence)."""
        contexts = list(cause_context) if cause_context is not None else [False] * len(sentences)
        results: list[tuple[BlameHit, ...] | None] = [None] * len(sentences)
        wanted: dict[str, list[int]] = {}
        stats = self.stats
        for index, (sentence, cause) in enumerate(zip(sentences, contexts, strict=True)):
            stats["sentences"] += 1
            cached = self._memory.get(sentence)
            if cached is not None:
                stats["memory"] += 1
                results[index] = cached
            elif not self.needs_parse(sentence, cause_context=cause):
                stats["prefiltered"] += 1
                results[index] = ()
            else:
                wanted.setdefault(sentence, []).append(index)
        if wanted and self._disk is not None:
            for sentence, blob in self._disk.get_many(wanted).items():
                try:
                    hits = decode_hits(blob)
                except (ValueError, KeyError, TypeError):
                    continue
                stats["disk"] += 1
                self._store(sentence, hits, results, wanted.pop(sentence))
        if wanted:
            analyzer = self.analyzer()
            texts = list(wanted)
            fresh: dict[str, str] = {}
            for sentence, doc in zip(texts, self._pipeline.pipe(texts, batch_size=_BATCH),
                                     strict=True):
                hits = analyzer.analyze(doc)
                stats["parsed"] += 1
                fresh[sentence] = encode_hits(hits)
                self._store(sentence, hits, results, wanted[sentence])
            if self._disk is not None:
                self._disk.put_many(fresh)
        return [result if result is not None else () for result in results]

    def _store(self, sentence: str, hits: tuple[BlameHit, ...],
               results: list[tuple[BlameHit, ...] | None], indexes: list[int]) -> None:
        self._memory[sentence] = hits
        for index in indexes:
            results[index] = hits

    # -- sharing one analysis between the rules of a document ---------------------------------
    def memo(self, document: object, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per document: the first rule pays, the others read."""
        if self._memo is not None and self._memo[0] is document and self._memo[1] == key:
            return self._memo[2]
        value = compute()
        self._memo = (document, key, value)
        return value

    def close(self) -> None:
        if self._disk is not None:
            self._disk.close()
