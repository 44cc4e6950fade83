"""--format json: real output validates against the committed schemas/report.schema.json."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import CORPUS, REPO
from tests.integrations.conftest import run_cli


def _validator() -> Draft202012Validator:
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def corpus_report() -> str:
    done = run_cli("check", "--format", "json", "--no-cache", ".", cwd=CORPUS)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_corpus_report_matches_the_schema(corpus_report):
    report = json.loads(corpus_report)
    assert [error.message for error in _validator().iter_errors(report)] == []
    assert report["tool"] == "postmortem-lint"
    assert report["summary"]["findings"] == sum(len(f["findings"]) for f in report["files"])
    assert report["summary"]["files"] == len(report["files"]) > 0


def test_the_schema_rejects_a_broken_report(corpus_report):
    report = json.loads(corpus_report)
    del report["summary"]["findings"]
    report["files"][0]["path"] = 3
    assert len(list(_validator().iter_errors(report))) == 2
