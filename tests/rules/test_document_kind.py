"""A document's kind: a status update on an incident still open, or a note that promises
its postmortem separately, is not asked what only a finished postmortem has (lessons,
action items, a follow-up review, a cost, five whys, a summary). A short postmortem that
shows neither is told as before. Snippets written for these tests."""

from __future__ import annotations

import textwrap

import pytest

from postmortem_lint.model import DocumentKind
from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, parse_text, reported

DEPTH = ["PM221", "PM403", "PM501", "PM601", "PM702", "PM703"]


INVESTIGATING = """\
    ---
    title: Elevated error rates on the upload API
    severity: critical
    status: investigating
    ---

    Uploads fail for a share of customers in the EU region.

    - 14:02 UTC: error rate alert fires for upload-api.
    - 14:10 UTC: on-call engineer starts investigating.
    """

OPEN_WITH_PENDING_CAUSE = """\
    ---
    title: Payment webhooks delayed
    severity: SEV-1
    status: open
    ---

    ## Problem

    Webhook deliveries to merchants are delayed by up to 40 minutes.

    ## Root cause

    Still under investigation.

    ## Timeline

    - 09:12 UTC: queue depth alert for webhook-dispatcher.
    - 09:30 UTC: dispatcher workers scaled from 8 to 16.
    """

ONGOING_WITHOUT_FRONT_MATTER = """\
    # Search results stale in the admin console

    **Severity:** SEV-2

    ## Cause

    The cause has not yet been determined.

    ## Timeline

    - 11:40 UTC: support reports stale results in the console.
    - 11:55 UTC: search indexer restarted, results still stale.

    We are still investigating and will post an update within the hour.
    """

DEFERRED_BLOG = """\
    # Storage node outage

    **Severity:** SEV-1

    ## What happened

    A storage node lost both disks of its mirror, and 12 customer databases were
    restored from the nightly backup onto a new node.

    - 02:10 UTC: node unreachable.
    - 07:45 UTC: last database restored.

    We apologise to everyone affected. A full root cause analysis will be published on
    our engineering blog next week.
    """

DEFERRED_SHARE = """\
    ---
    title: DNS resolution failures
    severity: high
    ---

    Internal DNS stopped answering for 25 minutes after a resolver upgrade; services
    that resolve hosts on each request returned errors until the rollback.

    We'll share a detailed post-mortem once our review with the vendor is complete.
    """

PRELIMINARY = """\
    # Preliminary report: message queue outage

    **Severity:** SEV-1

    This is a preliminary note on Tuesday's outage. A complete incident report is going to
    follow once the vendor has finished its analysis.

    ## What we know

    The primary broker stopped accepting connections at 08:14 UTC and failover did not
    start; publishing was down for 52 minutes.
    """

DEFERRED_BEFORE_FOOTER = """\
    # Object storage errors

    **Severity:** SEV-2

    Uploads to the eu-west bucket failed for 35 minutes after a certificate rotation.

    We plan to publish a thorough post-incident review on the status page next week.

    Thank you for your patience.

    The infrastructure team
    """


@pytest.mark.parametrize(("text", "kind", "line"), [
    (PRELIMINARY, DocumentKind.postmortem_elsewhere, 5),
    (DEFERRED_BEFORE_FOOTER, DocumentKind.postmortem_elsewhere, 7),
    (INVESTIGATING, DocumentKind.status_update, 4),
    (OPEN_WITH_PENDING_CAUSE, DocumentKind.status_update, 4),
    (ONGOING_WITHOUT_FRONT_MATTER, DocumentKind.status_update, 7),
    (DEFERRED_BLOG, DocumentKind.postmortem_elsewhere, 13),
    (DEFERRED_SHARE, DocumentKind.postmortem_elsewhere, 9),
])
def test_the_kind_is_read_with_its_evidence(text: str, kind: DocumentKind, line: int) -> None:
    doc = parse_text(text)
    assert doc.kind == kind
    assert doc.meta.kind is not None and doc.meta.kind.span.line == line


@pytest.mark.parametrize("text", [INVESTIGATING, OPEN_WITH_PENDING_CAUSE,
                                  ONGOING_WITHOUT_FRONT_MATTER, DEFERRED_BLOG, DEFERRED_SHARE,
                                  PRELIMINARY, DEFERRED_BEFORE_FOOTER])
def test_depth_rules_have_nothing_to_ask_of_an_interim_note(text: str) -> None:
    assert lint_text(text, select=DEPTH) == []


