"""The cause, the size of the impact and the severity as real postmortems write them: in
the overview, in a "What went wrong" list, in a short advisory, in the timeline. Snippets
written for these tests, one per false-positive class seen on published postmortems;
the negative cases keep documents that state no cause (or no size) reported."""

from __future__ import annotations

import textwrap

import pytest

from postmortem_lint.model import Postmortem
from postmortem_lint.parsers import parse
from postmortem_lint.ruledata import load_rule_data
from postmortem_lint.sources.reading import SourceText
from tests.conftest import codes, lint_text


def _parse(text: str, name: str = "pm.md") -> Postmortem:
    return parse(SourceText(path=name, text=textwrap.dedent(text), encoding="utf-8"),
                 load_rule_data())


# -- PM401: a cause stated without a "Root cause" heading ---------------------------------

@pytest.mark.parametrize("sentence", [
    # a fault that caused or led to the failure
    "A bug in the lease renewal code caused a scheduler stall.",
    "In this case, the permissive fork setting inadvertently led to the leaked token.",
    # the consequence after a comma
    "The batch importer used every worker thread, causing the API to time out.",
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
])
def test_cause_stated_in_prose_without_a_root_cause_heading(sentence: str) -> None:
    text = f"# Broker outage\n\n## Summary\n\nWebhooks were delayed. {sentence}\n"
    doc = _parse(text)
    assert doc.root_cause, sentence
    assert doc.root_cause_span is not None and doc.root_cause_span.line == 5
    assert "PM401" not in codes(lint_text(text, select=["PM401"]))


def test_cause_listed_under_what_went_wrong() -> None:
    text = """\
        # Ingest outage

        ## What went wrong

        - Ingest pods got evicted when the metrics agent started scraping 300 exporters.

        ## Follow-up

        - #412
        """
    assert codes(lint_text(text, select=["PM401"])) == []


@pytest.mark.parametrize("sentence", [
    "Reading the broker logs led to the conclusion that consumers were stuck.",
    "The on-call engineer joined when the second alert fired.",
    "We restarted the ingress pods, then all went back to normal.",
    "We are tracking an outage of the hosting platform; the provider is working on a fix.",
    "We found that the dashboard was down and paged the team.",
])
def test_sentences_that_state_no_cause_keep_the_finding(sentence: str) -> None:
    text = f"# Broker outage\n\n## Summary\n\nWebhooks were delayed. {sentence}\n"
    assert lint_text(text, select=["PM401"]) and not _parse(text).root_cause, sentence


def test_an_outright_cause_wins_over_less_direct_language() -> None:
    doc = _parse("""\
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
    doc = _parse(text)
    assert [s.kind for s in doc.sections[1:]] == ["trigger", "root_cause"]
    assert codes(lint_text(text, select=["PM401", "PM402"])) == []
