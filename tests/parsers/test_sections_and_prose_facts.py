"""Real postmortems name their sections in many ways and state facts in sentences: the
section classifier reads headings, bold labels and content; the parser finds the impact,
its size, durations and the root cause where they are written. Snippets written for
these tests, one per false-positive class seen on published postmortems."""

from __future__ import annotations

import pytest

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, parse_text


@pytest.mark.parametrize("heading", [
    "Resulting action", "Corrective and preventative measure", "Short-term improvements",
    "Long-term improvements", "Process improvements", "Future actions",
])
def test_action_headings_of_real_templates(heading: str) -> None:
    doc = parse_text(f"""\
        # Broker outage

        ## {heading}

        - Alert when the broker disk is 80% full
        """)
    assert doc.section("action_items") is not None
    assert [item.description.text for item in doc.action_items] == [
        "Alert when the broker disk is 80% full"]


@pytest.mark.parametrize(("heading", "kind"), [
    ("What was impacted", "impact"), ("Assets affected", "impact"),
    ("Things that went poorly", "went_wrong"), ("What went wrong", "went_wrong"),
    ("Where we got lucky", "got_lucky"), ("Lessons learnt", "lessons"),
    ("Trigger", "trigger"), ("Root Causes", "root_cause"), ("Detection", "detection"),
    ("Resolution", "resolution"), ("What could be improved", "went_wrong"),
    ("Areas for improvement", "went_wrong"), ("Improvement opportunities", "went_wrong"),
    ("What we learnt", "lessons"),
    ("What we've learned", "lessons"),
])
def test_headings_of_real_templates(heading: str, kind: str) -> None:
    doc = parse_text(f"# Broker outage\n\n## {heading}\n\nSome text.\n")
    assert doc.sections[-1].kind == kind


def test_a_prevention_section_listing_imperatives_holds_the_action_items() -> None:
    doc = parse_text("""\
        # Broker outage

        ## Prevention

        - Add log rotation to the broker base image
        - Alert when a broker disk passes 80% full
        """)
    assert [item.description.text for item in doc.action_items] == [
        "Add log rotation to the broker base image", "Alert when a broker disk passes 80% full"]


def test_a_prevention_section_in_prose_is_no_action_list() -> None:
    doc = parse_text("""\
        # Broker outage

        ## Prevention

        - Disk usage is graphed on the broker dashboard
        - Rotation is configured on the older hosts
        """)
    assert doc.section("prevention") is not None and doc.action_items == []


def test_bold_label_alone_on_its_line_is_a_section() -> None:
    doc = parse_text("""\
        # Broker outage

        **Impact**:
        Every tenant in the eu region lost webhooks for two hours.

        **Review actions:**

        - Add an alert on queue depth
        - Document the failover procedure
        """)
    assert any(p.text.startswith("Every tenant") for p in doc.impact.text)
    assert doc.impact.quantity is not None and doc.impact.quantity.value == "Every"
    assert [i.description.text for i in doc.action_items] == [
        "Add an alert on queue depth", "Document the failover procedure"]


def test_a_bold_phrase_that_names_no_section_is_not_a_label() -> None:
    doc = parse_text("# Broker outage\n\n**Thanks to everyone who helped**\n\n- Add an alert\n")
    assert [s.kind for s in doc.sections] == [None]


def test_section_kind_by_content() -> None:
    doc = parse_text("""\
        # Broker outage

        ## Getting out of the queue business

        - Move webhook delivery to the managed queue
        - Document the failover procedure for the broker

        ## That night

        | Time (UTC) | What happened |
        |---|---|
        | 21:02 | Broker disk full |
        | 21:40 | Disk expanded |

        ## Thoughts

        - Queues are hard
        - Disks fill up
        """)
    assert [s.kind for s in doc.sections] == [None, "action_items", "timeline", None]
    assert len(doc.action_items) == 2 and len(doc.timeline.entries) == 2


@pytest.mark.parametrize("sentence", [
    "The root cause was a stale DNS record left by the migration.",
    "This is due to a missing index on the jobs table.",
    "After two hours we identified the root cause as a full disk on the primary.",
    "The underlying issue is that retries were not capped.",
    "The outage was caused by an expired certificate on the load balancer.",
    "The errors were mainly caused by a bad flag rollout.",
    "The problem was that both replicas accepted writes.",
    "Uploads failed because the bucket policy denied the new role.",
    "Upon investigation we found out that the pool had no memory limit.",
    "Deploys were blocked by an expired runner token.",
    "The edge began dropping requests due to a newly installed filter profile.",
])
def test_root_cause_stated_in_a_sentence(sentence: str) -> None:
    text = f"# Broker outage\n\n## Summary\n\nWebhooks failed. {sentence}\n"
    doc = parse_text(text)
    assert doc.root_cause and doc.root_cause[0].text == sentence
    assert "PM401" not in codes(lint_text(text, select=["PM401"], rules=FREE_FORM_CHECKED))


def test_who_reported_the_cause_is_not_part_of_it() -> None:
    doc = parse_text("# Pods stuck\n\n## Summary\n\nPods did not start. The vendor confirmed it "
                 "was a bug in their quota controller.\n")
    assert [p.text for p in doc.root_cause] == ["it was a bug in their quota controller."]


