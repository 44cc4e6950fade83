"""Misreadings found on real postmortems, each reproduced with a snippet of its own: a
third party's promises read as the team's action items, legends and lead-ins read as
items, a window given as dates read as no duration, phases told in other words, and
pronouns for companies or machines read as people."""

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, parse_text, reported

# -- 1. commitments that are not the authors' own ---------------------------------------------
SUPPLIER_PROMISES = """\
# Mirror outage

Date: 2026-02-11

## Next steps

Northwind Hosting contacted us on Friday to go over what happened. Northwind Hosting has
assured us that the faulty filter will be corrected, and that they will review how
their filters are tuned for every customer.

The vendor also promised us that a delay this long before a human looks at a block is not
acceptable and will be improved.

We will add a second mirror provider so one block cannot take the downloads offline.
"""


def test_a_suppliers_promise_reported_to_the_authors_is_no_action_item():
    doc = parse_text(SUPPLIER_PROMISES)
    assert [item.words.text for item in doc.action_items] == [
        "We will add a second mirror provider so one block cannot take the downloads offline."]


def test_a_suppliers_promise_is_not_asked_for_an_owner_or_a_date():
    findings = lint_text(SUPPLIER_PROMISES, select=["PM502", "PM503"])
    assert reported(findings) == ["PM502", "PM503"]  # folded: the team's own item alone
    assert all("1 open action item" in f.message or "has no" in f.message for f in findings)
    assert all(f.span.line == 14 for f in findings)


def test_the_authors_own_commitment_after_a_supplier_is_still_an_item():
    doc = parse_text("""\
        # Mirror outage

        ## Next steps

        The registrar told us they will lock the domain. We will also add a monitor on the
        domain's expiry date.
        """)
    assert [item.words.text for item in doc.action_items] == [
        "We will also add a monitor on the\ndomain's expiry date."]
    assert not doc.action_items[0].closed


def test_a_change_made_as_a_result_is_the_sections_done_item():
    text = SUPPLIER_PROMISES.replace(
        "We will add a second mirror provider so one block cannot take the downloads offline.",
        "As a result of this outage we have set up a second mirror with another provider.")
    doc = parse_text(text)
    assert [(item.span.line, item.closed) for item in doc.action_items] == [(14, True)]
    assert not lint_text(text, select=["PM501", "PM502", "PM503"])


# -- 2. lines under an action heading that are not items ---------------------------------------
TABLE = """
| Action | Kind | Priority |
|---|---|---|
| Add an alert on the queue depth | Detect | P0 |
| Move the retry budget into config | Prevent | P1 |
"""


def test_a_sentence_announcing_the_list_is_not_an_item():
    doc = parse_text("""\
        # Queue outage

        ## Action items

        We looked at every step that let this happen. Here is what we're changing:

        - Add an alert on the queue depth of the billing consumer
        - Move the retry budget into the shared configuration file
        """)
    assert [item.span.line for item in doc.action_items] == [7, 8]


def test_lists_defining_the_priorities_and_kinds_the_table_uses_are_not_items():
    doc = parse_text("# Queue outage\n\n## Follow-up actions\n\nPriorities used below:\n\n"
                     "- P0: must be done before the next release of the service\n"
                     "- P1: done within the quarter, after the P0 items\n\n"
                     "Item kinds we use:\n\n"
                     "- Prevent: stop the same failure from happening again\n"
                     "- Detect: notice it sooner next time it happens\n" + TABLE)
    assert [item.words.text for item in doc.action_items] == [
        "Add an alert on the queue depth", "Move the retry budget into config"]


def test_definitions_written_as_a_paragraph_are_not_items():
    doc = parse_text("# Queue outage\n\n## Action items\n\n"
                     "Prevent: stop the same failure from happening again.\n"
                     "Detect: notice it sooner next time.\n"
                     "P0: before the next release. P1: within the quarter.\n" + TABLE)
    assert len(doc.action_items) == 2


def test_key_changes_named_as_a_list_are_still_items():
    doc = parse_text("# Queue outage\n\n## Action items\n\nKey changes we will make:\n\n"
                     "- Add an alert on the queue depth\n- Move the retry budget into config\n")
    assert len(doc.action_items) == 2


# -- 3. PM203: a length given otherwise than as a clock duration ------------------------------
def pm203(text: str) -> list[str]:
    return codes(lint_text(text, select=["PM203"], rules=FREE_FORM_CHECKED))


IMPACT = "# Index rebuild\n\n## Impact\n\nSearch results for 4,100 customers were wrong.\n\n"


