"""JSON Schemas generated from the pydantic models; ``schemas/`` holds their committed copies
and a test fails when they drift (regenerate with ``python -m postmortem_lint.schemas``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _postmortem() -> dict[str, Any]:
    from postmortem_lint.formats.yaml_format import YamlPostmortem

    return YamlPostmortem.model_json_schema()


def _config() -> dict[str, Any]:
    from postmortem_lint.engine.config import Config

    return Config.model_json_schema(by_alias=True)


def _rule_data() -> dict[str, Any]:
    from postmortem_lint.ruledata import RuleData

    return RuleData.model_json_schema()


def _report() -> dict[str, Any]:
    from postmortem_lint.reporters.json_report import JsonReport

    return JsonReport.model_json_schema()


def _audit() -> dict[str, Any]:
    from postmortem_lint.audit.report import AuditReport

    return AuditReport.model_json_schema()


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "postmortem": _postmortem, "config": _config, "rule-data": _rule_data, "report": _report,
    "audit": _audit}


def schema_text(name: str) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": f"https://postmortem-lint.dev/schemas/{name}.schema.json", **SCHEMAS[name]()}
    return json.dumps(schema, indent=2, sort_keys=False) + "\n"


def write_all(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        (folder / f"{name}.schema.json").write_text(schema_text(name), encoding="utf-8")


if __name__ == "__main__":
    write_all(Path(__file__).resolve().parent.parent / "schemas")
