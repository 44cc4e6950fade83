"""Runs a composite action's ``run:`` steps the way the GitHub runner does, for tests.

Each step gets its evaluated ``env:``, the runner's variables (GITHUB_ACTION_PATH,
GITHUB_WORKSPACE, a fresh GITHUB_OUTPUT file, GITHUB_STEP_SUMMARY…) and runs as
``bash --noprofile --norc -eo pipefail FILE`` in the workspace. ``uses:`` steps are
skipped (the caller provides their effect, e.g. a Python on PATH). Only the expressions
an action may use in ``env:`` and ``outputs:`` are understood here: ``inputs.*``,
``github.action_path``, ``github.workspace`` and ``steps.<id>.outputs.*``.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load_action(path: Path) -> dict[str, Any]:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def read_outputs(path: Path) -> dict[str, str]:
    """The GITHUB_OUTPUT file format: ``name=value`` or ``name<<DELIMITER`` … ``DELIMITER``."""
    outputs: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            while lines[index] != delimiter:
                value.append(lines[index])
                index += 1
            index += 1
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


@dataclass
class StepRun:
    name: str
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]


@dataclass
class ActionRun:
    steps: list[StepRun] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""

    @property
    def returncode(self) -> int:
        return self.steps[-1].returncode if self.steps else 0

    @property
    def stdout(self) -> str:
        return "".join(step.stdout for step in self.steps)


def run_action(action_dir: Path, workspace: Path, inputs: dict[str, str], *,
               path_prefix: list[Path], runner_temp: Path, skip: set[str] = frozenset(),
               env: dict[str, str] | None = None) -> ActionRun:
    action = load_action(action_dir / "action.yml")
    declared = action.get("inputs", {})
    unknown = set(inputs) - set(declared)
    assert not unknown, f"inputs not declared by the action: {unknown}"
    values = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    values.update(inputs)
    step_outputs: dict[str, dict[str, str]] = {}
    context = {"github.action_path": str(action_dir), "github.workspace": str(workspace)}

    def evaluate(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression.startswith("inputs."):
                return values[expression[len("inputs."):]]
            if expression in context:
                return context[expression]
            step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
            if step:
                return step_outputs.get(step.group(1), {}).get(step.group(2), "")
            raise AssertionError(f"expression not supported by this runner: {expression}")
        return EXPRESSION.sub(one, str(text))

    summary_file = runner_temp / "step_summary_all.md"
    summary_file.write_text("", encoding="utf-8")
    run = ActionRun()
    base_env = {**os.environ, **(env or {})}
    for key in [k for k in base_env if k.startswith(("GITHUB_", "INPUT_", "RUNNER_"))]:
        del base_env[key]
    base_env["PATH"] = os.pathsep.join([*map(str, path_prefix), base_env.get("PATH", "")])
    for number, step in enumerate(action["runs"]["steps"]):
        if "uses" in step:
            continue
        name = step.get("name", f"step {number}")
        if name in skip:
            continue
        assert step.get("shell") == "bash", f"{name}: composite run steps must set shell"
        script = runner_temp / f"step{number}.sh"
        script.write_text(step["run"], encoding="utf-8")
        output_file = runner_temp / f"output{number}"
        output_file.write_text("", encoding="utf-8")
        step_summary = runner_temp / f"summary{number}.md"
        step_summary.write_text("", encoding="utf-8")
        step_env = {**base_env, **{key: evaluate(value)
                                   for key, value in (step.get("env") or {}).items()}}
        step_env.update({
            "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_ACTION_PATH": str(action_dir),
            "GITHUB_WORKSPACE": str(workspace), "GITHUB_OUTPUT": str(output_file),
            "GITHUB_STEP_SUMMARY": str(step_summary), "RUNNER_TEMP": str(runner_temp),
            "GITHUB_ENV": str(runner_temp / "env"), "GITHUB_PATH": str(runner_temp / "path"),
            **{key: value for key, value in (env or {}).items() if key.startswith("GITHUB_")},
        })
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=workspace, env=step_env, capture_output=True, text=True,
                              check=False)
        outputs = read_outputs(output_file)
        if "id" in step:
            step_outputs[step["id"]] = outputs
        with summary_file.open("a", encoding="utf-8") as stream:
            stream.write(step_summary.read_text(encoding="utf-8"))
        run.steps.append(StepRun(name, done.returncode, done.stdout, done.stderr, outputs))
        if done.returncode != 0:
            break
    run.outputs = {name: evaluate(spec["value"])
                   for name, spec in action.get("outputs", {}).items()}
    run.summary = summary_file.read_text(encoding="utf-8")
    return run