def test_the_kinds_skipped_are_configurable(lint) -> None:
    every = {code: {"skip-kinds": [], **FREE_FORM_CHECKED.get(code, {})} for code in DEPTH}
    # The note lists no actions: PM501 says so, and PM601 has no items to review.
    assert {"PM221", "PM501", "PM703"} <= set(codes(
        lint(DEFERRED_BLOG, select=DEPTH, rules=every)))


# One sign alone is a postmortem's own wording, not an open incident.
OPEN_FIELD_ONLY = """\
    ---
    title: Queue backlog
    severity: SEV-1
    status: open
    ---

    ## Summary

    The billing queue backed up for two hours after a consumer deploy; invoices were sent
    late to 3,100 customers.

    ## Root cause

    A consumer deploy halved the prefetch count, so the queue drained at half speed.
    """

# "This" postmortem, a promise among the planned actions, a status update that a later
# update in the same entry fulfils: none of them defers the postmortem.
THIS_ONE_UPDATED = """\
    # Checkout errors

    **Severity:** SEV-2

    ## Summary

    Checkout returned errors for 18 minutes after a config push; 2% of orders failed.

    We will keep this postmortem updated as the remaining fixes land.
    """

PLANNED_ACTION = """\
    # Checkout errors

    **Severity:** SEV-2

    ## Summary

    Checkout returned errors for 18 minutes after a config push; 2% of orders failed.

    ## Action items

    From now on we will publish a public postmortem for every outage over 10 minutes.
    """

UPDATE_THEN_ANALYSIS = """\
    ---
    title: Portal unreachable
    severity: major
    ---

    The customer portal answers with errors.

    Update: service restored. We will update this entry with a detailed report on the cause.

    Update: the portal depends on a file share that dropped its connection; the share was
    re-attached by hand and the portal started again.
    """


@pytest.mark.parametrize("text", [OPEN_FIELD_ONLY, THIS_ONE_UPDATED, PLANNED_ACTION,
                                  UPDATE_THEN_ANALYSIS])
def test_a_postmortem_that_shows_no_interim_sign_stays_a_postmortem(text: str) -> None:
    assert parse_text(text).kind == DocumentKind.postmortem


def test_a_short_genuine_postmortem_without_actions_is_still_told() -> None:
    found = codes(lint_text(UPDATE_THEN_ANALYSIS, select=DEPTH, rules=FREE_FORM_CHECKED))
    assert "PM501" in found and "PM703" in found
    assert "PM601" not in found  # no actions to review: PM501 has said it
    assert "PM702" not in found  # a note read at a glance: its opening is its summary


# -- PM601: a review with nothing open to check ---------------------------------------

ALL_DONE = """\
    # Cache stampede

    **Severity:** SEV-3

    ## Action items

    - [x] Add request coalescing to the catalogue cache (owner: @lee, CAT-12)
    - [x] Alert when the cache hit ratio drops below 80% for 5 minutes (owner: @lee, CAT-13)
    """

ALL_CLOSED_TABLE = """\
    # Cache stampede

    **Severity:** SEV-3

    ## Corrective actions

    | Action | Status |
    |---|---|
    | Add request coalescing to the catalogue cache | Done |
    | Load test the catalogue with a cold cache | Won't do |
    """


@pytest.mark.parametrize("text", [ALL_DONE, ALL_CLOSED_TABLE])
def test_no_review_is_asked_when_every_action_is_closed(text: str) -> None:
    assert lint_text(text, select=["PM601"], rules=FREE_FORM_CHECKED) == []


def test_an_open_action_still_needs_a_review() -> None:
    text = ALL_DONE.replace("- [x] Alert", "- [ ] Alert")
    assert codes(lint_text(text, select=["PM601"], rules=FREE_FORM_CHECKED)) == ["PM601"]


@pytest.mark.parametrize(("heading", "remaining"), [
    ("Lessons learned", "We still need to load test the catalogue with a cold cache."),
    ("Lessons learned", "The remaining items are tracked on the team board."),
    ("Discussion", "Cache warm-up after deploys needs to be automated as well."),
])
def test_work_said_to_remain_outside_the_list_still_needs_a_review(heading: str,
                                                                  remaining: str) -> None:
    text = ALL_DONE + f"""
    ## {heading}

    {remaining}
    """
    assert codes(lint_text(text, select=["PM601"], rules=FREE_FORM_CHECKED)) == ["PM601"]


def test_a_need_stated_as_a_lesson_is_no_open_work() -> None:
    text = ALL_DONE + """
    ## Lessons learned

    Cache warm-up after deploys needs to be automated as well.
    """
    assert lint_text(text, select=["PM601"], rules=FREE_FORM_CHECKED) == []


