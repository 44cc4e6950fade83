"""The composite GitHub Action (action.yml): metadata validated against the Actions schema,
and its run steps executed in order in a simulated runner (tests/integrations/action_runner.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.environments import create_venv
from tests.integrations.action_runner import EXPRESSION, load_action, read_outputs, run_action
from tests.integrations.conftest import CLEAN, FLAWED
from tests.integrations.gitrepo import GIT_ENV, Repo, git
from tests.integrations.sarif_validation import assert_valid_sarif
from tests.integrations.workflow_commands import parse_output

ACTION = REPO / "action.yml"
INSTALL, LINT = "Install postmortem-lint", "Lint postmortems"
CACHE_KEY = "Key the pip cache"
# The flawed postmortem with its last timeline entry (line 68) in UTC, so that PM301
# reports each of the eight entries without a zone, lines 60-67 (a timeline with no zone
# at all is reported once, at its first entry).
FLAWED_TEXT = FLAWED.read_text(encoding="utf-8").replace("- 13:40 —", "- 13:40 UTC —")
assert "- 13:40 UTC —" in FLAWED_TEXT


# -- the metadata ---------------------------------------------------------------------------
def test_action_metadata_validates_against_the_actions_schema():
    # the module, not a script on PATH: a virtualenv need not be activated to run the tests
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-actions", str(ACTION)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_expression_is_expanded_inside_a_run_script():
    action = load_action(ACTION)
    scripts = [step["run"] for step in action["runs"]["steps"] if "run" in step]
    assert scripts
    for script in scripts:
        assert "${{" not in script


def test_expressions_only_name_declared_inputs_and_steps():
    action = load_action(ACTION)
    steps = action["runs"]["steps"]
    ids = {step["id"] for step in steps if "id" in step}
    used_inputs = set()
    for text in [json.dumps(steps), json.dumps(action.get("outputs", {}))]:
        for expression in EXPRESSION.findall(text):
            if expression.startswith("inputs."):
                used_inputs.add(expression.split(".", 1)[1])
            elif expression.startswith("steps."):
                assert expression.split(".")[1] in ids
            else:
                assert expression in ("github.action_path",), expression
    assert used_inputs == set(action["inputs"])  # every input is used, none is invented
    for name in ("paths", "config", "fail-level", "sarif-file", "changed-only",
                 "python-version"):
        assert name in action["inputs"]
    assert set(action["outputs"]) >= {"sarif-file", "findings", "errors", "warnings"}
    setup = next(step for step in steps if str(step.get("uses", "")).startswith(
        "actions/setup-python@"))
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"


def test_output_file_reader():
    # The reader the simulation uses, on both forms GitHub accepts.
    path = Path(__file__).parent / "__output_sample__"
    try:
        path.write_text("a=1\nb<<EOF\nx=y\nz\nEOF\nc=\n", encoding="utf-8")
        assert read_outputs(path) == {"a": "1", "b": "x=y\nz", "c": ""}
    finally:
        path.unlink()


# -- running it -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def runner(checkout_snapshot, tmp_path_factory):
    """A Python on PATH (what actions/setup-python provides) into which the install step
    has installed the action's own checkout."""
    root = tmp_path_factory.mktemp("runner")
    env_dir = root / "python"
    # Dependencies (spaCy…) come from this environment; postmortem-lint itself is installed
    # from the action's checkout by the action's own install step.
    create_venv(env_dir)
    bin_dir = env_dir / "bin"
    workspace = root / "workspace"
    workspace.mkdir()
    temp = root / "temp"
    temp.mkdir()
    run = run_action(checkout_snapshot, workspace, {}, path_prefix=[bin_dir], runner_temp=temp,
                     skip={LINT})
    assert [step.name for step in run.steps] == [CACHE_KEY, INSTALL]
    assert run.returncode == 0, run.steps[-1].stdout + run.steps[-1].stderr
    key = run.steps[0].outputs
    assert key["key"].startswith("postmortem-lint-pip-") and key["dir"]
    assert (bin_dir / "postmortem-lint").exists()
    return checkout_snapshot, bin_dir


