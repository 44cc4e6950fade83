"""PM1xx: more shapes of blame read from the parse (who acts, what they did, what it caused),
each with a hard near miss of the same shape that stays silent."""

from __future__ import annotations

import pytest

from tests.conftest import blame_codes


@pytest.mark.parametrize(("code", "sentence"), [
    # the author of the thing that did harm, or of the thing named as the culprit
    ("PM110", "The cron entry that blocked the billing API was added by Tomasz last week."),
    ("PM110", "The commit responsible for the outage was merged by the intern."),
    ("PM110", "The query that locked the orders table was run by the analyst."),
    # harm that befell the system, then "because" a person acted
    ("PM110", "Payment records were exposed because the intern pasted the keys into a public doc."),
    ("PM110", "Our backup volume filled because Li doubled the retention."),
    # damage timed to a person's work
    ("PM110", "The storefront went down when the platform team's change withdrew our prefixes."),
    # the damage named as a person's act after a copula
    ("PM110", "The issue was the intern pushing straight to main."),
    # reverting as the act a cause label names
    ("PM110", "Root cause: the consultant from the partner firm reverted our retry fix."),
    # the person behind a timeline's time stamp, a role misread as a verb, a second verb
    # split from its subject by an aside
    ("PM101", "14:07 UTC — @pwisniewski forgot to silence the duplicate alert route."),
    ("PM101", "14:07 UTC — @pwisniewski acknowledged the page but forgot to silence the "
              "duplicate alert route."),
    ("PM101", "Evidently the ops lead neglected to renew the certificate."),
    ("PM101", "11:02 — Marta acknowledged the page but, from what we can see, neglected to "
              "verify the replica lag."),
    # sanctions: pay withheld, a privilege lost, termination threatened
    ("PM106", "Oleg's on-call bonus for this quarter has been withheld."),
    ("PM106", "Penalty: whoever broke the build loses sudo for a week."),
    ("PM106", "Any repeat of this by the DBA will result in termination."),
    # sanctions: an imperative the tagger misread, the people function on a person's
    # conduct, an engagement "of" a person ended
    ("PM106", "Retrain Emilio on the release procedure before he deploys again."),
    ("PM106", "HR has been brought in about Piet's conduct during the outage."),
    ("PM106", "The placement of the agency contractor has been ended after the incident."),
    # a fault on someone's side, a team's omission, damage that began with a person's work
    ("PM102", "An error on @lmorales's side caused the drift."),
    ("PM102", "The QA team's omission of the upgrade path from the plan let the bug through."),
    ("PM110", "The slowdown began with Bao's bulk reindex job."),
    # a plain past act made light of
    ("PM105", "The contractor just clicked through the warning."),
    ("PM105", "A quick glance at the graph by the IC would have shown the leak."),
    # an imagined better colleague, with a degree adverb
    ("PM103", "A reasonably careful reviewer would have caught the flipped check."),
    # a vendor's operations centre or support desk acting as colleagues; a goof
    ("PM104", "The vendor's support desk should have escalated the ticket."),
    ("PM104", "Our partner's NOC should have called us as soon as the link dropped."),
    ("PM101", "Marek goofed on the firewall change."),
    # a lapse someone let happen, passive or active
    ("PM101", "The licence was allowed to lapse by the platform lead."),
    ("PM101", "Tomas let the renewal slip."),
    # a named person told to do the check first
    ("PM104", "From now on, Nadia must verify the cluster name before running the migration."),
    # an idiom of inattention with its possessive
    ("PM101", "The night operator took her eye off the ball during the failover."),
    # a check owed before the act the person then did
    ("PM104", "Jonas needed to confirm the target cluster before running the script."),
    # the scrutiny a person is said to have lacked
    ("PM104", "Closer scrutiny by the reviewer would have caught the flipped flag."),
    # "any of" a group as the subject of hindsight; failures that came from a team's act
    ("PM104", "Any of the approvers could have tried the migration on staging first."),
    ("PM110", "The timeouts came from the storage team throttling our reads."),
    # a person's fitness for the work denied, in words or in an idiom
    ("PM103", "Frankly the contractor was not competent to run production changes."),
    ("PM103", "The new hire isn't qualified for the on-call rotation."),
    ("PM103", "Our vendor's operators are just not up to the task."),
    ("PM103", "Whoever approved this plainly had no idea what she was doing."),
    # a name whose reason clause is about the past act, not taken up as a program
    ("PM101", "Dana ignored the alert because it looked like a duplicate."),
    # a judgment of a person's work in the subject of a negated verb still judges it
    ("PM103", "Imre's careless cleanup job did not even check which bucket it was in."),
    # contempt for the rules, a person out of their depth, an imagined lesser colleague
    ("PM103", "The build team showed a blatant disregard for the release checklist."),
    ("PM103", "Put plainly, the weekend responders were out of their depth."),
    ("PM103", "Even an intern would have noticed the region was wrong, yet Oskar did not."),
    # penalties on a person's pay, contract or standing
    ("PM106", "As a penalty, Maren may only deploy under supervision until March."),
    ("PM106", "An HR case has been opened against the release captain."),
    ("PM106", "Two days' pay will be deducted from the operator who skipped the backup."),
    # a person's work flooding or swamping a service; what became of it after their act
    ("PM110", "Zofia's retry script flooded the ledger API with duplicate writes."),
    ("PM110", "Invoices were double-charged because the billing team replayed the queue."),
    ("PM110", "The pager went silent because the monitoring team deleted the integration."),
    # inaction: told and did nothing, a failing check sat on
    ("PM101", "Dmitri was warned about the expiring certificate and did nothing."),
    ("PM101", "The release captain sat on the failing smoke check for an hour."),
])
def test_shapes_of_blame_are_reported(code: str, sentence: str) -> None:
    assert code in blame_codes(sentence), sentence


