"""PM1xx: blame language, person as root cause, human error: failing and passing examples per
rule, every never-flag class of BLAMELESS.md, and where in the file findings point."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import blame_codes, codes, lint_text

BLAME = ["PM1"]


# -- each rule: sentences it reports ------------------------------------------------------
FAILING = {
    "PM101": [
        "The charge nurse forgot to log the override in the medication system.",
        "The teller ignored the limit warning on the transfer screen.",
        "At 02:14 UTC the on-call engineer ignored the disk-pressure alert and went back to sleep.",
        "Sanjay forgot to re-enable the cron job after the maintenance window.",
        "The alert was ignored by the on-call engineer for 47 minutes.",
        "The networking team never tested the BGP change in staging.",
        "She didn't bother to read the deprecation warning.",
        "The platform team dropped the ball on the certificate renewal.",
        "The change was approved by the reviewer without reading the diff.",
        "They failed to notify the support team, so customers learned about it on social media.",
        # the parser reads "engineer" as the compound of a subjectless "forgot"
        "The on-call engineer forgot to check the snapshot job before the indexer run.",
        # a hyphenated verb, a hyphenated handle, a team in a place, undone diligence
        "The review was rubber-stamped by the approver on call.",
        "@ravi-k messed up the DNS cutover.",
        "The team in Madrid neglected to rotate the signing keys.",
        "The QA lead didn't alert the team about the failing suite.",
        "The developer misjudged how many tenants the flag would reach.",
        "Our outsourcing partner skipped the patch window.",
        "Nobody on the search team tested the reindex on a copy of production.",
    ],
    "PM102": [
        "It was Dana's oversight that the backup job had been disabled since March.",
        "The double charge was his fault, not a bug in payments-gateway.",
        "A mistake by the DBA left the replica pointing at the old primary.",
        "Carlos made a mistake while editing the load balancer config.",
        "The fault lies with the contractor.",
        "The outage came from a configuration error introduced by the contractor.",
        "Responsibility for the skipped failover test falls on the storage team.",
    ],
    "PM103": [
        "A sloppy change by the contractor removed the retry logic from notifications-service.",
        "The on-call engineer should have known better than to restart the primary at peak.",
        "Obviously the developer did not read the deprecation notice.",
        "In an act of laziness we skipped the staging soak and shipped straight to prod.",
        "Had we been more disciplined, the expired certificate would never have reached prod.",
        "Any competent SRE would have noticed the replication lag.",
        "Any engineer worth their salt would have read the release notes.",
    ],
    "PM104": [
        "The on-call engineer should have run the pre-flight check before failing over.",
        "If Omar had read the runbook, none of this would have happened.",
        "Had the reviewer double-checked the migration, the column drop would have been caught.",
        "The SRE ought to have drained the node before rebooting it.",
        "The DBA needed to verify the backup before starting the upgrade, and didn't.",
        "If Bo had not disabled the health check, the failover would have worked.",
        "In hindsight, the DBA needed to snapshot the volume first.",
        "Were it not for Kai skipping the dry run, nothing would have broken.",
        "Jo shouldn't have force-pushed to the release branch.",
        "Lena needed to wait for the replica to catch up, and she didn't.",
    ],
    "PM105": [
        "He just didn't look at the dashboard.",
        "The reviewer simply didn't scroll down far enough to see the DROP TABLE statement.",
        "All she had to do was click 'Pause rollout' in the deploy UI.",
        "Kofi merely had to wait for the health checks to go green before shifting traffic.",
        "The operator just assumed the replica was current.",
        "It was a simple matter of checking the host, which the SRE didn't do.",
        "Checking the flag would have taken the engineer ten seconds.",
    ],
    "PM106": [
        "The game master who spawned the items was stripped of admin privileges.",
        "The contractor was shown the door after the regression shipped.",
        "Tomasz was sacked a week after the incident.",
        "The engineer involved will be retrained on the deploy process.",
        "The on-call engineer will be held accountable for the missed page.",
        "Ravi was reprimanded by his manager on Monday.",
        "Action item: mandatory retraining for the engineer who deleted the bucket.",
        "The contractor's access has been revoked.",
        "The operator was written up for the outage.",
        "The contractor's agreement will not be renewed.",
        "HR opened an investigation into the DBA's conduct.",
        "The team lead will be held personally accountable.",
        "Management will hold the on-call engineer accountable for the outage.",
        "Ama was moved off the payments team after the outage.",
        "The SRE will get a note in their performance file.",
        "The release engineer's deploy rights have been taken away.",
    ],
    "PM110": [
        "The night operator is responsible for the corrupted backups.",
        "The person responsible for the outage is the on-call DBA.",
        "The consultant from our partner deleted the DNS zone, starting the cascade.",
        "The checkout page went down because Ayelet restarted the primary at peak.",
        "Why did the cache empty? Because Thandiwe flushed it by hand.",
        "The outage was caused by the intern's script, which deleted every object in /backups.",
        "Omar took down the search cluster when he restarted all three masters at once.",
        "The operator deleted the wrong volume, which wiped six hours of ledger entries.",
        "Hiroshi is the root cause: he merged the change with a red CI run.",
        "Root cause: Ravi truncated the sessions table in production.",
        "It was the contractor's firewall change that broke connectivity to postgres.",
        "The intern's script deleted 12,000 customer invoices.",
        "Jia's late-night config edit is what locked everyone out of the VPN.",
        "The corrupted cache was created by the SRE who replayed the queue.",
        "It was the DBA who restarted the primary instead of the replica.",
        "The outage began when Ana flipped the flag for all tenants.",
        "The cache was flushed by the platform engineer at peak, which crashed the database.",
        "The crash was caused by a command typed by the night operator.",
        "The storage engineer is to blame for the replication loop.",
        "The outage goes back to Ilan, who pushed the release with the wrong region.",
        "A junior developer dropped the billing schema while tidying old migrations.",
    ],
    "PM111": [
        "Root cause: human error.",
        "Primary cause: operator error.",
        "The outage was caused by a manual mistake during the certificate rotation.",
        "The data corruption was caused by human error on our part.",
        "The provider blamed the outage on technician error.",
        "A mistake was made while the certificate was being rotated.",
        "A manual slip during the cutover deleted the zone.",
        "Although the outage was caused by human error, the tooling has changed since.",
        "The renewed certificates were not installed due to human error.",
    ],
}


@pytest.mark.parametrize(("code", "sentence"), [
    (code, sentence) for code, sentences in FAILING.items() for sentence in sentences])
def test_rule_reports_blame(code: str, sentence: str) -> None:
    assert code in blame_codes(sentence), sentence


# -- never flag (BLAMELESS.md "Not blame"), one group per class ----------------------------
NEVER = {
    "system as subject": [
        "The deploy failed at 14:32 UTC when the image pull from the registry timed out.",
        "The health check missed the node because it only probed port 80.",
        "The job ignored the --dry-run flag and applied the changes to production.",
        "The Kubernetes operator failed to reconcile the StatefulSet after the CRD upgrade.",
        "Dependabot missed the advisory because the package was vendored.",
        "The pods kept restarting and they failed to pass readiness checks.",
        # a first word that owns an "its" is a thing
        "Sextant forgot its peer list after the restart.",
        "Dev builds were moved off the shared runners at noon.",
    ],
    "software term": [
        "We burned 40% of the monthly error budget for checkout-api in under an hour.",
        "Clients saw 500 errors on POST /v1/orders for 22 minutes.",
        "TLS handshake errors spiked once the intermediate certificate expired.",
        "The build failed on main for two hours because of a flaky snapshot test.",
        "The dashboard groups all 4xx responses as user errors, which hid the spike in 429s.",
        "Lazy loading of the config module delayed startup by two seconds.",
    ],
    "person doing a neutral thing": [
        "Hubot ignored the rollback command because the chat adapter had disconnected.",
        "The SRE team is responsible for the incident review and its action items.",
        "Ana restarted the pods at 14:02 UTC, restoring service.",
        "Most developers could keep working from local clones, but creating issues and such"
        " had to wait.",
        "Li paged the storage team at 14:05 UTC.",
        "Marcus rolled back checkout-api to v4.11.2 at 15:47 UTC.",
        "Priya just restarted the pod and it recovered within a minute.",
        "Our SRE just assumed role credentials from the CI runner.",
        "Imani's cleanup job deleted the stale production snapshots as designed.",
        "Li deleted the stuck production pod to force a restart.",
        "Juno was taken off the search project after the reorg.",
        "The on-call engineer needs to check five dashboards to find the failing shard.",
        "Engineers who simply want to ship a hotfix wait for the merge queue.",
        "Sam failed over the database to us-west-2 at 10:14 UTC.",
        "They were written to a node that was demoted on the next failover.",
        "The release manager paused the rollout at 20% while the team looked at the canary.",
    ],
    "praise": [
        "Ada's quick rollback limited the impact to nine minutes.",
        "Thanks to Kofi's careful read of the replication logs, we avoided a second failover.",
        "Were it not for Ana restarting the pods, the outage would have lasted hours.",
        # a person's tool doing its job is not the person as a cause
        "The parse errors came from a load generator written by Ines, which sends random"
        " headers to every client.",
        "Big thanks to the contractor who stayed on the bridge until 05:00 UTC.",
    ],
    "meta and negation": [
        "We don't call this human error: the CLI let a production command run unconfirmed.",
        "Nobody was careless: the tool invited the slip.",
        "No individual is the root cause of this incident.",
        "This is not operator error; the console put delete next to refresh.",
        "No one will be disciplined as a result of this review.",
        "It would be easy to say the reviewer should have caught it, but the diff was huge.",
        "We do not treat the rename as a mistake by the vendor or by anyone here.",
        "We avoid the label operator error because it stops the analysis.",
        "The storage engineer is not to blame for the replication loop.",
        "Nobody on our team forgot anything; the step was not in the runbook.",
        "While it could be put down to human error, the tool ran a destructive command on"
        " the wrong host without asking.",
        "Human error is a symptom here, not the cause.",
        "Was the nurse negligent? No: the scanner had failed for weeks.",
        "The first draft was private and contained the name of the engineer who accidentally"
        " removed the data; this version leaves it out.",
        "The outage was not due to human error: the installer skipped the reload silently.",
        "There will be no written warnings, review boards or other consequences for anyone.",
        "Punishing the responder would only make the next slip harder to report.",
        "Were some committer to have reused a password, the one-time codes still protect root.",
    ],
    "process gap": [
        "The runbook did not say to drain the node first.",
        "The checklist had no step for verifying the backup before an upgrade.",
        "Had the canary covered the EU region, the bad config would have been caught.",
        "The reviewer could not see the generated file because the diff viewer collapsed it.",
    ],
    "collective we": [
        "We failed to verify the backup before the upgrade.",
        "We missed the advisory for the OpenSSL CVE that was published in January.",
        "We should have had an alert on replication lag long before this incident.",
        "We dropped the ball on communicating the maintenance window to customers.",
    ],
    "quoted text": [
        'In the review meeting Tom said, "I forgot to drain the node, and nothing stopped me."',
        "The Slack message at 02:40 UTC read: \u201cdid someone forget to renew the cert?\u201d",
        "Earlier drafts listed 'human error' as the root cause; this revision replaces it.",
    ],
}


@pytest.mark.parametrize(("kind", "sentence"), [
    (kind, sentence) for kind, sentences in NEVER.items() for sentence in sentences])
def test_never_flagged(kind: str, sentence: str) -> None:
    assert blame_codes(sentence) == [], f"{kind}: {sentence}"


# -- where findings point, and what they say ----------------------------------------------------
def test_finding_marks_the_exact_phrase_with_a_rewrite_hint() -> None:
    text = "# Checkout outage\n\nAt 02:14 UTC **the on-call engineer** ignored the alert.\n"
    [finding] = lint_text(text, select=BLAME)
    assert finding.code == "PM101"
    line = text.splitlines()[finding.span.line - 1]
    assert finding.span.line == 3
    phrase = line[finding.span.column - 1:finding.span.end_column - 1]
    assert phrase == "the on-call engineer** ignored"
    assert "the on-call engineer" in finding.message
    assert finding.hint and "guard" in finding.hint


def test_every_rule_has_docs_with_bad_and_good_examples_and_a_hint() -> None:
    from postmortem_lint.engine.registry import all_rules

    rules = [rule for code, rule in all_rules().items() if code.startswith("PM1")]
    assert {rule.code for rule in rules} >= {"PM101", "PM102", "PM103", "PM104", "PM105",
                                             "PM106", "PM110", "PM111"}
    for rule in rules:
        assert rule.needs_nlp
        assert "Bad::" in rule.doc() and "Good::" in rule.doc(), rule.code
        assert rule.hint


def test_code_spans_code_blocks_blockquotes_and_headings_are_not_read() -> None:
    assert blame_codes("""\
        # Notes

        Running `the on-call engineer forgot to drain` is a log line, not prose.

        ```
        ERROR operator error: the intern forgot the flag
        ```

        > Tom: "I forgot to drain the node."

        ## Why the on-call engineer ignored it
        """) == []


def test_owner_cells_and_timeline_times_are_not_read() -> None:
    assert blame_codes("""\
        ## Action items

        | Action | Owner | Due |
        |---|---|---|
        | Add a replication-lag alert | Ravi Menon | 2026-03-01 |

        ## Timeline

        | Time (UTC) | Event |
        |---|---|
        | 14:02 | Alert fired; Li paged the storage team |
        """) == []


def test_blame_in_a_table_cell_is_read() -> None:
    assert blame_codes("""\
        ## Timeline

        | Time (UTC) | Event |
        |---|---|
        | 14:02 | The on-call engineer ignored the page |
        """) == ["PM101"]


# -- PM110: the cause statements ------------------------------------------------------------
def test_person_acting_in_the_root_cause_section() -> None:
    findings = lint_text("""\
        # Checkout errors

        ## Root cause

        Marco Bellini deployed promo-service 4.12 to all regions without waiting for the canary.
        """, select=["PM110"])
    assert codes(findings) == ["PM110"]
    assert (findings[0].span.line, findings[0].span.column) == (5, 1)


def test_person_in_a_contributing_factor_and_in_the_last_why() -> None:
    text = """\
        ## Contributing factors

        - The scheduler's timeout is shorter than the provider's batch acceptance time.
        - Karen set the batch size to the full 2.3 million audience.

        ## Five whys

        1. Why did checkout fail? The new rule threw on gift cards.
        2. Why was the rule live? The flag defaulted to on because the release engineer flipped it.
        """
    findings = lint_text(text, select=["PM110"])
    assert [f.span.line for f in findings] == [4, 9]


def test_an_app_server_named_like_a_common_word_is_no_person() -> None:
    # application servers with English names ("Passenger", "Puma", "Unicorn") act in causes
    assert lint_text("""\
        # Storefront returned 500s

        ## Why did it happen?

        After the package upgrade, Passenger started to reject the older gem version and
        Unicorn kept serving the previous build.
        """, select=["PM110"]) == []


def test_systemic_root_cause_and_neutral_acts_pass() -> None:
    assert blame_codes("""\
        ## Root cause

        The deploy tool lets any service skip the canary stage with one flag and no approval.

        ## Contributing factors

        - Process not followed.
        - Deploy happened at 06:12 UTC, shortly before the daily invoice run.
        - The on-call engineer had joined the rotation two weeks earlier.
        - Oskar paged the database team within two minutes.
        - A flaw in the registry allowed someone to replace the release files.
        - Hotfix 4 removed the renewal cron.
        - T4 Engineering shipped the load balancer firmware that dropped the chain.
        - One of our engineers figured out the job never ran for pull requests from forks.
        - Our engineer opened a PR to make this change, and also make fixes to the script.
        - Support engineers continue their investigation into the stalled builds.
        """) == []


def test_yaml_root_cause_naming_a_person() -> None:
    findings = lint_text("""\
        title: Search alias switched early
        root_cause: The DBA dropped the old index while the alias still pointed at it.
        contributing_factors:
          - factor: Operator error during the alias switch.
        """, name="postmortem.yaml", select=BLAME)
    assert sorted(codes(findings)) == ["PM110", "PM111"]


# -- rule data: organisations extend the lexicons --------------------------------------------
def test_lexicons_are_extended_by_a_rule_data_file(tmp_path, monkeypatch) -> None:
    (tmp_path / "blame-extra.yaml").write_text(textwrap.dedent("""\
        blame:
          roles: [sysop]
        """), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    sentence = "The sysop ignored the disk alert for an hour."
    assert blame_codes(sentence) == []
    assert blame_codes(sentence, rule_data=["blame-extra.yaml"]) == ["PM101"]


def test_a_phrase_hit_as_agent_and_as_cause_is_reported_once() -> None:
    findings = lint_text("""\
        # Outage

        **Root Causes:** Ben Okafor renamed the column without a migration.
        """, select=["PM110"])
    assert len(findings) == 1


def test_a_cause_statement_naming_people_acting_is_reported_once() -> None:
    findings = lint_text("""\
        ## Root cause

        - The author of the patch misjudged its reach. She merged it alone after an hour.
        """, select=["PM110"])
    assert len(findings) == 1


def test_a_team_at_ordinary_work_in_a_cause_statement_passes() -> None:
    # a team making changes is how the system got here, not who is to blame; a team
    # deleting or pushing something is still named as the cause
    assert blame_codes("""\
        ## Root cause

        The Storage team recently made changes to split the staging and production buckets.
        """) == []
    assert blame_codes("""\
        ## Root cause

        The Storage team deleted the production bucket while cleaning up staging.
        """) == ["PM110"]


def test_people_meeting_a_problem_in_a_cause_statement_is_no_cause() -> None:
    # encountering, facing or running into a problem is what happened to them: the problem,
    # not the people, is the cause
    for act in ("they encountered a build issue", "they ran into a build issue",
                "they experienced a build issue", "they faced a build issue"):
        assert blame_codes(f"""\
            ## Root cause

            When the design team added a size option to the icon set, {act} in the
            Angular package and commented out the build step.
            """) == [], act
    assert blame_codes("""\
        ## Root cause

        When the design team added a size option to the icon set, they deleted the
        Angular package's build step.
        """) == ["PM110"]


def test_a_group_at_ordinary_work_told_in_the_third_person_is_no_cause() -> None:
    # "they" at ordinary work, like a team, is how the system got here; "they" deleting
    # something is still named as the cause
    assert blame_codes("""\
        ## Root cause

        They added a new size option to the icon package two weeks before the release.
        """) == []
    assert blame_codes("""\
        ## Root cause

        They deleted the icon package's build step two weeks before the release.
        """) == ["PM110"]


def test_a_name_the_document_writes_as_a_package_or_host_is_a_thing() -> None:
    # "Quill" is also written `quill` in code and as a host in a link: a tool, not a colleague
    text = """\
        # Webhooks dropped

        ## Summary

        Quill did not respond to any webhook events for two hours.

        ## Detection

        The [status page](https://quill.example.org/status) showed the `quill` pods restarting.
        """
    assert blame_codes(text) == []
    assert blame_codes(text.replace("`quill`", "`hook`").replace("quill.example", "hooks.example")
                       ) == ["PM101"]


@pytest.mark.parametrize("mention", [
    "Our email provider (Postwick) suspended the sending domain at 09:12 UTC.",
    "We opened a case with Postwick support at 09:30 UTC.",
    "The Postwick dashboard showed the domain as blocked.",
])
def test_a_name_the_document_writes_as_a_supplier_or_its_service_is_a_thing(mention) -> None:
    text = f"""\
        # Email outage

        ## Summary

        {mention}

        ## Timeline

        - 12:40 UTC: Postwick has not yet responded, so we open a second case.
        """
    assert blame_codes(text) == []
    assert blame_codes(text.replace(mention, "Mail stopped at 09:12 UTC.")) == ["PM101"]


def test_a_colleague_beside_a_supplier_is_still_a_person() -> None:
    assert blame_codes("""\
        ## Summary

        Our email provider (Postwick) was healthy. Ravi forgot to renew the sending domain.
        """) == ["PM101"]


# -- real-prose classes: where naming someone is not a cause, and blame said once -------------
def test_they_standing_for_customers_is_no_person_in_a_cause() -> None:
    assert lint_text("""\
        ## Root cause

        1. The client library reads the schema version the customer's app was built with.
        2. A merchant's app stays on the release they picked for months.
        """, select=["PM110"]) == []


def test_praise_of_the_person_who_triggered_it_is_not_a_cause() -> None:
    text = """\
        ## What went well

        The operator who triggered the outage spotted the split brain before any alert fired.
        """
    assert lint_text(text, select=["PM110"]) == []
    # the same sentence in the narrative still names a person as the cause
    assert codes(lint_text(text.replace("What went well", "Summary"),
                           select=["PM110"])) == ["PM110"]


def test_an_answer_the_next_why_questions_further_is_not_the_root_cause() -> None:
    text = """\
        ## Root cause

        - The upgrade skipped the schema check.

          **Why was the check skipped?**

          - The release captain ran the upgrade without it.

            **Why could one person skip it?**

            - The release checklist has no rule for when the schema check is required.
        """
    assert lint_text(text, select=["PM110"]) == []
    ended_there = text.split("\n\n            **Why could")[0] + "\n"
    assert codes(lint_text(ended_there, select=["PM110"])) == ["PM110"]


def test_a_why_question_restating_a_blame_statement_is_reported_once() -> None:
    findings = lint_text("""\
        ## Five whys

        - The release captain forgot to run the schema check.

          **Why did the release captain forget to run it?**

          - The checklist lives in a wiki page nobody links from the release tool.
        """, select=["PM101"])
    assert [f.span.line for f in findings] == [3]


def test_an_unnamed_trigger_beside_a_systemic_root_cause_is_not_the_cause() -> None:
    text = """\
        ## Summary

        On May 3 an engineer accidentally deleted the `billing` queue while cleaning up a test stack.

        ## Root cause

        The cleanup script matches queues by prefix, and test and production queues share one.
        """
    assert lint_text(text, select=["PM110"]) == []
    # a named person stays named; without a stated root cause the act is the cause given
    assert codes(lint_text(text.replace("an engineer", "Priya"), select=["PM110"])) == ["PM110"]
    summary_only = text.split("\n\n        ## Root cause")[0] + "\n"
    assert codes(lint_text(summary_only, select=["PM110"])) == ["PM110"]


def test_a_program_named_like_a_role_is_no_person_in_a_cause() -> None:
    # "supervisor", "controller", "manager" doing what software does to processes
    assert lint_text("""\
        ## Root cause

        The import step ran out of memory and the supervisor killed it.
        """, select=["PM110"]) == []
    assert codes(lint_text("""\
        ## Root cause

        The import step was deleted by the supervisor during the shift change.
        """, select=["PM110"])) == ["PM110"]


def test_a_single_author_owning_a_gap_in_the_first_person_is_not_blame() -> None:
    # "I" is the author, as "we" is the authors: owning the gap is the blameless way to say it
    assert blame_codes("""\
        ## Root cause

        I forgot to renew the certificate, so it expired on Sunday.

        ## What happened

        I deployed the new cache and I did not see any errors in staging.
        """) == []


def test_a_single_author_judging_their_own_character_is_still_blame() -> None:
    assert blame_codes("""\
        ## Root cause

        In an act of pure laziness I skipped the canary.
        """) == ["PM103"]


def test_a_paragraph_blaming_one_person_over_two_sentences_is_reported_once() -> None:
    # one rewrite of the paragraph fixes both sentences; a new paragraph is a new finding
    assert blame_codes("""\
        ## What happened

        The developer misjudged the risk of the change. They did not request a review.

        Later that day the reviewer ignored the failing check.
        """) == ["PM101", "PM101"]


def test_a_sentence_with_two_blaming_phrases_is_one_finding_over_both() -> None:
    text = "Teodor waved the migration through without reading the plan.\n"
    findings = [f for f in lint_text(text, select=["PM1"]) if f.code.startswith("PM1")]
    assert [f.code for f in findings] == ["PM101"]
    span = findings[0].span
    assert text[span.column - 1:span.end_column - 1].endswith("without reading the plan")


@pytest.mark.parametrize(("sentence", "blame"), [
    ("Such a long disruption is inexcusable, and we are fixing what allowed it.", False),
    ("An outage of nine hours is unacceptable and embarrassing for a payments API.", False),
    ("His delay in escalating was inexcusable.", True),
    ("The contractor's change was careless.", True),
])
def test_a_judgment_of_the_event_is_the_authors_owning_it(sentence: str, blame: bool) -> None:
    assert bool(blame_codes(f"## Summary\n\n{sentence}\n")) is blame


@pytest.mark.parametrize(("sentence", "blame"), [
    ("The traffic spike was due to Hacker News linking our launch post.", False),
    ("The outage was caused by Initech Systems revoking our API key.", False),
    ("The outage was caused by Maria Lopez skipping the canary.", True),
])
def test_a_name_ending_in_a_company_or_publication_word_is_no_person(sentence: str,
                                                                      blame: bool) -> None:
    assert bool(blame_codes(f"## Root cause\n\n{sentence}\n")) is blame


@pytest.mark.parametrize("stamp", ["16:41 UTC - ", "**16:41 UTC** ", "2026-03-02 16:41 UTC — "])
def test_a_timeline_item_is_read_without_its_time_stamp(stamp: str) -> None:
    # the parser takes "16:41 UTC - Ravi" for one noun phrase unless the stamp is left out
    text = f"## Timeline\n\n- 16:30 UTC - Deploy started.\n- {stamp}Ravi's untested hotfix " \
           "broke checkout for every signed-in user.\n"
    findings = lint_text(text, select=["PM110"])
    assert [f.code for f in findings] == ["PM110"]
    line = text.splitlines()[findings[0].span.line - 1]
    assert line[findings[0].span.column - 1:].startswith("Ravi's untested hotfix")


@pytest.mark.parametrize("sentence", [
    "Platform leadership ignored two requests for a second region.",
    "Mateus was put on probation after the review.",
])
def test_leadership_acting_and_probation_are_blame(sentence: str) -> None:
    assert blame_codes(f"## What happened\n\n{sentence}\n")


@pytest.mark.parametrize(("sentence", "blame"), [
    ("Whoever approved the change should have read the migration plan.", True),
    ("Whoever is on call must check the replica lag before a failover.", False),
])
def test_whoever_did_it_is_someone_and_whoever_is_on_call_a_role(sentence: str,
                                                                 blame: bool) -> None:
    assert bool(blame_codes(f"## What happened\n\n{sentence}\n")) is blame


@pytest.mark.parametrize(("sentence", "blame"), [
    ("Those involved will be written up after the review.", True),
    ("The staff responsible will lose their production access.", True),
    ("Everyone involved stayed on the bridge until the replica caught up.", False),
    ("No one involved will face any disciplinary action.", False),
])
def test_those_involved_are_people(sentence: str, blame: bool) -> None:
    assert bool(blame_codes(f"## What happened\n\n{sentence}\n")) is blame


@pytest.mark.parametrize(("sentence", "blame"), [
    ("The storage group ignored two warnings about the shrinking pool.", True),
    ("The consumer group ignored the rebalance signal.", False),
    ("The security group dropped traffic on port 443.", False),
])
def test_a_group_is_people_only_after_a_department_word(sentence: str, blame: bool) -> None:
    assert bool(blame_codes(f"## What happened\n\n{sentence}\n")) is blame


@pytest.mark.parametrize(("sentence", "blame"), [
    ("The NOC ignored the disk alert for an hour.", True),
    ("The team ignored the disk alert for an hour.", False),  # the authors
    ("The NOC paged the database team at 02:10 UTC.", False),
])
def test_a_noc_is_never_the_authors_and_the_team_always_is(sentence: str, blame: bool) -> None:
    assert bool(blame_codes(f"## What happened\n\n{sentence}\n")) is blame


@pytest.mark.parametrize("sentence", [
    "The clerk forgot to void the duplicate batch.",
    "The dispatcher ignored the second alarm.",
])
def test_clerks_and_dispatchers_are_people(sentence: str) -> None:
    assert blame_codes(f"## What happened\n\n{sentence}\n")
