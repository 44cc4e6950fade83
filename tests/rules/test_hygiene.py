"""PM9xx: hygiene."""

import pytest

from tests.conftest import codes, lint_text


def test_placeholders_in_table_cells_are_reported_at_the_token():
    findings = lint_text("""\
        ## Action items

        | Action | Owner | Due |
        |---|---|---|
        | Enforce a 30-day overlap | TBD | YYYY-MM-DD |
        """, select=["PM901"])
    assert codes(findings) == ["PM901", "PM901"]
    assert [(f.span.line, f.span.column) for f in findings] == [(5, 30), (5, 36)]
    assert '"TBD"' in findings[0].message


def test_template_prompts_and_yaml_fields_are_reported():
    findings = lint_text("# Outage\n\nImpact: XX users for [minutes, from onset to end].\n",
                         select=["PM901"])
    assert [f.span.column for f in findings] == [9, 22]
    findings = lint_text("title: T\nowner: '[Owner]'\n", name="pm.yaml", select=["PM901"])
    assert [(f.span.line, f.span.column) for f in findings] == [(2, 9)]


def test_whole_tokens_only_and_never_in_code():
    assert lint_text("""\
        # Outage

        The TBDs list and TODOist app are fine; so is a [x] checkbox and [1] footnote.
        Run `grep TODO` or see:

        ```
        XXX placeholder in a log line: TBD
        ```
        """, select=["PM901"]) == []


def test_bracketed_prompts_can_be_turned_off():
    text = "# Outage\n\nSee [the appendix below] for graphs.\n"
    assert codes(lint_text(text, select=["PM901"])) == ["PM901"]
    assert lint_text(text, select=["PM901"], rules={"PM901": {"bracketed-prompts": False}}) == []


def test_the_new_template_reports_its_placeholders_until_filled():
    from importlib.resources import files

    template = files("postmortem_lint.templates").joinpath("postmortem.md").read_text("utf-8")
    lines = {f.span.line for f in lint_text(template, select=["PM901"])}
    numbered = template.splitlines()
    for number, text in enumerate(numbered, start=1):
        if "[" in text and "]" in text and not text.startswith("|---"):
            assert number in lines, f"placeholder on template line {number} is not reported"


def test_a_prompt_holding_placeholders_is_one_finding():
    # "[YYYY-MM-DD HH:MM UTC, …]" is one prompt to fill in, not three findings on one line.
    findings = lint_text("# Outage\n\n- **Written:** [YYYY-MM-DD HH:MM UTC, within a day]\n"
                         "- **Review:** YYYY-MM-DD\n", select=["PM901"])
    assert [(f.span.line, f.span.column) for f in findings] == [(3, 16), (4, 15)]


def test_a_status_log_s_update_labels_are_not_prompts():
    """Status logs open each update with a bracketed label; it names the update."""
    for label in ("[Initial Message]", "[Close Issue]", "[Final Update]", "**[Follow-up Note]**",
                  "- [Issue Reopened]"):
        findings = lint_text(f"""\
            # Mirror unavailable

            {label}
            Downloads from the mirror work again; the certificate was renewed.
            """, select=["PM901"])
        assert findings == [], label


def test_prompts_that_open_a_line_are_still_reported():
    """A template's prompt on a line of its own is still a prompt: its words ask."""
    for prompt in ("[Incident Title]", "[Describe the impact]", "[Brief Summary]",
                   "[Initial Message: what customers were told]"):
        findings = lint_text(f"# Outage\n\n{prompt}\nMore text.\n", select=["PM901"])
        assert codes(findings) == ["PM901"], prompt


def test_link_text_left_unlinked_is_not_a_prompt():
    """A link whose target Markdown cannot read (a site's shortcode, a space) or a
    reference link keeps its brackets; its text is a name, not a prompt."""
    for text in ('as planned in our [Capacity Review]({{< ref "capacity-2024" >}}).',
                 "see the [Failover Drill Notes](notes/failover drill.md) for details",
                 "the [Database Upgrade Plan][upgrade] lists each step"):
        assert lint_text(f"# Outage\n\n{text}\n", select=["PM901"]) == [], text
    # a link whose text asks for a value is still a prompt
    found = lint_text("# Outage\n\nSee [Link to the dashboard]({{< ref x >}}).\n",
                      select=["PM901"])
    assert codes(found) == ["PM901"]


@pytest.mark.parametrize("note", ["[edited Dec 18, 17:15 PT]", "[Update 2024-01-03 09:00 UTC]"])
def test_a_note_stamped_with_a_real_time_is_no_placeholder(note: str):
    text = f"## Summary\n\nThe scheduler was restarted {note} and jobs resumed.\n"
    assert lint_text(text, select=["PM901"]) == []


def test_a_prompt_for_a_time_is_still_a_placeholder():
    text = "## Summary\n\nThe scheduler was restarted [YYYY-MM-DD HH:MM UTC].\n"
    assert codes(lint_text(text, select=["PM901"])) == ["PM901"]


def test_a_timeline_of_offsets_from_the_start_has_no_prompts():
    text = ("## Timeline\n\n| Time | Event |\n|---|---|\n"
            "| 11:30 UTC | Chain halts |\n| \\[+2 hrs] | Root cause found |\n"
            "| \\[+2 Business Days Later] | Upgrade released |\n")
    assert lint_text(text, select=["PM901"]) == []
    prompt = text.replace("\\[+2 hrs]", "[time of the fix]")
    assert codes(lint_text(prompt, select=["PM901"])) == ["PM901"]
