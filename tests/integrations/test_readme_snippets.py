"""The README's workflow and pre-commit snippets work as written against this repository:
valid workflows, current major versions of every action, and refs that exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
ACTION = (REPO / "action.yml").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", README, re.S)
WORKFLOWS = [block for block in BLOCKS if "\njobs:" in block]
# The oldest major version of each action that is current (older majors run on a Node.js
# version GitHub has retired, or are deprecated).
CURRENT = {"actions/checkout": 5, "actions/setup-python": 6, "actions/cache": 4,
           "github/codeql-action/upload-sarif": 4}
THIS = "postmortem-lint/postmortem-lint"


def _tags() -> set[str]:
    done = subprocess.run(["git", "tag", "--list"], cwd=REPO, capture_output=True, text=True,
                          check=False)
    return set(done.stdout.split())


def _valid_ref(ref: str) -> bool:
    """A ref of this repository a user can copy: the main branch, a full commit SHA, or a
    tag that exists."""
    return ref == "main" or bool(re.fullmatch(r"[0-9a-f]{40}", ref)) or ref in _tags()


def test_the_readme_has_a_code_scanning_and_an_annotations_only_workflow() -> None:
    assert len(WORKFLOWS) >= 2
    assert any("upload-sarif" in block for block in WORKFLOWS)
    assert any("upload-sarif" not in block and 'sarif-file: ""' in block
               for block in WORKFLOWS)


@pytest.mark.parametrize("index", range(len(WORKFLOWS)))
def test_workflow_snippets_validate_against_the_workflow_schema(index: int,
                                                                 tmp_path: Path) -> None:
    workflow = tmp_path / "workflow.yml"
    workflow.write_text(WORKFLOWS[index], encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", str(workflow)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_action_used_is_at_a_current_major_version() -> None:
    uses = re.findall(r"uses:\s*([\w./-]+)@([\w.-]+)", README + ACTION)
    assert uses
    for action, ref in uses:
        if action == THIS:
            continue
        assert action in CURRENT, f"{action}: add it to CURRENT with its current major"
        major = re.fullmatch(r"v(\d+)(?:\.\d+)*", ref)
        assert major and int(major[1]) >= CURRENT[action], f"{action}@{ref} is out of date"


def test_refs_to_this_repository_exist() -> None:
    refs = re.findall(rf"uses:\s*{THIS}@([\w.-]+)", README)
    hooks = [block for block in BLOCKS if "repos:" in block]
    for block in hooks:
        for repo in YAML(typ="safe").load(block)["repos"]:
            if repo["repo"].endswith(THIS):
                refs.append(str(repo["rev"]))
    assert refs and hooks
    for ref in refs:
        assert _valid_ref(ref), f"{ref!r} does not resolve in this repository"


def test_the_private_repository_requirements_are_stated() -> None:
    assert "Advanced Security" in README
    assert "security-events: write" in README and "actions: read" in README


def test_the_action_caches_pip_on_its_own_dependencies() -> None:
    action = YAML(typ="safe").load(ACTION)
    steps = action["runs"]["steps"]
    cache = next(step for step in steps if str(step.get("uses", "")).startswith("actions/cache@"))
    key_step = next(step for step in steps if step.get("id") == "pip-cache")
    assert "steps.pip-cache.outputs.key" in cache["with"]["key"]
    assert "pyproject.toml" in key_step["run"]
    names = [step.get("name") for step in steps]
    assert names.index("Cache pip downloads") < names.index("Install postmortem-lint")
