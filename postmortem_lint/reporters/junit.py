"""JUnit XML (``--format junit``), which most CI systems show as test results: one test
suite per file, one failed test case per finding, one passing case for a clean file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from postmortem_lint.engine.finding import FileResult
from postmortem_lint.reporters.text import related_lines


def render_junit(results: list[FileResult]) -> str:
    total = sum(len(result.findings) for result in results)
    suites = ET.Element("testsuites", name="postmortem-lint", tests=str(max(total, 0)),
                        failures=str(total))
    for result in results:
        cases = max(len(result.findings), 1)
        suite = ET.SubElement(suites, "testsuite", name=result.path, tests=str(cases),
                              failures=str(len(result.findings)), errors="0", skipped="0")
        if not result.findings:
            ET.SubElement(suite, "testcase", name=result.path, classname="postmortem-lint")
            continue
        for finding in result.findings:
            where = f"{finding.path}:{finding.span.line}:{finding.span.column}"
            case = ET.SubElement(suite, "testcase", name=f"{finding.code} {where}",
                                 classname=f"postmortem-lint.{finding.rule}",
                                 file=finding.path, line=str(finding.span.line))
            failure = ET.SubElement(case, "failure", message=finding.message,
                                    type=finding.code)
            failure.text = f"{where}: {finding.code} [{finding.level.value}] {finding.message}" + (
                f"\nat: {related_lines(finding)}" if finding.related else "") + (
                f"\nhint: {finding.hint}" if finding.hint else "")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        suites, encoding="unicode") + "\n"