def test_items_kept_in_a_tracker_still_need_a_review() -> None:
    text = ALL_DONE + """
    Open follow-ups are tracked in [the board](https://trello.com/b/abc123/catalogue).
    """
    assert codes(lint_text(text, select=["PM601"], rules=FREE_FORM_CHECKED)) == ["PM601"]


# -- PM702: a summary written as the opening paragraph --------------------------------

def test_an_opening_paragraph_before_the_first_heading_is_the_summary() -> None:
    text = """\
        ---
        title: Map tiles missing
        severity: SEV-2
        ---
        Map tiles for the northern districts were missing for three hours after a cache
        purge, so the public viewer and the field app showed blank areas to every user.

        ## Timeline

        - 10:00 UTC: cache purged.
        """
    assert lint_text(text, select=["PM702"]) == []


def test_a_long_document_without_a_summary_is_still_told() -> None:
    body = "\n".join(f"- 10:{i:02d} UTC: step {i} of the recovery ran on node {i}."
                     for i in range(40))
    text = f"---\ntitle: Map tiles missing\nseverity: SEV-2\n---\nTiles missing.\n\n" \
           f"## Timeline\n\n{body}\n"
    assert codes(lint_text(text, select=["PM702"])) == ["PM702"]


def test_the_kind_and_its_line_are_in_the_results() -> None:
    from postmortem_lint.engine.config import Config, LoadedConfig
    from postmortem_lint.engine.runner import Linter

    linter = Linter(LoadedConfig(config=Config()), use_cache=False)
    metrics = linter.lint_bytes(textwrap.dedent(DEFERRED_BLOG).encode(), "pm.md").metrics
    assert (metrics["document_kind"], metrics["document_kind_line"]) == (
        "postmortem-elsewhere", 13)
    metrics = linter.lint_bytes(textwrap.dedent(OPEN_FIELD_ONLY).encode(), "pm.md").metrics
    assert (metrics["document_kind"], metrics["document_kind_line"]) == ("postmortem", None)


def test_a_yaml_status_update_is_read_as_one() -> None:
    text = """\
        title: Card payments declined
        severity: SEV-1
        status: Identified
        summary: Card payments in two regions are declined by the acquirer.
        root_cause: A certificate on the acquirer link expired.
        """
    doc = parse_text(text, name="incident.yaml")
    assert doc.kind == DocumentKind.status_update and doc.meta.kind is not None
    assert doc.meta.kind.span.line == 3
    assert lint_text(text, name="incident.yaml", select=DEPTH) == []


def test_a_postmortem_open_for_its_actions_stays_a_postmortem() -> None:
    text = """\
        # Queue backlog

        **Severity:** SEV-2
        **Status:** Open

        ## Summary

        The billing queue backed up for two hours after a consumer deploy.

        We are working on the remaining action items and will update this post as they
        are completed.
        """
    assert parse_text(text).kind == DocumentKind.postmortem


def test_a_cause_explained_with_one_part_still_open_is_a_postmortem() -> None:
    text = """\
        # Router failover outage

        **Severity:** SEV-2
        **Status:** Open

        ## Root cause

        Both edge routers were configured with the same router ID, so when the primary
        restarted the secondary withdrew its routes as well and the site lost transit for
        48 minutes. Why the secondary also restarted is still under investigation.

        We are still investigating the secondary restart with the vendor.
        """
    assert parse_text(text).kind == DocumentKind.postmortem


# A report written for the public: it apologises to its readers, is a site's post, or is
# titled as a disclosure, and declares no field of a team's own postmortem.
PUBLIC_POST = """\
    # Checkout outage on 12 March

    ## What happened

    Between 14:02 and 14:43 UTC, 12% of checkouts failed after a pricing deploy.

    ## Root cause

    A pricing release sent malformed prices to the checkout service.

    ## What we are changing

    - Validate prices at the checkout boundary.
    - Add a canary stage to pricing releases.

    {closing}
    """

APOLOGY = "We’re sorry for the disruption this caused, and thank you for your patience."
PROCESS_ASKS = ["PM501", "PM502", "PM503", "PM504", "PM507", "PM601", "PM701", "PM703"]


def _public(closing: str) -> str:
    return PUBLIC_POST.replace("{closing}", closing)


def test_a_post_that_apologises_to_its_readers_is_a_public_report():
    doc = parse_text(_public(APOLOGY))
    assert doc.kind is DocumentKind.public_report
    assert doc.meta.kind is not None and doc.meta.kind.raw == "We’re sorry"


