"""Walking folders: .gitignore is respected, files that are clearly not postmortems are
skipped (a file named on the command line is always linted), and a folder with no
postmortem is a clear warning, not a pass."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from postmortem_lint.cli.main import cli

PAGE = "# Checkout outage\n\n## Timeline\n\n- 14:32 — Deploy started\n"
SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: checkout
spec:
  ports:
    - port: 80
"""
COMPOSE = "services:\n  web:\n    image: nginx\n"
YAML_POSTMORTEM = "title: Checkout outage\nseverity: SEV-2\nsummary: Checkout failed.\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--select", "PM301", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def linted(output: str) -> set[str]:
    return {line.split("  (skipped")[0] for line in output.splitlines()
            if "(skipped" not in line}


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n*.tmp.md\n", encoding="utf-8")
    for name in ("postmortems/a.md", "build/generated.md", "postmortems/draft.tmp.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "svc.yaml").write_text(SERVICE, encoding="utf-8")
    (tmp_path / "docker-compose.yml").write_text(COMPOSE, encoding="utf-8")
    (tmp_path / "postmortems" / "b.yaml").write_text(YAML_POSTMORTEM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_gitignored_files_and_folders_are_skipped(repository: Path) -> None:
    _, output = run("--show-files", ".")
    assert "build  (skipped: ignored by .gitignore)" in output
    assert "postmortems/draft.tmp.md  (skipped: ignored by .gitignore)" in output
    code, output = run(".")
    assert "generated.md" not in output and "draft.tmp.md" not in output
    assert "postmortems/a.md" in output and code == 1


def test_a_nested_gitignore_can_re_include(repository: Path) -> None:
    (repository / "postmortems" / ".gitignore").write_text("!draft.tmp.md\n", encoding="utf-8")
    _, output = run("--show-files", ".")
    assert "postmortems/draft.tmp.md" in linted(output)


def test_manifests_and_other_yaml_are_not_linted_as_postmortems(repository: Path) -> None:
    _, output = run("--show-files", ".")
    assert "k8s/svc.yaml  (skipped: a manifest (apiVersion and kind), not a postmortem)" \
        in output
    assert any(line.startswith("docker-compose.yml  (skipped: YAML without any postmortem key")
               for line in output.splitlines())
    assert "postmortems/b.yaml" in linted(output)
    (repository / "terms.yaml").write_text("version: 1\nseverity:\n  SEV-1: [sev1]\n",
                                           encoding="utf-8")
    _, output = run("--show-files", ".")
    assert "terms.yaml  (skipped: rule data (a rule-data pack), not a postmortem)" in output
    code, output = run("--select", "ALL", "k8s")
    assert code == 0 and "svc.yaml" not in output.replace("under k8s", "")


def test_a_named_file_is_always_linted(repository: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--no-cache", "k8s/svc.yaml"])
    assert "k8s/svc.yaml:" in result.output  # asked for by name: linted, findings and all


def test_a_folder_without_postmortems_warns(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    code, output = run(str(tmp_path))
    assert "no postmortem found under" in output and "--show-files" in output
    assert "All checks passed" not in output
    assert code == 0
