"""Shared fixtures for the robustness suite, and a report of how many cases each property
test generated (printed at the end of the run)."""

from __future__ import annotations

import datetime as dt
import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, settings

from postmortem_lint.engine.config import LoadedConfig
from postmortem_lint.engine.runner import Linter

CASES: Counter[str] = Counter()  # property test name -> generated cases that ran

settings.register_profile(
    # derandomize: the same cases on every run and machine, so a failure is reproducible
    # and a pass means the same thing everywhere; found bugs are kept as @example cases
    "robustness", deadline=None, database=None, print_blob=True, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much])


def count_case(name: str) -> None:
    CASES[name] += 1


@pytest.fixture(scope="session")
def linter() -> Linter:
    """Every rule (NLP included), no cache, a fixed today."""
    return Linter(LoadedConfig(), use_cache=False, today=dt.date(2026, 6, 1))


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Fail instead of hanging: interrupts Python code still running after ``seconds``."""
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"{what} took more than {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not CASES:
        return
    terminalreporter.write_sep("-", "robustness: generated cases per property test")
    for name, count in sorted(CASES.items()):
        terminalreporter.write_line(f"{count:>6}  {name}")
    terminalreporter.write_line(f"{sum(CASES.values()):>6}  in total")