def test_a_public_report_is_not_asked_for_the_teams_process_fields():
    asked = codes(lint_text(_public("Questions go to the platform team."),
                            select=PROCESS_ASKS))
    assert asked == []  # a narrative that records no fields, unaddressed: no team's form
    # kept as a record, the same post owes the form's process fields
    recorded = _public("Questions go to the platform team.").replace(
        "## What happened", "**Status:** final\n\n    ## What happened")
    assert {"PM502", "PM503", "PM601"} <= set(reported(lint_text(recorded,
                                                                select=PROCESS_ASKS)))
    assert codes(lint_text(_public(APOLOGY), select=PROCESS_ASKS)) == []


def test_a_public_report_that_uses_a_field_is_held_to_it():
    owned = _public(APOLOGY).replace(
        "- Validate prices at the checkout boundary.\n",
        "- Validate prices at the checkout boundary (owner: @payments).\n"
        "    - Alert on checkout errors above 2% (owner: @sre).\n")
    assert codes(lint_text(owned, select=["PM502"])) == ["PM502"]


@pytest.mark.parametrize("front_matter", [
    "layout: post", "permalink: /blog/checkout/", "author: Dana Kim\ntags: [outage]",
    # a catalogue's digest of a report published elsewhere
    "url: https://example.com/blog/checkout-incident/\nkeywords: [checkout, outage]"])
def test_a_sites_post_is_a_public_report(front_matter: str):
    text = "---\n" + front_matter + "\n---\n" + textwrap.dedent(_public(""))
    assert parse_text(text).kind is DocumentKind.public_report


def test_a_post_that_declares_a_teams_field_is_its_postmortem():
    text = "---\nlayout: post\nseverity: SEV-2\n---\n" + textwrap.dedent(_public(APOLOGY))
    assert parse_text(text).kind is DocumentKind.postmortem
    internal = _public(APOLOGY).replace("## What happened",
                                        "**Audience:** internal\n\n    ## What happened")
    assert parse_text(internal).kind is DocumentKind.postmortem


def test_a_disclosure_title_makes_a_public_report():
    text = _public("").replace("# Checkout outage on 12 March",
                               "# Vulnerability disclosure 2026-03-12")
    assert parse_text(text).kind is DocumentKind.public_report


def test_an_apology_planned_or_told_in_the_timeline_is_no_address_to_readers():
    planned = _public("").replace("- Add a canary stage to pricing releases.",
                                  "- Apologise to affected merchants: we apologize by email.")
    assert parse_text(planned).kind is DocumentKind.postmortem


def test_a_published_security_report_is_not_asked_for_a_review_record():
    text = _public(APOLOGY).replace("# Checkout outage on 12 March",
                                    "# Leaked deploy token on 12 March")
    assert codes(lint_text(text, select=["PM803"])) == []
    unaddressed = _public("").replace("# Checkout outage on 12 March",
                                      "# Leaked deploy token on 12 March")
    assert codes(lint_text(unaddressed, select=["PM803"])) == ["PM803"]


def test_a_status_pages_entry_is_a_public_report_and_its_state_no_severity():
    text = """\
        +++
        title = "Content API errors in the EU cluster"
        date = 2020-05-28T14:20:00.000Z
        severity = "partial-outage"
        +++
        We are seeing an elevated error rate in the EU cluster.

        **Update**: The error rate is back to normal.
        """
    doc = parse_text(text)
    assert doc.kind is DocumentKind.public_report
    assert doc.meta.severity is None
    assert codes(lint_text(text, select=["PM003", "PM403", "PM221"])) == []


@pytest.mark.parametrize("sign", [
    "Hi everyone,\n\n    Here is what happened to the checkout service.",
    "Internal post-mortem: <https://tracker.example/postmortems/120>",
    "## What should you do?\n\n    Nothing: no data left the service.",
    "## Are self-hosted installations affected?\n\n    No: only the website was down.",
])
def test_a_greeting_a_question_to_readers_or_an_internal_original_makes_a_public_report(
        sign: str):
    text = _public("").replace("## What happened", sign + "\n\n    ## What happened")
    assert parse_text(text).kind is DocumentKind.public_report


def test_tags_alone_do_not_make_a_teams_postmortem_a_post():
    text = "---\ntitle: Checkout outage\ntags: postmortem, payments\n---\n" + \
        textwrap.dedent(_public(""))
    assert parse_text(text).kind is DocumentKind.postmortem


@pytest.mark.parametrize("heading", ["## Were the replicas affected?",
                                     "## Is the fix deployed?"])
def test_a_team_asking_itself_about_its_systems_in_its_record_stays_a_postmortem(heading):
    text = "---\nseverity: SEV2\n---\n" + textwrap.dedent(_public("")).replace(
        "## What happened", heading + "\n\nYes.\n\n## What happened")
    assert parse_text(text).kind is DocumentKind.postmortem
