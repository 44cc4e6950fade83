"""How much the blameless rules cost a pre-commit run, against spaCy's own load time.

For a typical 1,500-word postmortem (the clean corpus file closest to 1,500 words, or
``--file``) it prints, each measured in a fresh process as a user would run it:

* bare load: ``python -c "import spacy; spacy.load(MODEL)"`` with the model the linter
  resolves (the floor any spaCy-based check pays);
* cold: ``postmortem-lint check FILE --no-cache`` (every rule, no cache at all);
* warm: the same command with the cache populated, on the unchanged file (the engine's
  whole-file cache answers), and on an *edited* file (one sentence changed; the
  per-sentence NLP cache answers for every other sentence, so spaCy is not imported),
  plus whether spaCy was imported in the warm runs;
* an edit of a sentence the parser has to read (spaCy loads: the cost of a real edit);
* the ratios cold / bare load and the targets (cold <= 1.3 x bare, warm <= 0.3 s).

Wall times are the median of ``--repeat`` runs (default 5) taken in turns, so a busy
machine slows every measurement alike; CPU times (user + system of each process) are
printed too, as they depend less on other load. The measured processes keep compiled
bytecode, as an installed package does (``--no-bytecode-cache`` measures the way this
sandbox runs Python, recompiling the linter on every run). Run:
``python bench/blame_speed.py [--file F] [--repeat N]``.

Recorded on the 2-core sandbox while other jobs loaded it (so compare within a row; the
bare load itself moved from 1.72 s to 2.14 s between the two runs), 1,421-word file:

=========================  ===========================  ===========================
                           before the performance work  after
=========================  ===========================  ===========================
bare spaCy load            1.724 s                      2.136 s
cold (ratio to bare)       1.943 s (1.13)               2.158 s (1.01)
warm, unchanged            0.372 s (0.22 of bare)       0.353 s (0.17 of bare)
warm, one sentence edited  0.554 s (0.32 of bare)       0.629 s (0.29 of bare)
=========================  ===========================  ===========================

Interleaved old/new runs (9 each, CPU seconds, same load): unchanged 0.583 -> 0.425,
edited 0.817 -> 0.760.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLEAN = REPO / "tests" / "data" / "corpus" / "clean"
COLD_TARGET = 1.3
WARM_TARGET = 0.3


def typical_file() -> Path:
    files = sorted(CLEAN.glob("*.md"))
    return min(files, key=lambda f: abs(len(f.read_text(encoding="utf-8").split()) - 1500))


def cli() -> list[str]:
    script = Path(sys.executable).parent / "postmortem-lint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "postmortem_lint"]


def model_name() -> str:
    from postmortem_lint.nlp.model import resolve_model

    return resolve_model(None).name


CPU: dict[str, list[float]] = {}


ENV = dict(os.environ)


def use_bytecode_cache(folder: Path) -> None:
    """Let the measured processes keep compiled bytecode (in ``folder``), as an installed
    package does; this sandbox sets PYTHONDONTWRITEBYTECODE, which makes every run
    recompile the linter's modules."""
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(folder)


