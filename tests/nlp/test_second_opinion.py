"""The classifier's second opinion: asked only where the rules found nothing, reported only on
a person, role or team acting (the exact phrase), switched off by configuration, and the
shipped model trained on the labeled sets as they are now."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from postmortem_lint.engine.config import DEFAULT_SECOND_OPINION, Config
from postmortem_lint.nlp.model import SHIPPED_CLASSIFIER
from tests.conftest import REPO, lint_text

# The rules find no cue here (no failure verb, no fault noun, no judgment word); the
# classifier reads it as a counterfactual about a named person.
MISSED_BY_RULES = "Teodor had every chance to stop the rollout and should have."


def _blame(text: str, **config: object) -> list:
    return [f for f in lint_text(f"{text}\n", select=["PM1"], **config)
            if f.code.startswith("PM1")]


def test_rules_alone_miss_the_sentence() -> None:
    assert _blame(MISSED_BY_RULES, **{"blame-second-opinion": False}) == []


def test_the_second_opinion_reports_it_on_the_person_and_the_act() -> None:
    findings = _blame(MISSED_BY_RULES)
    assert [f.code for f in findings] == ["PM104"]  # a counterfactual
    span = findings[0].span
    phrase = MISSED_BY_RULES[span.column - 1:span.end_column - 1]
    assert phrase.startswith("Teodor had every chance")
    assert phrase != MISSED_BY_RULES.rstrip(".")  # a phrase, not the whole sentence


def test_a_person_acting_found_by_the_rules_is_where_the_opinion_is_reported() -> None:
    # the rules see the engineer acting (blame only in a cause statement) and no cue; the
    # classifier reads a judgment, reported on the person and the act the rules found
    text = "It is hard to fathom that the staff engineer would push an untested schema change " \
        "on a Friday."
    assert _blame(text, **{"blame-second-opinion": False}) == []
    findings = _blame(text, **{"blame-second-opinion-threshold": 0.85})
    assert [f.code for f in findings] == ["PM103"]
    span = findings[0].span
    assert text[span.column - 1:span.end_column - 1] == "the staff engineer would push"


def test_a_stricter_threshold_keeps_it_silent() -> None:
    assert _blame(MISSED_BY_RULES, **{"blame-second-opinion-threshold": 1.0}) == []


@pytest.mark.parametrize("text", [
    # the authors owning the gap, systems, praise, a responder's neutral act, customers
    "We had every chance to stop the rollout and should have.",
    "The deploy pipeline had every chance to stop the rollout and did not.",
    "Thanks to Teodor's quick rollback, the outage lasted four minutes.",
    "Teodor paged the storage team at 14:05 UTC and rolled the change back.",
    "Customers who had pinned the old certificate could not connect until they updated it.",
    "Teodor's questionable taste in coffee meant he was awake when the page came in.",
])
def test_never_flag_sentences_stay_silent(text: str) -> None:
    assert _blame(text) == []


def test_the_threshold_is_an_option_with_a_documented_default() -> None:
    field = Config.model_fields["blame_second_opinion_threshold"]
    assert field.default == DEFAULT_SECOND_OPINION
    assert field.description
    assert Config.model_validate({"blame-second-opinion": False}).blame_second_opinion is False


def test_the_shipped_model_is_trained_on_the_labeled_sets_as_they_are() -> None:
    """Retrain (python bench/train_blame_classifier.py) when a labeled set changes."""
    spec = importlib.util.spec_from_file_location(
        "train_blame_classifier", REPO / "bench" / "train_blame_classifier.py")
    assert spec and spec.loader
    train = importlib.util.module_from_spec(spec)
    sys.modules["train_blame_classifier"] = train
    spec.loader.exec_module(train)
    record = json.loads((SHIPPED_CLASSIFIER / "trained_on.json").read_text(encoding="utf-8"))
    files = train.data_files()
    assert record["files"] == [path.name for path in files]
    assert record["data"] == train.data_digest(files), "the shipped blame classifier is stale"


def test_the_shipped_model_is_small() -> None:
    size = sum(p.stat().st_size for p in SHIPPED_CLASSIFIER.rglob("*") if p.is_file())
    assert size <= 5_000_000


# No cue word the lexicon's prefilter knows, but a named person: the classifier, reading
# the words alone, decides whether the sentence is parsed at all.
NO_CUE_WORD = "Mateo was sent home for the rest of the week."


def test_a_sentence_without_cue_words_is_parsed_when_the_classifier_reads_blame() -> None:
    from postmortem_lint.nlp.service import NlpService
    from postmortem_lint.ruledata import load_rule_data

    assert not NlpService(None, None, load_rule_data()).needs_parse(NO_CUE_WORD)
    assert [f.code for f in _blame(NO_CUE_WORD)] == ["PM106"]
    assert _blame(NO_CUE_WORD, **{"blame-second-opinion": False}) == []


def test_a_sure_opinion_marks_the_person_it_is_about_wherever_they_stand() -> None:
    text = "Lukas was moved off the payments team as a consequence."
    findings = _blame(text)
    assert [f.code for f in findings] == ["PM106"]
    span = findings[0].span
    assert text[span.column - 1:span.end_column - 1] == "Lukas"
    assert _blame(text, **{"blame-second-opinion": False}) == []


def test_a_possession_is_never_a_fault_on_the_classifiers_word_alone() -> None:
    assert _blame("The workaround gave out Hixon's personal e-mail address instead.") == []
