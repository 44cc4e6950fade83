"""--diff-base / --changed-only: findings on changed lines only, in real git repositories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postmortem_lint.sources.changes import ChangesError, keep_changed, parse_diff
from tests.integrations.conftest import file_result, finding, run_cli
from tests.integrations.gitrepo import GIT_ENV, Repo, git

DOC = """\
---
severity: SEV-2
---
# Checkout errors

## Summary

Checkout failed.

## Timeline

- 14:32 UTC — Deploy started
- 14:40 UTC — Alert fired
- 14:57 UTC — Rollback finished
"""
TITLE, SUMMARY_HEADING, TIMELINE_HEADING = 4, 6, 10


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    repo = Repo(tmp_path / "repo")
    monkeypatch.chdir(repo.path)
    return repo


def _lines(results) -> dict[str, list[int]]:
    return {r.path: [f.span.line for f in r.findings] for r in results}


def _everywhere(path: str, lines=(1, TITLE, SUMMARY_HEADING, 8, TIMELINE_HEADING, 12, 13, 14)):
    return file_result(path, *(finding(path, line) for line in lines))


def test_only_changed_lines_and_document_level_findings(repo):
    repo.write("pm/a.md", DOC)
    repo.write("pm/untouched.md", DOC)
    repo.commit("base")
    repo.git("checkout", "--quiet", "-b", "feature")
    repo.write("pm/a.md", DOC.replace("Alert fired", "Alert fired late"))
    repo.commit("edit line 13")
    results = [_everywhere("pm/a.md"), _everywhere("pm/untouched.md")]
    kept = keep_changed(results, "main")
    # line 13 changed; 1, the title and the headings anchor document-level findings
    assert _lines(kept) == {"pm/a.md": [1, TITLE, SUMMARY_HEADING, TIMELINE_HEADING, 13]}


def test_a_finding_whose_region_covers_a_changed_line_is_kept(repo):
    repo.write("a.md", DOC)
    repo.commit()
    repo.write("a.md", DOC.replace("Checkout failed.", "Checkout failed for 12%."))
    section = finding("a.md", 7, "section-level", column=1, end_column=1, end_line=9)
    elsewhere = finding("a.md", 12, "not touched", column=1, end_column=1, end_line=14)
    kept = keep_changed([file_result("a.md", section, elsewhere)], "HEAD")
    assert [f.message for f in kept[0].findings] == ["section-level"]


def test_uncommitted_new_and_untracked_files(repo):
    repo.write("committed.md", DOC)
    repo.commit("base")
    repo.write("added.md", DOC)
    repo.commit("add a file")
    repo.write("untracked.md", DOC)
    repo.write("committed.md", DOC.replace("Deploy started", "Deploy of v2 started"))
    results = [_everywhere(name) for name in ("committed.md", "added.md", "untracked.md")]
    kept = _lines(keep_changed(results, "HEAD~1"))
    assert kept["added.md"] == kept["untracked.md"] == [1, TITLE, SUMMARY_HEADING, 8,
                                                        TIMELINE_HEADING, 12, 13, 14]
    assert kept["committed.md"] == [1, TITLE, SUMMARY_HEADING, TIMELINE_HEADING, 12]


def test_renames_follow_the_file(repo):
    repo.write("old/a.md", DOC)
    repo.write("old/b.md", DOC)
    repo.commit("base")
    (repo.path / "new").mkdir()
    repo.git("mv", "old/a.md", "new/a.md")
    repo.git("mv", "old/b.md", "new/b.md")
    (repo.path / "new/a.md").write_text(DOC.replace("Rollback finished", "Rollback done"))
    repo.commit("move")
    kept = _lines(keep_changed([_everywhere("new/a.md"), _everywhere("new/b.md")], "main~1"))
    assert kept["new/a.md"] == [1, TITLE, SUMMARY_HEADING, TIMELINE_HEADING, 14]
    assert kept["new/b.md"] == [1, TITLE, SUMMARY_HEADING, TIMELINE_HEADING]  # pure rename


def test_odd_file_names_and_paths_from_a_subfolder(repo, monkeypatch):
    name = 'post "mortems"/tab\there é.md'
    repo.write(name, DOC)
    repo.commit("base")
    repo.write(name, DOC.replace("Alert fired", "Alert fired late"))
    monkeypatch.chdir(repo.path / 'post "mortems"')
    kept = keep_changed([_everywhere("tab\there é.md")], "HEAD")
    assert _lines(kept) == {"tab\there é.md": [1, TITLE, SUMMARY_HEADING, TIMELINE_HEADING, 13]}
    absolute = str(repo.path / name)
    assert _lines(keep_changed([_everywhere(absolute)], "HEAD"))[absolute][-1] == 13


def test_merge_base_is_used_when_the_base_moved_on(repo):
    repo.write("a.md", DOC)
    repo.write("b.md", DOC)
    repo.commit("base")
    repo.git("checkout", "--quiet", "-b", "feature")
    repo.write("a.md", DOC.replace("Alert fired", "Alert fired late"))
    repo.commit("feature edit")
    repo.git("checkout", "--quiet", "main")
    repo.write("b.md", DOC.replace("Deploy started", "Deploy began"))
    repo.commit("main moved on")
    repo.git("checkout", "--quiet", "feature")
    kept = keep_changed([_everywhere("a.md"), _everywhere("b.md")], "main")
    assert list(_lines(kept)) == ["a.md"]  # b.md changed on main, not in this branch


def test_changed_only_uses_origin_head_then_the_default_branch(repo, tmp_path, monkeypatch):
    repo.write("a.md", DOC)
    repo.commit("base")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(repo.path), str(clone))
    monkeypatch.chdir(clone)
    git(clone, "checkout", "--quiet", "-b", "feature")
    (clone / "a.md").write_text(DOC.replace("Alert fired", "Alert fired late"))
    git(clone, "commit", "--quiet", "-am", "edit")
    assert _lines(keep_changed([_everywhere("a.md")], None))["a.md"][-1] == 13
    git(clone, "remote", "remove", "origin")  # no origin/HEAD: falls back to main
    assert _lines(keep_changed([_everywhere("a.md")], None))["a.md"][-1] == 13
    monkeypatch.setenv("GITHUB_BASE_REF", "does-not-exist")  # ignored when absent
    assert _lines(keep_changed([_everywhere("a.md")], None))["a.md"][-1] == 13


def test_changed_only_prefers_the_pull_request_base(repo, monkeypatch):
    repo.write("a.md", DOC)
    repo.commit("base")
    repo.git("checkout", "--quiet", "-b", "release")
    repo.write("a.md", DOC.replace("Deploy started", "Deploy began"))
    repo.commit("on release")
    repo.git("checkout", "--quiet", "-b", "fix")
    repo.write("a.md", DOC.replace("Deploy started", "Deploy began").replace(
        "Alert fired", "Alert fired late"))
    repo.commit("fix")
    repo.git("update-ref", "refs/remotes/origin/release", "release")
    monkeypatch.setenv("GITHUB_BASE_REF", "release")
    assert _lines(keep_changed([_everywhere("a.md")], None))["a.md"][-1] == 13


def test_errors(repo, tmp_path, monkeypatch):
    repo.write("a.md", DOC)
    repo.commit()
    with pytest.raises(ChangesError, match="unknown git ref 'nope'"):
        keep_changed([], "nope")
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(ChangesError, match="not inside a git repository"):
        keep_changed([], "main")


def test_cli_reports_only_the_changed_timeline_entry(repo):
    # Two entries without a zone: two PM301 findings, lines 12 and 13 (a timeline with no
    # zone at all would be one finding, on its first entry).
    undated = DOC.replace(" UTC —", " —").replace("- 14:57 —", "- 14:57 UTC —")
    repo.write("postmortems/a.md", undated)
    repo.write("postmortems/b.md", undated)
    repo.commit("base")
    repo.write("postmortems/a.md", undated.replace("Alert fired", "Alert fired late"))
    args = ("check", "--select", "PM301", "--no-cache", "--format", "github", "postmortems")
    done = run_cli(*args, "--diff-base", "HEAD")
    assert done.returncode == 1, done.stderr
    assert done.stdout.count("::error") == 1
    assert "file=postmortems/a.md,line=13," in done.stdout
    summary = repo.path / "summary.md"
    done = run_cli(*args[:-1], "--changed-only", "--summary", str(summary), "postmortems")
    assert done.returncode == 1 and done.stdout.count("::error") == 1
    assert "in 1 of 1 file." in summary.read_text()
    repo.commit("commit it")
    done = run_cli(*args, "--diff-base", "HEAD")
    assert (done.returncode, done.stdout) == (0, "")


@pytest.mark.parametrize("extra", [("--diff-base", "no-such-ref"), ("--changed-only",)])
def test_cli_errors_are_one_line_and_exit_2(tmp_path, extra, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "a.md").write_text(DOC)
    if extra[0] == "--diff-base":
        Repo(tmp_path / "r").write("a.md", DOC)
        cwd = tmp_path / "r"
        git(cwd, "add", "a.md")
        git(cwd, "commit", "--quiet", "-m", "x")
    else:
        cwd = tmp_path  # not a repository
    done = run_cli("check", "--no-cache", *extra, "a.md", cwd=cwd,
                   env={**os.environ, **GIT_ENV,
                        "GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("postmortem-lint: ")
    assert "Traceback" not in done.stderr


def test_parse_diff():
    diff = "\n".join([
        "diff --git a/x.md b/x.md", "index 1..2 100644", "--- a/x.md", "+++ b/x.md",
        "@@ -3 +3 @@", "-a", "+b", "@@ -10,2 +11,3 @@", "@@ -20,4 +24,0 @@",
        'diff --git "a/q\\"\\303\\251.md" "b/q\\"\\303\\251.md"', "new file mode 100644",
        "--- /dev/null", '+++ "b/q\\"\\303\\251.md"', "@@ -0,0 +1,2 @@",
        "diff --git a/gone.md b/gone.md", "deleted file mode 100644", "--- a/gone.md",
        "+++ /dev/null", "@@ -1,3 +0,0 @@",
        "diff --git a/o.md b/n.md", "similarity index 100%", "rename from o.md", "rename to n.md",
    ])
    changes = parse_diff(diff)
    assert changes["x.md"].lines == {3, 11, 12, 13}
    assert changes['q"é.md'].everything
    assert "gone.md" not in changes
    assert changes["n.md"].lines == set() and not changes["n.md"].everything
