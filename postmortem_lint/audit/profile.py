"""What an audit needs to know about one postmortem, taken from its parsed document once.

:class:`AuditProfiler` is a metrics extension of the engine
(:class:`~postmortem_lint.engine.runner.MetricsExtension`): the Linter calls it on each
document it parses and stores the resulting :class:`DocumentProfile` in the file's
result, so the profile is cached with the findings and a re-audit of an unchanged
archive never parses a file again. Timing comes from
:func:`~postmortem_lint.model.facts.incident_facts`, never recomputed here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cached_property
from typing import Any

from pydantic import BaseModel, Field

from postmortem_lint.engine.redact import MASK, sensitive_values
from postmortem_lint.model import Postmortem
from postmortem_lint.model.facts import IncidentFacts
from postmortem_lint.ruledata import RuleData

UNCLASSIFIED = "unclassified"


class ActionRecord(BaseModel):
    """One action item, as much as the quarterly review needs."""

    text: str = Field(description="The action's full text, on one line.")
    line: int
    owner: str | None = Field(
        default=None, description="None when missing, empty or a placeholder.")
    due: dt.date | None = None
    due_text: str | None = Field(default=None, description="A due value that is not a date.")
    status: str | None = Field(
        default=None, description="open, in progress, done, won't do, unknown.")
    priority: str | None = Field(default=None, description="P0 (most urgent) … P4.")

    @property
    def closed(self) -> bool:
        return self.status in ("done", "won't do")


class Cost(BaseModel):
    """An incident cost as the document states it, with the amount read from it."""

    text: str
    amount: float | None = None
    currency: str | None = Field(
        default=None, description="ISO code (USD, EUR…) when one is given.")


class DocumentProfile(BaseModel):
    """The audit-relevant facts of one postmortem."""

    format: str = "unknown"
    kind: str = Field(
        default="postmortem", description="What the document is: postmortem, status-update, "
        "postmortem-elsewhere or public-report (a report written for the public); only a "
        "postmortem is counted as missing a follow-up review.")
    id: str | None = None
    title: str | None = None
    severity: str | None = Field(default=None, description="Normalised label, e.g. SEV-1.")
    severity_level: int | None = None
    incident_class: str | None = Field(default=None, description="As the document declares it.")
    named_class: str | None = Field(
        default=None, description="The organisation's incident class (rule data "
        "incident_classes) whose phrases the document matches most.")
    services: list[str] = Field(default_factory=list)
    root_cause_category: str = UNCLASSIFIED
    incident_date: dt.date | None = None
    date_source: str | None = Field(
        default=None, description="Where incident_date came from: front-matter (or a date "
        "field), title, first-paragraph, timeline, file-name, narrative (the first full "
        "date of the text, when no better place gives one), date written, or date published.")
    date_written: dt.date | None = None
    detection_minutes: float | None = Field(default=None, description="Onset to detection (MTTD).")
    resolution_minutes: float | None = Field(
        default=None, description="Onset to resolution (MTTR).")
    detection_issue: str | None = Field(
        default=None, description="Why MTTD cannot use this document.")
    resolution_issue: str | None = Field(
        default=None, description="Why MTTR cannot use this document.")
    action_items: list[ActionRecord] = Field(default_factory=list)
    review_date: dt.date | None = None
    cost: Cost | None = None


class AuditProfiler:
    """The engine extension that profiles each parsed document for audits."""

    key = "audit-profile-5"

    def __call__(self, document: Postmortem, facts: IncidentFacts,
                 data: RuleData) -> dict[str, Any]:
        return profile_document(document, facts, self._classifier(data), data).model_dump(
            mode="json")

    def _classifier(self, data: RuleData) -> RootCauseClassifier:
        cached = getattr(self, "_cached", None)
        if cached is None or cached[0] != data.fingerprint:
            cached = (data.fingerprint, RootCauseClassifier(data))
            self._cached = cached
        return cached[1]


class RootCauseClassifier:
    """Files a root-cause text under the category (from rule data) whose phrases it
    contains most; ties go to the category listed first."""

    def __init__(self, data: RuleData):
        self.categories = data.root_cause_categories
        self.classes = data.incident_classes
        self.empty_owner = {value.lower() for value in getattr(data, "empty_values", [])
                            if isinstance(value, str)}
        self.placeholders = set(data.placeholders)

    @cached_property
    def _patterns(self) -> list[tuple[str, list[re.Pattern[str]]]]:
        return [(name, [re.compile(rf"(?<![\w-]){re.escape(phrase.lower())}(?![\w-])")
                        for phrase in phrases]) for name, phrases in self.categories.items()]

    @cached_property
    def _class_patterns(self) -> list[tuple[str, list[re.Pattern[str]]]]:
        return self._compile(self.classes)

    @staticmethod
    def _compile(named: dict[str, list[str]]) -> list[tuple[str, list[re.Pattern[str]]]]:
        return [(name, [re.compile(rf"(?<![\w-]){re.escape(phrase.lower())}(?![\w-])")
                        for phrase in [name, *phrases]]) for name, phrases in named.items()]

    def named_class(self, text: str) -> str | None:
        """The organisation's incident class the text matches most, if any."""
        found = self._best(text, self._class_patterns)
        return None if found == UNCLASSIFIED else found

    def classify(self, text: str) -> str:
        return self._best(text, self._patterns)

    @staticmethod
    def _best(text: str, named: list[tuple[str, list[re.Pattern[str]]]]) -> str:
        lowered = text.lower()
        best, best_hits = UNCLASSIFIED, 0
        for name, patterns in named:
            hits = sum(1 for pattern in patterns if pattern.search(lowered))
            if hits > best_hits:
                best, best_hits = name, hits
        return best

    def owner(self, text: str | None) -> str | None:
        value = " ".join((text or "").split())
        if not value or value.lower() in self.empty_owner or value in self.placeholders:
            return None
        return value


