"""Benchmark: ``check --fix`` on an archive against ``check`` on the same archive.

Makes a 500-document archive (bench/make_archive.py) and a copy of it whose timeline
times are written in CET instead of UTC (so that safe fixes have work), then times, on
each, in a fresh process with ``--no-cache`` on a fresh copy of the archive: ``check``;
``check --fix``; ``check --fix --unsafe-fixes``; and ``check`` on the fixed copy (what a
re-lint of the fixed files costs). A fix pass lints each file once, lints again each file it rewrote
(to report what is left, and to find fixes a first fix made possible), and writes those
files; so ``--fix`` should cost ``check`` plus a re-lint of the files it changed plus the
writes. Prints the figures; asserts nothing.

    python bench/fix_speed.py [--count 500] [--repeat 1]

Recorded on the 2-core sandbox (CPU seconds of each run; wall times were 2-3x longer and
noisy under the other jobs' load):

* archive as generated (no safe fix to make): check 10.17 s, --fix 10.20 s (0 files
  rewritten; 585 unsafe fixes offered), --fix --unsafe-fixes 15.96 s (585 PM505 fixes in
  362 files), check of the fixed copy 9.98 s;
* with CET times: check 11.00 s, --fix 13.12 s (1,082 PM302 fixes in 112 files),
  --fix --unsafe-fixes 16.96 s (1,667 fixes in 392 files), check of the fixed copy 10.74 s.

So --fix costs check plus a re-lint of the rewritten files (cheaper than their first
lint: their sentences' analyses are in memory) plus the writes.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_archive import make_archive  # noqa: E402

TODAY = "2026-07-01"
ZONED = re.compile(r"\b(\d{2}:\d{2}) UTC\b")


def timed(args: list[str], cwd: Path) -> tuple[float, str]:
    """CPU seconds (user + system) of the run, which other load on the machine disturbs far
    less than wall time, and the last line of its standard error."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "postmortem_lint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{args}: exit {done.returncode}: {done.stderr[-2000:]}")
    return elapsed, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pml-fix-bench-"))
    source = work / "archive"
    make_archive(args.count, source, seed=1)
    files = sum(1 for path in source.rglob("*") if path.is_file())
    print(f"archive: {files} files")
    measure(work, source, args.repeat)
    zoned = work / "archive-cet"
    shutil.copytree(source, zoned)
    for path in zoned.rglob("*.md"):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        path.write_text(ZONED.sub(r"\1 CET", text), encoding="utf-8", errors="surrogateescape")
    print("archive with CET times:")
    measure(work, zoned, args.repeat)
    shutil.rmtree(work, ignore_errors=True)


def measure(work: Path, source: Path, repeat: int) -> None:
    runs: dict[str, list[float]] = {"check": [], "check --fix": [],
                                    "check --fix --unsafe-fixes": [], "check (fixed copy)": []}
    notes: dict[str, str] = {}
    run = work / "run"
    command = ["check", "--no-cache", "--today", TODAY, "--format", "json", "-o",
               str(work / "out.json"), "archive"]
    for _ in range(repeat):
        for name, extra in (("check", []), ("check --fix", ["--fix"]),
                            ("check --fix --unsafe-fixes", ["--fix", "--unsafe-fixes"])):
            shutil.rmtree(run, ignore_errors=True)
            shutil.copytree(source, run / "archive")
            elapsed, note = timed(command + extra, cwd=run)
            runs[name].append(elapsed)
            notes[name] = note
            if name == "check --fix":
                changed = sum(1 for path in (run / "archive").rglob("*") if path.is_file()
                              and path.read_bytes() != (source / path.relative_to(
                                  run / "archive")).read_bytes())
                notes[name] += f" [{changed} files rewritten]"
                elapsed, _ = timed(command, cwd=run)
                runs["check (fixed copy)"].append(elapsed)
    for name, times in runs.items():
        print(f"{name:<28} {min(times):7.2f} s CPU   {notes.get(name, '')}")


if __name__ == "__main__":
    main()