def _workspace(path: Path) -> Path:
    (path / "postmortems").mkdir(parents=True)
    (path / "postmortems" / "clean.md").write_bytes(CLEAN.read_bytes())
    (path / "postmortems" / "flawed.md").write_text(FLAWED_TEXT, encoding="utf-8")
    (path / "post mortems").mkdir()
    (path / "post mortems" / "flawed, copy.md").write_text(FLAWED_TEXT, encoding="utf-8")
    return path


def _run(runner, tmp_path, inputs, *, workspace=None, env=None):
    action_dir, bin_dir = runner
    workspace = workspace or _workspace(tmp_path / "workspace")
    temp = tmp_path / "runner-temp"
    temp.mkdir(exist_ok=True)
    return run_action(action_dir, workspace, inputs, path_prefix=[bin_dir], runner_temp=temp,
                      skip={INSTALL, CACHE_KEY}, env=env), workspace


@pytest.mark.slow
def test_flawed_postmortems_fail_with_annotations_summary_sarif_and_outputs(runner, tmp_path):
    run, workspace = _run(runner, tmp_path, {"paths": "postmortems", "sarif-file":
                                             "reports/postmortem-lint.sarif"})
    step = run.steps[-1]
    assert run.returncode == 1, step.stderr
    annotations = parse_output(step.stdout)
    assert annotations, step.stdout
    assert {a.properties["file"] for a in annotations} == {"postmortems/flawed.md"}
    pm301 = [a for a in annotations if a.properties["title"].startswith("PM301 ")]
    assert [a.properties["line"] for a in pm301] == [str(n) for n in range(60, 68)]
    assert all(a.name == "error" for a in pm301)

    sarif_path = workspace / "reports" / "postmortem-lint.sarif"
    log = assert_valid_sarif(sarif_path.read_text(encoding="utf-8"))
    results = log["runs"][0]["results"]
    levels = [r["level"] for r in results]
    assert run.outputs == {"sarif-file": "reports/postmortem-lint.sarif",
                           "findings": str(len(annotations)),
                           "errors": str(levels.count("error")),
                           "warnings": str(levels.count("warning"))}
    assert len(results) == len(annotations) and levels.count("error") >= 8

    assert "## postmortem-lint" in run.summary
    assert f"**{len(annotations)} problems**" in run.summary
    assert "| PM301 | timeline-zone-missing | error | 8 |" in run.summary


@pytest.mark.slow
def test_clean_postmortem_passes(runner, tmp_path):
    run, _ = _run(runner, tmp_path, {"paths": "postmortems/clean.md"})
    assert run.returncode == 0, run.steps[-1].stderr
    assert parse_output(run.stdout) == []
    assert run.outputs["findings"] == run.outputs["errors"] == run.outputs["warnings"] == "0"
    assert run.outputs["sarif-file"] == "postmortem-lint.sarif"
    assert "No problems found in 1 file." in run.summary


@pytest.mark.slow
def test_fail_level_never_reports_without_failing(runner, tmp_path):
    run, _ = _run(runner, tmp_path, {"paths": "postmortems", "fail-level": "never"})
    assert run.returncode == 0
    assert int(run.outputs["errors"]) >= 8 and parse_output(run.stdout)


@pytest.mark.slow
def test_multi_line_paths_with_spaces_and_extra_args(runner, tmp_path):
    paths = "post mortems/flawed, copy.md\npostmortems/clean.md\n"
    run, _ = _run(runner, tmp_path, {"paths": paths, "extra-args": "--select PM301",
                                     "fail-level": "error"})
    assert run.returncode == 1
    annotations = parse_output(run.stdout)
    assert {a.properties["file"] for a in annotations} == {"post mortems/flawed, copy.md"}
    assert run.outputs["findings"] == run.outputs["errors"] == "8"


@pytest.mark.slow
def test_inputs_cannot_inject_shell_code(runner, tmp_path):
    payload = '$(touch injected1) `touch injected2` "; touch injected3; echo "'
    run, workspace = _run(runner, tmp_path, {"paths": f"postmortems/clean.md {payload}",
                                             "config": payload, "extra-args": payload,
                                             "sarif-file": "x$(touch injected4).sarif"})
    # The odd values reach postmortem-lint as plain arguments, which it rejects.
    assert run.returncode != 0
    assert "injected1" in run.steps[-1].stderr
    assert not list(workspace.glob("injected*"))
    # postmortem-lint refused to run, so no SARIF file exists and none is named.
    assert run.outputs["sarif-file"] == ""
    assert not list(workspace.glob("x*.sarif"))


