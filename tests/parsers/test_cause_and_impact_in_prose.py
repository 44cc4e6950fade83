"""The cause, the size of the impact and the severity as real postmortems write them: in
the overview, in a "What went wrong" list, in a short advisory, in the timeline. Snippets
written for these tests, one per false-positive class seen on published postmortems;
the negative cases keep documents that state no cause (or no size) reported."""

from __future__ import annotations

import pytest

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, parse_text

# -- PM401: a cause stated without a "Root cause" heading ---------------------------------

@pytest.mark.parametrize("sentence", [
    # a fault that caused or led to the failure
    "A bug in the lease renewal code caused a scheduler stall.",
    "In this case, the permissive fork setting inadvertently led to the leaked token.",
    # what the investigation found
    "After investigation, we determined that the queue consumers had no memory requests.",
    # a short security advisory: the flaw is the cause
    "The search page of our marketing site was vulnerable to script injection.",
    "Today we discovered that API keys were being written to our log archive in plain text.",
    # a failure "when" something happened
    "When three classes started their labs at once, the build cluster briefly ran out "
    "of capacity.",
    "Several ingest pods got evicted when the metrics agent began scraping every node.",
    # a guess the writer stands by
    "I think this is probably the cause of the crash; the warm-up step loads every row.",
    # the trigger named in the overview
    "The trigger was a test run against the production replica.",
    "The delay stemmed from a stale routing table on two brokers.",
    "The bug in the retry helper meant that every timeout was retried forever.",
])
def test_cause_stated_in_prose_without_a_root_cause_heading(sentence: str) -> None:
    text = f"# Broker outage\n\n## Summary\n\nWebhooks were delayed. {sentence}\n"
    doc = parse_text(text)
    assert doc.root_cause, sentence
    assert doc.root_cause_span is not None and doc.root_cause_span.line == 5
    assert "PM401" not in codes(lint_text(text, select=["PM401"], rules=FREE_FORM_CHECKED))


@pytest.mark.parametrize("sentence", [
    # an event at a provider or upstream, named in the opening sentence
    "A routing incident at our object storage vendor interrupted every image upload.",
    "An outage in the upstream identity provider stopped all sign-ins for an hour.",
    "A denial-of-service attack against our resolvers took down name lookups.",
    # an exploit named as what did the damage
    "An exploit against the staking contract has led to part of the pool being drained.",
    # factors named together as what made it happen, after a list of them
    "The combination of these three gaps made the replay possible.",
    "Together, these weaknesses allowed the forged request through.",
    # how a secret got out, in a security write-up
    "A deploy key with write access was exposed by the build server's public log page.",
    "An access token with admin scopes was leaked from our artifact cache.",
    "The sample configuration in the pull request contained production credentials.",
    # a slip that did the damage
    "Accidental truncation of the sessions table during a manual cleanup removed every "
    "login.",
    "A maintenance script inadvertently deleted the volume snapshots.",
    # the writer's conclusion from the logs
    "Running the export twice truncates the file, and is probably cause of the missing rows.",
    # a "what happened" paragraph that says why
    "This happened because the signing certificate had expired overnight.",
    "The incident occurred because the cache was cold after the failover.",
    "A power cut at the colocation site took our primary database offline.",
    # a faulty thing that did the damage
    "A misconfigured egress rule blocked traffic to the payment gateway.",
    "The last deploy introduced a race condition in the lock renewal.",
    # how an attacker got in
    "A stolen publishing token was used to upload two tampered versions.",
    "The intruder gained access through an admin panel left open to the internet.",
])
def test_cause_stated_as_an_event_a_mechanism_or_a_conclusion(sentence: str) -> None:
    text = f"# Broker outage\n\n## Summary\n\nWebhooks were delayed. {sentence}\n"
    assert parse_text(text).root_cause, sentence
    assert "PM401" not in codes(lint_text(text, select=["PM401"], rules=FREE_FORM_CHECKED))


