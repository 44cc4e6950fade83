"""Action items written the ways teams write them when they do not keep an action list:
work under way ("we are building …"), participles ("Adding …"), commitments in the lessons
or prevention paragraphs, changes already made to keep the failure away, and lists where
every proposal is done or declined."""

import pytest

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text

FIELDS = ["PM502", "PM503", "PM504", "PM507"]
INTRO = "# Cache outage\n\nDate: 2026-03-02\n\nThe cache cluster lost quorum for 40 minutes.\n\n"


# -- work under way, said in a paragraph under an action heading ------------------------------
@pytest.mark.parametrize("sentence", [
    "Based on what we learnt about how the failover behaves, we are building tests that "
    "check it on every change to the proxy.",
    "We're adding a canary stage to the deploy pipeline for the cache clients.",
    "Given how long the restore took, we are now writing a restore script for the "
    "replicas.",
])
def test_work_under_way_under_an_action_heading_is_an_action(sentence):
    text = INTRO + "## What we are doing differently\n\n" + sentence + "\n"
    assert "PM501" not in codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED))


@pytest.mark.parametrize("sentence", [
    "We are tracking the open items for this incident in the team's board.",
    "We are monitoring the cluster closely.",
])
def test_following_the_work_is_not_an_action(sentence):
    text = INTRO + "## Action items\n\n" + sentence + "\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


# -- participles under a Prevention heading ---------------------------------------------------
def test_a_prevention_list_mostly_of_participles_and_imperatives_holds_the_actions():
    text = INTRO + """\
## Prevention

- Adding a timeout to every call the cache client makes.
- Test failover in staging before each release of the cache.
- We have alerts on node health today, but none on quorum loss. A quorum alert would have
  paged us at once.
"""
    assert codes(lint_text(text, select=["PM501", "PM502"], rules=FREE_FORM_CHECKED)) == ["PM502"]


def test_a_prevention_section_of_findings_only_has_no_actions():
    text = INTRO + """\
## Prevention

- The cache had no quorum alert.
- Nobody had practised a failover in a year.
- The runbook was out of date.
"""
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


# -- commitments in paragraphs of lessons or prevention ----------------------------------------
@pytest.mark.parametrize("paragraph", [
    "Going forward, we'll keep a list of every service that reads from the cache and check "
    "each after a failover.",
    "The restore took longer than it should. In the future, we will rehearse it every "
    "quarter.",
    "We saw that nobody owned the cache. From next month we are assigning an owner to "
    "every shared cluster.",
])
def test_a_commitment_in_a_lessons_paragraph_is_an_action(paragraph):
    text = INTRO + "## Lessons learned\n\n### Dependencies\n\n" + paragraph + "\n"
    findings = codes(lint_text(text, select=["PM501", "PM502"], rules=FREE_FORM_CHECKED))
    assert "PM501" not in findings
    assert "PM502" in findings  # the commitment names nobody to do it


def test_a_lessons_paragraph_that_only_reflects_is_no_action():
    text = INTRO + "## Lessons learned\n\nWe should have tested the failover before the " \
        "upgrade. Quorum loss was a failure mode nobody had seen.\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


@pytest.mark.parametrize("lead", [
    "We cannot foresee every case, but we can lower the risk by following a few rules:",
    "From now on we will work to these rules:",
])
def test_rules_the_authors_commit_to_are_actions(lead):
    text = INTRO + "## Prevention\n\n" + lead + "\n\n" + """\
1. Every feature has a test, or it is not merged.
2. Every bug fix starts with a test that shows the bug.
"""
    assert "PM501" not in codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED))


def test_a_list_of_causes_under_prevention_is_not_a_list_of_actions():
    text = INTRO + "## Prevention\n\nThe errors had three causes:\n\n" + """\
1. The upgrade path had no test.
2. The region option was only partly covered.
"""
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


# -- changes already made to keep the failure away ----------------------------------------------
@pytest.mark.parametrize("bullet", [
    "We improved our CI to avoid this kind of failure in the future, see "
    "[PR 10](https://example.com/acme/cache/pull/10)",
    "We changed the deploy order so that this cannot happen again",
    "We reworked the restore procedure ([change](https://example.com/acme/ops/commit/ab12cd))",
])
def test_a_change_made_to_prevent_recurrence_is_a_done_action(bullet):
    text = INTRO + "## Conclusion\n\n- Thanks to everyone who helped.\n- " + bullet + "\n"
    assert codes(lint_text(text, select=["PM501", "PM502"], rules=FREE_FORM_CHECKED)) == []