def timed(command: list[str], cwd: Path, name: str = "") -> float:
    """Wall time of one run; its CPU time (user + system) is kept in CPU[name]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    if name:
        CPU.setdefault(name, []).append(after.ru_utime - before.ru_utime + after.ru_stime
                                        - before.ru_stime)
    return elapsed


def spacy_imported(command: list[str], cwd: Path) -> bool:
    """Run ``command`` with -X importtime and report whether spaCy was imported."""
    env = dict(ENV, PYTHONPROFILEIMPORTTIME="1")
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    return any(line.rstrip().endswith("| spacy") for line in result.stderr.splitlines())


def edit_unparsed(text: str) -> str:
    """Change a number in a line the prefilter sends nowhere (a typical small edit: a
    count in the impact, a time in the timeline): its sentence is new to the cache, but
    no sentence that needs the parser changed."""
    from postmortem_lint.nlp.lexicon import CompiledLexicon
    from postmortem_lint.ruledata import load_rule_data

    lexicon = CompiledLexicon(load_rule_data().blame)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = re.search(r"\d+", line)
        if match is None or line.lstrip().startswith(("#", "|", "---")) or len(line) < 40:
            continue
        edited = line[:match.start()] + str(int(match.group()) + 1) + line[match.end():]
        if not lexicon.needs_parse(line) and not lexicon.needs_parse(edited):
            lines[index] = edited
            return "\n".join(lines)
    return text + "\nOne more plain sentence about the timeline.\n"


def edit_parsed(text: str) -> str:
    """Add a sentence that has to be parsed (a person and a cue word)."""
    return text.replace("\n## ", "\nThe on-call engineer restarted the pods at 10:00 UTC, as "
                        "the runbook says, because the error rate did not recover.\n\n## ", 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="measure as this sandbox runs Python (recompiling every module)")
    args = parser.parse_args(argv)
    source = args.file or typical_file()
    text = source.read_text(encoding="utf-8")
    model = model_name()
    command = cli()
    work = Path(tempfile.mkdtemp(prefix="pm-speed-"))
    if not args.no_bytecode_cache:
        use_bytecode_cache(work / "pycache")
    try:
        target = work / "postmortem.md"
        bare_cmd = [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]
        cold_cmd = [*command, "check", target.name, "--no-cache"]
        warm_cmd = [*command, "check", target.name]
        runs: dict[str, list[float]] = {name: [] for name in (
            "bare", "cold", "warm_same", "warm_edited", "edited_parsed")}
        target.write_text(text, encoding="utf-8")
        timed(bare_cmd, work)  # compile bytecode once for both sides
        timed(cold_cmd, work)
        for _ in range(args.repeat):
            target.write_text(text, encoding="utf-8")
            runs["bare"].append(timed(bare_cmd, work, "bare"))
            runs["cold"].append(timed(cold_cmd, work, "cold"))
            shutil.rmtree(work / ".postmortem-lint-cache", ignore_errors=True)
            timed(warm_cmd, work)  # populate the caches
            runs["warm_same"].append(timed(warm_cmd, work, "warm_same"))
            target.write_text(edit_unparsed(text), encoding="utf-8")
            runs["warm_edited"].append(timed(warm_cmd, work, "warm_edited"))
            target.write_text(edit_parsed(text), encoding="utf-8")
            runs["edited_parsed"].append(timed(warm_cmd, work, "edited_parsed"))
        target.write_text(text, encoding="utf-8")
        shutil.rmtree(work / ".postmortem-lint-cache", ignore_errors=True)
        timed(warm_cmd, work)
        imported_same = spacy_imported(warm_cmd, work)
        target.write_text(edit_unparsed(text), encoding="utf-8")
        imported_edited = spacy_imported(warm_cmd, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    median = {name: statistics.median(values) for name, values in runs.items()}
    words = len(text.split())
    bare, cold = median["bare"], median["cold"]
    print(f"file: {source.relative_to(REPO) if source.is_relative_to(REPO) else source} "
          f"({words} words); model {model}; median of {args.repeat} runs; "
          f"{os.cpu_count()} CPUs; bytecode cache "
          f"{'off (as this sandbox runs)' if args.no_bytecode_cache else 'on (as installed)'}")
    print(f"bare import spacy + spacy.load   {bare:6.3f} s")
    print(f"cold check --no-cache            {cold:6.3f} s   cold / bare = {cold / bare:.2f} "
          f"(target <= {COLD_TARGET})  {'OK' if cold <= COLD_TARGET * bare else 'MISSED'}")
    for name, label, imported in (("warm_same", "warm, unchanged file", imported_same),
                                  ("warm_edited", "warm, one sentence edited", imported_edited)):
        value = median[name]
        print(f"{label:32s} {value:6.3f} s   warm / cold = {value / cold:.2f}; spaCy imported: "
              f"{'yes' if imported else 'no'}  (target <= {WARM_TARGET} s)  "
              f"{'OK' if value <= WARM_TARGET and not imported else 'MISSED'}")
    print(f"{'warm, a parsed sentence added':32s} {median['edited_parsed']:6.3f} s   (spaCy "
          "loads for the one new sentence)")
    cpu = {name: statistics.median(values) for name, values in CPU.items()}
    print(f"CPU time (user+sys, median): bare {cpu['bare']:.3f} s, cold {cpu['cold']:.3f} s "
          f"(cold / bare = {cpu['cold'] / cpu['bare']:.2f}), warm unchanged "
          f"{cpu['warm_same']:.3f} s, warm edited {cpu['warm_edited']:.3f} s")
    print("all runs (wall s): " + "; ".join(f"{name} " + " ".join(f"{v:.2f}" for v in values)
                                            for name, values in runs.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