def test_a_timeline_of_dated_events_gives_the_window():
    assert pm203(IMPACT + """\
## Timeline

| Date       | Event                                       |
| ---------- | ------------------------------------------- |
| 2025-02-03 | The change that broke the index was merged  |
| 2025-03-11 | Release 4.2.0 with the change was published |
| 2025-05-20 | Release 4.2.3 with the fix was published    |
""") == []


def test_a_timeline_list_of_dated_events_gives_the_window():
    assert pm203(IMPACT + "## Timeline\n\n- 2025-02-03: the change that broke the index merged\n"
                 "- 2025-05-20: release 4.2.3 with the fix published\n") == []


def test_one_dated_event_gives_no_window():
    assert pm203(IMPACT + "## Timeline\n\n- 2025-02-03: the change that broke the index "
                 "merged\n") == ["PM203"]


def test_a_span_of_days_in_the_opening_is_a_length():
    for span in ("the weekend of March 14–15 of 2026", "March 14th-16th, 2026",
                 "14–16 March 2026", "the weekend of 14 March 2026"):
        text = f"# Index rebuild\n\nOver {span}, search was unavailable for 4,100 customers.\n"
        assert pm203(text) == [], span


def test_a_version_number_before_a_date_is_no_span_of_days():
    from postmortem_lint.parsers.prose_facts import find_date_range
    assert find_date_range("shipped in version 1.2-3 May 2026", None) is None


def test_an_exposure_window_between_two_full_dates_is_a_length():
    assert pm203("# Token scope flaw\n\n## Impact\n\nAny account could read 40 private "
                 "packages.\n\n## Details\n\nBetween 3 February 2025 and 9 June 2026 we "
                 "cannot exclude that an outsider downloaded them.\n") == []


def test_records_silently_deleted_with_no_outage_have_no_outage_length():
    doc = parse_text("""\
        # A sync job deleted 1,900 events

        The nightly calendar sync silently deleted 1,900 events from the database. We
        restored them from the dump taken on Sunday.
        """)
    assert doc.impact.data_lost_only is not None
    assert pm203("# A sync job deleted 1,900 events\n\n## Impact\n\nThe nightly sync "
                 "deleted 1,900 events from the database.\n") == []


def test_data_loss_with_an_outage_still_asks_for_the_length():
    assert pm203("# Database wiped\n\n## Impact\n\nThe migration deleted 6,000 user accounts "
                 "and the site was down until the backup was restored.\n") == ["PM203"]


def test_denied_data_loss_is_no_data_loss():
    doc = parse_text("# Disk full\n\n## Impact\n\nWrites failed on 3 nodes; no records were "
                     "lost.\n")
    assert doc.impact.data_lost_only is None


# -- 4. PM303: a newest-first timeline is one finding ------------------------------------------
def test_a_newest_first_timeline_grouped_by_day_is_reported_once():
    findings = lint_text("""\
        # Registry outage

        ## Timeline

        ### 2026-03-05
        - 10:00 UTC: review meeting held
        - 08:00 UTC: monitoring confirmed stable overnight

        ### 2026-03-04
        - 16:10 UTC: all images restored and verified
        - 14:02 UTC: restore from backup started
        - 11:30 UTC: customers report pulls failing
        """, select=["PM303"])
    assert [(f.span.line, "newest first" in f.message) for f in findings] == [(3, True)]


def test_times_under_one_day_heading_still_pass_midnight():
    assert lint_text("""\
        # Registry outage

        ## Timeline

        ### 2026-03-04
        - 22:40 UTC: cleanup job deletes blobs still in use
        - 23:55 UTC: customers report pulls failing
        - 00:20 UTC: restore from backup started
        - 02:10 UTC: all images restored and verified
        """, select=["PM303"]) == []


# -- 5. PM304: phases told in other words -------------------------------------------------------
def pm304(text: str) -> list[str]:
    return [f.message for f in lint_text(text, select=["PM304"])]


def test_someone_first_seeing_the_error_is_the_detection_and_a_change_causing_it_the_onset():
    assert pm304("""\
        # Ingress outage

        ## Timeline

        - 2026-04-13
          - 04:16: Dana deploys the billing app to staging and sees 502s when opening it
          - 04:40: Dana and Lee talk it through on a video chat
        - 2026-04-14
          - 09:50: a scheduled failover promotes the replica, causing the API pods to be unreachable
          - 12:09: ingress controller 2.4.1 deployed, which fixes the routing
        """) == []


