"""The rule contract: small, self-describing classes discovered through entry points.

A rule has a ``code`` (PM301), a ``name`` (timeline-zone-missing), a default
``level``, an ``Options`` pydantic model, and a docstring that is its
documentation (what it checks, why, a bad and a good example). ``check``
receives a :class:`RuleContext` and yields :class:`Problem` objects; it never
reads files, never parses text structure, and keeps no state between documents.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, ConfigDict, TypeAdapter

from postmortem_lint.engine.finding import Applicability, Fix, Level, Problem
from postmortem_lint.model.span import Span
from postmortem_lint.ruledata import RuleData

if TYPE_CHECKING:
    from postmortem_lint.model import Postmortem
    from postmortem_lint.nlp import NlpService


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RuleOptions(BaseModel):
    """Base for a rule's options: unknown keys are errors; keys are written in kebab-case
    in the config (``max-days``), like every other config key."""

    model_config = ConfigDict(extra="forbid", alias_generator=lambda name: name.replace("_", "-"),
                              populate_by_name=True)


def option_defaults(options: type[BaseModel]) -> dict[str, object]:
    """Each option's default as JSON data, by its config name: as the JSON Schema gives it,
    or made by the field's factory (which the schema leaves out); required options are
    left out."""
    written = options.model_json_schema().get("properties", {})
    return {field.alias or name: written[field.alias or name]["default"]
            if "default" in written.get(field.alias or name, {}) else
            TypeAdapter(field.annotation or object).dump_python(
                field.get_default(call_default_factory=True), mode="json")
            for name, field in options.model_fields.items() if not field.is_required()}


@dataclass
class RuleContext:
    """What a rule may look at: the document, the rule data, the shared NLP service."""

    document: Postmortem
    data: RuleData
    nlp: NlpService | None = None
    today: dt.date | None = None
    frameworks: tuple[str, ...] = ()  # regulatory packs the config turns on


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    level: ClassVar[Level] = Level.warning
    family: ClassVar[str] = ""
    Options: ClassVar[type[BaseModel]] = NoOptions
    needs_nlp: ClassVar[bool] = False
    # Off unless a select / extend-select pattern other than ALL names it (its code, a
    # prefix of the code, or its name): for rules that ask for a template convention
    # many well-written postmortems legitimately leave out.
    default_enabled: ClassVar[bool] = True
    # The surest fix the rule offers (None: it has none); shown by explain, rules and docs.
    fix_kind: ClassVar[Applicability | None] = None

    def __init__(self, options: BaseModel | None = None):
        self.options = options if options is not None else self.Options()

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        raise NotImplementedError

    # -- documentation ------------------------------------------------------------
    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring: what the rule checks."""
        return cls.doc().split("\n", 1)[0].strip()

    @classmethod
    def fix_summary(cls) -> str:
        """Whether and how ``check --fix`` repairs the rule's findings."""
        if cls.fix_kind is Applicability.safe:
            return "safe fix (applied by --fix)"
        if cls.fix_kind is Applicability.unsafe:
            return "unsafe fix (applied by --fix --unsafe-fixes, to confirm)"
        return "no automatic fix"

    @staticmethod
    def problem(span: Span, message: str, hint: str | None = None,
                related: list[Span] | None = None, fix: Fix | None = None) -> Problem:
        return Problem(span=span, message=message, hint=hint, related=related or [], fix=fix)
