"""The document model: what parsers produce and rules read."""

from postmortem_lint.model.document import (
    ActionItem,
    ActionType,
    Audience,
    CodeBlock,
    ContributingFactor,
    FollowUp,
    Impact,
    ItemStatus,
    Metadata,
    ParseProblem,
    Phase,
    Postmortem,
    Priority,
    Section,
    Severity,
    Suppression,
    SuppressionKind,
    Timeline,
    TimelineEntry,
    Why,
)
from postmortem_lint.model.prose import Prose, ProseBuilder, ProseRole, prose_at
from postmortem_lint.model.span import Located, Span

__all__ = [
    "ActionItem", "ActionType", "Audience", "CodeBlock", "ContributingFactor", "FollowUp",
    "Impact", "ItemStatus", "Located", "Metadata", "ParseProblem", "Phase", "Postmortem",
    "Priority", "Prose", "ProseBuilder", "ProseRole", "Section", "Severity", "Span",
    "Suppression", "SuppressionKind", "Timeline", "TimelineEntry", "Why", "prose_at",
]
