"""The NLP service the rules share: spaCy loaded lazily and once, sentences analysed once.

A sentence goes through three doors before spaCy sees it:

1. the prefilter: no blame cue word, no parse (most sentences of a good postmortem);
2. the in-memory cache: every rule reading the sentence gets the same analysis;
3. the on-disk cache (``<cache dir>/nlp``): a re-run on an unchanged or slightly
   edited document finds its sentences there and never imports spaCy.

Only the sentences left are parsed, in one ``nlp.pipe`` batch per document.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from postmortem_lint.nlp.cache import SentenceCache
from postmortem_lint.nlp.hits import BlameHit, decode_hits, encode_hits
from postmortem_lint.nlp.model import ModelInfo, classifier_folder, load_pipeline, resolve_model
from postmortem_lint.ruledata import RuleData

if TYPE_CHECKING:
    from postmortem_lint.nlp.lexicon import CompiledLexicon

T = TypeVar("T")
# The key under which a sentence the classifier screened out is remembered: not its
# parse, which a cause statement of the same words still needs.
_SCREENED = "\x00screened\x00"
_SCREEN = 0.95  # the classifier's score at which a sentence without cue words is parsed
_BATCH = 64  # measured: larger batches parse no faster and hold more memory
# The in-memory cache lets every rule (and every file of a run) read a sentence's analysis
# once; it keeps the most recently used sentences, so a huge archive cannot grow it without
# bound (the on-disk cache keeps everything).
MEMORY_SENTENCES = 20_000
# The analysis code is part of every cache key: editing it invalidates cached results.
_ANALYSIS_SOURCES = ("lexicon.py", "vocabulary.py", "hits.py", "text.py", "matching.py",
                     "blame/", "classifier/trained_on.json")


@functools.cache
def analysis_version() -> str:
    """A digest of the code and lexicon sources that decide a sentence's analysis."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    for name in _ANALYSIS_SOURCES:
        paths = sorted((folder / name).rglob("*.py")) if name.endswith("/") else [folder / name]
        for path in paths:
            try:
                digest.update(path.name.encode() + path.read_bytes())
            except OSError:
                digest.update(path.name.encode())
    return digest.hexdigest()[:16]


# A document with this many sentences to parse is parsed by forked workers (one per CPU):
# forking costs a few tens of milliseconds, parsing a sentence about ten.
_FORK_MIN = 256
_FORKED: NlpService | None = None  # the service a forked worker analyses with


class _ForkFailed(RuntimeError):
    pass