@pytest.mark.parametrize("sentence", [
    # a cause clause put first
    "Due to a dropped session with the shared volume, the API kept restarting.",
    "Because of an expired lease on the lock table, every writer stalled.",
    "Owing to a full partition on the log host, the collector stopped shipping events.",
    # a component of a redundant pair that failed, and the standby that did not step in
    "The primary database node crashed during the nightly backup.",
    "The standby firewall did not take over when its peer stopped forwarding.",
    "Automatic failover never happened, so the replica stayed read-only.",
    # how an attack worked
    "Hackers exploited an unauthenticated admin route to post the banner.",
    "The exploit took advantage of an unchecked amount field in the deposit handler.",
    "A spear-phishing campaign targeted the personal inboxes of three maintainers.",
    "The pattern is consistent with a password spraying attack on accounts without MFA.",
    "A weakness in the token refresh endpoint let old sessions be reused.",
    # a check that was missing and what it let happen
    "The mint function had no permission check and could be called by anyone.",
    # the operation that did it, and what it set off
    "The switch firmware upgrade went to plan, resulting in five minutes of packet loss "
    "and downtime.",
    # an event at a provider
    "Our transit provider had unannounced maintenance on the link to our rack.",
    # a question label with its answer
    "The culprit? A cron job that rotated the keys twice.",
    "The attack vector was a forged webhook signed with an old secret.",
    "A phishing email tricked a maintainer into approving the OAuth app.",
    "A known race in the lock service, left unfixed since spring, was triggered by the "
    "failover drill.",
    "A planned reboot of the edge router caused ten minutes of packet loss.",
    "Bad actors abused the open signup form to send spam.",
])
def test_cause_stated_as_what_failed_or_how_an_attack_worked(sentence: str) -> None:
    text = f"# Broker outage\n\n## Summary\n\nWebhooks were delayed. {sentence}\n"
    assert parse_text(text).root_cause, sentence
    assert "PM401" not in codes(lint_text(text, select=["PM401"], rules=FREE_FORM_CHECKED))


@pytest.mark.parametrize("sentence", [
    # a guess, or the symptom, is not what failed
    "This seems to be a fault at the hosting provider; they are looking into it.",
    "We suspected it was the proxy pods, deleted them, and all went back to normal.",
    "We experienced a problem with the RPC endpoint on every browser.",
    "All services were down and the status page showed red.",
    # an attack that did not happen, or a check that was looked for
    "We found no evidence that an attacker used the leaked key.",
    "The outage resulted in three hours of downtime for all tenants.",
    "The service was published to the store before it was meant to be.",
    # a question label whose answer is that nobody knows yet
    "The culprit? Unknown so far; the vendor is still looking.",
    "The main website went down and the primary page failed to load.",
    "Our hosting provider had no outage or maintenance that night.",
    # a campaign that is no attack
    "This was a scheduled marketing campaign, and the campaign used the new template.",
])
def test_a_guess_a_symptom_or_a_denied_attack_states_no_cause(sentence: str) -> None:
    text = f"# Broker outage\n\n## Summary\n\nWebhooks were delayed. {sentence}\n"
    assert not parse_text(text).root_cause, sentence
    assert codes(lint_text(text, select=["PM401"], rules=FREE_FORM_CHECKED)) == ["PM401"]


@pytest.mark.parametrize("sentence", [
    "An outage of our website led to lost orders.",
    "No keys were exposed to anyone outside the team.",
    "The tokens were not leaked to any third party.",
    "Tokens were rotated and the sessions were restored at 11:20.",
    "We are still looking at what was the cause of the errors.",
    "Users saw errors, and the team rolled back the release.",
    "The broken page stopped loading for some users.",
    "We checked whether an attacker had gained access; none had.",
    "We took the service offline at 10:00 to restore it.",
    "It happened twice during the day.",
])
def test_symptoms_and_the_fix_still_state_no_cause(sentence: str) -> None:
    text = f"# Broker outage\n\n## Summary\n\nWebhooks were delayed. {sentence}\n"
    assert not parse_text(text).root_cause, sentence
    assert codes(lint_text(text, select=["PM401"], rules=FREE_FORM_CHECKED)) == ["PM401"]