@pytest.mark.slow
def test_empty_sarif_file_input_writes_no_sarif_but_still_counts(runner, tmp_path):
    # README: the upload step is guarded by `steps.lint.outputs.sarif-file != ''`.
    run, workspace = _run(runner, tmp_path, {"paths": "postmortems", "sarif-file": ""})
    step = run.steps[-1]
    assert run.returncode == 1, step.stderr
    assert "internal error" not in step.stderr
    annotations = parse_output(step.stdout)
    assert annotations
    assert run.outputs["sarif-file"] == ""
    assert run.outputs["findings"] == str(len(annotations))
    assert int(run.outputs["errors"]) >= 8
    assert not list(workspace.rglob("*.sarif"))
    assert not list((tmp_path / "runner-temp").glob("postmortem-lint.*"))  # temp SARIF gone


@pytest.mark.slow
def test_a_usage_error_names_no_sarif_file(runner, tmp_path):
    run, workspace = _run(runner, tmp_path, {"paths": "postmortems", "fail-level": "fatal"})
    assert run.returncode == 2
    assert "--fail-level" in run.steps[-1].stderr
    # shown as an error annotation on the run, not only as a log line
    errors = [line for line in run.steps[-1].stdout.splitlines() if line.startswith("::error")]
    assert errors and "--fail-level" in errors[0] and "fatal" in errors[0], run.steps[-1].stdout
    assert run.outputs["sarif-file"] == ""  # so the guarded upload step is skipped
    assert run.outputs["findings"] == "0"
    assert not (workspace / "postmortem-lint.sarif").exists()


@pytest.mark.slow
def test_changed_only_in_a_pull_request(runner, tmp_path):
    origin = Repo(tmp_path / "origin")
    origin.write("postmortems/a.md", FLAWED_TEXT)
    origin.write("postmortems/b.md", FLAWED_TEXT)
    origin.commit("base")
    workspace = tmp_path / "workspace"
    git(tmp_path, "clone", "--quiet", str(origin.path), str(workspace))
    git(workspace, "checkout", "--quiet", "-b", "pr")
    text = (workspace / "postmortems" / "a.md").read_text(encoding="utf-8")
    (workspace / "postmortems" / "a.md").write_text(
        text.replace("- 10:44 — Document count", "- 10:45 — Document count"), encoding="utf-8")
    git(workspace, "commit", "--quiet", "-am", "fix a time")
    run, _ = _run(runner, tmp_path, {"paths": "postmortems", "changed-only": "true",
                                     "extra-args": "--select PM301"},
                  workspace=workspace, env={**GIT_ENV, "GITHUB_BASE_REF": "main"})
    assert run.returncode == 1, run.steps[-1].stderr
    annotations = parse_output(run.stdout)
    assert [(a.properties["file"], a.properties["line"]) for a in annotations] == [
        ("postmortems/a.md", "64")]
    assert re.search(r"in 1 of 1 file", run.summary)


@pytest.mark.slow
def test_a_committed_baseline_hides_old_findings(runner, tmp_path):
    _, bin_dir = runner
    workspace = _workspace(tmp_path / "workspace")
    done = subprocess.run([str(bin_dir / "postmortem-lint"), "baseline", "--no-cache",
                           "postmortems"], cwd=workspace, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert (workspace / ".postmortem-lint-baseline.json").is_file()
    run, _ = _run(runner, tmp_path, {"paths": "postmortems"}, workspace=workspace)
    assert run.returncode == 0, run.steps[-1].stderr
    assert run.outputs["findings"] == "0"
    assert "baselined findings hidden" in run.steps[-1].stderr
    # a new problem in an old postmortem still fails the job
    flawed = workspace / "postmortems" / "clean.md"
    flawed.write_text(flawed.read_text(encoding="utf-8") + "\nThe on-call engineer was "
                      "careless and ignored the alert.\n", encoding="utf-8")
    run, _ = _run(runner, tmp_path, {"paths": "postmortems"}, workspace=workspace)
    assert run.returncode == 1
    assert {a.properties["file"] for a in parse_output(run.stdout)} == {"postmortems/clean.md"}
