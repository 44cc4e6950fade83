"""Structural findings come before spaCy is loaded; NLP findings follow once it is."""

from __future__ import annotations

from pathlib import Path

from postmortem_lint.engine.config import Config, LoadedConfig
from postmortem_lint.server.linting import LinterPair, LinterPool

TEXT = """\
# Disk pressure

## Timeline

- 2026-02-17 18:02 PST — The on-call engineer ignored the disk-pressure alert and went back
  to sleep.
"""


def test_structural_findings_first_then_nlp(tmp_path: Path, monkeypatch):
    loaded = LoadedConfig(config=Config.model_validate({"select": ["PM101", "PM302"]}),
                          path=tmp_path / ".postmortem-lint.yaml")
    pair = LinterPair.build(loaded, use_cache=False)
    assert not pair.nlp_ready.is_set()
    assert pair.structural is not pair.full
    pool = LinterPool(use_cache=False)
    monkeypatch.setattr(pool, "pair_for", lambda path: pair)
    result, complete = pool.lint(tmp_path / "pm.md", TEXT)
    assert not complete
    assert [f.code for f in result.findings] == ["PM302"]
    pair.load_nlp()
    result, complete = pool.lint(tmp_path / "pm.md", TEXT)
    assert complete
    assert sorted(f.code for f in result.findings) == ["PM101", "PM302"]


def test_a_workspace_without_nlp_rules_is_complete_at_once(tmp_path: Path):
    loaded = LoadedConfig(config=Config.model_validate({"select": ["PM302"]}))
    pair = LinterPair.build(loaded, use_cache=False)
    assert pair.nlp_ready.is_set() and pair.structural is pair.full


def test_files_the_configuration_excludes_get_no_findings(tmp_path: Path):
    (tmp_path / ".postmortem-lint.yaml").write_text("select: [PM302]\nexclude: [drafts]\n")
    (tmp_path / "drafts").mkdir()
    pool = LinterPool(use_cache=False)
    text = "## Timeline\n\n- 2026-02-17 18:02 PST — Deploy started\n"
    assert pool.lint(tmp_path / "pm.md", text)[0].findings
    assert pool.lint(tmp_path / "drafts" / "pm.md", text)[0].findings == []
    assert pool.lint(tmp_path / ".postmortem-lint.yaml", "select: [PM302]\n")[0].findings == []
    assert pool.lint(tmp_path / "notes.txt", text)[0].findings == []
