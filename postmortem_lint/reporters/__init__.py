"""Reporters turn findings into output. They know nothing about rules beyond what a
:class:`~postmortem_lint.engine.finding.Finding` carries (plus rule metadata for SARIF)."""

from __future__ import annotations

from collections.abc import Callable

from postmortem_lint.engine.finding import FileResult

Reporter = Callable[[list[FileResult]], str]


def get_reporter(name: str, **options: object) -> Reporter:
    if name == "text":
        from postmortem_lint.reporters.text import render_text

        return lambda results: render_text(results, **options)  # type: ignore[arg-type]
    if name == "json":
        from postmortem_lint.reporters.json_report import render_json

        return render_json
    if name == "github":
        from postmortem_lint.reporters.github import render_github

        return render_github
    if name == "sarif":
        from postmortem_lint.reporters.sarif import render_sarif

        return render_sarif
    if name == "gitlab":
        from postmortem_lint.reporters.gitlab import render_gitlab

        return render_gitlab
    if name == "junit":
        from postmortem_lint.reporters.junit import render_junit

        return render_junit
    raise ValueError(f"unknown format {name!r}")


FORMATS = ["text", "json", "github", "sarif", "gitlab", "junit"]
