"""PM803."""

from __future__ import annotations

from collections.abc import Iterator

from postmortem_lint.checks.depth.policy import DocumentKindOptions, asks_of
from postmortem_lint.checks.texts import visible_texts
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model import Located, Postmortem, Span
from postmortem_lint.phrases import find_phrases, has_phrase
from postmortem_lint.ruledata import RuleData


class SecurityReviewMissing(Rule):
    """A security incident's postmortem does not record a legal or security review.

    The guides: "Security incident: coordinate with legal before public
    detail"; "coordinate with legal/infosec before public detail"; redact
    sensitive security details; regulated industries have breach-notification
    duties (HIPAA 60 days, PCI-DSS, SOC 2). A document about a breach, leak or
    vulnerability that nobody from security or legal has reviewed may disclose
    too much, or miss a notification deadline. An incident counts as a security
    incident when it says ``security: true``, or its title or incident class
    names a term from ``security_terms`` in the rule data (security, breach,
    leak, credential, vulnerability…; "memory leak" and "SLA breach" are not,
    and ``security: false`` overrides the title). The review is found in a
    ``security review`` / ``legal review`` field or heading, or a sentence with
    a phrase from ``security_review_terms`` ("reviewed by legal", "infosec review").
    A report written for the public (it apologises to its readers, or is a site's post)
    has been released already: it is the disclosure, not a draft to review; a status
    update or a note whose postmortem follows is not the record yet (``skip-kinds``). A document
    whose title makes it a published security advisory ("Security
    Advisory: …", ``advisory_titles``) is the disclosure as the security team
    released it, not a draft to review, and is not asked for one; so is a document
    that says it was handled under the project's own vulnerability process ("in line
    with our security policy", "the project's vulnerability response process":
    ``security_processes``). An internal security incident that names no such process
    is still asked for its review.

    Bad (YAML)::

        title: SMS provider API key extracted from Android app bundle
        security: true
        # no security or legal review anywhere

    Good (YAML)::

        title: SMS provider API key extracted from Android app bundle
        security: true
        security_review: Reviewed by Security (Priya N.) and Legal (M. Osei) on 2026-01-10
    """

    code = "PM803"
    name = "security-review-missing"
    level = Level.warning
    family = "safety"
    Options = DocumentKindOptions
    options: DocumentKindOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        doc, data = ctx.document, ctx.data
        why = security_marker(doc, data)
        if why is None or doc.meta.advisory is not None or review_noted(doc, data) \
                or not asks_of(doc, self.options):
            return  # a published advisory or report is the disclosure as released
        yield self.problem(
            why.span, f"This is a security incident ({why.value}) but no legal or security "
            "review is noted; have security and legal review the document before it is "
            "shared, and record it",
            hint="add 'Security review: reviewed by <name> (Security) and <name> (Legal) on "
            "<date>' to the metadata, or a 'Security and legal review' section")


def security_marker(doc: Postmortem, data: RuleData) -> Located[str] | None:
    """What makes the incident a security incident, with where it is written."""
    meta = doc.meta
    if meta.security is not None:
        return Located(value="security: true", span=meta.security.span) \
            if meta.security.value else None
    for field in (meta.incident_class, meta.title):
        if field is None:
            continue
        text = _without(field.value, data.security_term_exceptions)
        found = next(find_phrases(text, data.security_terms), None)
        if found is not None:
            return Located(value=f'"{field.value[found[0]:found[1]]}" in the '
                           f'{"incident class" if field is meta.incident_class else "title"}',
                           span=_narrow(field.span, found))
    return None


def review_noted(doc: Postmortem, data: RuleData) -> bool:
    if doc.meta.security_review is not None:
        return True
    terms = data.security_review_terms
    return any(has_phrase(section.title.value, terms) for section in doc.sections) or any(
        has_phrase(prose.text, terms) for prose in visible_texts(doc))


def _without(text: str, exceptions: list[str]) -> str:
    """The text with exception phrases blanked out (same length, so offsets still hold)."""
    for start, end in list(find_phrases(text, exceptions)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _narrow(span: Span, found: tuple[int, int]) -> Span:
    if span.end_line != span.line:
        return span
    return Span(line=span.line, column=span.column + found[0], end_line=span.line,
                end_column=span.column + found[1])
