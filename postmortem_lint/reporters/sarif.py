"""SARIF 2.1.0 (``--format sarif``), built with the ``sarif-om`` object model.

One run: ``tool.driver`` lists every registered rule (documentation from the rule's
docstring), and each finding becomes a result with a relative artifact URI under
``%SRCROOT%``, a region and a partial fingerprint that does not change when unrelated
lines move. The output keeps within GitHub code scanning's upload limits.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attr
import sarif_om as om

from postmortem_lint import __version__
from postmortem_lint.engine.finding import FileResult, Finding, Level
from postmortem_lint.engine.fingerprint import FINGERPRINT_KEY, fingerprints
from postmortem_lint.engine.rule import Rule
from postmortem_lint.links import homepage, rule_url
from postmortem_lint.reporters.locations import region, relative_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
MAX_RESULTS = 25_000  # GitHub code scanning rejects runs with more results

_SARIF_LEVEL = {Level.error: "error", Level.warning: "warning", Level.info: "note"}
# Properties written even when equal to sarif-om's default: a result's absent ``level``
# would be taken from the rule's configuration, not from the default "warning".
_ALWAYS_WRITTEN = {"level"}


# -- serialisation -------------------------------------------------------------------------
def to_sarif_dict(value: Any) -> Any:
    """A sarif-om object tree as SARIF JSON data.

    sarif-om objects are attrs classes whose fields keep the SARIF property name in their
    metadata (``schema_property_name``); unset fields (None) and fields equal to the schema
    default are omitted, except those in ``_ALWAYS_WRITTEN``.
    """
    if attr.has(type(value)):
        out: dict[str, Any] = {}
        for field in attr.fields(type(value)):
            item = getattr(value, field.name)
            if item is None:
                continue
            default = field.default
            if isinstance(default, attr.Factory):  # type: ignore[arg-type]
                default = default.factory()  # type: ignore[call-arg]
            if (default is not attr.NOTHING and item == default
                    and field.name not in _ALWAYS_WRITTEN):
                continue
            out[field.metadata.get("schema_property_name", field.name)] = to_sarif_dict(item)
        return out
    if isinstance(value, dict):
        return {str(key): to_sarif_dict(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_sarif_dict(item) for item in value]
    return value


# -- rules ----------------------------------------------------------------------------------
def rule_help_uri(rule: type[Rule]) -> str:
    return rule_url(rule.code)


def _paragraphs(doc: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", doc) if part.strip()]


def doc_markdown(doc: str) -> str:
    """A rule docstring (reStructuredText-flavoured) as Markdown: ``code`` becomes `code`
    and a ``Bad::`` literal block becomes a fenced block."""
    out: list[str] = []
    lines = doc.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.rstrip().endswith("::"):
            out.append(re.sub(r"``(.+?)``", r"`\1`", line))
            continue
        out.append(re.sub(r"``(.+?)``", r"`\1`", line.rstrip()[:-1]))
        block: list[str] = []
        while index < len(lines) and (not lines[index].strip() or lines[index].startswith(" ")):
            block.append(lines[index])
            index += 1
        while block and not block[-1].strip():
            block.pop()
        while block and not block[0].strip():
            block.pop(0)
        indent = min((len(item) - len(item.lstrip()) for item in block if item.strip()),
                     default=0)
        out += ["", "```", *(item[indent:] for item in block), "```", ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def rule_descriptor(rule: type[Rule]) -> om.ReportingDescriptor:
    doc = rule.doc() or rule.name
    paragraphs = _paragraphs(doc)
    summary = rule.summary() or rule.name
    full = " ".join(" ".join(paragraphs[:2]).split()) if paragraphs else summary
    full = re.sub(r"``(.+?)``", r"`\1`", full)
    tags = ["postmortem"] + ([rule.family] if rule.family else [])
    return om.ReportingDescriptor(
        id=rule.code, name=rule.name,
        short_description=om.MultiformatMessageString(text=summary),
        full_description=om.MultiformatMessageString(text=full),
        help=om.MultiformatMessageString(text=doc, markdown=doc_markdown(doc)),
        help_uri=rule_help_uri(rule),
        default_configuration=om.ReportingConfiguration(level=_SARIF_LEVEL[rule.level]),
        properties={"tags": tags, "precision": "high"})


def _unknown_descriptor(finding: Finding) -> om.ReportingDescriptor:
    """A rule the registry does not know (an engine-internal code): still described."""
    return om.ReportingDescriptor(
        id=finding.code, name=finding.rule,
        short_description=om.MultiformatMessageString(text=finding.rule),
        default_configuration=om.ReportingConfiguration(level=_SARIF_LEVEL[finding.level]))


# -- results --------------------------------------------------------------------------------
def artifact_uri(path: str, root: Path | None = None) -> str:
    """A relative URI reference for ``path`` (percent-encoded; ``:`` too, so that a first
    segment is never read as a scheme)."""
    return urllib.parse.quote(relative_path(path, root), safe="/")


def _message(finding: Finding) -> str:
    text = finding.message.strip() or f"{finding.code} ({finding.rule})"
    if finding.hint:
        text += f"\nHint: {finding.hint.strip()}"
    return text


def _results(findings: Iterable[Finding], indexes: dict[str, int], root: Path | None,
             suppressed: bool = False) -> list[om.Result]:
    findings = list(findings)
    prints = fingerprints(findings, lambda path: artifact_uri(path, root))
    results: list[om.Result] = []
    for finding, fingerprint in zip(findings, prints, strict=True):
        uri = artifact_uri(finding.path, root)
        where = region(finding.span)
        results.append(om.Result(
            rule_id=finding.code, rule_index=indexes[finding.code],
            level=_SARIF_LEVEL[finding.level], message=om.Message(text=_message(finding)),
            locations=[om.Location(physical_location=om.PhysicalLocation(
                artifact_location=om.ArtifactLocation(uri=uri, uri_base_id=SRCROOT),
                region=om.Region(start_line=where.line, start_column=where.column,
                                 end_line=where.end_line, end_column=where.end_column)))],
            related_locations=_related(finding, uri),
            partial_fingerprints={FINGERPRINT_KEY: fingerprint},
            # a finding silenced by a comment stays visible to code scanning as suppressed
            suppressions=[om.Suppression(kind="inSource", justification=finding.justification)]
            if suppressed else None))
    return results


def _related(finding: Finding, uri: str) -> list[om.Location] | None:
    """The other places a finding is about (the items of a list reported once)."""
    out = []
    for index, span in enumerate(finding.related, start=1):
        where = region(span)
        out.append(om.Location(id=index, physical_location=om.PhysicalLocation(
            artifact_location=om.ArtifactLocation(uri=uri, uri_base_id=SRCROOT),
            region=om.Region(start_line=where.line, start_column=where.column,
                             end_line=where.end_line, end_column=where.end_column))))
    return out or None


def build_sarif(results: list[FileResult], rules: dict[str, type[Rule]] | None = None,
                root: Path | None = None) -> om.SarifLog:
    """The SARIF log for ``results``; paths are made relative to ``root`` (default: cwd)."""
    if rules is None:
        from postmortem_lint.engine.registry import all_rules

        rules = all_rules()
    root = (root or Path.cwd()).absolute()
    descriptors = [rule_descriptor(rule) for rule in rules.values()]
    indexes = {rule.code: index for index, rule in enumerate(rules.values())}
    findings = [finding for result in results for finding in result.findings]
    silenced = [finding for result in results for finding in result.suppressed]
    for finding in findings + silenced:
        if finding.code not in indexes:
            indexes[finding.code] = len(descriptors)
            descriptors.append(_unknown_descriptor(finding))
    notifications = []
    if len(findings) > MAX_RESULTS:  # keep the most severe, in file order
        ranked = sorted(range(len(findings)), key=lambda i: -findings[i].level.rank)
        kept = set(ranked[:MAX_RESULTS])
        notifications.append(om.Notification(level="warning", message=om.Message(
            text=f"{len(findings)} findings; only the {MAX_RESULTS} most severe are included "
            "(the limit of GitHub code scanning)")))
        findings = [finding for index, finding in enumerate(findings) if index in kept]
    driver = om.ToolComponent(
        name="postmortem-lint", version=__version__, semantic_version=__version__,
        information_uri=homepage(), rules=descriptors)
    run = om.Run(
        tool=om.Tool(driver=driver),
        invocations=[om.Invocation(execution_successful=True,
                                   tool_execution_notifications=notifications or None)],
        original_uri_base_ids={SRCROOT: om.ArtifactLocation(uri=root.as_uri().rstrip("/") + "/")},
        column_kind="unicodeCodePoints",
        results=_results(findings, indexes, root) + _results(
            silenced[:max(MAX_RESULTS - len(findings), 0)], indexes, root, suppressed=True))
    return om.SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])


def render_sarif(results: list[FileResult], root: Path | None = None) -> str:
    log = to_sarif_dict(build_sarif(results, root=root))
    ordered = {key: log.pop(key) for key in ("$schema", "version") if key in log} | log
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
