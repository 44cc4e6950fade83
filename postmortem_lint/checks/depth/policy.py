"""How deep a postmortem must go, read from the depth policies in rule data.

Shared by every family whose checks depend on severity (a lightweight retro for a
minor incident needs no timeline; a SEV-1 needs minute resolution and five whys).
"""

from __future__ import annotations

from pydantic import Field

from postmortem_lint.engine.rule import RuleOptions
from postmortem_lint.model import DocumentKind, Postmortem
from postmortem_lint.ruledata import DepthPolicy, RuleData


def not_postmortems() -> list[DocumentKind]:
    """The kinds of document that are not the team's own postmortem, as rules skip them by
    default."""
    return [DocumentKind.status_update, DocumentKind.postmortem_elsewhere,
            DocumentKind.public_report]


class DocumentKindOptions(RuleOptions):
    """Options of a rule that asks what only a finished postmortem has (lessons, action
    items, a review, a cost, five whys, a summary)."""

    skip_kinds: list[DocumentKind] = Field(
        default_factory=not_postmortems,
        description="Kinds of document not checked: a status update on an incident still "
        "open (status-update), an incident note that says its postmortem is published "
        "separately (postmortem-elsewhere), or a report written for the public "
        "(public-report: it apologises to its readers or is a site's post, and declares "
        "no severity, status, owner or id), which tells customers what happened and what "
        "changes, not the team's own process. Set to [] to check them as postmortems.")


class TemplateOptions(RuleOptions):
    """Options of a rule that reports a missing part only where the document follows a
    postmortem template."""

    min_template_parts: int = Field(
        3, ge=0, description="Fewest parts of a postmortem template (summary, impact, "
        "timeline, root cause, action items, lessons…) a Markdown document must have as "
        "sections before a missing part is reported. A free-form write-up tells its cause "
        "and impact in its narrative, where their absence cannot be claimed with "
        "confidence. 0 checks every "
        "document.")

    def parts(self, doc: Postmortem) -> int:
        """The parts of a template the document has, as ``min_template_parts`` counts them."""
        return doc.template_parts


class OutlineOptions(TemplateOptions):
    """Options of a rule that reports a missing part (a timeline, a detection, a duration)
    that a free-form write-up tells in its narrative when it tells it at all: two parts of
    a postmortem's analysis are enough to show a document is laid out as a postmortem."""

    min_template_parts: int = Field(
        2, ge=0, description="Fewest parts of a postmortem's analysis (impact, timeline, "
        "root cause, contributing factors, detection, action items, what went well or "
        "wrong…) a Markdown document must have as sections before a missing part is "
        "reported. The parts any story of an incident has (a summary or what happened, "
        "the lead-up, the response, how it was fixed, what was learned) do not count: a "
        "free-form write-up (a blog post, a ticket's summary, a short note) has those, and "
        "tells what happened when in its narrative, where the absence of a part cannot be "
        "claimed with confidence. 0 checks every document.")

    def parts(self, doc: Postmortem) -> int:
        return doc.analysis_parts


class FinishedOutlineOptions(DocumentKindOptions, OutlineOptions):
    """Options of a rule that asks a finished postmortem laid out as one for a part that a
    free-form write-up keeps in its narrative, if anywhere (action items, a review)."""


def follows_template(doc: Postmortem, options: TemplateOptions) -> bool:
    """Whether the document is laid out as a postmortem template, so that a part missing
    from it is missing (and not told in free-form prose)."""
    return options.parts(doc) >= options.min_template_parts


def asks_of(doc: Postmortem, options: DocumentKindOptions) -> bool:
    """Whether the rule has something to ask of this kind of document."""
    return doc.kind not in options.skip_kinds


def policy_for(doc: Postmortem, data: RuleData) -> DepthPolicy | None:
    """The depth policy of the document's severity; None when no severity is declared."""
    if doc.meta.severity is None:
        return None
    return data.depth_for(doc.meta.severity.value.level)


def lightweight(doc: Postmortem, data: RuleData) -> bool:
    """Whether the severity's depth policy is a minor incident's lightweight retro."""
    policy = policy_for(doc, data)
    return policy is not None and policy.lightweight


def requires(doc: Postmortem, data: RuleData, kind: str) -> bool:
    """Whether a section kind is expected. Without a severity (reported by PM701) or a
    policy, every section is expected: the full template is the safe default."""
    policy = policy_for(doc, data)
    return policy is None or kind in policy.required


def severity_label(doc: Postmortem) -> str:
    severity = doc.meta.severity
    return severity.value.label if severity is not None else "this severity"


def heading_for(kind: str, data: RuleData) -> str:
    """How to write a section kind's heading: its first synonym in rule data, capitalised."""
    phrases = data.sections.get(kind) or [kind.replace("_", " ")]
    return phrases[0][:1].upper() + phrases[0][1:]
