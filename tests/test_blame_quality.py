"""The blameless rules' precision and recall on the labeled sentences must not regress.

Floors sit slightly below the figures ``bench/blame_quality.py`` measured (see its output
for the per-category table). ``dev``, ``dev_extra`` and ``dev2`` are the sets the rules
were tuned on. ``holdout`` and ``holdout2`` are measured, not tuned on, but both have been
looked at, so neither is blind any more: ``holdout2`` was measured blind once, before any
change it prompted (precision 1.000, recall 0.761, F1 0.864, phrase 0.965), and the
failure shapes it showed were then fixed from new ``dev2`` sentences, never from its own.
Its floor below guards the final figure; the blind figure is the honest estimate.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import REPO

# split: (precision, recall, share of caught blame marked on the labeled phrase)
FLOORS = {
    "dev": (0.98, 0.97, 0.95),  # measured 1.000 / 1.000 / 1.000
    "dev_extra": (0.97, 0.93, 0.95),  # measured 1.000 / 0.955 / 1.000
    "dev2": (0.97, 0.94, 0.95),  # measured 1.000 / 0.962 / 0.983
    "holdout": (0.96, 0.88, 0.93),  # measured 1.000 / 0.908 / 0.966 (was 0.979 / 0.708)
    # holdout2: blind 1.000 / 0.761 / 0.965 before the fixes; final 1.000 / 0.947 / 0.963
    "holdout2": (0.96, 0.92, 0.93),
}


@pytest.fixture(scope="module")
def bench():  # noqa: ANN201
    spec = importlib.util.spec_from_file_location("blame_quality",
                                                  REPO / "bench" / "blame_quality.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["blame_quality"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def linter(bench):  # noqa: ANN001, ANN201
    return bench.make_linter()


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_quality_floor(bench, linter, split: str) -> None:  # noqa: ANN001
    report = bench.measure(split, linter)
    precision, recall, phrase = FLOORS[split]
    detail = bench.render(report, show_errors=True)
    assert report.crashes == 0, detail
    assert report.overall.precision >= precision, detail
    assert report.overall.recall >= recall, detail
    assert report.phrase_hit_rate >= phrase, detail


def test_never_flag_categories_stay_clean_on_dev(bench, linter) -> None:  # noqa: ANN001
    report = bench.measure("dev", linter)
    flagged = {name: s.fp for name, s in report.categories.items() if s.fp}
    assert flagged == {}
