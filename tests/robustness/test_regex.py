"""No regular expression backtracks catastrophically: every pattern the package uses (in
modules, in ``re.*`` calls, in rule data) is run on long runs of the characters it
repeats, in a subprocess that is stopped if a pattern never returns."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.robustness import regex_probe

PROBE = Path(regex_probe.__file__)


def test_patterns_are_found_in_every_source() -> None:
    patterns = regex_probe.all_patterns()
    names = " ".join(patterns)
    assert len(patterns) > 40
    assert "postmortem_lint.parsers.times._TIMESTAMP" in names  # a module's compiled pattern
    assert "postmortem_lint/parsers/" in names  # literal patterns in re.* calls
    assert "rules:sensitive_data" in names  # patterns kept in rule data


def test_the_probe_flags_a_quadratic_pattern() -> None:
    # The same test the probe applies to every pattern: a canary it would not flag would
    # prove nothing about the patterns it passes. A machine busy with other work can
    # squeeze one measurement, so the canary gets three tries.
    quadratic = re.compile(r"\s+#")
    growths = []
    for _ in range(3):
        growths.append(regex_probe.probe(quadratic, "search")[1])
        if regex_probe.is_quadratic(growths[-1]):
            break
    assert regex_probe.is_quadratic(max(growths)), growths
    _, growth = regex_probe.probe(re.compile(r"(?<!\s)\s+#"), "search")
    assert not regex_probe.is_quadratic(growth), growth


def test_no_pattern_backtracks_on_adversarial_text() -> None:
    try:
        run = subprocess.run([sys.executable, str(PROBE)], capture_output=True, text=True,
                             timeout=300, check=False)
        output = run.stdout
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout.decode() if isinstance(expired.stdout, bytes) else \
            expired.stdout or ""
        started = [line for line in output.splitlines() if line.startswith("START ")]
        raise AssertionError(f"pattern never returned: {started[-1] if started else '?'}") \
            from None
    slow = [line for line in output.splitlines() if line.startswith("SLOW ")]
    assert not slow, "\n".join(slow)
    assert run.returncode == 0, run.stderr[-2000:]
    assert output.count("DONE ") > 40