@pytest.mark.parametrize("sentence", [
    # the harmful thing harmed only what should go; a thing's helpful role; a responder
    "The rule that blocked the spam bots was added by Tomasz.",
    "The patch responsible for the fix was merged by Ana.",
    "The commit that took down checkout was reverted by Ana.",
    "The rollback that restored the table was run by the DBA.",
    # what was removed was meant to go; what came back is no damage
    "The old keys were removed because the security team rotated them.",
    "Checkout came back when the platform team's rollback finished.",
    # a copula naming a thing, or a neutral act
    "The problem was the missing alert.",
    "The problem was Li restarting the pods, which fixed it.",
    # a lapse by design, by a program, or the authors'
    "The token was allowed to expire by design.",
    "The cache entries were allowed to expire by the scheduler.",
    "The proxy lets idle sessions expire after an hour.",
    "We let the certificate expire.",
    # the same step as a role's runbook duty, or the authors'
    "From now on, the on-call must verify the cluster name before running the migration.",
    "We must verify the region before applying.",
    # the authors owning the same idiom
    "We took our eye off the ball on capacity.",
    # a revert in the timeline, outside a cause statement
    "Li reverted the bad deploy at 10:02.",
    # the same time stamps and asides with neutral acts or a system
    "14:07 UTC — @pwisniewski acknowledged the page and silenced the duplicate alert route.",
    "The job started but, after a minute, crashed.",
    # withheld and lost things that are not a person's
    "The feature flag was withheld from the release.",
    "The build host loses sudo rules on every reboot.",
    # better judgement of a program, or the authors'
    "Better judgement from the scheduler would have kept the job off the hot node.",
    "With better judgement, we would have waited.",
    # "any of" doing what anyone may; a fix or an idea that came from a team
    "Any of our engineers can page the DBA.",
    "The fix for the wrong config came from Ana.",
    "The idea came from the storage team reviewing the graphs.",
    # fitness affirmed, or of a thing; the authors not knowing what others did
    "The contractor was competent and careful throughout.",
    "The replica was not fit for promotion.",
    "We had no idea what they were doing with the cache.",
    # an imperative on a thing; the people function praising; an omission nobody owns
    "Retrain the model on the new data.",
    "HR praised Piet's conduct during the outage.",
    "The omission of the upgrade path from the plan let the bug through.",
    # "just" telling the moment, a neutral act, a recent act, a wish
    "The on-call just restarted the pod and it recovered.",
    "Ana just finished the rollback as the second alert fired.",
    "Li had just deployed the fix when the alert fired.",
    "Maria just wanted to help.",
    # the same groups doing neutral work; a check needed for a purpose, an act before an event
    "The NOC paged us at 04:10.",
    "The support desk escalated the ticket at once.",
    "Li needed to check the logs twice to find the error.",
    "Li needed to restart the pod before it came up.",
    # products taken up as "it" by a present-tense reason clause
    "Argus overlooked the new folder since it only watches the root.",
    "Lumen missed the spike because its probes run from another region.",
    "After the page went green, Lumen missed the change because its uptime probes run from "
    "other regions.",
    # a judgment denied of the work itself; penalties that are no one's
    "It was not a careless change: the flag had no guard at all.",
    "No careless step by anyone caused this; the tool invited the slip.",
    "The late fee for the domain renewal was charged as a penalty by the registrar.",
    # the same words for what systems and customers did, or an outcome that was the fix
    "Dev workloads flooded the batch tier with jobs for most of the afternoon.",
    "Customers flooded support with tickets after the outage.",
    "The backlog cleared because the payments team replayed the queue.",
    # nothing done wrong is a defence; a thing doing nothing is no one's inaction
    "Ana did nothing wrong.",
    "The engineer on call did nothing unusual that night.",
    "The retry did nothing, so the job stayed stuck.",
    # a bold label before a colon is no one acting
    "**Technical Detail:** Cosmos SDK and IAVL maintain state versions in Merkle trees.",
])
def test_near_misses_of_those_shapes_stay_silent(sentence: str) -> None:
    assert blame_codes(sentence) == [], sentence


