"""The shortcuts that make the NLP layer and a cached run fast change no result: the gated
Matcher finds what the single Matcher found, forked workers find what one process finds,
the in-memory sentence cache is bounded, and the rule index answers like the registry."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from postmortem_lint.engine import registry
from postmortem_lint.engine.config import Config, LoadedConfig
from postmortem_lint.engine.runner import Linter
from postmortem_lint.nlp import service as service_module
from postmortem_lint.nlp.matching import GatedMatcher
from postmortem_lint.nlp.service import NlpService
from postmortem_lint.ruledata import load_rule_data
from tests.conftest import REPO

SENTENCES = [
    json.loads(line)["text"]
    for name in ("dev.jsonl", "dev_extra.jsonl")
    for line in (REPO / "tests" / "data" / "blame" / name).read_text(encoding="utf-8")
    .splitlines() if line.strip()
]


def _by_label(matches: list[tuple[int, int, int]]) -> dict[int, list[tuple[int, int]]]:
    out: dict[int, list[tuple[int, int]]] = {}
    for key, start, end in matches:
        out.setdefault(key, []).append((start, end))
    return out


def test_the_gated_matcher_finds_what_the_matcher_finds() -> None:
    service = NlpService(None, None, load_rule_data())
    analyzer = service.analyzer()
    assert isinstance(analyzer.matcher, GatedMatcher)
    from postmortem_lint.nlp.blame import BlameAnalyzer

    plain = BlameAnalyzer(service.pipeline, service.lexicon)
    found = 0
    for doc in service.pipeline.pipe(SENTENCES):
        expected = plain.matcher(doc)
        assert _by_label(analyzer.matcher(doc)) == _by_label(expected), doc.text
        assert analyzer.analyze(doc) == plain.analyze(doc), doc.text
        found += len(expected)
    assert found > 100


def test_forked_workers_find_the_same_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one CPU: nothing is forked")
    texts = SENTENCES[:300]
    serial = NlpService(None, None, load_rule_data())
    monkeypatch.setattr(service_module, "_FORK_MIN", 10**9)
    expected = serial.analyze(texts)
    forked = NlpService(None, None, load_rule_data())
    monkeypatch.setattr(service_module, "_FORK_MIN", 16)
    monkeypatch.setattr(service_module.threading, "active_count", lambda: 1)
    assert service_module._workers(len(texts)) > 1
    assert forked.analyze(texts) == expected
    assert forked.stats["parsed"] == serial.stats["parsed"]


def test_the_in_memory_sentence_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_module, "MEMORY_SENTENCES", 3)
    service = NlpService(None, None, load_rule_data())
    texts = [f"Ravi forgot to bump pool {n}." for n in range(5)]
    service.analyze(texts)
    assert len(service._memory) == 3
    service.analyze(texts[-1:])
    assert service.stats["memory"] == 1  # the most recent ones are kept


def test_the_rule_index_answers_like_the_registry(tmp_path: Path) -> None:
    index = registry.rule_index(None)
    assert list(index) == list(registry.all_rules())
    registry.all_rules.cache_clear()
    try:
        written = registry.rule_index(tmp_path)
        assert (tmp_path / "rules.json").exists() and written == index
        registry.all_rules.cache_clear()
        assert registry.rule_index(tmp_path) == index
        assert registry.all_rules.cache_info().currsize == 0, "read from rules.json"
        stored = json.loads((tmp_path / "rules.json").read_text(encoding="utf-8"))
        path, mtime, size = stored["files"][0]
        stored["files"][0] = [path, mtime + 1, size]  # a rule module was edited
        (tmp_path / "rules.json").write_text(json.dumps(stored), encoding="utf-8")
        assert registry.rule_index(tmp_path) == index
        assert registry.all_rules.cache_info().currsize == 1, "rebuilt from the modules"
    finally:
        registry.all_rules.cache_clear()


def test_a_cached_run_gives_the_same_result_without_importing_rules(tmp_path: Path) -> None:
    page = REPO / "examples" / "flawed.md"
    config = Config.model_validate({"cache-dir": str(tmp_path)})
    first = Linter(LoadedConfig(config=config)).lint_path(page)
    registry.all_rules.cache_clear()
    try:
        warm = Linter(LoadedConfig(config=config))
        assert registry.all_rules.cache_info().currsize == 0
        assert warm.lint_path(page) == first
        assert registry.all_rules.cache_info().currsize == 0, "no rule module was needed"
    finally:
        registry.all_rules.cache_clear()