def test_a_step_of_the_fix_in_a_conclusion_is_not_an_action():
    text = INTRO + "## Conclusion\n\n- We restarted the cache nodes one by one.\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


# -- a list in which every item is done or declined ----------------------------------------------
DONE_OR_DECLINED = INTRO + """\
## What we are doing about it

- We have for several years required two-factor sign-in for every maintainer.
- We enabled branch protection on the remaining repositories.
- We asked every maintainer to rotate their personal tokens.
- The reporter also suggested signing every release. The steering group voted on it and it
  was rejected because of the extra work for volunteers.
"""


def test_a_list_of_done_and_declined_items_asks_for_nothing():
    assert codes(lint_text(DONE_OR_DECLINED, select=FIELDS, rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("declined", [
    "- Signing every release was proposed; we chose not to, as it blocks volunteers.",
    "- A second on-call rotation was suggested and voted down by the maintainers.",
    "- Moving to a hosted cache: the proposal was declined for cost.",
])
def test_proposals_declined_in_other_words_are_not_open(declined):
    text = INTRO + "## Follow-up actions\n\n- We enabled branch protection on every " \
        "repository.\n" + declined + "\n"
    assert codes(lint_text(text, select=FIELDS, rules=FREE_FORM_CHECKED)) == []


def test_an_open_item_among_done_ones_is_still_asked_for_its_fields():
    text = DONE_OR_DECLINED + "- We will add a release checklist for maintainers.\n"
    assert "PM502" in codes(lint_text(text, select=FIELDS, rules=FREE_FORM_CHECKED))


def test_a_fix_for_rejected_requests_is_still_open():
    text = INTRO + "## Action items\n\n- Fix the bug where uploads were rejected by the " \
        "proxy\n- Add an alert on the upload error rate\n"
    assert "PM502" in codes(lint_text(text, select=["PM502"]))


# -- rules the team now works to -------------------------------------------------------------
RULES = INTRO + """\
## Action items

- Every feature has a test before it is merged — owner: @ana
- No cache change is released without a failover test — owner: @ben
- Add a quorum-loss alert to the cache dashboard — owner: @kim
"""


def test_a_standing_rule_has_no_date_to_be_done_by():
    findings = lint_text(RULES, select=["PM503"])
    assert codes(findings) == ["PM503"]
    assert "quorum-loss alert" in findings[0].message  # only the change, not the rules


def test_a_change_that_mentions_all_of_something_still_needs_a_date():
    text = INTRO + "## Action items\n\n- Add all cache alerts to the runbook — owner: @ana\n"
    assert codes(lint_text(text, select=["PM503"])) == ["PM503"]


@pytest.mark.parametrize("bullet", [
    "We are running on the standby cluster until the vendor replaces the disk.",
    "We are investigating why the replicas fell behind.",
    "We are starting to see fewer timeouts.",
])
def test_a_state_or_an_investigation_under_way_is_not_an_action(bullet):
    text = INTRO + "## Summary\n\n- " + bullet + "\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


@pytest.mark.parametrize("bullet", [
    "We realised quickly that the same failure would happen again.",
    "We restarted the replica to stop the errors.",
])
def test_something_noticed_or_a_step_of_the_fix_is_not_a_done_action(bullet):
    text = INTRO + "## Conclusion\n\n- " + bullet + "\n"
    assert codes(lint_text(text, select=["PM501"], rules=FREE_FORM_CHECKED)) == ["PM501"]


# -- a label that says its items are done -------------------------------------------------------
@pytest.mark.parametrize("label", ["**Immediate actions taken:**", "**Completed:**",
                                   "Already done:"])
def test_items_under_a_label_that_says_they_are_done_are_not_counted_as_open(label):
    text = INTRO + f"""\
## Corrective actions

- {label}
  - Failover of the cache to the standby cluster
  - Restore of the replicas from the nightly snapshot
- **Short term:**
  - Alert on quorum loss in the cache cluster
"""
    findings = lint_text(text, select=["PM502"])
    assert codes(findings) == ["PM502"]
    assert "Alert on quorum loss" in findings[0].message  # the only open item