def test_a_joint_cause_after_contributing_factors_is_a_root_cause() -> None:
    text = """\
        # Vault drained

        ## Contributing factors

        1. Slippage protection was set too loose.
        2. The withdrawal fee was switched off.

        The combination of these two gaps made the replay worthwhile for the attacker.
        """
    assert codes(lint_text(text, select=["PM401"], rules=FREE_FORM_CHECKED)) == []


def test_cause_listed_under_what_went_wrong() -> None:
    text = """\
        # Ingest outage

        ## What went wrong

        - Ingest pods got evicted when the metrics agent started scraping 300 exporters.

        ## Follow-up

        - #412
        """
    assert codes(lint_text(text, select=["PM401"], rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("sentence", [
    "Reading the broker logs led to the conclusion that consumers were stuck.",
    "The on-call engineer joined when the second alert fired.",
    "We restarted the ingress pods, then all went back to normal.",
    "We are tracking an outage of the hosting platform; the provider is working on a fix.",
    "We found that the dashboard was down and paged the team.",
    "Checkout failed when customers paid with a saved card.",
    "We are investigating a bug in the login flow.",
    "Some requests are failing, causing timeouts for customers.",
    "After investigating, we found that only customers in the EU region are affected.",
    "When users tried to sign in, the portal failed with an error page.",
])
def test_sentences_that_state_no_cause_keep_the_finding(sentence: str) -> None:
    text = f"# Broker outage\n\n## Summary\n\nWebhooks were delayed. {sentence}\n"
    assert lint_text(text, select=["PM401"], rules=FREE_FORM_CHECKED) and not parse_text(text).root_cause, sentence


def test_an_outright_cause_wins_over_less_direct_language() -> None:
    doc = parse_text("""\
        # Broker outage

        ## Summary

        The importer filled the disk, causing writes to fail.

        ## Analysis

        The root cause was a missing retention policy on the import table.
        """)
    assert doc.root_cause[0].text.startswith("The root cause was")


# -- PM402: one cause, or a technical cause kept apart ----------------------------------

def test_a_list_detailing_a_single_cause_is_not_several_causes() -> None:
    text = """\
        # Spam uploads

        ## Root cause

        An account uploaded hundreds of placeholder packages in an hour, and the index
        host throttled us, which slowed every upload.

        We blocked the account because:
        - its packages impersonated the registry team
        - its upload rate hurt everyone else
        """
    assert codes(lint_text(text, select=["PM402"])) == []


@pytest.mark.parametrize("body", [
    # one cause, then the list that supports it
    "**Upstream routing loss**\n\nThe stalls came from a short loss of upstream routing.\n\n"
    "This is supported by what we observed:\n\n- the links stayed up\n"
    "- no host reported a fault\n",
    # the evidence first, named as such by its lead-in
    "Evidence:\n\n- the links stayed up\n- no host reported a fault\n\n"
    "The stalls came from a short loss of upstream routing.\n",
    # the evidence first, read as such by the paragraph after it
    "- The links stayed up\n- No host reported a fault\n- Votes were late, never invalid\n\n"
    "These observations point to one cause: a short loss of upstream routing.\n",
])
def test_evidence_for_a_single_cause_is_not_several_causes(body: str) -> None:
    text = f"# Gossip stalls\n\n## Root cause\n\n{body}"
    assert codes(lint_text(text, select=["PM402"])) == [], body


@pytest.mark.parametrize("lead", [
    "Three conditions lined up to make the takeover possible:",
    "Two gaps in our release setup allowed it:",
    "These weaknesses let the forged upload through:",
])
def test_the_conditions_that_let_a_stated_cause_through_are_not_several_causes(
        lead: str) -> None:
    text = f"""\
        # Package takeover

        ## How it happened

        An attacker injected a command through a pull request title and stole the
        publishing token.

        ### The vulnerability

        {lead}

        1. The title check ran with write permissions.
        2. The publish job could be started through the API.
        """
    assert codes(lint_text(text, select=["PM402"])) == [], lead
    # the same list introduced as the causes stays mixed
    mixed = text.replace(lead, "The takeover resulted from two causes:")
    assert codes(lint_text(mixed, select=["PM402"])) == ["PM402"]


def test_a_list_of_causes_after_a_lead_in_is_still_mixed() -> None:
    text = """\
        # Flag evaluation outage

        ## Root cause analysis

        The outage came from three compounding causes:

        1. **Timeout change**: a shorter connect timeout shipped during database load.

           It left pods unable to connect.

        2. **Retry storm**: retries had no backoff.
        3. **Probes**: broken pods kept receiving traffic.
        """
    assert codes(lint_text(text, select=["PM402"])) == ["PM402"]


def test_a_technical_cause_section_keeps_the_trigger_apart() -> None:
    text = """\
        # Listener stopped

        ## Technical cause

        - A resolver glitch stopped the listener from reaching the queue endpoint.

        ## Root cause

        - No alert on the age of the oldest queued message.
        - No automatic restart of the listener service.
        """
    doc = parse_text(text)
    assert [s.kind for s in doc.sections[1:]] == ["trigger", "root_cause"]
    assert codes(lint_text(text, select=["PM401", "PM402"], rules=FREE_FORM_CHECKED)) == []


# -- PM202 / PM201: the size of the impact stated outside the impact section ---------------

_VAGUE_IMPACT = "## Impact\n\nNotebook launches were slow and then failed.\n\n"


@pytest.mark.parametrize(("elsewhere", "size"), [
    ("## Timeline\n\n- 09:10 Support hears that a class of ~40 students is having trouble "
     "starting notebooks.\n", "40"),
    ("## Timeline\n\n- 09:00 The cluster stopped launching any new notebook servers.\n", "any"),
    ("## Summary\n\nAt the worst point 45 pull requests were stuck in the merge queue.\n",
     "45"),
    ("## Five whys\n\n- 8,210 records were removed from the nightly export\n"
     "- because the republish script dropped the day's batch\n", "8,210"),
    ("## Root cause\n\nA stale cache entry was served, and this happened to one of the "
     "customers.\n", "one"),
])
def test_a_count_elsewhere_sizes_an_impact_section_without_one(elsewhere: str,
                                                               size: str) -> None:
    text = f"# Notebook outage\n\n{_VAGUE_IMPACT}{elsewhere}"
    doc = parse_text(text)
    assert doc.impact.quantity is not None and doc.impact.quantity.value == size
    assert doc.impact.quantity.span.line > 5  # where it is written, not the impact heading
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("overview", [
    "After the upgrade we had a downtime of our package server from 10:02 to 10:09 UTC.",
    "On Monday the docs.example.org website was affected by an outage for twelve minutes.",
])
def test_a_whole_service_down_is_a_whole(overview: str) -> None:
    text = f"# Package server down\n\n{overview}\n\n## Impact\n\nDownloads failed.\n"
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("elsewhere", [
    # what was spared does not size what was hit
    "## Scope\n\nMobile clients were not affected by the failed launches.\n",
    # a count with no effect: what the responders did
    "## Timeline\n\n- 09:30 We blocked 3 IP addresses and restarted the hub.\n",
    # a whole does not size an impact stated as a part
    "## Timeline\n\n- 09:00 The launch API went down for everyone.\n",
])
def test_what_does_not_size_the_impact(elsewhere: str) -> None:
    text = (f"# Notebook outage\n\n## Impact\n\nSome users saw notebook launches fail.\n\n"
            f"{elsewhere}")
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == ["PM202"], elsewhere


@pytest.mark.parametrize(("impact", "size"), [
    # a share as a fraction
    ("Close to 2/5th of shoppers got a timeout page.", "2/5th"),
    ("Roughly one in five checkouts failed.", "one in five"),
    ("The outage hit two-thirds of the tenants in the region.", "two-thirds"),
    # a part of a whole, in any unit
    ("The exploit drained 4.2m out of the pool's total 9m.", "4.2m out of the pool's total 9m"),
    ("We lost 3 of the 12 brokers.", "3 of the 12"),
    # a count of whatever was hit, named by the writer
    ("A single formula was compromised with a harmless change.",
     "A single formula was compromised"),
    ("Two relays went offline and stayed down.", "Two relays went offline"),
    # the whole network down, for as long as it says
    ("The staging testnet incurred 9 hours of downtime.",
     "testnet incurred 9 hours of downtime"),
    ("Validators stopped producing blocks, causing a network-wide halt.",
     "network-wide halt"),
    ("The devnet chain halted for 14 hours.", "chain halted for 14 hours"),
    ("Block production stopped for 40 minutes.", "Block production stopped for 40 minutes"),
    # a share in words, of whatever the writer counts
    ("Roughly a third of page loads timed out.", "a third"),
    # what was hit named one by one
    ("Brief loss of peering sessions with NorthIX, Harbour-IX and Metro Exchange.",
     "NorthIX, Harbour-IX and Metro Exchange"),
])
def test_impact_sized_in_other_units(impact: str, size: str) -> None:
    text = f"# Network outage\n\n## Impact\n\n{impact}\n"
    doc = parse_text(text)
    assert doc.impact.quantity is not None and doc.impact.quantity.value == size, impact
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("impact", [
    # the team's own work held up: no one outside to count
    "Deployments were paused until the keys were rotated.",
    "The 4.2 build could not be shipped, so feature work waited a day.",
    "Merges are blocked while the pipeline is rebuilt.",
    # everything taken down on purpose
    "The download mirrors were taken down for a disk swap.",
])
def test_an_internal_or_deliberate_whole_needs_no_count(impact: str) -> None:
    text = f"# Pipeline incident\n\n## Impact\n\n{impact}\n"
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == [], impact


def test_a_part_of_the_internal_work_still_asks_for_a_count() -> None:
    text = "# Pipeline incident\n\n## Impact\n\nDeployments for some teams were paused.\n"
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == ["PM202"]


def test_a_count_of_missed_blocks_in_the_summary_sizes_the_impact() -> None:
    text = ("# Validator degraded\n\n## Summary\n\nThe validator missed blocks, about 1 "
            "block every 3 minutes.\n\n## Impact\n\nThe validator team.\n")
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("impact", [
    "Some users saw errors for 3 hours.",
    "The outage lasted 2 of the 3 hours of the sale.",
    "Several regions were affected for a while.",
    "A subset of customers could not log in.",
])
def test_durations_and_parts_are_not_a_size(impact: str) -> None:
    text = f"# Login outage\n\n## Impact\n\n{impact}\n"
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == ["PM202"], impact


def test_a_halt_named_only_in_the_root_cause_is_no_impact_statement() -> None:
    text = ("# Chain halt\n\n## Summary\n\nThe testnet halted at block 9120.\n\n"
            "## Root cause\n\nThe validators disagreed on the state, so the chain "
            "halted.\n")
    assert codes(lint_text(text, select=["PM201"], rules=FREE_FORM_CHECKED)) == ["PM201"]


@pytest.mark.parametrize("summary", [
    "A reported flaw allowed an attacker to read other tenants' files when sharing was on. "
    "It is present in versions 3.4.1 and earlier.",
    "With a crafted header a remote attacker could skip the token check. All releases "
    "before 2.9.0 are affected.",
    "An attacker can replay a signed upload URL. Versions 1.2.0 through 1.5.3 are "
    "vulnerable.",
])
def test_a_vulnerability_states_its_exposure_as_impact(summary: str) -> None:
    text = (f"# Security postmortem for a token bypass\n\n## Summary\n\n{summary}\n\n"
            "## Root cause\n\nThe parser accepted two encodings of the same path.\n")
    assert codes(lint_text(text, select=["PM201", "PM202"], rules=FREE_FORM_CHECKED)) == [], summary


def test_an_http_status_or_a_build_day_is_not_a_count() -> None:
    text = ("# Docs broken\n\n## Impact\n\nPages returned a 404 response to requests, and "
            "build 20240105 contained stale files for users.\n")
    assert parse_text(text).impact.quantity is None
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == ["PM202"]


def test_impact_stated_in_the_root_cause_section() -> None:
    text = """\
        # Upload slowdown

        ## Root cause

        A script published placeholder packages in a loop, and the index host throttled
        our writes, causing a slowdown of all package uploads.
        """
    doc = parse_text(text)
    assert doc.impact.span is not None and doc.impact.span.line == 5
    assert codes(lint_text(text, select=["PM201", "PM202"], rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("overview", [
    # the impact in the present tense, naming what it hits
    "A second drive failed in the array on host db3. This affects the following servers:"
    "\n\n- web1\n- web2\n- queue1\n",
    "We see a routing fault that impacts most of our hosting network.\n",
    # what the incident put in front of people
    "For most of the evening the defaced banner was visible to every visitor of the "
    "forum.\n",
    "The status API is not responding to any request.\n",
])
def test_impact_stated_in_the_overview_in_other_words(overview: str) -> None:
    text = f"# Hosting incident\n\n{overview}"
    assert parse_text(text).impact.span is not None, overview
    assert codes(lint_text(text, select=["PM201"], rules=FREE_FORM_CHECKED)) == [], overview


@pytest.mark.parametrize("impact", [
    # an estimate as a range of counts
    "Between 3 and 8 partner teams could not build their apps.",
    "Roughly 20-30 hosts lost their network mounts.",
    # an impact that says there was none: nothing to count
    "No known impact.",
    "There was no customer impact.",
    # the whole network down for a stated time
    "The switch restart caused about 15\nminutes of full network downtime.",
])
def test_impact_sized_as_a_range_as_none_or_as_a_whole(impact: str) -> None:
    text = f"# Network incident\n\n## Impact\n\n{impact}\n"
    assert parse_text(text).impact.quantity is not None, impact
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == [], impact


@pytest.mark.parametrize("impact", [
    "Loading any page of the wiki returns `502 Bad Gateway`.",
    "Visiting the hub results in a `503` error.",
    "Opening the dashboard gave an error page for every tenant.",
])
def test_what_every_visit_got_is_the_whole(impact: str) -> None:
    text = f"# Hub unreachable\n\n## Impact\n\n{impact}\n"
    assert parse_text(text).impact.quantity is not None, impact
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == [], impact
    part = text.replace(impact, "Loading some pages of the wiki returns `502 Bad Gateway`.")
    assert codes(lint_text(part, select=["PM202"], rules=FREE_FORM_CHECKED)) == ["PM202"]


def test_a_count_of_people_under_what_went_wrong_sizes_the_impact() -> None:
    text = """\
        # Forced upgrade

        ## Impact

        This affects users in several ways: settings from the beta were lost.

        ## What went wrong

        - 300+ users were migrated before their backups had finished.
        - 4 alerts fired late.
        """
    doc = parse_text(text)
    assert doc.impact.quantity is not None and doc.impact.quantity.value == "300+"
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == []


def test_a_count_of_people_alone_is_no_impact_statement() -> None:
    text = """\
        # Forced upgrade

        ## What went wrong

        - 300+ users were migrated before their backups had finished.
        """
    assert codes(lint_text(text, select=["PM201"], rules=FREE_FORM_CHECKED)) == ["PM201"]


@pytest.mark.parametrize("elsewhere", [
    # those told about it, or how often, or how long, are not who was hit
    "## What went wrong\n\n- 300 users were notified a day late.\n",
    "## What went wrong\n\n- 4 alerts fired late for 2 teams.\n",
    "## Summary\n\nLogins failed most of the time.\n",
    "## Summary\n\nThe restart took 10 to 15 minutes on each node.\n",
    "## Timeline\n\n- 10:02 The whole team joined the call and the alerts were "
    "interrupted.\n",
])
def test_what_does_not_count_who_was_hit(elsewhere: str) -> None:
    text = (f"# Forced upgrade\n\n## Impact\n\nSome users lost their settings.\n\n"
            f"{elsewhere}")
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == ["PM202"], elsewhere


def test_impact_only_in_the_timeline_is_still_missing() -> None:
    text = """\
        # Launch failures

        ## Timeline

        - 09:00 All launches failed with a quota error.
        - 09:40 Quota object recreated; launches recover.
        """
    assert codes(lint_text(text, select=["PM201"], rules=FREE_FORM_CHECKED)) == ["PM201"]


@pytest.mark.parametrize("entry", [
    "Confirmed that the website was unresponsive.",
    "The API went offline for every region.",
    "Checked the portal: it is completely down.",
])
def test_the_whole_service_down_in_the_timeline_is_the_impact(entry: str) -> None:
    text = f"""\
        # Portal outage

        ## Timeline

        - 14:02 Config change deployed.
        - 14:05 {entry}
        - 14:31 Service back after the rollback.
        """
    doc = parse_text(text)
    assert doc.impact.span is not None and doc.impact.span.line == 6, entry
    assert codes(lint_text(text, select=["PM201", "PM202", "PM203"], rules=FREE_FORM_CHECKED)) == [], entry
    # a part of it down is not the whole impact
    part = text.replace(entry, "The website was unresponsive for some users.")
    assert codes(lint_text(part, select=["PM201"], rules=FREE_FORM_CHECKED)) == ["PM201"]


# -- PM701: a severity stated in the text ----------------------------------------------

@pytest.mark.parametrize(("text", "label"), [
    ("| 10:02 | Paged the on-call lead to flag a Sev1 incident |", "SEV-1"),
    ("- 10:20 Sev 2 ticket opened with the storage vendor", "SEV-2"),
    ("- 10:05 We made this a P2 priority.\n- 10:30 We made this a P1 priority.", "SEV-1"),
    ("### Search returned stale results (Minor)\n\nText.\n\n"
     "### Checkout failed (Major)\n\nText.", "SEV-2"),
    # a level the incident was set to in words
    ("| 11:40 | Rollback done; severity raised to Critical. |", "SEV-1"),
    ("- 09:12 The incident was downgraded to Minor once retries drained.", "SEV-4"),
    ("- 08:55 On-call declared a major incident and opened a bridge.", "SEV-2"),
    ("- 08:55 A critical incident was declared and a bridge opened.", "SEV-1"),
    ("- 08:40 We treated this as a P2 from the first page.", "SEV-2"),
    ("- 08:40 Incident commander declared SEV2.", "SEV-2"),
])
def test_severity_stated_outside_a_field(text: str, label: str) -> None:
    doc = parse_text(f"# Monthly report\n\n## Timeline\n\n{text}\n")
    assert doc.meta.severity is None
    assert doc.meta.severity_stated is not None and doc.meta.severity_stated.value.label == label
    assert codes(lint_text(f"# Monthly report\n\n## Timeline\n\n{text}\n",
                           select=["PM701"], rules=FREE_FORM_CHECKED)) == []


@pytest.mark.parametrize("text", [
    "## Action items\n\n### Add an alert on queue age (High)\n\n- [P1] Cap the retries",
    "## Timeline\n\n- 10:05 We reviewed P1 items from last week.",
    "## Summary (Draft)\n\nThe release notes were published late.",
    "## Timeline\n\n- 10:05 The incident was moved to the new board.",
    "## Timeline\n\n- 10:05 We opened a new incident channel.",
    "## Timeline\n\n- 10:05 The new incident was opened by support.",
    "## Timeline\n\n- 10:05 We treated it as a learning exercise.",
])
def test_priorities_and_other_labels_are_not_a_severity(text: str) -> None:
    doc = parse_text(f"# Search outage\n\n{text}\n")
    assert doc.meta.severity_stated is None
    assert codes(lint_text(f"# Search outage\n\n{text}\n", select=["PM701"], rules=FREE_FORM_CHECKED)) == ["PM701"]