def test_an_opening_line_with_a_time_and_a_length_gives_the_onset():
    assert pm304("""\
        # CDN block

        At 06:10 UTC on Friday the downloads site had a 41 minute service disruption.

        ## Timeline

        At 02:05 UTC we received an email from the CDN saying our media was blocked. At
        02:40 UTC we moved the site to another provider, which restored the downloads.
        """) == []


def test_publishing_a_fixed_version_after_detection_is_the_fix():
    assert pm304("""\
        # Installer broken

        ## Timeline

        - 09:00 UTC: a dependency publishes a version with a malicious install script
        - 11:30 UTC: I spot the malicious code in the dependency and report it
        - 14:00 UTC: I publish a new installer version in which the dependency is dropped
        """) == []


def test_seeing_a_report_is_not_enough_without_an_onset():
    messages = pm304("""\
        # Installer broken

        ## Timeline

        - 11:30 UTC: I spot the malicious code in the dependency and report it
        - 14:00 UTC: I publish a new installer version in which the dependency is dropped
        """)
    assert len(messages) == 1 and "onset" in messages[0]


# -- 6. PM1xx: "they" for companies, machines or changes; self-deprecation ---------------------
def blame(text: str) -> list[str]:
    return codes(lint_text(text, select=["PM1"]))


def test_them_for_a_company_named_by_its_domain_is_no_person():
    assert blame("# Network outage\n\n## Root cause\n\nNorthwind.net's switch had to be "
                 "replaced, and this involved them shipping a new unit.\n") == []


def test_they_for_two_changes_is_no_person():
    assert blame("""\
        # DNS outage

        ## Remediation

        Two things looked related but were not contributing factors:

        - The 502 errors from the load balancer
        - The DNS caching at the edge

        In practice, disabling the cache and moving the proxy is unrelated to this issue - we
        list them here because they created a red herring when trying to determine the causes.
        """) == []


def test_they_for_colleagues_still_blames():
    assert blame("# DNS outage\n\n## Analysis\n\nThe on-call engineers ignored the alert "
                 "because they assumed it was noise.\n") != []


def test_whether_nodes_received_a_message_is_no_hindsight_about_people():
    assert blame("# Ceremony aborted\n\n## Analysis\n\nIn hindsight, we should have asked the "
                 "other operators for the status of their nodes. Had they all received the "
                 "signed config, we could have resumed the upgrade.\n") == []


def test_had_they_checked_is_still_hindsight():
    assert "PM104" in blame("# Ceremony aborted\n\n## Analysis\n\nHad the operators checked "
                            "the status of their nodes, we could have continued.\n")


def test_how_easily_anyone_can_make_a_mistake_blames_no_one():
    assert blame("# Records deleted\n\nWriting this up taught me one thing: a developer "
                 "with ten years behind them can make a mistake like this one.\n") == []


def test_a_developer_made_a_mistake_still_blames():
    assert "PM102" in blame("# Records deleted\n\n## Root cause\n\nA developer made a huge "
                            "mistake when running the import script.\n")


def test_an_approximate_time_after_the_date_in_the_opening_gives_the_onset():
    assert pm304("""\
        # Disk full

        On Friday, May 8th, 2026 at roughly 06:10 UTC the API went through a 12 minute cascading
        failure.

        ## Timeline

        - **06:12** Support tickets about timeouts pile up
        - **06:15** The on-call engineer notices the log volume is full
        - **06:20** Stale debug logs destroyed, 40 GB freed up
        """) == []


def test_a_version_number_with_dots_is_no_date():
    doc = parse_text("""\
        # Ingress outage

        On 2026-05-08 at 06:10 UTC the gateway went down. Proxy 1.9.25 fixed it, and the
        plugin v11.12.1304 was not affected.
        """)
    assert [entry.time_text.value for entry in doc.timeline.narrative] == [
        "2026-05-08 at 06:10 UTC"]


def test_what_a_supplier_named_earlier_in_the_section_will_do_is_no_item():
    doc = parse_text("""\
        # Mirror outage

        ## What's next

        Northwind reached out to us on Tuesday evening to discuss what happened.

        Northwind will add a human review before any block of a paying customer.

        We will add a second mirror provider so one block cannot take the downloads offline.
        """)
    assert [item.words.text[:13] for item in doc.action_items] == ["We will add a"]


def test_a_party_is_its_whole_name_not_its_article():
    doc = parse_text("""\
        # Mirror outage

        ## Next steps

        The vendor has assured us that the filter will be fixed. The alert on mirror
        errors should page the whole team.
        """)
    assert [item.words.text[:9] for item in doc.action_items] == ["The alert"]
