"""What the analysis of one sentence finds, in a form the on-disk cache can store."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum


class BlameKind(StrEnum):
    """The kinds of blame (BLAMELESS.md), plus the facts the cause rules need."""

    failure_verb = "failure_verb"  # a person as the subject of a failure: "Ravi forgot"
    possessive_fault = "possessive_fault"  # "Tom's mistake", "a mistake by the DBA"
    judgment = "judgment"  # careless, sloppy, "should have known better", "obviously"
    counterfactual = "counterfactual"  # "X should have run…", "had Y double-checked…"
    minimising = "minimising"  # "she simply forgot", "he just didn't check"
    discipline = "discipline"  # "will be held accountable", "was reprimanded"
    person_as_cause = "person_as_cause"  # "caused by Dana", "Omar took down the cluster"
    human_error = "human_error"  # "human error", "operator error" given as a cause
    agent = "agent"  # a person as the agent of an act: blame only where causes are stated


@dataclass(frozen=True, slots=True)
class BlameHit:
    """A blaming phrase at ``start:end`` (character offsets) of the sentence; ``who`` is the
    person, role or team. ``anchor`` is where the cue itself is: the analyzer merges hits
    whose cues overlap, and it is not kept once they are merged (nor cached)."""

    kind: BlameKind
    start: int
    end: int
    who: str = ""
    anchor: tuple[int, int] = field(default=(0, 0), compare=False, repr=False)

    def shifted(self, offset: int) -> BlameHit:
        return BlameHit(self.kind, self.start + offset, self.end + offset, self.who)


def encode_hits(hits: tuple[BlameHit, ...]) -> str:
    return json.dumps([[hit.kind.value, hit.start, hit.end, hit.who] for hit in hits],
                      ensure_ascii=False, separators=(",", ":"))


def decode_hits(blob: str) -> tuple[BlameHit, ...]:
    return tuple(BlameHit(BlameKind(kind), int(start), int(end), str(who))
                 for kind, start, end, who in json.loads(blob))
