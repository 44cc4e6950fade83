"""The shared NLP layer (spaCy), loaded lazily and once, with a per-sentence cache."""

from __future__ import annotations

from pathlib import Path

from postmortem_lint.ruledata import RuleData


class NlpService:
    """Placeholder until the blameless-analysis work lands: loads nothing."""

    def __init__(self, model: str | None, cache_dir: Path | None, data: RuleData):
        self.model = model
        self.cache_dir = cache_dir
        self.data = data
