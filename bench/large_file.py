"""Benchmark: a 2 MB postmortem with 5,000 timeline rows must lint in seconds (linear time).

Run: ``python bench/large_file.py [--rows 5000] [--size-mb 2]``. Prints the size, the row
count and the wall time of a full lint (every rule, no cache) for a Markdown table timeline,
a Markdown list timeline and a YAML timeline, and checks that doubling the rows roughly
doubles the time (a quadratic blow-up would quadruple it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable

from postmortem_lint.engine.config import LoadedConfig
from postmortem_lint.engine.runner import Linter

HEAD = """---
title: Checkout API returned 502s for 83 minutes
severity: SEV-2
date: 2026-03-04
authors: [Ana Silva, Marcus Chen]
---

# Checkout API returned 502s for 83 minutes

## Summary

Between 14:02 and 15:25 UTC the checkout API returned 502s for 18% of requests.

## Impact

12,400 customers could not complete a purchase; revenue impact about $48,000.

## Timeline (UTC)

"""
TAIL = """
## Root cause

A connection-pool limit lowered in the v2.1.3 config exhausted connections under peak load.

## Action items

| Action | Owner | Due | Priority |
|---|---|---|---|
| Alert on pool saturation above 80% | @ana | 2026-04-01 | P1 |
"""

EVENT = ("Deploy wave {n} of checkout-api v2.1.3 reached region eu-west-{r}; error rate "
         "{e}% on /v1/checkout, p99 latency {p} ms, pool saturation {s}% as the on-call "
         "engineer compared dashboards, the load-balancer logs and the deploy log for wave {n}. ")


def _event(index: int, width: int) -> str:
    text = EVENT.format(n=index, r=index % 3 + 1, e=index % 40, p=200 + index % 900,
                        s=50 + index % 50)
    return (text * (width // len(text) + 1))[:width].rstrip()


def _clock(index: int) -> str:
    minute = index * 86_400 // 5_000 // 60 if index < 5_000 else index % 1_440
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}:{index % 60:02d}"


def markdown_table(rows: int, size: int) -> str:
    width = max(40, (size - len(HEAD) - len(TAIL)) // rows - 22)
    body = ["| Time | Event |", "|---|---|"]
    body += [f"| {_clock(i)} UTC | {_event(i, width)} |" for i in range(rows)]
    return HEAD + "\n".join(body) + "\n" + TAIL


def markdown_list(rows: int, size: int) -> str:
    width = max(40, (size - len(HEAD) - len(TAIL)) // rows - 18)
    body = [f"- {_clock(i)} UTC — {_event(i, width)}" for i in range(rows)]
    return HEAD + "\n".join(body) + "\n" + TAIL


def yaml_timeline(rows: int, size: int) -> str:
    width = max(40, (size - 400) // rows - 40)
    out = ["title: Checkout API returned 502s for 83 minutes", "severity: SEV-2",
           "incident:", "  date: 2026-03-04", "summary: Checkout returned 502s.", "timeline:"]
    for i in range(rows):
        out += [f"  - time: '{_clock(i)} UTC'", f"    event: {_event(i, width)}"]
    out += ["action items:", "  - action: Alert on pool saturation", "    owner: '@ana'",
            "    due: 2026-04-01"]
    return "\n".join(out) + "\n"


BUILDERS: dict[str, tuple[Callable[[int, int], str], str]] = {
    "markdown table": (markdown_table, "big.md"),
    "markdown list": (markdown_list, "big.md"),
    "yaml": (yaml_timeline, "big.yaml"),
}


def lint_seconds(linter: Linter, text: str, name: str) -> tuple[float, int, int]:
    data = text.encode("utf-8")
    start = time.perf_counter()
    result = linter.lint_bytes(data, name)
    elapsed = time.perf_counter() - start
    return elapsed, len(data), len(result.findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--limit", type=float, default=10.0,
                        help="fail (exit 1) when a 2 MB run takes longer than this")
    parser.add_argument("--all-only", action="store_true", help="only time every rule")
    args = parser.parse_args(argv)
    size = int(args.size_mb * 1024 * 1024)
    linters = {"all rules": Linter(LoadedConfig(), use_cache=False, today=dt.date(2026, 6, 1))}
    if not args.all_only:
        linters["without NLP (PM1xx)"] = Linter(LoadedConfig(), use_cache=False,
                                                today=dt.date(2026, 6, 1), ignore=["PM1"])
    worst = 0.0
    for title, linter in linters.items():
        linter.lint_bytes(b"# warm-up\n\nThe deploy failed.\n", "warm.md")  # data, models
        print(f"\n== {title}")
        worst = max(worst, _table(linter, args.rows, size))
    print(f"slowest: {worst:.2f} s (limit {args.limit:.0f} s)")
    return 0 if worst <= args.limit else 1


def _table(linter: Linter, rows: int, size: int) -> float:
    worst = 0.0
    print(f"{'timeline as':16} {'bytes':>10} {'rows':>6} {'seconds':>8} {'half':>8} "
          f"{'ratio':>6} {'findings':>8}")
    for label, (build, name) in BUILDERS.items():
        elapsed, length, found = lint_seconds(linter, build(rows, size), name)
        half, _, _ = lint_seconds(linter, build(rows // 2, size // 2), name)
        worst = max(worst, elapsed)
        print(f"{label:16} {length:>10,} {rows:>6,} {elapsed:>8.2f} {half:>8.2f} "
              f"{elapsed / max(half, 1e-9):>6.2f} {found:>8}", flush=True)
    return worst


if __name__ == "__main__":
    sys.exit(main())
