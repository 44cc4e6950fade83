"""How the linter reads a folder of real postmortems: counts, noise and precision per rule.

Runs ``postmortem-lint check --format json --no-cache`` over a folder (in a subprocess, so
whatever ``postmortem_lint`` is first on ``PYTHONPATH`` is measured) and prints:

* per rule: findings, documents it fires on, findings per firing document (median, max);
* per document: findings (median, max) and the noisiest documents;
* with ``--judgments FILE``: per rule, how many findings are judged, true, false, the
  precision, and which findings are not judged yet (so a change that moves findings shows);
* with ``--sample N``: a seeded random sample of N findings per rule, each with the source
  line it points at, to judge by reading it in its document.

Judgments are a TSV kept outside the repository (the documents' licences vary), one line a
finding: ``file<TAB>line<TAB>code<TAB>true|false<TAB>why``; ``file`` is the base name.
Lines starting with ``#`` are comments. Run:
``python bench/real_precision.py DIR [--judgments FILE] [--sample 5] [--select PM3]``.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    code: str
    message: str
    path: str


def run_linter(folder: Path, select: str | None) -> tuple[list[Finding], list[str]]:
    command = [sys.executable, "-m", "postmortem_lint", "check", "--format", "json",
               "--no-cache", str(folder)]
    if select:
        command[4:4] = ["--select", select]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"postmortem-lint exited {done.returncode}:\n{done.stderr}")
    report = json.loads(done.stdout)
    findings = [Finding(Path(f["path"]).name, x["span"]["line"], x["code"], x["message"], f["path"])
                for f in report["files"] for x in f["findings"]]
    return findings, [Path(f["path"]).name for f in report["files"]]


def read_judgments(path: Path) -> dict[tuple[str, int, str], bool]:
    verdicts: dict[tuple[str, int, str], bool] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) < 4 or not cells[1].strip().isdigit():
            continue
        verdicts[(cells[0].strip(), int(cells[1]), cells[2].strip())] = (
            cells[3].strip().lower() in ("true", "t", "yes", "1"))
    return verdicts


def per_rule_table(findings: list[Finding]) -> None:
    by_rule: dict[str, list[Finding]] = collections.defaultdict(list)
    for finding in findings:
        by_rule[finding.code].append(finding)
    print(f"{'rule':7} {'count':>6} {'docs':>5} {'per-doc median':>15} {'max':>4}")
    for code in sorted(by_rule):
        per_doc = collections.Counter(f.file for f in by_rule[code])
        print(f"{code:7} {len(by_rule[code]):6} {len(per_doc):5} "
              f"{statistics.median(per_doc.values()):15g} {max(per_doc.values()):4}")


def per_document(findings: list[Finding], files: list[str]) -> None:
    counts = collections.Counter(f.file for f in findings)
    per = [counts.get(name, 0) for name in files]
    if not per:
        print("no documents")
        return
    print(f"\n{len(per)} documents, {sum(per)} findings, median {statistics.median(per):g} "
          f"per document, max {max(per)}")
    for name, count in counts.most_common(5):
        print(f"  {count:4}  {name}")


def precision(findings: list[Finding], verdicts: dict[tuple[str, int, str], bool]) -> None:
    print(f"\n{'rule':7} {'count':>6} {'judged':>7} {'true':>5} {'false':>6} {'precision':>10}")
    by_rule: dict[str, list[Finding]] = collections.defaultdict(list)
    for finding in findings:
        by_rule[finding.code].append(finding)
    unjudged: list[Finding] = []
    for code in sorted(by_rule):
        judged = [verdicts[(f.file, f.line, f.code)] for f in by_rule[code]
                  if (f.file, f.line, f.code) in verdicts]
        unjudged += [f for f in by_rule[code] if (f.file, f.line, f.code) not in verdicts]
        true = sum(judged)
        share = f"{true / len(judged):.2f}" if judged else "-"
        print(f"{code:7} {len(by_rule[code]):6} {len(judged):7} {true:5} "
              f"{len(judged) - true:6} {share:>10}")
    if unjudged:
        print(f"\n{len(unjudged)} findings not judged yet:")
        for finding in unjudged:
            print(f"  {finding.file}\t{finding.line}\t{finding.code}\t{finding.message[:100]}")


def sample(findings: list[Finding], size: int, seed: int) -> None:
    by_rule: dict[str, list[Finding]] = collections.defaultdict(list)
    for finding in findings:
        by_rule[finding.code].append(finding)
    rng = random.Random(seed)
    for code in sorted(by_rule):
        chosen = rng.sample(by_rule[code], min(size, len(by_rule[code])))
        print(f"\n== {code} ({len(by_rule[code])} findings)")
        for finding in chosen:
            lines = Path(finding.path).read_text(encoding="utf-8", errors="replace").splitlines()
            source = lines[finding.line - 1].strip() if 0 < finding.line <= len(lines) else ""
            print(f"  {finding.file}:{finding.line}  {finding.message[:160]}")
            print(f"      > {source[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--judgments", type=Path)
    parser.add_argument("--sample", type=int, default=0, help="findings to show per rule")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--select", help="rule codes or prefixes, as for check --select")
    args = parser.parse_args()
    findings, files = run_linter(args.folder, args.select)
    per_rule_table(findings)
    per_document(findings, files)
    if args.judgments:
        precision(findings, read_judgments(args.judgments))
    if args.sample:
        sample(findings, args.sample, args.seed)


if __name__ == "__main__":
    main()
