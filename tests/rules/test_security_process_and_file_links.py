"""PM803 on a security team's own disclosure under the project's vulnerability process, and
PM901 on Markdown link text that names a file."""

import pytest

from tests.conftest import codes, lint_text


# -- PM803 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "As our security policy says, nothing was shared with third parties before this post.",
    "The project's vulnerability response process worked as intended: the fix shipped in "
    "two days.",
    "Under Acme's security disclosure process the reporter was credited in the release.",
])
def test_a_disclosure_under_the_projects_own_security_process_is_not_asked_for_review(
        sentence):
    text = f"# Vulnerability in the upload parser\n\nDate: 2026-02-03\n\n{sentence}\n"
    assert codes(lint_text(text, select=["PM803"])) == []


@pytest.mark.parametrize("sentence", [
    "A deploy token leaked into a public build log and was used twice.",
    "The attacker bypassed the proxy's access rules; the security policy of the proxy had "
    "no rule for encoded paths.",
    "We followed the incident response process and rotated every key.",
])
def test_an_internal_security_incident_still_needs_its_review_noted(sentence):
    text = f"# Token leak in CI\n\nDate: 2026-02-03\n\n{sentence}\n"
    assert codes(lint_text(text, select=["PM803"])) == ["PM803"]


# -- PM901 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "The script we used is here: [restore users.ipynb](restore users.ipynb)",
    "See [db-rebuild 2026-02-09.sql](db-rebuild 2026-02-09.sql) for the statements.",
    "Screenshots: [dashboard overview.png](./img/dashboard.png)",
])
def test_link_text_naming_a_file_is_not_a_placeholder(line):
    text = f"# Hub database lost\n\nDate: 2026-02-03\n\n{line}\n"
    assert codes(lint_text(text, select=["PM901"])) == []


@pytest.mark.parametrize("line", [
    "Impact: [Number of users affected]",
    "Query: [Paste the query file name here] (e.g. report.sql)",
    "Root cause: [Describe the root cause in two sentences]",
])
def test_template_prompts_are_still_placeholders(line):
    text = f"# Hub database lost\n\nDate: 2026-02-03\n\n{line}\n"
    assert codes(lint_text(text, select=["PM901"])) == ["PM901"]
