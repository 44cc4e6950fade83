"""The document model: what parsers produce and rules read.

The names are imported from their modules on first use, so that reading a cached result
(which needs only :class:`Span`) does not build the whole document model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from postmortem_lint.model.document import (
        ActionItem,
        ActionType,
        Audience,
        CodeBlock,
        ContributingFactor,
        DocumentKind,
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
    from postmortem_lint.model.prose import (
        Prose,
        ProseBuilder,
        ProseRole,
        join_prose,
        mostly_in_other_script,
        prose_at,
    )
    from postmortem_lint.model.span import Located, Span

__all__ = [
    "ActionItem", "ActionType", "Audience", "CodeBlock", "ContributingFactor", "DocumentKind",
    "FollowUp",
    "Impact", "ItemStatus", "Located", "Metadata", "ParseProblem", "Phase", "Postmortem",
    "Priority", "Prose", "ProseBuilder", "ProseRole", "Section", "Severity", "Span",
    "Suppression", "SuppressionKind", "Timeline", "TimelineEntry", "Why", "join_prose",
    "mostly_in_other_script", "prose_at",
]
_MODULES = {"Prose": "prose", "ProseBuilder": "prose", "ProseRole": "prose",
            "prose_at": "prose", "join_prose": "prose", "mostly_in_other_script": "prose",
            "Located": "span", "Span": "span"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_MODULES.get(name, 'document')}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
