"""The committed JSON Schemas are exactly what the pydantic models generate."""

import json

import pytest

from postmortem_lint.schemas import SCHEMAS, schema_text
from tests.conftest import EXAMPLES, REPO


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_models(name):
    committed = REPO / "schemas" / f"{name}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(name), (
        f"schemas/{name}.schema.json is stale: run python -m postmortem_lint.schemas")


def test_rule_data_files_match_their_schema():
    from jsonschema import Draft202012Validator
    from ruamel.yaml import YAML

    schema = json.loads((REPO / "schemas" / "rule-data.schema.json").read_text())
    validator = Draft202012Validator(schema)
    for path in sorted((REPO / "rules").rglob("*.yaml")):
        data = json.loads(json.dumps(YAML(typ="safe").load(path.read_text()), default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{path.name}: {errors}"


def test_yaml_examples_match_the_postmortem_schema():
    from jsonschema import Draft202012Validator
    from ruamel.yaml import YAML

    schema = json.loads((REPO / "schemas" / "postmortem.schema.json").read_text())
    validator = Draft202012Validator(schema)
    files = sorted(EXAMPLES.glob("clean*.yaml"))
    assert files, "examples/ should hold a clean YAML postmortem"
    for path in files:
        data = json.loads(json.dumps(YAML(typ="safe").load(path.read_text()), default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{path.name}: {errors}"


def test_builtin_rule_data_snapshot_is_current():
    # The snapshot spares a cold run the YAML parsing; it must say what the packs say.
    from postmortem_lint.ruledata import SNAPSHOT, snapshot_text

    committed = (REPO / "rules" / SNAPSHOT).read_text(encoding="utf-8")
    assert committed == snapshot_text(), "rules/builtin.json is stale: run " \
        "python -m postmortem_lint.ruledata"


def test_a_stale_snapshot_is_not_used(tmp_path, monkeypatch):
    import shutil

    from postmortem_lint import ruledata

    folder = tmp_path / "rules"
    shutil.copytree(REPO / "rules", folder)
    (folder / "zz_local.yaml").write_text("placeholders: [ZZZ-UNFILLED]\n", encoding="utf-8")
    monkeypatch.setattr(ruledata, "builtin_data_dir", lambda: folder)
    ruledata._builtin.cache_clear()
    try:
        assert "ZZZ-UNFILLED" in ruledata.load_rule_data().placeholders
    finally:
        ruledata._builtin.cache_clear()


def test_the_snapshot_reads_back_as_the_packs_say_in_their_order():
    from postmortem_lint.ruledata import _builtin, _merged_packs

    assert _builtin().model_dump_json() == _merged_packs().model_dump_json()
