"""PM1xx: a person making something come to harm, sanctions said as idioms or as a career
held back, a cause label written with a number or an aside; and the things that look like a
person acting: a plural of things, a fragment's passive, a framework's habit, a way of
working in general, a named server, a colleague's work given credit."""

from __future__ import annotations

import pytest

from tests.conftest import blame_codes


@pytest.mark.parametrize(("code", "sentence"), [
    # a person made something come to harm ("caused X to <fail>"), or set off the failure
    ("PM110", "Kofi caused every import job to fail by pointing the loader at the archive."),
    ("PM110", "The failure was initiated by the release engineer, who promoted the canary."),
    # a person's work as the agent of timeouts, crashes, 5xx
    ("PM110", "Dana's config push caused the timeouts in the order service."),
    # a cause label with its own number or aside is a cause statement wherever it stands
    ("PM110", "Contributing factor #2: the platform team rolled out the new ingress controller "
              "without a staged rollout."),
    ("PM110", "Root cause (third why): Arjun merged the PR without waiting for CI."),
    # an imagined better colleague's restraint ("would not have…")
    ("PM103", "A careful operator would not have typed the hostname from memory."),
    # sanctions as idioms, a career held back, a contract ended, rights taken
    ("PM106", "Heads will roll if the billing run fails like this again."),
    ("PM106", "@kmaro will not be eligible for promotion this cycle because of the outage."),
    ("PM106", "The contractor who dropped the table no longer works with us."),
    ("PM106", "The developer's commit rights were stripped by the maintainers."),
])
def test_shapes_of_blame_are_reported(code: str, sentence: str) -> None:
    assert code in blame_codes(sentence)


@pytest.mark.parametrize("sentence", [
    "Builds started to fail to link after the toolchain update.",
    "A config change caused the disk to fill.",
    "Maria caused the service to recover by failing over to the replica.",
    # a plural of things, capitalised at the start of a line
    "Mounts are still missing on the new disk.",
    # a fragment's passive: a thing left out, not someone acting
    "Root cause: Node excluded from the Prometheus configuration, creating a visibility gap.",
    # a framework's habit, in the present tense
    "The old program ignored the byte because Anchor dispatches instruction data with "
    "deserialize and tolerates trailing bytes.",
    # a way of working in general, no one's work
    "This repair is dangerous: it can destroy data that a more careful attempt would have "
    "saved.",
    # a server introduced as one
    "Hudson, the legacy build server, terminated every job older than 24 hours.",
    # a colleague's work given credit for a short outage
    "The on-call engineer's fast escalation is the reason the outage lasted 12 minutes "
    "instead of hours.",
    "The old host no longer works with us after the upgrade.",
])
def test_near_misses_stay_silent(sentence: str) -> None:
    assert blame_codes(sentence) == []


WHYS = """\
    # Dataset withdrawn

    ## Five whys

    1. Why were 900 records withdrawn? Because the republish job dropped them.
    2. Why did the job drop them? Because an operator error was made when the job was rerun.
    3. Why was the rerun error-prone? Because no runbook describes how to rerun the job.
    """


def test_human_error_the_next_why_questions_is_a_symptom_not_the_cause() -> None:
    assert "PM111" not in blame_codes(WHYS)


def test_human_error_as_the_last_why_is_still_the_cause() -> None:
    last = WHYS.rsplit("    3.", 1)[0]
    assert "PM111" in blame_codes(last)


def test_a_decision_in_a_why_is_no_person_as_cause() -> None:
    text = WHYS.replace("an operator error was made when the job was rerun",
                        "the rerun was deemed safe enough by the developer")
    assert "PM110" not in blame_codes(text.rsplit("    3.", 1)[0])


@pytest.mark.parametrize("stamp", ["09:47 UTC - ", "14:02 — ", "2026-03-04 09:47: "])
def test_a_time_labelling_a_line_outside_the_timeline_is_no_part_of_its_subject(
        stamp: str) -> None:
    # the parser reads "09:47 UTC - Tomas" as one noun unless the stamp is set aside
    assert "PM110" in blame_codes(f"{stamp}Tomas ran the purge job with the wrong tenant "
                                  "ID, deleting 4,000 customer records.")
    assert blame_codes(f"{stamp}Tomas rolled back the deploy.") == []


def test_blowing_off_a_review_is_a_failure_verb_but_the_wind_is_not() -> None:
    assert "PM101" in blame_codes("Dario blew off the capacity review that would have "
                                  "flagged the shortfall.")
    assert blame_codes("The storm blew off part of the data centre's roof.") == []
