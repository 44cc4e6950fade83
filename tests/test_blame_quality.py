"""The blameless rules' results on the labeled development sentences must not regress, and
the sets must be able to notice when a core pattern goes missing.

``dev`` to ``dev23`` are development sets: the rules are tuned on them, so
their figures say what the rules do, not how well they generalise (that is measured on
sets kept out of the repository). The allowances below are the measured counts with no
slack: a change that loses one caught sentence or adds one false positive fails, and the
change has to update the number on purpose. The mutation tests check that the sets are
sharp enough for that to mean something: removing one core word of the lexicon must lose
sentences.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from postmortem_lint.nlp.blame.analyzer import DETECTORS
from postmortem_lint.nlp.service import NlpService
from postmortem_lint.ruledata import load_rule_data
from tests.conftest import REPO

# split: (most blame sentences missed, most neutral sentences flagged, share of caught
# blame marked on the labeled phrase)
ALLOWED = {
    "dev": (0, 0, 1.0),
    "dev_extra": (10, 0, 0.989),
    "dev2": (12, 0, 0.982),
    "dev3": (0, 0, 1.0),
    "dev4": (1, 0, 1.0),
    "dev5": (3, 1, 1.0),
    "dev6": (2, 0, 1.0),
    "dev7": (0, 0, 1.0),
    "dev8": (8, 0, 0.984),
    "dev9": (1, 0, 1.0),
    "dev10": (3, 0, 1.0),
    "dev11": (0, 0, 0.982),
    "dev12": (0, 0, 1.0),
    "dev13": (2, 0, 0.953),
    "dev14": (3, 0, 1.0),
    "dev15": (9, 0, 0.985),
    "dev16": (10, 0, 0.99),
    "dev17": (5, 1, 1.0),
    "dev18": (0, 0, 1.0),
    "dev19": (1, 0, 1.0),
    "dev20": (38, 2, 0.99),  # measured 36 and 2: two sentences of slack on the newest set
    "dev21": (51, 5, 0.98),  # folded in as measured blind: 51 missed, 5 flagged, 203/207
    "dev22": (27, 0, 0.99),
    "dev23": (82, 2, 0.99),
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
    # The rules alone: the classifier's second opinion is trained on these sets, so with it a
    # rule that stopped catching a sentence could go unnoticed.
    return bench.make_linter(second_opinion=False)


@pytest.fixture(scope="module")
def linter_with_opinion(bench):  # noqa: ANN001, ANN201
    return bench.make_linter(second_opinion=True)


@pytest.mark.parametrize("split", sorted(ALLOWED))
def test_no_regression_on_the_development_sets(bench, linter, split: str) -> None:  # noqa: ANN001
    report = bench.measure(split, linter)
    missed, flagged, phrase = ALLOWED[split]
    detail = bench.render(report, show_errors=True)
    assert report.crashes == 0, detail
    assert report.overall.fn <= missed, detail
    assert report.overall.fp <= flagged, detail
    assert report.phrase_hit_rate >= phrase - 1e-9, detail


def test_never_flag_categories_stay_clean_on_dev(bench, linter_with_opinion) -> None:  # noqa: ANN001
    report = bench.measure("dev", linter_with_opinion)
    flagged = {name: s.fp for name, s in report.categories.items() if s.fp}
    assert flagged == {}


@pytest.mark.parametrize("split", ["dev20", "dev21"])
def test_the_second_opinion_adds_no_false_positive(bench, linter_with_opinion,  # noqa: ANN001
                                                   split: str) -> None:
    report = bench.measure(split, linter_with_opinion)
    missed, flagged, _ = ALLOWED[split]
    detail = bench.render(report, show_errors=True)
    assert report.overall.fp <= flagged, detail
    assert report.overall.fn <= missed, detail


# -- mutation tests: each core lexicon entry carries sentences of its own ----------------------

MUTATIONS = [
    ("failure_verbs", "ignore"),
    ("failure_verbs", "forget"),
    ("failure_verbs", "overlook"),
    ("failure_verbs", "neglect"),
    ("negated_verbs", "check"),
    ("fault_nouns", "mistake"),
    ("judgment_words", "careless"),
    ("judgment_words", "sloppy"),
    ("human_error_modifiers", "manual"),
    ("discipline_phrases", "formal warning"),
    ("discipline_verbs", "retrain"),
    ("minimisers", "simply"),
    ("cause_links", "caused by"),
    ("damage_verbs", "take down"),
    ("roles", "engineer"),
    ("failure_verbs", "rubber-stamp"),
    ("discipline_verbs", "fire"),
    ("discipline_phrases", "written warning"),
    ("damage_verbs", "lock out"),
    ("judgment_phrases", "worth their salt"),
]

# grammar groups the constructions read: one word each that carries sentences of its own
GRAMMAR_MUTATIONS = [
    ("destructive_verbs", "delete"),
    ("inquiry_verbs", "review"),
    ("engagements", "agreement"),
    ("presume_verbs", "assume"),
    ("but_for_heads", "were"),
    ("instead_of", "instead"),
    ("habit_verbs", "stop"),
    ("placement_adverbs", "squarely"),
    ("plain_words", "obvious"),
    ("harm_verbs", "empty"),
    ("privileges", "sudo"),
    ("part_words", "side"),
    ("fitness_words", "competent"),
    ("personnel_words", "hr"),
]


@pytest.fixture(scope="module")
def blame_sentences(bench) -> list[str]:  # noqa: ANN001
    return [s.text for split in bench.SPLITS for s in bench.load(split)
            if s.blame]


def _caught(data, sentences: list[str]) -> int:  # noqa: ANN001
    service = NlpService(None, None, data)
    return sum(bool(hits) for hits in service.analyze(sentences))


@pytest.fixture(scope="module")
def caught_with_everything(blame_sentences: list[str]) -> int:
    return _caught(load_rule_data(), blame_sentences)


@pytest.mark.parametrize(("field", "entry"), MUTATIONS)
def test_removing_a_core_entry_loses_sentences(blame_sentences: list[str],
                                               caught_with_everything: int,
                                               field: str, entry: str) -> None:
    data = load_rule_data()
    words = getattr(data.blame, field)
    assert entry in words
    mutated = data.model_copy(update={"blame": data.blame.model_copy(
        update={field: [w for w in words if w != entry]})})
    assert _caught(mutated, blame_sentences) < caught_with_everything


@pytest.mark.parametrize(("group", "entry"), GRAMMAR_MUTATIONS)
def test_removing_a_grammar_word_loses_sentences(blame_sentences: list[str],
                                                 caught_with_everything: int,
                                                 group: str, entry: str) -> None:
    data = load_rule_data()
    grammar = dict(data.blame.grammar)
    assert entry in grammar[group]
    grammar[group] = [w for w in grammar[group] if w != entry]
    mutated = data.model_copy(update={"blame": data.blame.model_copy(
        update={"grammar": grammar})})
    assert _caught(mutated, blame_sentences) < caught_with_everything


# -- every detector carries sentences no other detector finds ---------------------------------

@pytest.mark.parametrize("name", ["failure_verb", "minimising", "counterfactual", "judgment",
                                  "possessive_fault", "discipline", "human_error",
                                  "person_as_cause"])
def test_removing_a_detector_loses_sentences(blame_sentences: list[str],
                                             caught_with_everything: int, name: str) -> None:
    service = NlpService(None, None, load_rule_data())
    analyzer = service.analyzer()
    analyzer.detectors = tuple(d for d in analyzer.detectors
                               if d.__module__.rsplit(".", 1)[-1] != name)
    assert len(analyzer.detectors) == len(DETECTORS) - 1
    assert sum(bool(hits) for hits in service.analyze(blame_sentences)) < caught_with_everything


def test_removing_human_error_loses_sentences(blame_sentences: list[str],
                                              caught_with_everything: int) -> None:
    # "human error" is read twice (the phrase, and "human" before a fault noun): both go
    data = load_rule_data()
    blame = data.blame
    mutated = data.model_copy(update={"blame": blame.model_copy(update={
        "human_error_phrases": [w for w in blame.human_error_phrases if w != "human error"],
        "human_error_modifiers": [w for w in blame.human_error_modifiers if w != "human"]})})
    assert _caught(mutated, blame_sentences) < caught_with_everything