def _workers(count: int) -> int:
    """How many processes should parse ``count`` sentences (1: this one)."""
    if count < _FORK_MIN or not sys.platform.startswith("linux"):
        return 1  # (macOS can fork, but not safely once numpy and spaCy are loaded)
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    if cpus < 2:
        return 1
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods() or \
            multiprocessing.parent_process() is not None or threading.active_count() > 1:
        # a worker of a parallel audit (its siblings use the other CPUs), or threads that a
        # fork would not copy: stay in this process
        return 1
    return min(cpus, -(-count // _BATCH))


def _analyze_forked(texts: list[str]) -> list[str]:
    """In a forked worker: the encoded hits of each text."""
    service = _FORKED
    assert service is not None and service._analyzer is not None
    analyzer = service._analyzer
    return [encode_hits(analyzer.analyze(doc))
            for doc in service._pipeline.pipe(texts, batch_size=_BATCH)]


class NlpService:
    """Shared by every rule of a Linter; holds no per-document state beyond a memo."""

    def __init__(self, model: str | None, cache_dir: Path | None, data: RuleData,
                 second_opinion: float | None = None):
        self.model = model
        # the classifier's threshold for a second opinion on sentences the rules found
        # nothing in; None: not asked
        self.second_opinion = second_opinion
        self.cache_dir = cache_dir
        self.data = data
        self.info: ModelInfo = resolve_model(model)  # fails early and clearly (NlpUnavailable)
        self._memory: OrderedDict[str, tuple[BlameHit, ...]] = OrderedDict()
        self._pipeline: Any = None
        self._analyzer: Any = None
        self._lock = threading.Lock()
        self._memo: tuple[object, str, Any] | None = None
        self.stats = {"sentences": 0, "prefiltered": 0, "memory": 0, "disk": 0, "screened": 0,
                      "parsed": 0}

    # Built on first use: a run answered by the whole-file cache never needs them.
    @cached_property
    def lexicon(self) -> CompiledLexicon:
        from postmortem_lint.nlp.lexicon import CompiledLexicon

        return CompiledLexicon(self.data.blame)

    @cached_property
    def salt(self) -> str:
        # The analysis reads only the blame lexicon, so only it is part of the key: editing
        # another rule-data file does not throw the sentence cache away.
        lexicon = hashlib.sha256(self.data.blame.model_dump_json().encode()).hexdigest()[:16]
        opinion = "off" if self.second_opinion is None else \
            f"{self.second_opinion}@{classifier_folder()}"
        return f"{self.info.fingerprint}|{lexicon}|{analysis_version()}|{opinion}"

    @cached_property
    def _disk(self) -> SentenceCache | None:
        return SentenceCache(self.cache_dir / "nlp", self.salt) if self.cache_dir else None

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
                from postmortem_lint.nlp.blame.classifier import load_classifier
                from postmortem_lint.nlp.matching import GatedMatcher

                threshold = self.second_opinion
                classifier = None if threshold is None else \
                    load_classifier(classifier_folder(), pipeline.vocab)
                analyzer = BlameAnalyzer(pipeline, self.lexicon, classifier=classifier,
                                         threshold=threshold or 1.0)
                # same matches per label, without trying every pattern on every sentence
                analyzer.matcher = GatedMatcher.wrap(analyzer.matcher)
                self._pipeline = pipeline
                self._analyzer = analyzer
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
        asked: set[str] = set()  # sentences with no cue word that name someone
        parsed: set[str] = set()  # sentences parsed whatever the classifier says
        stats = self.stats
        for index, (sentence, cause) in enumerate(zip(sentences, contexts, strict=True)):
            stats["sentences"] += 1
            cached = self._recall(sentence)
            if cached is not None:
                results[index] = cached
            elif self.needs_parse(sentence, cause_context=cause):
                wanted.setdefault(sentence, []).append(index)
                parsed.add(sentence)
            elif self.second_opinion is not None and self.lexicon.names_someone(sentence):
                # no cue word, but someone in it: the classifier decides whether to parse
                if self._recall(_SCREENED + sentence) is not None:
                    results[index] = ()
                else:
                    wanted.setdefault(sentence, []).append(index)
                    asked.add(sentence)
            else:
                stats["prefiltered"] += 1
                results[index] = ()
        asked -= parsed  # also read as a cause: parsed whatever its words
        if wanted and self._disk is not None:
            keys = [*wanted, *(_SCREENED + sentence for sentence in asked)]
            for key, blob in self._disk.get_many(keys).items():
                sentence = key.removeprefix(_SCREENED)
                if sentence not in wanted:
                    continue  # its parse was found as well
                try:
                    hits = decode_hits(blob)
                except (ValueError, KeyError, TypeError):
                    continue
                stats["disk"] += 1
                self._store(key, hits, results, wanted.pop(sentence))
        if wanted:
            self.analyzer()
            fresh: dict[str, str] = {}
            for sentence in self._screened_out([text for text in wanted if text in asked]):
                # kept apart from parses: in a cause statement the same words are parsed
                stats["screened"] += 1
                fresh[_SCREENED + sentence] = encode_hits(())
                self._store(_SCREENED + sentence, (), results, wanted.pop(sentence))
            texts = list(wanted)
            for sentence, hits in self._parse(texts):
                stats["parsed"] += 1
                fresh[sentence] = encode_hits(hits)
                self._store(sentence, hits, results, wanted[sentence])
            if self._disk is not None:
                self._disk.put_many(fresh)
        return [result if result is not None else () for result in results]

    def _screened_out(self, texts: list[str]) -> list[str]:
        """Of sentences with no blame cue word that name someone, those the classifier does
        not score as blame (it reads words only: a tokenizer's pass, no parse). The rest are
        parsed, so the rules and the second opinion see them with their grammar."""
        classifier = self._analyzer.classifier
        if classifier is None or not texts:
            return texts
        tokenizer = self._pipeline.tokenizer
        # surer than the second opinion: a sentence no rule word brought in is read on its
        # words alone, and a bag of words cannot tell "silenced the alert route" from "forgot
        # to silence it"
        threshold = max(self._analyzer.threshold, _SCREEN)
        opinions = classifier.opinions(list(tokenizer.pipe(texts)))
        return [text for text, opinion in zip(texts, opinions, strict=True)
                if opinion.score < threshold]

    def _parse(self, texts: list[str]) -> Iterator[tuple[str, tuple[BlameHit, ...]]]:
        """Each text with its hits: in this process, or for many texts (a huge document, a
        first audit) in forked workers that share the loaded pipeline. Each sentence is
        analysed on its own either way, so the hits are the same."""
        workers = _workers(len(texts))
        if workers > 1:
            try:
                yield from self._parse_forked(texts, workers)
                return
            except _ForkFailed:
                pass  # no worker could start: parse here
        analyzer = self._analyzer
        for sentence, doc in zip(texts, self._pipeline.pipe(texts, batch_size=_BATCH),
                                 strict=True):
            yield sentence, analyzer.analyze(doc)

    def _parse_forked(self, texts: list[str], workers: int
                      ) -> Iterator[tuple[str, tuple[BlameHit, ...]]]:
        import multiprocessing

        global _FORKED
        chunks = [texts[start:start + _BATCH] for start in range(0, len(texts), _BATCH)]
        _FORKED = self  # what the workers see when they are forked
        try:
            try:
                pool = multiprocessing.get_context("fork").Pool(workers)
            except (OSError, ValueError) as error:
                raise _ForkFailed from error
            with pool:
                for chunk, blobs in zip(chunks, pool.imap(_analyze_forked, chunks),
                                        strict=True):
                    for sentence, blob in zip(chunk, blobs, strict=True):
                        yield sentence, decode_hits(blob)
        finally:
            _FORKED = None

    def _recall(self, key: str) -> tuple[BlameHit, ...] | None:
        """A sentence's analysis (or a screen's verdict) kept in memory, if any."""
        cached = self._memory.get(key)
        if cached is not None:
            with contextlib.suppress(KeyError):  # evicted by another thread meanwhile
                self._memory.move_to_end(key)
            self.stats["memory"] += 1
        return cached

    def _store(self, sentence: str, hits: tuple[BlameHit, ...],
               results: list[tuple[BlameHit, ...] | None], indexes: list[int]) -> None:
        memory = self._memory
        memory[sentence] = hits
        memory.move_to_end(sentence)
        while len(memory) > MEMORY_SENTENCES:
            memory.popitem(last=False)
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
        disk = self.__dict__.get("_disk")  # never opened: nothing to close
        if disk is not None:
            disk.close()