def test_root_cause_in_a_question_label() -> None:
    doc = parse_text("# Search down\n\n- **What caused it?** A power cut, and the index "
                 "did not restart\n")
    assert doc.root_cause and doc.root_cause[0].text.startswith("What caused it? A power")


@pytest.mark.parametrize("text", [
    "The root cause is still unknown.",
    "Once the cause was confirmed we restarted the broker.",
    '5. [x] "What caused it?" - please answer above',
    "A quick investigation showed that pods had not started for hours.",
    "We will only ship hotfixes until the underlying issue is resolved.",
    "Other causes had to be ruled out before the direct cause was determined.",
])
def test_sentences_that_do_not_state_a_cause(text: str) -> None:
    doc = parse_text(f"# Broker outage\n\n## Summary\n\nWebhooks failed. {text}\n")
    assert doc.root_cause == []


def test_impact_in_the_opening_paragraph() -> None:
    text = """\
        # Broker outage

        On Tuesday the webhook service was unavailable to all customers for about two hours.

        ## Timeline

        - 10:00 UTC broker disk full
        """
    doc = parse_text(text)
    assert doc.impact.text and doc.impact.span is not None and doc.impact.span.line == 3
    assert doc.impact.quantity is not None and doc.impact.quantity.value == "all"
    found = codes(lint_text(text, select=["PM201", "PM202", "PM203"], rules=FREE_FORM_CHECKED))
    assert found == []


def test_an_overview_without_any_effect_is_not_an_impact_statement() -> None:
    text = "# Broker outage\n\n## Summary\n\nThe scheduler timed out and retried the batch.\n"
    assert codes(lint_text(text, select=["PM201"], rules=FREE_FORM_CHECKED)) == ["PM201"]


@pytest.mark.parametrize("impact", [
    "Everyone using the eu region saw errors.",
    "No customers were affected; only the staging cluster was down.",
    "Three hubs were down: 3 hubs out of 40.",
    "Traffic from 14 IP addresses was blocked.",
    "We refunded $12,400 in duplicate charges.",
    "About 30% of launches failed.",
    "None of the sites could be reached.",
    "We saw that all checkout services were down.",
    "Writes failed; reads were not affected.",
])
def test_quantities_real_writing_uses(impact: str) -> None:
    text = f"# Broker outage\n\n## Impact\n\n{impact}\n"
    assert "PM202" not in codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)), impact


@pytest.mark.parametrize("impact", [
    "After nearly 7 hours, the validator caught up with the chain.",
    "Logins broke after the power cut on the 7th. Some servers came back.",
])
def test_durations_and_ordinals_are_not_counts(impact: str) -> None:
    text = f"# Broker outage\n\n## Impact\n\nSome users saw errors. {impact}\n"
    assert codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)) == ["PM202"]


def test_duration_in_prose_is_in_the_model() -> None:
    doc = parse_text("# Broker outage\n\n## Impact\n\nWebhooks queued up for 2 hours 10 minutes "
                 "before delivery resumed.\n")
    assert doc.impact.duration_mentioned is not None
    assert doc.impact.duration_mentioned.value.total_seconds() == 2 * 3600 + 600


def test_single_root_cause_is_not_asked_for_contributing_factors() -> None:
    single = "# Outage\n\n## Root cause\n\nThe disk filled up because logs were not rotated.\n"
    assert codes(lint_text(single, select=["PM402"])) == []
    mixed = ("# Outage\n\n## Root cause\n\n- Logs were not rotated.\n"
             "- Disk alerts went to an unwatched channel.\n")
    assert codes(lint_text(mixed, select=["PM402"])) == ["PM402"]


@pytest.mark.parametrize("line", [
    'Turn on ["Require a pull request before merging"] for the main branch.',
    "[5:07 PM] on-call: restarting the broker now",
    "[3 hours ago] deploy bot: rollback finished",
    "See [#ops-chat] for the discussion.",
])
def test_bracketed_text_that_is_not_a_prompt(line: str) -> None:
    text = f"# Broker outage\n\n## Summary\n\n{line}\n"
    assert codes(lint_text(text, select=["PM901"])) == []


def test_status_word_opening_a_filled_in_action_is_not_a_placeholder() -> None:
    text = ("# Broker outage\n\n## Action items\n\n"
            "### TODO: rotate the broker credentials and revoke the old ones\n\n"
            "- TODO: move webhook delivery to the managed queue\n")
    assert codes(lint_text(text, select=["PM901"])) == []


def test_skeleton_id_and_bare_todo_are_placeholders() -> None:
    text = "# Broker outage\n\nIncident: INC-YYYY-NNN\n\n## Appendix\n\nTODO: add the chat log\n"
    found = lint_text(text, select=["PM901"])
    assert [f.message.split('"')[1] for f in found] == ["INC-YYYY-NNN", "TODO"]


