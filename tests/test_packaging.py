"""A built wheel carries the rule data and schemas, and lints from a fresh environment."""

import subprocess
import sys
import venv
import zipfile

import pytest

from tests.conftest import EXAMPLES, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(REPO)], check=True, capture_output=True)
    return next(out.glob("*.whl"))


def test_wheel_contains_rule_data_and_schemas(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for data in (REPO / "rules").rglob("*.yaml"):  # regulatory packs live in a sub-folder
        assert f"postmortem_lint/_data/rules/{data.relative_to(REPO / 'rules').as_posix()}" \
            in names
    for schema in (REPO / "schemas").glob("*.json"):
        assert f"postmortem_lint/_data/schemas/{schema.name}" in names
    assert "postmortem_lint/templates/postmortem.md" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "postmortem_lint.rules" in text


@pytest.mark.slow
def test_wheel_lints_examples_from_a_fresh_venv(wheel, tmp_path):
    # Dependencies come from this environment (no network needed); the package itself
    # comes only from the wheel, so missing data files would show up here.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--force-reinstall",
                    "--no-index", str(wheel)], check=True, capture_output=True)
    where = subprocess.run([str(python), "-c", "import postmortem_lint, sys; "
                            "print(postmortem_lint.__file__)"], check=True,
                           capture_output=True, text=True, cwd=tmp_path).stdout
    assert str(env_dir) in where, where
    clean = subprocess.run([str(env_dir / "bin" / "postmortem-lint"), "check", "--no-cache",
                            str(EXAMPLES / "clean.md")], capture_output=True, text=True,
                           cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    flawed = subprocess.run([str(env_dir / "bin" / "postmortem-lint"), "check", "--no-cache",
                             str(EXAMPLES / "flawed.md")], capture_output=True, text=True,
                            cwd=tmp_path)
    assert flawed.returncode == 1, flawed.stdout + flawed.stderr
    assert "PM" in flawed.stdout
