"""What the blame rules share: one analysis of the document, one finding per blaming sentence
of a paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from postmortem_lint.engine.finding import Problem
from postmortem_lint.engine.rule import Rule, RuleContext
from postmortem_lint.model.span import Span
from postmortem_lint.nlp.hits import BlameKind

if TYPE_CHECKING:
    from postmortem_lint.nlp.scan import ProseHit


class BlameLanguageRule(Rule):
    """Base of the PM1xx rules: reports the analysis' hits of one kind."""

    family = "blameless"
    needs_nlp = True
    kind: ClassVar[BlameKind]
    hint: ClassVar[str]

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        if ctx.nlp is None:
            return
        from postmortem_lint.nlp.scan import find_blame

        reported: set[object] = set()  # one phrase can be hit twice (agent and cause)
        # One sentence of a paragraph or item is reported, once: the next sentences of the
        # same paragraph ("X misjudged the risk. They did not ask for a review.") and the
        # sentence's other phrases are one rewrite. The finding spans all its phrases.
        sentence_of: dict[int, int] = {}
        found: dict[tuple[int, int], tuple[ProseHit, Span]] = {}
        for finding in find_blame(ctx.nlp, ctx.document):
            key = self.once_per(finding)
            if not self.reports(finding) or finding.span in reported or key in reported:
                continue
            if sentence_of.setdefault(id(finding.prose), finding.sentence) != finding.sentence:
                continue
            reported.update((finding.span, key))
            where = (id(finding.prose), finding.sentence)
            first, span = found.get(where, (finding, finding.span))
            found[where] = (first, _covering(span, finding.span))
        for finding, span in found.values():
            yield self.problem(span, self.message(finding), self.hint)

    def once_per(self, finding: ProseHit) -> object:
        """What the rule reports at most once besides each phrase (by default nothing more)."""
        return finding.span

    def reports(self, finding: ProseHit) -> bool:
        return finding.kind is self.kind

    def message(self, finding: ProseHit) -> str:
        raise NotImplementedError


def _covering(a: Span, b: Span) -> Span:
    start = min((a.line, a.column), (b.line, b.column))
    end = max((a.end_line, a.end_column), (b.end_line, b.end_column))
    return Span(line=start[0], column=start[1], end_line=end[0], end_column=end[1])


def person(finding: ProseHit, default: str = "a person") -> str:
    """Who the phrase is about, as it reads mid-sentence ("the on-call engineer")."""
    who = " ".join(finding.who.split())[:60]
    first, _, rest = who.partition(" ")
    if first in ("The", "A", "An", "This", "That", "Our", "Their", "His", "Her") and rest:
        who = f"{first.lower()} {rest}"
    return who or default


def quoted(finding: ProseHit) -> str:
    phrase = finding.phrase
    return f'"{phrase[:80]}…"' if len(phrase) > 80 else f'"{phrase}"'