@pytest.mark.parametrize("text", [
    "The standby site could not come up because the infra team had deleted its only NAT "
    "gateway.",
    "Two hundred customers never got a reply because the support team closed their tickets.",
    "Customers were charged a day early because Valentina moved the billing cron to midnight.",
])
def test_a_person_put_as_why_something_failed_to_happen_is_the_cause(text: str) -> None:
    assert "PM110" in blame_codes(text + "\n", **{"blame-second-opinion": False})


@pytest.mark.parametrize("text", [
    "We did not lose any data because Valentina moved the backups the week before.",
    "Checkout was not affected because Priya had drained the region.",
    "We did not need a rollback because Ana caught it in the canary.",
])
def test_harm_spared_because_of_someone_is_no_blame(text: str) -> None:
    assert blame_codes(text + "\n") == []


@pytest.mark.parametrize("text", [
    # the damage told in a participle after the act's purpose
    "Then Ines changed the DNS record to point at the staging load balancer, causing the "
    "outage.",
    # a thing failing by itself right after the act
    "Summary: @tbarros deleted the signing key, and every service crashed within a minute.",
])
def test_what_an_act_then_set_off_makes_its_doer_the_cause(text: str) -> None:
    assert "PM110" in blame_codes(text + "\n", **{"blame-second-opinion": False})


@pytest.mark.parametrize("text", [
    "Ana restarted the primary, and the replicas recovered within a minute.",
    "Then Ines changed the DNS record to point at the new load balancer, ending the outage.",
])
def test_an_act_followed_by_recovery_is_no_cause(text: str) -> None:
    assert blame_codes(text + "\n") == []


def test_a_person_named_as_the_source_of_the_damage_is_its_cause() -> None:
    text = "The source of the data loss was Halima, who ran the cleanup against production.\n"
    assert "PM110" in blame_codes(text, **{"blame-second-opinion": False})
    assert blame_codes("The source of the traffic was Halima's load test.\n") == []


@pytest.mark.parametrize("text", [
    "Well, it is very simple: I'm an idiot.",
    "Only an idiot restarts every node at once.",
    "Yes, I should not be trusted with the DNS settings.",
])
def test_a_person_called_names_or_denied_trust_is_judged(text: str) -> None:
    assert "PM103" in blame_codes(text + "\n")


def test_a_word_for_a_things_quality_is_no_name_calling() -> None:
    assert blame_codes("The deploy script is idiot-proof now.\n") == []
