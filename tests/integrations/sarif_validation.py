"""Independent checks for SARIF files: the official 2.1.0 JSON Schema, and the rules GitHub
code scanning applies when a SARIF file is uploaded."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, FormatChecker

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"  # OASIS, vendored

# RFC 3986, section 3 and appendix A: URI and URI-reference made of valid characters.
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|{_PCT})"
_PATH = rf"(?:{_PCHAR}|/)*"
_QUERY = rf"(?:{_PCHAR}|[/?])*"
_SCHEME = r"[A-Za-z][A-Za-z0-9+\-.]*"
_USERINFO = rf"(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|{_PCT})*@)?"
_HOST = rf"(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|{_PCT})*)"
_AUTHORITY = rf"{_USERINFO}{_HOST}(?::\d*)?"
_HIER = rf"(?://{_AUTHORITY}{_PATH}|{_PATH})"
URI = re.compile(rf"^{_SCHEME}:{_HIER}(?:\?{_QUERY})?(?:#{_QUERY})?$")
# A relative reference whose first segment has no colon (RFC 3986, 4.2).
_NOCOLON = rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|{_PCT})"
RELATIVE = re.compile(rf"^(?://{_AUTHORITY}{_PATH}|/?(?:{_NOCOLON}+(?:/{_PATH})?)?)"
                      rf"(?:\?{_QUERY})?(?:#{_QUERY})?$")

GITHUB_LIMITS = {"runs": 20, "results": 25_000, "rules": 25_000, "locations": 1_000,
                 "tags": 20}


@cache
def _validator() -> Draft4Validator:
    checker = FormatChecker(formats=())
    checker.checks("uri")(lambda value: not isinstance(value, str) or bool(URI.match(value)))
    checker.checks("uri-reference")(lambda value: not isinstance(value, str) or bool(
        URI.match(value) or RELATIVE.match(value)))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return Draft4Validator(schema, format_checker=checker)


def schema_errors(log: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in _validator().iter_errors(log)]


def github_upload_errors(log: dict[str, Any]) -> list[str]:
    """What GitHub code scanning would reject, or silently mis-place, in an upload."""
    errors: list[str] = []
    if log.get("version") != "2.1.0":
        errors.append("version must be 2.1.0")
    runs = log.get("runs", [])
    if not 1 <= len(runs) <= GITHUB_LIMITS["runs"]:
        errors.append(f"{len(runs)} runs")
    for run in runs:
        driver = run["tool"]["driver"]
        if not driver.get("name"):
            errors.append("tool.driver.name is empty")
        rules = driver.get("rules", [])
        ids = [rule["id"] for rule in rules]
        if len(rules) > GITHUB_LIMITS["rules"]:
            errors.append("too many rules")
        if len(set(ids)) != len(ids):
            errors.append("duplicate rule ids")
        for rule in rules:
            if len(rule.get("properties", {}).get("tags", [])) > GITHUB_LIMITS["tags"]:
                errors.append(f"{rule['id']}: too many tags")
        bases = run.get("originalUriBaseIds", {})
        results = run.get("results", [])
        if len(results) > GITHUB_LIMITS["results"]:
            errors.append(f"{len(results)} results in one run")
        for number, result in enumerate(results):
            where = f"result {number}"
            rule_id = result.get("ruleId")
            if rule_id not in ids:
                errors.append(f"{where}: ruleId {rule_id!r} is not in tool.driver.rules")
            if "ruleIndex" in result and (not 0 <= result["ruleIndex"] < len(rules)
                                          or rules[result["ruleIndex"]]["id"] != rule_id):
                errors.append(f"{where}: ruleIndex does not point at {rule_id}")
            if not result.get("message", {}).get("text", "").strip():
                errors.append(f"{where}: empty message")
            if result.get("level", "warning") not in ("none", "note", "warning", "error"):
                errors.append(f"{where}: bad level")
            if not isinstance(result.get("partialFingerprints", {}), dict):
                errors.append(f"{where}: partialFingerprints must be an object")
            locations = result.get("locations", [])
            if not 1 <= len(locations) <= GITHUB_LIMITS["locations"]:
                errors.append(f"{where}: {len(locations)} locations")
            for location in locations:
                physical = location.get("physicalLocation", {})
                uri = physical.get("artifactLocation", {}).get("uri", "")
                base = physical.get("artifactLocation", {}).get("uriBaseId")
                if not uri or URI.match(uri) or uri.startswith("/") or "file:" in uri:
                    errors.append(f"{where}: uri {uri!r} is not a relative path")
                if not RELATIVE.match(uri):
                    errors.append(f"{where}: uri {uri!r} is not a valid URI reference")
                if base is not None and base not in bases:
                    errors.append(f"{where}: uriBaseId {base!r} is not in originalUriBaseIds")
                region = physical.get("region", {})
                start = region.get("startLine", 0)
                if start < 1:
                    errors.append(f"{where}: startLine {start} < 1")
                end = region.get("endLine", start)
                if end < start:
                    errors.append(f"{where}: endLine before startLine")
                if "startColumn" in region and region["startColumn"] < 1:
                    errors.append(f"{where}: startColumn < 1")
                if end == start and "endColumn" in region and \
                        region["endColumn"] < region.get("startColumn", 1):
                    errors.append(f"{where}: endColumn before startColumn")
    return errors


def assert_valid_sarif(text: str) -> dict[str, Any]:
    log = json.loads(text)
    assert schema_errors(log) == []
    assert github_upload_errors(log) == []
    return log
