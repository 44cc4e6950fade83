"""What rules report and the engine hands to reporters."""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from postmortem_lint.defaults import new_dict, new_list
from postmortem_lint.model.span import Span

# Part of the whole-file cache key: bump when a cached Finding would lack what is now
# computed (2: findings carry their fix; 3: the codes folded into them).
FINDING_FORMAT = 3


class Level(str, Enum):
    """Finding severity, ordered: info < warning < error."""

    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Applicability(StrEnum):
    """How sure a fix is, as in ruff: ``safe`` fixes are applied by ``--fix``; ``unsafe``
    ones (a person should confirm the new text) only with ``--unsafe-fixes``."""

    safe = "safe"
    unsafe = "unsafe"


class Edit(BaseModel):
    """Replace the text in ``span`` (an empty span inserts) with ``text``."""

    model_config = ConfigDict(frozen=True)

    span: Span
    text: str


class Fix(BaseModel):
    """The repair a finding carries: edits of the text the rule owns, and how sure it is."""

    message: str
    applicability: Applicability
    edits: list[Edit]


class Shared(BaseModel):
    """What a problem says lacks from a subject that sibling rules may say lacks something
    else too ("Action item "X" has no" + "owner"): the engine folds the problems of one
    subject at one place into one finding ("… has no owner, due date or ticket"), under the
    first rule's code. One cause, one finding."""

    model_config = ConfigDict(frozen=True)

    subject: str  # "None of the 4 open action items has", 'Action item "Add …" has no'
    part: str  # "an owner", "owner"
    advice: str  # said once for every part folded in: "give each item all of them"


class Problem(BaseModel):
    """What a rule yields: where, what, and how to fix it. The engine adds the rest."""

    span: Span
    message: str
    hint: str | None = None
    # Other places the finding is about: the items of a list reported once for the list.
    related: list[Span] = Field(default_factory=new_list)
    fix: Fix | None = None
    shared: Shared | None = None
    # The codes of sibling rules whose problems at this place were folded into this one.
    also: list[str] = Field(default_factory=new_list)


class Finding(BaseModel):
    """One reported problem in one file."""

    code: str
    rule: str = Field(description="The rule's name, e.g. timeline-zone-missing.")
    level: Level
    message: str
    hint: str | None = None
    path: str
    span: Span
    related: list[Span] = Field(default_factory=new_list, description="Other places the "
                                "finding is about (the items of a list reported once).")
    justification: str | None = Field(
        default=None, description="For a finding silenced by a suppression comment: the reason "
        "written after '--' in it.")
    fix: Fix | None = Field(default=None, description="The repair, when the rule knows it: "
                            "edits and whether they are safe (applied by --fix) or unsafe.")
    also: list[str] = Field(default_factory=new_list, description="The codes of other rules "
                            "whose findings of the same subject at the same place are folded "
                            "into this one (an item with no owner, due date and ticket: one "
                            "finding, not three).")


class FileResult(BaseModel):
    """Everything the engine learned about one file."""

    path: str
    findings: list[Finding] = Field(default_factory=new_list)
    metrics: dict[str, Any] = Field(default_factory=new_dict)
    skipped: str | None = None  # why the file was not linted (binary, too large…)
    suppressed: list[Finding] = Field(
        default_factory=new_list,
        description="Findings silenced by a suppression comment, with its justification.")
