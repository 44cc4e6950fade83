"""How fast ``postmortem-lint audit`` is, and how much memory it needs.

For an archive of 500 generated postmortems (bench/make_archive.py) it prints the cold
audit wall time with ``--jobs 1`` and ``--jobs 2`` and the speed-up, the warm (cached)
re-audit time against the cold one, and peak memory; then how time and memory grow
from 100 to 500 to 2,000 documents. Each audit runs in a fresh process, exactly as
the command line runs it, with its own cache folder; a cold run starts from an empty
cache. Wall times are the best of ``--repeat`` runs (other work on the machine only
ever slows a run down); CPU time (the process and its workers) is printed beside them.

Targets (issue 5): --jobs 2 at least 1.7x faster than --jobs 1; warm re-audit under
10% of cold; memory flat in the number of documents.

    python bench/audit_speed.py                 # the full set (a few minutes)
    python bench/audit_speed.py --sizes 100 500 --repeat 1
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_archive import make_archive  # noqa: E402

TODAY = "2026-07-01"


def _child(archive: str, jobs: int, config: str, trace: bool) -> None:
    """Run one audit in this process and print what it cost as one JSON line."""
    if trace:
        import tracemalloc

        tracemalloc.start()
    from postmortem_lint.cli.main import cli

    began = time.perf_counter()
    with contextlib.suppress(SystemExit):
        cli.main(["audit", archive, "--jobs", str(jobs), "--config", config, "--today", TODAY,
                  "--format", "json", "--output", os.devnull, "--quiet"],
                 prog_name="postmortem-lint", standalone_mode=False)
    wall = time.perf_counter() - began
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    parent_cpu = me.ru_utime + me.ru_stime
    workers_cpu = workers.ru_utime + workers.ru_stime
    out = {"wall": wall, "cpu": parent_cpu + workers_cpu, "parent_cpu": parent_cpu,
           "workers_cpu": workers_cpu, "parent_rss_mb": me.ru_maxrss / 1024,
           "worker_rss_mb": workers.ru_maxrss / 1024}
    if trace:
        out["parent_traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(out))


def audit(archive: Path, jobs: int, cache: Path, *, cold: bool, trace: bool = False
          ) -> dict[str, float]:
    if cold and cache.exists():
        shutil.rmtree(cache)
    config = cache.parent / f"{cache.name}.yaml"
    config.write_text(f"cache-dir: {cache.as_posix()}\n", encoding="utf-8")
    began = time.perf_counter()
    run = subprocess.run([sys.executable, __file__, "--child", str(archive), "--jobs",
                          str(jobs), "--config", str(config)] + (["--trace"] if trace else []),
                         capture_output=True, text=True, check=True)
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result["process_wall"] = time.perf_counter() - began  # with interpreter start-up
    return result


def best(archive: Path, jobs: int, cache: Path, repeat: int, *, cold: bool
         ) -> dict[str, float]:
    runs = []
    for _ in range(repeat):
        if not cold and not cache.exists():
            audit(archive, jobs, cache, cold=True)  # fill the cache first
        runs.append(audit(archive, jobs, cache, cold=cold))
    return min(runs, key=lambda r: r["process_wall"])


def fmt(run: dict[str, float]) -> str:
    return (f"{run['process_wall']:6.2f} s wall ({run['wall']:.2f} s in the audit, "
            f"{run['cpu']:.2f} s CPU)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--config", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--compare", type=int, default=500,
                        help="Archive size for the jobs and cache comparison.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per figure (best kept).")
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.jobs, args.config, args.trace)
        return

    work = Path(tempfile.mkdtemp(prefix="postmortem-bench-"))
    try:
        print(f"postmortem-lint audit benchmark — {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.2f}, best of {args.repeat}")
        n = args.compare
        archive = make_archive(n, work / f"archive-{n}")
        one = best(archive, 1, work / "cache-j1", args.repeat, cold=True)
        two = best(archive, 2, work / "cache-j2", args.repeat, cold=True)
        warm_one = best(archive, 1, work / "cache-j1", args.repeat, cold=False)
        warm_two = best(archive, 2, work / "cache-j2", args.repeat, cold=False)
        print(f"\n{n} documents")
        print(f"  cold --jobs 1   {fmt(one)}")
        print(f"  cold --jobs 2   {fmt(two)}")
        print(f"  speed-up        {one['process_wall'] / two['process_wall']:.2f}x "
              f"(target >= 1.7x; in the audit alone {one['wall'] / two['wall']:.2f}x)")
        # On a busy machine wall time shows the neighbours; CPU time shows the work. With
        # two free cores --jobs 2 would take the parent's CPU plus half the workers' CPU.
        projected = two["parent_cpu"] + two["workers_cpu"] / 2
        print(f"  CPU split       --jobs 2: parent {two['parent_cpu']:.2f} s, workers "
              f"{two['workers_cpu']:.2f} s; on two free cores ~{projected:.2f} s, a "
              f"{one['cpu'] / projected:.2f}x speed-up (CPU-time projection)")
        print(f"  warm --jobs 1   {fmt(warm_one)} = "
              f"{100 * warm_one['process_wall'] / one['process_wall']:.1f}% of cold")
        print(f"  warm --jobs 2   {fmt(warm_two)} = "
              f"{100 * warm_two['process_wall'] / two['process_wall']:.1f}% of cold "
              "(target < 10%)")
        print(f"  peak memory     parent {two['parent_rss_mb']:.0f} MB RSS, each worker "
              f"<= {two['worker_rss_mb']:.0f} MB RSS (--jobs 2); "
              f"--jobs 1: {one['parent_rss_mb']:.0f} MB")

        print("\ngrowth (cold, --jobs 2; memory traced in a separate run)")
        print(f"  {'docs':>6} {'wall s':>8} {'ms/doc':>7} {'CPU s':>7} {'parent MB':>10} "
              f"{'worker MB':>10} {'traced MB':>10}")
        for size in args.sizes:
            folder = archive if size == n else make_archive(size, work / f"archive-{size}")
            timed = best(folder, 2, work / f"cache-g{size}", 1 if size != n else args.repeat,
                         cold=True)
            traced = audit(folder, 2, work / f"cache-t{size}", cold=True, trace=True)
            print(f"  {size:>6} {timed['process_wall']:>8.2f} "
                  f"{1000 * timed['process_wall'] / size:>7.1f} {timed['cpu']:>7.2f} "
                  f"{timed['parent_rss_mb']:>10.0f} {timed['worker_rss_mb']:>10.0f} "
                  f"{traced['parent_traced_peak_mb']:>10.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
