"""Action items, lessons, the security review and placeholders as real postmortems write
them: the report's own writing listed as an item, lists introduced as done or as options,
one tracker link for a group, horizons as priorities, issue-template documents, reflection
sections, published advisories and setting names in brackets. Every snippet is our own."""

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, reported

HEAD = "# Queue backlog\n\nDate: 2026-03-02\n\n## Action items\n\n"
FIELDS = ["PM502", "PM503", "PM504", "PM507"]


def lint_items(body: str, select: list[str] | None = None):
    return lint_text(HEAD + body, select=select or FIELDS)


# -- the document's own writing is not an action item ----------------------------------------
def test_writing_this_report_and_holding_its_retrospective_are_not_items():
    body = ("- [ ] write the incident report\n"
            "- [ ] run a blameless retrospective on this outage\n")
    assert lint_items(body) == []


def test_a_real_item_next_to_the_report_is_still_asked_for_its_fields():
    body = ("- [ ] write the incident report\n"
            "- [ ] Write a runbook for draining the billing consumer\n")
    findings = lint_items(body, select=["PM502"])
    assert codes(findings) == ["PM502"]
    assert "Write a runbook" in findings[0].message


def test_a_report_template_or_a_report_about_something_else_is_an_item():
    body = "- [ ] Write the incident report template for the storage team\n"
    assert codes(lint_items(body, select=["PM502"])) == ["PM502"]


# -- what the sentence before a list says of it ----------------------------------------------
def test_a_list_introduced_as_already_completed_is_done():
    body = ("Open follow-ups live on our planning board.\n\n"
            "These items have already been completed:\n\n"
            "- Stop rendering the full export for guest sessions\n"
            "- Cap the export at five thousand rows\n")
    assert lint_items(body, select=["PM502", "PM503", "PM504"]) == []


def test_a_list_introduced_as_open_work_is_still_checked():
    body = ("These items are still open:\n\n"
            "- Stop rendering the full export for guest sessions\n"
            "- Cap the export at five thousand rows\n")
    assert codes(lint_items(body, select=["PM502"])) == ["PM502"]


def test_alternatives_for_one_change_are_one_item_asked_only_for_owner_and_date():
    body = ("We could save sequence values by doing one of:\n\n"
            "- Replace the surrogate key with a composite key on the natural columns\n"
            "- Insert only the rows that are new after comparing them in the worker\n")
    findings = lint_items(body, select=["PM502", "PM503", "PM504"])
    assert sorted(reported(findings)) == ["PM502", "PM503"]  # one choice, not two items
    assert "We could save sequence values by doing one of" in findings[0].message


# -- one tracker for a group -------------------------------------------------------------------
def test_a_tracker_in_a_group_heading_covers_the_group():
    body = ("### Short-term (tracked in [#812](https://github.com/acme/api/issues/812))\n\n"
            "- Add a connection pool per replica\n"
            "- Add a circuit breaker to the flag reader\n")
    assert lint_items(body, select=["PM507"]) == []


def test_a_group_without_a_tracker_is_still_told():
    body = ("### Short-term (tracked in [#812](https://github.com/acme/api/issues/812))\n\n"
            "- Add a connection pool per replica\n"
            "- Add a circuit breaker to the flag reader\n\n"
            "### Long-term\n\n"
            "- Rebuild the flag reader on the streaming store\n")
    findings = lint_items(body, select=["PM507"])
    assert codes(findings) == ["PM507"]
    assert "Rebuild the flag reader" in findings[0].message


def test_a_sentence_about_the_group_with_a_link_covers_its_items():
    body = ("### Documentation\n\n"
            "1. Explain to workshop hosts how to warm the cache before a class\n"
            "2. Explain how to spread the first launch over a few minutes\n\n"
            "Add both to the hosting guide, see "
            "[the issue](https://github.com/acme/docs/issues/44).\n")
    assert lint_items(body, select=["PM507"]) == []


def test_a_document_that_is_itself_the_tracker_issue_tracks_its_follow_ups():
    text = ("### Summary\n\n- **What broke?** Search returned errors after a power cut.\n"
            "- **Follow-up actions:**\n"
            "    - [ ] Restart the search container automatically after a reboot\n\n"
            "### Checklist\n\n1. [x] Is someone assigned to this issue?\n"
            "2. [x] Are the findings written up in issue comments?\n")
    assert lint_text(text, select=["PM507"]) == []


# -- horizons as priorities --------------------------------------------------------------------
def test_immediate_short_and_long_term_groups_give_the_priority():
    body = ("### Immediate\n\n- Raise the connection timeout on the flag reader\n\n"
            "### Long term\n\n- Split reads and writes onto separate pools\n")
    assert lint_items(body, select=["PM504"]) == []


def test_items_without_groups_or_priorities_are_still_told_once():
    body = ("- Raise the connection timeout on the flag reader\n"
            "- Split reads and writes onto separate pools\n")
    findings = lint_items(body, select=["PM504"])
    assert codes(findings) == ["PM504"]
    assert "None of the 2 open action items" in findings[0].message


def test_a_horizon_label_item_gives_its_nested_items_a_priority():
    body = ("- Long term:\n"
            "    - Split reads and writes onto separate pools\n"
            "    - Move the flag cache to the edge\n")
    assert lint_items(body, select=["PM504"]) == []


