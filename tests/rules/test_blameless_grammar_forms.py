"""PM1xx: grammatical forms of blame read from the parse rather than from a phrase list, each
with near misses of the same form that stay silent (systems, the authors, praise, meta)."""

from __future__ import annotations

import pytest

from tests.conftest import blame_codes


@pytest.mark.parametrize(("code", "sentence"), [
    # a name without an acronym or a number, and an "if" that is a condition
    ("PM110", "The data loss was triggered by Lena Fischer running the cleanup script."),
    ("PM104", "If Morgan had checked the dashboard, the outage would have been avoided."),
    # an object relative clause: the person is the subject, the relative word the object
    ("PM101", "The step that the release manager skipped would have caught the bad schema."),
    # a person told to drop or take up a habit
    ("PM104", "Tomasz needs to stop merging without a second review."),
    ("PM104", "The storage team must start testing restores before each upgrade."),
    # what a person would ideally have done
    ("PM104", "Ideally, the incident commander would have called the rollback much earlier."),
    # a negated condition on a person's act, with the harm denied in the main clause
    ("PM104", "If Anwen had not restarted the broker, the consumers would not have crashed."),
    # the care a person is said to have lacked
    ("PM104", "With more care from the release team, the migration would not have shipped broken."),
    # what a person is told they should have seen
    ("PM105", "It should have been clear to the reviewer that the migration locked the table."),
    # a person's choice judged, by a by-phrase, a possessor or "for X to"
    ("PM103", "Skipping the canary was a bad decision by the release captain."),
    ("PM103", "It was a poor idea for the intern to run the cleanup script on production."),
    # the fault placed on a team
    ("PM102", "The lost writes are squarely on the data team."),
    ("PM102", "The stale DNS record is on the network team, not on the tooling."),
    ("PM102", "The stale cache was the platform team's failure."),
    # a person's act as the cause: turning a thing into damage, a passive cause whose agent
    # is the act, the author of the thing that did the damage
    ("PM110", "Priya's hotfix is what turned a slow query into a full outage."),
    ("PM110", "The cascade of timeouts was triggered by Ola restarting every broker at once."),
    ("PM110", "The migration that broke checkout was merged by Ilse."),
    # an act on the system done without its safeguard
    ("PM101", "Dmitri pushed the firewall change without a peer review."),
    # a cleft whose clause the parser hangs on the copula
    ("PM110", "It was Greta who disabled the health check."),
    ("PM102", "This was the platform team's mess."),
    ("PM102", "The outage was on Jonas."),
    # sanctions: taken off the rotation, threatened against whoever does something
    ("PM106", "The engineer who deleted the bucket will no longer be part of the on-call rotation."),
    ("PM106", "From now on, anyone who bypasses the freeze will face disciplinary action."),
    # an act done in place of the diligence
    ("PM101", "Instead of checking the replica lag, the DBA promoted the replica."),
    # data that matters destroyed, in the passive, by a person
    ("PM110", "The production database was dropped by an intern."),
    # damage that "came from" a person's act
    ("PM110", "Two hours of downtime came from Olga restarting every pod at once."),
    # "because X…" with a failure or cascade as the outcome
    ("PM110", "Because Carmen disabled the circuit breaker, the failure cascaded to every region."),
    # a cleft singling out who did an act on the system, even one responders also do
    ("PM110", "It was the on-call SRE who restarted the primary while replication was catching up."),
    # a consequence's negation does not deny the act before it
    ("PM110", "It was Ravi who turned off the disk alerts, so nobody saw the volume filling."),
    # what a person did, then did the damage
    ("PM110", "The bad route was announced by the network engineer, which blackholed traffic."),
    ("PM110", "The release was rushed out by the product manager, and it took checkout down."),
    # a change made to the system without its safeguard, in the passive
    ("PM101", "The firewall change was made by Kenji without a change request."),
    # a shared fault word made a person's by "on the part of"
    ("PM102", "The root cause was a failure on the part of the DBA to verify the backup."),
    # the act made trivial: "merely a matter of", "would have been trivial for X to"
    ("PM105", "It was merely a matter of the deployer looking at the graph, which he didn't do."),
    ("PM105", "It would have been trivial for the DBA to spot the missing index."),
    # a cleft on a role taken up by "that"; links saying where damage started or whose work
    # it was
    ("PM110", "It was the intern that deleted the customer table."),
    ("PM110", "The whole mess started with Irina editing the production config by hand."),
    ("PM110", "Our payments outage was the work of a single engineer."),
    ("PM110", "The DNS outage was brought about by Matteo changing the nameservers."),
    # a person's work taking a thing offline with the down word after the object
    ("PM110", "Nkechi's late-night schema change took webhook-dispatcher offline for a day."),
    ("PM110", "What took the search cluster offline was Ilse rebalancing every index at once."),
    # a by-phrase the parser hangs below the noun
    ("PM110", "A manual DELETE by the DBA wiped four hours of order history."),
    # ironic credit for damage
    ("PM110", "Thanks to the on-call restarting the wrong database, orders were lost."),
    ("PM110", "Thanks to Ruth's manual failover, the data on the two replicas diverged."),
    # hindsight that makes the act trivial, with "only"; responsibility for a thing left broken
    ("PM105", "It would only have taken the deployer a minute to check the flag."),
    ("PM102", "Responsibility for the expired domain rests with the marketing team."),
    # an act on the system, then "it" did the damage; damage triggered when someone acted
    ("PM110", "The release engineer pushed a broken image, and it crashed every pod."),
    ("PM110", "The incident was triggered when the DBA ran an ALTER TABLE on the orders table."),
    # a person's work harming what matters
    ("PM110", "Tariq's schema migration locked the orders table for forty minutes."),
    ("PM110", "Sana's cleanup job removed the TLS certificates from every load balancer."),
])
def test_grammatical_forms_of_blame_are_reported(code: str, sentence: str) -> None:
    assert code in blame_codes(sentence), sentence


