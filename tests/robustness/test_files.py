"""Files: unreadable files, broken links, folders given as files and odd names are
reported, never fatal; nothing outside the given paths is read; inputs are never written."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from unittest import mock

import click
import pytest
from click.testing import CliRunner

from postmortem_lint.cli.main import cli
from postmortem_lint.engine.config import LoadedConfig
from postmortem_lint.engine.runner import Linter
from postmortem_lint.sources import reading
from tests.conftest import CORPUS

FINDING = "# Outside\n\n## Timeline\n\n- 14:32 — the zone is missing here\n"


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def json_check(*args: str) -> dict:
    code, output = check("--format", "json", *args)
    assert code in (0, 1), output
    return json.loads(output)


def test_a_file_that_cannot_be_opened_is_a_finding(tmp_path: Path) -> None:
    page = tmp_path / "secret.md"
    page.write_text(FINDING, encoding="utf-8")
    linter = Linter(LoadedConfig(), use_cache=False)
    with mock.patch.object(Path, "open", side_effect=PermissionError(13, "Permission denied")):
        result = linter.lint_path(page)
    assert [(f.code, f.message) for f in result.findings] == [("PM001", "permission denied")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_a_finding(tmp_path: Path) -> None:
    page = tmp_path / "locked.md"
    page.write_text(FINDING, encoding="utf-8")
    page.chmod(0)
    try:
        code, output = check(str(page))
    finally:
        page.chmod(0o644)
    assert "PM001" in output and code == 1


def test_other_os_errors_are_a_finding(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text(FINDING, encoding="utf-8")
    with mock.patch.object(Path, "open", side_effect=OSError(5, "Input/output error")):
        problem = reading.read_source(page, "p.md")
    assert isinstance(problem, reading.ReadProblem) and "Input/output error" in problem.message


def test_a_broken_symbolic_link_given_as_a_file_is_a_finding(tmp_path: Path) -> None:
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "nowhere.md")
    code, output = check(str(link))
    assert "PM001" in output and "broken symbolic link" in output and code == 1


def test_broken_symbolic_links_in_a_folder_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    code, output = check(str(tmp_path))
    assert code == 0 and "no postmortem found" in output


def test_a_folder_given_as_a_file_is_a_finding(tmp_path: Path) -> None:
    folder = tmp_path / "notes.md"
    folder.mkdir()
    result = Linter(LoadedConfig(), use_cache=False).lint_path(folder)
    assert [f.code for f in result.findings] == ["PM001"]
    assert "directory" in result.findings[0].message


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, output = check(str(tmp_path / "missing.md"))
    assert code == 2 and "no such file or folder" in output


def test_paths_with_spaces_and_unicode(tmp_path: Path) -> None:
    folder = tmp_path / "post mortems" / "Überprüfung 事故"
    folder.mkdir(parents=True)
    page = folder / "2026-03-04 checkout 🔥 outage.md"
    page.write_text(FINDING, encoding="utf-8")
    report = json_check(str(tmp_path / "post mortems"))
    assert [Path(f["path"]).name for f in report["files"]] == [page.name]
    assert report["files"][0]["findings"]
    code, output = check(str(page))
    assert f"{page.as_posix()}:5:3" in output and code == 1


def test_symbolic_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(FINDING, encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "linked-folder").symlink_to(outside, target_is_directory=True)
    (repo / "linked-file.md").symlink_to(outside / "secret.md")
    (repo / "inside.md").write_text("# Inside\n", encoding="utf-8")
    (repo / "alias.md").symlink_to(repo / "inside.md")
    read: list[str] = []
    real_read = reading.read_source

    def spy(path: Path, *args: object, **kwargs: object) -> object:
        read.append(os.path.realpath(path))
        return real_read(path, *args, **kwargs)  # type: ignore[arg-type]

    with mock.patch("postmortem_lint.engine.runner.read_source", spy):
        report = json_check(str(repo))
    assert sorted(Path(f["path"]).name for f in report["files"]) == ["alias.md", "inside.md"]
    assert all(path.startswith(str(repo.resolve())) for path in read), read


def _checksums(root: Path) -> dict[str, tuple[str, int, float]]:
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            out[path.relative_to(root).as_posix()] = (
                hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mode, stat.st_mtime)
    return out


@pytest.fixture
def fixture_tree(tmp_path: Path) -> Path:
    """The corpus plus files of every awkward kind."""
    tree = tmp_path / "tree"
    shutil.copytree(CORPUS, tree / "corpus")
    odd = tree / "odd"
    odd.mkdir()
    (odd / "bom.md").write_bytes(b"\xef\xbb\xbf" + FINDING.encode())
    (odd / "crlf.md").write_bytes(FINDING.replace("\n", "\r\n").encode())
    (odd / "utf16.md").write_bytes("\ufeff".encode("utf-16-le") + FINDING.encode("utf-16-le"))
    (odd / "latin1.md").write_bytes(b"# J\xfcrgen\n")
    (odd / "binary.md").write_bytes(bytes(range(256)))
    (odd / "broken.yaml").write_text("title: [x\n", encoding="utf-8")
    (odd / "empty.md").write_bytes(b"")
    (odd / ".postmortem-lint.yaml").write_text("fail-level: error\n", encoding="utf-8")
    return tree


def test_inputs_are_never_written(fixture_tree: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    before = _checksums(fixture_tree)
    runner = CliRunner()
    runs = [["check", str(fixture_tree)]]
    runs += [["check", "--format", fmt, str(fixture_tree)] for fmt in ("json", "github",
                                                                       "sarif")]
    runs += [["check", "--no-cache", str(fixture_tree / "odd" / "crlf.md")]]
    if cli.get_command(click.Context(cli), "audit") is not None:
        runs += [["audit", "--jobs", "1", "--quiet", str(fixture_tree)],
                 ["audit", "--jobs", "1", "--quiet", "--format", "json", str(fixture_tree)]]
    for args in runs:
        result = runner.invoke(cli, args)
        assert result.exit_code in (0, 1), (args, result.output[-500:])
    after = _checksums(fixture_tree)
    changed = {name for name in before if before[name] != after.get(name)}
    assert not changed, changed
    added = set(after) - set(before)
    assert all(name.startswith("odd/.postmortem-lint-cache/") for name in added), added