def test_yaml_keys_in_any_spelling() -> None:
    text = """\
        title: Login errors after a certificate rotation
        severity: SEV-2
        incidentDate: 2026-03-02
        summary: Logins failed for 40 minutes.
        impact:
          usersAffected: 1200
        rootCause: The rotation job installed a certificate without the intermediate chain.
        actionItems:
          - description: Validate the chain before installing a certificate
            owner: Mira Patel
        """
    found = codes(lint_text(text, name="pm.yaml", select=["PM401", "PM501", "PM202"], rules=FREE_FORM_CHECKED))
    assert found == []
    for key in ("root_cause", "root-cause", "Root Cause", "RootCause"):
        changed = text.replace("rootCause", key)
        assert "PM401" not in codes(lint_text(changed, name="pm.yaml", select=["PM401"], rules=FREE_FORM_CHECKED)), key


@pytest.mark.parametrize("impact", [
    "Four fifths of readers could not open the docs.",
    "The mailer did not send any notifications for days.",
    "The site became entirely unavailable to visitors.",
    "Half of the builds failed.",
])
def test_shares_and_wholes_in_words(impact: str) -> None:
    text = f"# Broker outage\n\n## Impact\n\n{impact}\n"
    assert "PM202" not in codes(lint_text(text, select=["PM202"], rules=FREE_FORM_CHECKED)), impact


@pytest.mark.parametrize(("text", "minutes"), [
    ("Between the hours of 1900 and 2100 UTC the API was degraded.", 120),
    ("Logins failed from 9:05 PM until 11:40 PM.", 155),
    ("Uploads failed between 23:30 and 00:15 UTC.", 45),
])
def test_a_range_of_clock_times_is_a_duration(text: str, minutes: int) -> None:
    doc = parse_text(f"# Broker outage\n\n## Summary\n\n{text}\n")
    assert doc.impact.duration_mentioned is not None
    assert doc.impact.duration_mentioned.value.total_seconds() == minutes * 60
    assert codes(lint_text(f"# Broker outage\n\n## Summary\n\n{text}\n",
                           select=["PM203"], rules=FREE_FORM_CHECKED)) == []


def test_a_duration_in_the_title() -> None:
    doc = parse_text("# Media server outage for 3 days\n\nStreams could not start.\n")
    assert doc.impact.duration_mentioned is not None
    assert doc.impact.duration_mentioned.value.days == 3


def test_a_footnote_is_not_the_opening() -> None:
    doc = parse_text("# Spam uploads\n\n[^note]: The accounts could not be traced by 40 users.\n")
    assert doc.impact.text == [] and doc.impact.quantity is None


def test_a_title_that_states_the_cause() -> None:
    doc = parse_text("# Upgrading the ingress controller caused a brief outage\n\nPages failed.\n")
    assert doc.root_cause and doc.root_cause_span is not None
    assert doc.root_cause_span.line == 1


@pytest.mark.parametrize(("sentence", "hours"), [
    ("Notifications were not sent for four and a half days.", 108),
    ("The media server was out for 2 weeks.", 336),
])
def test_spoken_durations(sentence: str, hours: int) -> None:
    doc = parse_text(f"# Outage\n\n## Impact\n\n{sentence}\n")
    assert doc.impact.duration_mentioned is not None
    assert doc.impact.duration_mentioned.value.total_seconds() == hours * 3600


def test_time_to_resolve_stated_anywhere() -> None:
    text = ("# Outage\n\n## Impact\n\nWrites failed for every loader.\n\n## Lessons\n\n"
            "It took us 9 hours to resolve a problem that a dashboard would have shown.\n")
    assert codes(lint_text(text, select=["PM203"], rules=FREE_FORM_CHECKED)) == []
    text = text.replace("It took us 9 hours to resolve", "It took 10 minutes to start")
    assert codes(lint_text(text, select=["PM203"], rules=FREE_FORM_CHECKED)) == ["PM203"]


def test_a_security_advisory_is_not_asked_for_an_outage_length() -> None:
    text = ("# Security advisory: HTML injection on the pricing page\n\n## Impact\n\n"
            "A crafted link could show visitors a defaced page.\n")
    assert codes(lint_text(text, select=["PM203"], rules=FREE_FORM_CHECKED)) == []


def test_a_timeline_without_phases_still_shows_the_length() -> None:
    text = ("# Outage\n\n## Impact\n\nEvery build failed.\n\n## Timeline\n\n"
            "- 10:02 UTC builds start queueing\n- 11:40 UTC queue drained\n")
    assert codes(lint_text(text, select=["PM203"], rules=FREE_FORM_CHECKED)) == []
    one = text.replace("- 11:40 UTC queue drained\n", "")
    assert codes(lint_text(one, select=["PM203"], rules=FREE_FORM_CHECKED)) == ["PM203"]


def test_a_heading_that_names_two_sections() -> None:
    text = ("# Outage\n\n## Recovery and lessons learned\n\n- Restarting the pool worked.\n"
            "- Alerts on pool saturation would have paged us an hour earlier.\n")
    doc = parse_text(text)
    assert doc.sections[-1].kind == "resolution" and "lessons" in doc.sections[-1].also
    assert codes(lint_text(text, select=["PM703"])) == []
