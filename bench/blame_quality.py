"""Precision, recall and F1 of the blameless rules (PM1xx) on the labeled sentence set.

Each sentence of ``tests/data/blame/<split>.jsonl`` is linted as a one-paragraph
Markdown document with the PM1xx rules only (one Linter, no cache); it counts as
flagged when any of them reports a finding. Printed per split:

* overall precision, recall and F1 over all sentences;
* per category: for a blame category (failure_verb, judgment…) its recall, and its
  precision and F1 counted against every false positive of the split (a category has
  no negatives of its own); for a never-flag category (praise, software_term…) its
  false positives and specificity;
* per rule: how many sentences it flags and the precision of that rule alone;
* phrase hits: the share of flagged blame sentences whose finding overlaps the
  labeled blaming phrase (so the span, not only the sentence, is right).

``dev`` (273 sentences), ``dev_extra`` (348, more varied phrasing), ``dev2`` (581:
uncommon roles, split "on-call", passive agents, labels naming a person, present-tense and
inverted counterfactuals, the false-positive classes found on real postmortems, and hard
negatives for each) and ``dev3`` (the shapes of issue 11: a person's work as the agent of
damage, clefts, by-phrase agents, idioms of failure, disciplinary outcomes, judgments of
people and groups, with near misses) and ``dev4`` (every kind again in other words, written
before the rules were changed for it: recall 0.805 then) and ``dev5`` (the same again,
with products and outsiders as near misses: recall 0.722, one false positive, before the
changes it prompted), ``dev6`` (recall 0.759 before its changes) and ``dev7`` (0.962
before its one change) and ``dev8`` (417 sentences over every kind, with hard negatives
of eleven kinds, written apart from the analysis and measured blind twice: recall 0.828,
one false positive, before the changes it prompted), ``dev9`` and ``dev10`` (127 sentences
each, every kind in new words with hard negatives, written after the first round of those
changes: recall 0.928 and 0.914, no false positive, before their own) and ``dev11`` (92
longer, more realistic sentences written after the second round: recall 0.821, two false
positives, before its changes) and ``dev12`` (81, list items, team shorthand and
near misses on the new shapes, written after the third round: recall 0.894, no false
positive, before its changes) and ``dev13`` (70, weighted to a person as the cause:
recall 0.844, no false positive, before its changes) and ``dev14`` (35, a person as the
cause and sanctions again: recall 0.652 before its changes) and ``dev15`` (436 sentences by
another writer, every kind with hard negatives of eleven kinds, measured blind once: recall
0.869, four false positives, before the changes it prompted) and ``dev16`` (185, weighted to a
person as the cause in clefts, by-phrases, "because X…" and a person's work as the agent,
with products, bots, attackers, customers, "we" and people meeting a problem as near misses:
recall 0.804, two false positives, before its changes) and ``dev17`` (50, a person as the cause
and products named like people again, written after the first round of those changes:
recall 0.667, five false positives, before its own) and ``dev18`` (48, counterfactuals,
faults and minimising in new words with "we", systems and praise as near misses: recall
0.938, no false positive, before its changes) and ``dev19`` (32, roles, teams and @handles as
the cause with tools and planned work as near misses: recall 0.850, no false positive,
before its changes) and ``dev20`` (525 sentences by another writer, every kind with hard
negatives of eleven kinds, measured blind once: recall 0.742, three false positives on
products named like people, before the changes it prompted) and ``dev21`` (511 sentences by
another writer, every kind with hard negatives of eleven kinds, measured blind once: recall
0.802, five false positives, and folded in unchanged) and ``dev22`` (300 sentences weighted
to a person as the cause, failure verbs and discipline, with hard negatives of eleven kinds:
recall 0.857 with the rules alone, no false positive, before its changes) and ``dev23`` (600
sentences by another writer, two thirds blame weighted the same way: measured once before
its changes, recall 0.743, two false positives) are the development sets: the
rules are tuned on them, so their figures say what the rules do, not how well they generalise
(the sets once kept apart as holdouts are folded in; they had been looked at). Any other labeled
``.jsonl`` file can be measured by path. Run: ``python bench/blame_quality.py
[--split dev|dev_extra|dev2|…|dev23|all|PATH.jsonl] [--show-errors] [--rules-only]``
(``--rules-only``: without the classifier's second opinion, which is trained on these sets).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "blame"
SPLITS = ("dev", "dev_extra", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9",
          "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "dev19",
          "dev20", "dev21", "dev22", "dev23")


@dataclass
class Sentence:
    text: str
    blame: bool
    category: str
    phrase: str
    codes: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    phrase_hit: bool = False

    @property
    def flagged(self) -> bool:
        return bool(self.codes)


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    split: str
    sentences: list[Sentence]
    overall: Scores
    categories: dict[str, Scores]
    rules: dict[str, Scores]
    crashes: int = 0  # PM008: a rule raised; must stay 0

    @property
    def phrase_hit_rate(self) -> float:
        caught = [s for s in self.sentences if s.blame and s.flagged]
        return sum(s.phrase_hit for s in caught) / len(caught) if caught else 1.0


def split_path(split: str) -> Path:
    """A split name (``dev``…) or the path of any labeled ``.jsonl`` file."""
    return Path(split) if split.endswith(".jsonl") else DATA / f"{split}.jsonl"


def load(split: str) -> list[Sentence]:
    rows = [json.loads(line) for line in split_path(split).read_text(
        encoding="utf-8").splitlines() if line.strip()]
    return [Sentence(text=r["text"], blame=bool(r["blame"]), category=r["category"],
                     phrase=r.get("phrase") or "") for r in rows]


def make_linter(second_opinion: bool = True):  # noqa: ANN201
    """The PM1 rules as a user runs them; ``second_opinion=False``: the rules alone, without
    the classifier (which is trained on these sets, so on them it mostly recalls)."""
    from postmortem_lint.engine.config import Config, LoadedConfig
    from postmortem_lint.engine.runner import Linter

    config = Config.model_validate({"blame-second-opinion": second_opinion})
    return Linter(LoadedConfig(config=config), select=["PM1"], use_cache=False)


def measure(split: str, linter=None) -> Report:  # noqa: ANN001
    linter = linter or make_linter()
    sentences = load(split)
    overall = Scores()
    categories: dict[str, Scores] = defaultdict(Scores)
    rules: dict[str, Scores] = defaultdict(Scores)
    all_codes = sorted({rule.code for rule in linter.rules})
    crashes = 0
    for sentence in sentences:
        findings = linter.lint_bytes(sentence.text.encode("utf-8"), "sentence.md").findings
        crashes += sum(f.code == "PM008" for f in findings)
        findings = [f for f in findings if f.code.startswith("PM1")]
        sentence.codes = sorted({f.code for f in findings})
        sentence.phrases = [_slice(sentence.text, f.span) for f in findings]
        sentence.phrase_hit = _overlaps(sentence, findings)
        overall.add(sentence.flagged, sentence.blame)
        categories[sentence.category].add(sentence.flagged, sentence.blame)
        for code in all_codes:
            if code in sentence.codes:
                rules[code].add(True, sentence.blame)
    return Report(split, sentences, overall, dict(categories), dict(rules), crashes)


def _slice(text: str, span) -> str:  # noqa: ANN001 - a one-line document: columns index the text
    return text[span.column - 1:span.end_column - 1] if span.line == span.end_line else text


def _overlaps(sentence: Sentence, findings) -> bool:  # noqa: ANN001
    if not sentence.phrase:
        return False
    start = sentence.text.lower().find(sentence.phrase.lower())
    if start < 0:
        return False
    end = start + len(sentence.phrase)
    return any(f.span.column - 1 < end and start < f.span.end_column - 1 for f in findings)


def render(report: Report, show_errors: bool = False) -> str:
    o = report.overall
    lines = [f"== {report.split}: {len(report.sentences)} sentences "
             f"({o.tp + o.fn} blame, {o.fp + o.tn} not blame)",
             f"overall  precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}  "
             f"(tp {o.tp}, fp {o.fp}, fn {o.fn}, tn {o.tn})",
             f"phrase   {report.phrase_hit_rate:.3f} of caught blame sentences are marked on "
             "the labeled phrase",
             f"crashes  {report.crashes} (PM008 rule-crashed findings)",
             "", "blame categories            n  caught  recall  precision*  F1*"]
    for name, s in sorted(report.categories.items()):
        if s.tp + s.fn:
            # *: this category's sentences against every false positive of the split
            joint = Scores(tp=s.tp, fn=s.fn, fp=o.fp)
            lines.append(f"  {name:24s} {s.tp + s.fn:3d}  {s.tp:6d}  {s.recall:6.3f}  "
                         f"{joint.precision:10.3f}  {joint.f1:.3f}")
    lines += ["", "never-flag categories       n  flagged  specificity"]
    for name, s in sorted(report.categories.items()):
        if s.fp + s.tn:
            lines.append(f"  {name:24s} {s.fp + s.tn:3d}  {s.fp:7d}  "
                         f"{s.tn / (s.fp + s.tn):11.3f}")
    lines += ["", "rules (sentences flagged, precision of the rule alone)"]
    for code, s in sorted(report.rules.items()):
        lines.append(f"  {code}  {s.tp + s.fp:4d}  {s.precision:.3f}")
    if show_errors:
        lines += ["", "errors:"]
        for sentence in report.sentences:
            if sentence.flagged != sentence.blame:
                kind = "FP" if sentence.flagged else "FN"
                lines.append(f"  {kind} [{sentence.category}] {sentence.text}  "
                             f"{sentence.codes} {sentence.phrases}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="all",
                        help=f"one of {', '.join(SPLITS)}, 'all', or a labeled .jsonl path")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--rules-only", action="store_true",
                        help="without the classifier's second opinion")
    args = parser.parse_args(argv)
    if args.split not in (*SPLITS, "all") and not args.split.endswith(".jsonl"):
        parser.error(f"unknown split {args.split!r}")
    linter = make_linter(not args.rules_only)
    splits = SPLITS if args.split == "all" else (args.split,)
    for split in splits:
        print(render(measure(split, linter), args.show_errors))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
