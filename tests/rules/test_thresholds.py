"""Every rule threshold and policy limit at its boundary: the last value that passes and
the first that fires, so halving or doubling a limit fails a test."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import codes, lint_text

INCIDENT = dt.date(2026, 3, 10)


# -- PM602: the follow-up review within 60 days (max-days) ----------------------------------
def review_at(days: int, **config: object) -> list[str]:
    review = INCIDENT + dt.timedelta(days=days)
    return codes(lint_text(f"Date: {INCIDENT}\n\nReview date: {review}\n", select=["PM602"],
                           **config))


def test_review_on_day_60_passes_and_day_61_fires() -> None:
    assert review_at(60) == []
    assert review_at(61) == ["PM602"]


def test_review_limit_follows_max_days() -> None:
    assert review_at(30, rules={"PM602": {"max-days": 30}}) == []
    assert review_at(31, rules={"PM602": {"max-days": 30}}) == ["PM602"]


# -- PM509: duplicate actions at 0.8 word similarity ------------------------------------------
def actions(*items: str, **config: object) -> list[str]:
    listed = "\n".join(f"- {item}" for item in items)
    return codes(lint_text(f"## Action items\n\n{listed}\n", select=["PM509"], **config))


def test_similarity_of_exactly_0_8_is_a_duplicate() -> None:
    # 4 shared content words of 5 in all: 0.8 (too short for the containment test)
    assert actions("Rotate storage credentials nightly",
                   "Rotate storage credentials nightly automatically") == ["PM509"]


def test_similarity_of_0_75_is_not_a_duplicate() -> None:
    assert actions("Rotate storage credentials",
                   "Rotate storage credentials nightly") == []
    assert actions("Rotate storage credentials", "Rotate storage credentials nightly",
                   rules={"PM509": {"similarity": 0.75}}) == ["PM509"]


def test_containment_of_0_9_makes_a_longer_item_a_duplicate() -> None:
    short = "Rotate storage credentials nightly through vault agent sidecar jobs cluster"
    assert len(short.split()) == 10
    # 9 of the shorter item's 10 words appear in the longer one: 0.9
    longer = short.replace("cluster", "") + " everywhere across every region including staging"
    assert actions(short, longer) == ["PM509"]
    # 8 of 10: 0.8, below containment; Jaccard stays well below 0.8
    fewer = short.replace("cluster", "").replace("jobs", "") + " everywhere across regions"
    assert actions(short, fewer) == []


# -- PM604: written within 48 hours of resolution (max-hours) ---------------------------------
def written(resolved: str, on: str) -> list[str]:
    text = (f"Date written: {on}\n\n## Timeline\n\n"
            f"- {resolved} UTC — **Resolution:** error rate back at baseline\n")
    return codes(lint_text(text, select=["PM604"]))


def test_written_48_hours_after_resolution_passes_and_later_fires() -> None:
    assert written("2026-02-26 00:00", "2026-02-28") == []
    assert written("2026-02-25 23:59", "2026-02-28") == ["PM604"]


# -- PM403: five levels of whys for SEV-1/2 (min-levels) --------------------------------------
def whys(levels: int) -> list[str]:
    lines = [f"{n}. Why? Because of cause number {n} in the chain." for n in range(1, levels + 1)]
    text = "Severity: SEV-2\n\n## Five whys\n\n" + "\n".join(lines) + "\n"
    return codes(lint_text(text, select=["PM403"]))


def test_five_whys_pass_and_four_fire() -> None:
    assert whys(5) == []
    assert whys(4) == ["PM403"]


# -- PM404: contributing factor scores from 0 to 3 -------------------------------------------
@pytest.mark.parametrize(("score", "fires"), [(-1, True), (0, False), (3, False), (4, True)])
def test_factor_scores_outside_0_to_3_fire(score: int, fires: bool) -> None:
    text = (f"## Contributing factors\n\n| Factor | Score |\n|---|---|\n"
            f"| Change management failure | {score} |\n")
    assert codes(lint_text(text, select=["PM404"])) == (["PM404"] if fires else [])


# -- PM505: due dates within the priority's deadline (rules/severity.yaml) -------------------
def due_for(priority: str, due: str) -> list[str]:
    text = ("Date: 2026-02-17\n\n## Action items\n\n| Action | Priority | Due |\n|---|---|---|\n"
            f"| Lower the CheckoutErrorRate alert threshold to 5% | {priority} | {due} |\n")
    return codes(lint_text(text, select=["PM505"]))


@pytest.mark.parametrize(("priority", "last_day", "first_late"), [
    ("P1", "2026-02-24", "2026-02-25"),   # 7 days (a Tuesday, a business day)
    ("P2", "2026-03-19", "2026-03-20"),   # 30 days
])
def test_due_dates_at_the_priority_deadline(priority: str, last_day: str,
                                            first_late: str) -> None:
    assert due_for(priority, last_day) == []
    assert due_for(priority, first_late) == ["PM505"]


# -- PM307: stated duration against the timeline, 10 minutes or 20% ---------------------------
def stated(minutes: int, resolution: str) -> list[str]:
    text = (f"- **Duration:** {minutes} minutes\n\n## Timeline\n\n"
            "| Time | Phase | Event |\n|---|---|---|\n"
            "| 18:00 UTC | Onset | First HTTP 500s |\n"
            f"| {resolution} UTC | Resolution | Error rate at baseline |\n")
    return codes(lint_text(text, select=["PM307"]))


def test_duration_tolerance_is_20_percent_of_a_long_incident() -> None:
    assert stated(96, "20:00") == []        # 120 minutes; 24 off is 20%
    assert stated(95, "20:00") == ["PM307"]


def test_duration_tolerance_is_10_minutes_for_a_short_incident() -> None:
    assert stated(40, "18:30") == []        # 30 minutes; 10 off
    assert stated(41, "18:30") == ["PM307"]


# -- PM306: timeline resolution per severity (rules/depth.yaml), judged from 4 entries ------
def timeline(severity: str, *times: str) -> list[str]:
    entries = "\n".join(f"- {time} UTC — event {n}" for n, time in enumerate(times, start=1))
    return codes(lint_text(f"Severity: {severity}\n\n## Timeline\n\n{entries}\n",
                           select=["PM306"]))


def test_sev1_needs_minutes_from_four_entries() -> None:
    assert timeline("SEV-1", "14:00", "14:05", "14:10", "14:15") == ["PM306"]
    assert timeline("SEV-1", "14:00", "14:05", "14:10") == []  # too few to judge
    assert timeline("SEV-1", "14:00", "14:05", "14:10", "14:16") == []


def test_sev2_accepts_15_minute_blocks_but_not_30() -> None:
    assert timeline("SEV-2", "14:00", "14:15", "14:30", "14:45") == []
    assert timeline("SEV-2", "14:00", "14:30", "15:00", "15:30") == ["PM306"]


def test_p0_is_due_the_next_business_day() -> None:
    assert due_for("P0", "2026-02-18") == []          # Tuesday's incident: Wednesday
    assert due_for("P0", "2026-02-19") == ["PM505"]
    friday = ("Date: 2026-02-20\n\n## Action items\n\n| Action | Priority | Due |\n"
              "|---|---|---|\n| Lower the CheckoutErrorRate alert threshold to 5% | P0 | {} |\n")
    assert codes(lint_text(friday.format("2026-02-23"), select=["PM505"])) == []  # Monday
    assert codes(lint_text(friday.format("2026-02-24"), select=["PM505"])) == ["PM505"]


def test_grace_days_extend_each_deadline() -> None:
    text = ("Date: 2026-02-17\n\n## Action items\n\n| Action | Priority | Due |\n|---|---|---|\n"
            "| Lower the CheckoutErrorRate alert threshold to 5% | P1 | {} |\n")
    grace = {"PM505": {"grace-days": 2}}
    assert codes(lint_text(text.format("2026-02-26"), select=["PM505"], rules=grace)) == []
    assert codes(lint_text(text.format("2026-02-27"), select=["PM505"],
                           rules=grace)) == ["PM505"]


def test_containment_needs_five_words_in_the_shorter_item() -> None:
    longer = "Rotate storage credentials nightly through the vault agent sidecar in every region"
    assert actions("Rotate storage credentials nightly through", longer) == ["PM509"]  # 5 words
    assert actions("Rotate storage credentials nightly", longer) == []  # 4: similarity only
