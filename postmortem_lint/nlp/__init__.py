"""The shared NLP layer (spaCy), loaded lazily and once, with a per-sentence cache.

Importing this package is cheap: the service and the spaCy-based analysis are imported
on first use (see :mod:`postmortem_lint.nlp.service`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from postmortem_lint.nlp.hits import BlameHit, BlameKind

if TYPE_CHECKING:
    from postmortem_lint.nlp.model import NlpUnavailable
    from postmortem_lint.nlp.service import NlpService

__all__ = ["INSTALL_HINT", "BlameHit", "BlameKind", "NlpService", "NlpUnavailable"]


def __getattr__(name: str) -> Any:
    if name == "NlpService":
        from postmortem_lint.nlp.service import NlpService

        return NlpService
    if name in ("NlpUnavailable", "INSTALL_HINT"):
        from postmortem_lint.nlp import model

        return getattr(model, name)
    raise AttributeError(name)