@pytest.mark.parametrize("sentence", [
    # meta statements: the blame words are denied or only sought
    "Nothing in the postmortem suggests anyone was careless or lazy.",
    "This review is about gaps in the pipeline, not about someone to hold accountable.",
    # a name the sentence introduces as a program
    "Otto, our release bot, ignored the freeze window and deployed.",
    # a person's lapse that a process gap explains
    "The runbook never mentioned the drain step, so the on-call had not seen it before.",
    "Instead of asking why Ravi skipped the step, we asked why the step was skippable.",
    "At no point did anyone act carelessly.",
    "Instead of checking dashboards by hand, we added an alert.",
    # praise: the act prevented harm
    "Had Mina not paused the rollout, every region would have received the bad build.",
    "If Li had not paged the DBA, we would have lost more data.",
    # systems, past necessity, responders
    "The scheduler needs to stop retrying failed jobs.",
    "The on-call had to stop deploying during the freeze.",
    "The change that took down checkout was reverted by Ravi.",
    "The controller's failure to reconcile left pods pending.",
    "The failure of the primary database paged the on-call.",
    "The work is entirely on the platform team this quarter.",
    "It was Greta who paged the database team.",
    "The outage was on Tuesday.",
    "Ravi will no longer be on the team after March.",
    "Anyone who is paged can escalate to the incident commander.",
    "Ravi cleaned up the mess the migration left behind.",
    # a system running without a safeguard; the authors
    "Nightly builds ran without tests for a week.",
    "We pushed the firewall change without a peer review.",
    # the authors
    "It should have been obvious to us that the disk was filling.",
    "It was a bad idea for us to deploy on a Friday.",
    "We need to stop deploying on Fridays.",
    # near misses of the forms above: disposable data, a neutral origin, a thing failing by
    # itself, a recovery, a program's change, a program's failure, time, circumstances
    "The old snapshots were deleted by Chen.",
    "The first page came from Olga at 03:10.",
    "Solana's validator client crashed on the malformed transaction.",
    "Asha's cron job crashed on the bad row.",
    "The rollback was started by Li, which restored traffic.",
    "Ravi's fix brought the error rate down.",
    "The change was made by the pipeline without a review.",
    "A failure on the part of the scheduler left jobs pending.",
    "It was just a matter of time before the disk filled.",
    "It was easy for the on-call to miss the alert because the dashboard hid it.",
    # chains, relayers and vendors are outsiders' software, not colleagues
    "Symptom: Hermes fails to relay.",
    "Although Amazon have not confirmed, the outage was caused by a power failure.",
    "Mesos lost track of the executors after the leader election.",
    # a lone name taken up by "that", a name that crashes by itself, a product's part, a
    # recovery that was someone's work
    "It was Ceph that lost the placement group, not the application.",
    "Nimbus crashed on the new fork and took a third of our validators offline.",
    "Atlas's autoscaler removed the nodes that held the primary shards.",
    "The recovery was the work of the storage team, who rebuilt the index overnight.",
    # planned work, credit for a good outcome, a plain owner of a task
    "Marco took the replica offline to upgrade it.",
    "Ilse took the old nodes offline for maintenance.",
    "Thanks to Li's quick failover, the outage lasted only four minutes.",
    "Thanks to Ravi, the failed jobs were retried.",
    "Responsibility for the renewal rests with the marketing team.",
    "The engineer deployed the fix, and it brought the error rate down.",
    "The incident was declared when the DBA saw the replication lag alert.",
    # browsers and operating systems are vendors' software
    "Chrome's new cookie policy broke the login flow for every user.",
    "Safari ignored the cache headers and kept serving the old bundle.",
    # a remedy hurried, a repair, a threat stopped, a person's planned act
    "The rollback was pushed through by the release manager within six minutes.",
    "Ada's fix removed the stale entries.",
    "Ravi's patch blocked the attack.",
    "Ravi locked the orders table for the migration.",
    # a response set off by someone (or a watchdog), not damage
    "A few minutes later a reboot was triggered by Sentry after the node hung.",
    "The failover was started by Priya once the primary stopped answering.",
    # a name with an acronym or a number in it is a thing
    "Due to the KMS Key V2 Rotation the workers could not decrypt their secrets.",
    "Because of the expired ISRG Root X1 chain, old clients rejected our certificate.",
    # an "if" that asks a question
    "We pinged the other maintainers to find out if they had hit the same crash.",
    "Nadia checked if the backup job had finished before the restore.",
])
def test_near_misses_of_those_forms_stay_silent(sentence: str) -> None:
    assert blame_codes(sentence) == [], sentence