def profile_document(doc: Postmortem, facts: IncidentFacts, classifier: RootCauseClassifier,
                     data: RuleData) -> DocumentProfile:
    """The profile; text it quotes (titles, actions, owners…) has secrets and personal
    data masked the way findings do, since audit reports are shared widely."""
    meta = doc.meta
    hide = _redactor(doc, data)
    profile = DocumentProfile(format=doc.format, kind=doc.kind.value)
    profile.id = meta.id.value.strip() if meta.id else None
    profile.title = hide(meta.title.value.strip()) if meta.title else None
    if meta.severity is not None:
        profile.severity = meta.severity.value.label
        profile.severity_level = meta.severity.value.level
    profile.incident_class = hide(" ".join(meta.incident_class.value.split())) \
        if meta.incident_class else None
    profile.services = _services([hide(s.value) for s in meta.services])
    profile.incident_date, profile.date_source = _incident_date(doc, facts)
    profile.date_written = meta.date_written.value if meta.date_written else None
    _timing(profile, doc, facts)
    cause = _root_cause_text(doc)
    profile.root_cause_category = classifier.classify(cause)
    if classifier.classes:
        profile.named_class = classifier.named_class(
            "\n".join(filter(None, [profile.incident_class, meta.title.value if meta.title
                                     else None, cause])))
    profile.action_items = [ActionRecord(
        text=" ".join(hide(item.description.text).split()), line=item.span.line,
        owner=classifier.owner(hide(item.owner.value) if item.owner else None),
        due=item.due.value if item.due else None,
        due_text=hide(item.due_unparsed.value) if item.due_unparsed and not item.due else None,
        status=item.status.value.value if item.status else None,
        priority=item.priority.value.label if item.priority else None)
        for item in doc.action_items]
    review = doc.follow_up.review_date
    profile.review_date = review.value if review else None
    profile.cost = stated_cost(doc, hide)
    return profile


def _redactor(doc: Postmortem, data: RuleData) -> Callable[[str], str]:
    meta = doc.meta
    quoted = [located.value for located in (meta.title, meta.incident_class, meta.cost)
              if located is not None] + [s.value for s in meta.services]
    for item in doc.action_items:
        quoted.append(item.description.text)
        quoted += [located.value for located in (item.owner, item.due_unparsed)
                   if located is not None]
    values = sensitive_values(quoted, data)  # longest first

    def hide(text: str) -> str:
        for value in values:
            text = text.replace(value, MASK)
        return text

    return hide


def _services(names: list[str]) -> list[str]:
    """'billing-events (Kafka topic)' -> 'billing-events'; each service once."""
    out: list[str] = []
    for name in names:
        short = name.split("(", 1)[0].strip(" .;:-")
        if short and short.lower() not in (s.lower() for s in out):
            out.append(short)
    return out


def _incident_date(doc: Postmortem, facts: IncidentFacts) -> tuple[dt.date | None, str | None]:
    """The model's incident day (front matter, title, opening, timeline or file name),
    else the date the document was written or published."""
    meta = doc.meta
    if meta.incident_date is not None:
        return meta.incident_date.value, meta.incident_date_source or "front-matter"
    if meta.date_written is not None:
        return meta.date_written.value, "date written"
    if meta.date_published is not None:
        return meta.date_published.value, "date published"
    return None, None


def _timing(profile: DocumentProfile, doc: Postmortem, facts: IncidentFacts) -> None:
    """MTTD and MTTR inputs from the shared facts, or the reason a document cannot count."""
    if not doc.timeline.entries and facts.onset is None:
        common: str | None = "no timeline"
    elif facts.onset is None:
        common = "no onset (start of impact) in the timeline"
    elif not facts.comparable:
        common = "timeline times cannot be compared (mixed or missing time zones)"
    else:
        common = None
    profile.detection_issue = common or _span_issue(
        facts.detection, facts.detection_delay_minutes, "detection")
    profile.resolution_issue = common or _span_issue(
        facts.resolution, facts.time_to_resolve_minutes, "resolution")
    if profile.detection_issue is None:
        profile.detection_minutes = facts.detection_delay_minutes
    if profile.resolution_issue is None:
        profile.resolution_minutes = facts.time_to_resolve_minutes


def _span_issue(at: dt.datetime | None, minutes: float | None, phase: str) -> str | None:
    if at is None:
        return f"no {phase} time in the timeline"
    if minutes is None:
        return f"{phase} time cannot be compared with the onset"
    if minutes < 0:
        return f"{phase} comes before the onset in the timeline"
    return None


def _root_cause_text(doc: Postmortem) -> str:
    parts = [prose.text for prose in doc.root_cause]
    if not parts:
        parts = [why.text.text for why in doc.five_whys]
    if doc.meta.incident_class is not None:
        parts.append(doc.meta.incident_class.value)
    return "\n".join(parts)


def stated_cost(doc: Postmortem, hide: Callable[[str], str]) -> Cost | None:
    """The incident cost the parser read (``doc.incident_cost``), as the audit sums it: one
    amount and currency per document; amounts in several currencies stay unread."""
    cost, field = doc.incident_cost, doc.meta.cost
    if field is None and cost.described is None and not cost.amounts:
        return None
    text = field.value if field is not None else cost.described.value if cost.described \
        else cost.amounts[0].raw
    totals = cost.totals()
    if len(totals) != 1:
        return Cost(text=hide(text).strip())
    currency, amount = next(iter(totals.items()))
    return Cost(text=hide(text).strip(), amount=amount,
                currency=None if currency == "unspecified" else currency)