def test_a_group_with_a_horizon_does_not_make_the_other_group_per_item_findings():
    body = ("### Immediate (completed)\n\n- Raised the connection timeout\n"
            "- Doubled the pool size\n\n"
            "### Planned\n\n- Split reads and writes onto separate pools\n"
            "- Move the flag cache to the edge\n- Page on pool exhaustion above 90%\n")
    findings = lint_items(body, select=["PM504"])
    assert codes(findings) == ["PM504"]  # one for the list, not one per item


def test_a_heading_ends_the_item_above_it():
    text = ("# Flags down\n\nDate: 2026-03-02\n\n## Remediation\n\n### Immediate actions\n\n"
            "- Raised the pool size on the flag reader\n\n"
            "**Action item:** Declare incidents earlier. We should page the incident lead "
            "as soon as an outage is confirmed.\n\n"
            "### Short-term improvements\n\n"
            "- **Compatibility shim**: make the loader tolerate a missing hook, with a safe "
            "default\n")
    findings = lint_text(text, select=["PM502"])
    assert codes(findings) == ["PM502"]
    assert 15 in [span.line for span in [findings[0].span, *findings[0].related]]


# -- the item as written -----------------------------------------------------------------------
def test_a_message_quotes_the_item_with_its_code_spans():
    findings = lint_items("- [ ] Add `retries: 3` to `worker.yaml` for the importer\n",
                          select=["PM502"])
    assert 'Add `retries: 3` to `worker.yaml` for the importer' in findings[0].message


# -- PM506 -------------------------------------------------------------------------------------
def test_an_alert_with_its_condition_is_specific():
    body = "- Add alerting whenever the nightly import job fails twice in a row\n"
    assert lint_items(body, select=["PM506"]) == []


def test_an_alert_without_a_condition_is_still_vague():
    assert codes(lint_items("- Add alerts for the build farm\n", select=["PM506"])) \
        == ["PM506"]


def test_an_item_with_specific_sub_items_is_specific():
    body = ("- We are changing the review process so that reviewers will:\n"
            "    1. write down the failure modes they considered\n"
            "    2. check the change against the threat model of the bridge\n")
    assert lint_items(body, select=["PM506"]) == []


def test_an_item_with_vague_sub_items_is_still_vague():
    body = ("- Improve monitoring of the importer:\n"
            "    - add monitoring to the workers\n"
            "    - communicate better with the data team\n")
    assert codes(lint_items(body, select=["PM506"])) == ["PM506"]


# -- PM703 -------------------------------------------------------------------------------------
def test_a_reflection_section_counts_as_what_went_wrong():
    text = ("# Disk full\n\n## Postmortem\n\nNobody was paged because no alert was set on "
            "disk usage, and the restore was slower than it should have been.\n")
    findings = lint_text(text, select=["PM703"], rules=FREE_FORM_CHECKED)
    assert codes(findings) == ["PM703"]
    assert 'no "What went well"' in findings[0].message
    assert "neither" not in findings[0].message


def test_a_reflection_heading_without_shortcomings_is_no_reflection():
    text = "# Disk full\n\n## Conclusion\n\nThe disk was replaced on Tuesday.\n"
    findings = lint_text(text, select=["PM703"], rules=FREE_FORM_CHECKED)
    assert "neither" in findings[0].message


# -- PM803 -------------------------------------------------------------------------------------
def test_a_published_security_advisory_is_not_asked_for_a_review():
    text = ("# Security advisory: token leak in the CLI\n\n## Impact\n\n"
            "Tokens were written to a debug log.\n")
    assert lint_text(text, select=["PM803"]) == []


def test_a_security_incident_report_is_still_asked_for_a_review():
    text = "# Token leak in the CLI\n\n## Impact\n\nTokens were written to a debug log.\n"
    assert codes(lint_text(text, select=["PM803"])) == ["PM803"]


# -- PM901 -------------------------------------------------------------------------------------
def test_a_setting_name_in_brackets_is_no_placeholder():
    text = ("# Runner compromise\n\n## Timeline\n\n- 02:42 UTC We changed the setting from "
            "[Run workflows from any fork] to [Ask a maintainer before fork workflows run].\n")
    assert lint_text(text, select=["PM901"]) == []


def test_a_prompt_after_a_cue_word_is_still_a_placeholder():
    text = ("# Runner compromise\n\n## Response\n\nThe page escalated to [Team name].\n\n"
            "It then went to [Describe the escalation].\n")
    assert [f.span.line for f in lint_text(text, select=["PM901"])] == [5, 7]


def test_a_key_a_group_heading_names_as_its_subject_is_no_tracker():
    body = ("### Patch CVE-2026-1234 everywhere\n\n"
            "- Upgrade the parser library in the importer\n"
            "- Upgrade the parser library in the exporter\n")
    assert codes(lint_items(body, select=["PM507"])) == ["PM507"]


def test_a_document_titled_postmortem_is_no_reflection_section():
    text = ("# Postmortem\n\n## Summary\n\nNobody was paged because no alert was set on "
            "disk usage, and the restore was slower than it should have been.\n")
    findings = lint_text(text, select=["PM703"], rules=FREE_FORM_CHECKED)
    assert "neither" in findings[0].message


def test_the_field_bullets_under_a_heading_item_are_its_fields():
    body = ("### TODO: Rotate the signing key for the release bucket\n\n"
            "- Owner: Ana Lima\n- Due: 2026-03-20\n- Priority: P1\n- Ticket: OPS-42\n")
    assert lint_items(body) == []
