"""A built wheel carries the rule data, schemas and the blame classifier, and lints from a fresh environment."""

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import EXAMPLES, REPO
from tests.environments import clean_environment, create_venv


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
    classifier = REPO / "postmortem_lint" / "nlp" / "classifier"
    for part in ("config.cfg", "trained_on.json", "textcat/model", "textcat/cfg"):
        assert f"postmortem_lint/nlp/classifier/{part}" in names and (classifier / part).is_file()
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "postmortem_lint.rules" in text


@pytest.mark.slow
def test_wheel_lints_examples_from_a_fresh_venv(wheel, tmp_path):
    # Dependencies come from the environment running the tests (no network needed), be it
    # a virtualenv or the system interpreter; the package itself comes only from the
    # wheel, so missing data files would show up here.
    env_dir = tmp_path / "venv"
    python = create_venv(env_dir)
    environment = clean_environment()
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--force-reinstall",
                    "--no-index", str(wheel)], check=True, capture_output=True, env=environment)
    where = subprocess.run([str(python), "-c", "import postmortem_lint, sys; "
                            "print(postmortem_lint.__file__)"], check=True,
                           capture_output=True, text=True, cwd=tmp_path, env=environment).stdout
    assert str(env_dir) in where, where
    clean = subprocess.run([str(env_dir / "bin" / "postmortem-lint"), "check", "--no-cache",
                            str(EXAMPLES / "clean.md")], capture_output=True, text=True,
                           cwd=tmp_path, env=environment)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    flawed = subprocess.run([str(env_dir / "bin" / "postmortem-lint"), "check", "--no-cache",
                             str(EXAMPLES / "flawed.md")], capture_output=True, text=True,
                            cwd=tmp_path, env=environment)
    assert flawed.returncode == 1, flawed.stdout + flawed.stderr
    assert "PM" in flawed.stdout
