"""PM8xx: audience and safety."""

import pytest

from tests.conftest import codes, lint_text

CUSTOMER = "---\ntitle: Login failures\naudience: customer-facing\n---\n\n"


# -- PM801 audience-missing -------------------------------------------------------------
def test_undeclared_audience_is_reported_at_the_top():
    findings = lint_text("# Login failures\n\nSeverity: SEV-2\n", select=["PM801"])
    assert codes(findings) == ["PM801"]
    assert findings[0].span.line == 1


def test_declared_audience_passes_in_markdown_and_yaml():
    assert lint_text("# T\n\nAudience: Internal (engineering, customer support)\n",
                     select=["PM801"]) == []
    assert lint_text("title: T\naudience: customer-facing\n", name="pm.yaml",
                     select=["PM801"]) == []


# -- PM802 sensitive-data-in-customer-doc -----------------------------------------------
@pytest.mark.parametrize(("text", "kind"), [
    ("Write to our on-call lead at jordan.morgan@brightdesk.example.", "e-mail address"),
    ("Call the duty manager on +44 20 7946 0958.", "phone number"),
    ("The proxy at 10.8.14.22 restarted.", "internal IP address"),
    ("The resolver at fd12:3456:789a:1::53 restarted.", "internal IP address"),
    ("Traffic went to db-primary-01.prod.internal first.", "internal host name"),
    ("The key AKIAIOSFODNN7EXAMPLE was rotated.", "AWS access key"),
    ("The token ghp_abcdefghijklmnopqrstuvwxyz0123456789 was revoked.", "GitHub token"),
    ("The config had api_key: 9f8e7d6c5b4a3f2e1d0c and nothing else.", "password or API key"),
    ("Clients used https://svc:s3cr3tPass99@api.example.com/v1 for a day.", "password in"),
])
def test_sensitive_values_are_reported_without_repeating_them(text, kind):
    findings = lint_text(CUSTOMER + "## Summary\n\n" + text + "\n", select=["PM802"])
    assert codes(findings) == ["PM802"]
    finding = findings[0]
    assert finding.span.line == 8
    assert kind in finding.message
    shown = text[finding.span.column - 1:finding.span.end_column - 1]
    assert shown not in finding.message and shown not in (finding.hint or "")


def test_secrets_in_code_blocks_and_spans_are_reported():
    findings = lint_text(CUSTOMER + "The proxy `10.1.2.3` failed.\n\n```\n"
                         "-----BEGIN RSA PRIVATE KEY-----\n```\n", select=["PM802"])
    assert [(f.span.line, f.span.column) for f in findings] == [(6, 12), (9, 1)]


def test_clean_customer_document_and_internal_documents_pass():
    assert lint_text(CUSTOMER + """\
        ## Summary

        Logins failed for 2,140 organisations between 13:05 and 15:10 UTC on 2026-02-26
        (Duration: 2 hours 5 minutes). Contact support@brightdesk.example or call your
        account manager. Our documentation uses 192.0.2.10 as an example address. SDK
        v10.2.0.1 of the app is not affected. The password policy was not involved.
        """.replace("        ", ""), select=["PM802"]) == []
    internal = "---\naudience: internal\n---\n\nResolver 10.20.0.53 restarted.\n"
    assert lint_text(internal, select=["PM802"]) == []


def test_internal_documents_can_be_checked_too():
    internal = "---\naudience: internal\n---\n\nResolver 10.20.0.53 restarted.\n"
    findings = lint_text(internal, select=["PM802"],
                         rules={"PM802": {"audiences": ["internal", "customer-facing"]}})
    assert codes(findings) == ["PM802"]


# -- PM803 security-review-missing ------------------------------------------------------
def test_security_incident_without_review_is_reported_at_the_flag():
    findings = lint_text("""\
        title: SMS provider API key extracted from the app bundle
        audience: internal
        security: true
        summary: The key was abused for 4 hours.
        """, name="pm.yaml", select=["PM803"])
    assert codes(findings) == ["PM803"]
    assert findings[0].span.line == 3


def test_security_term_in_title_is_reported_at_the_term():
    findings = lint_text("# Credential leak in the public SDK repository\n\nText.\n",
                         select=["PM803"])
    assert codes(findings) == ["PM803"]
    assert (findings[0].span.line, findings[0].span.column) == (1, 3)


def test_reviewed_security_incidents_and_non_security_incidents_pass():
    assert lint_text("""\
        title: Storage key leaked
        security: true
        security_review: Reviewed by Security and Legal on 2026-02-24
        """, name="pm.yaml", select=["PM803"]) == []
    assert lint_text("# Credential leak\n\nThe document was reviewed by legal on 2026-02-24.\n",
                     select=["PM803"]) == []
    assert lint_text("# Memory leak in the DNS resolver\n\nSLA breach: none.\n",
                     select=["PM803"]) == []
    assert lint_text("title: Data leak scare\nsecurity: false\n", name="pm.yaml",
                     select=["PM803"]) == []


def test_adversarial_text_is_linted_in_linear_time():
    import time

    units = ["a@", "1.", "+1 ", "[a b ", "a_", "fd00:", "password: ", "http://a:", "10.1.1.",
             "Be more ", "TBD", "—", "  "]
    for unit in units:
        body = unit * 4000
        text = (f"{CUSTOMER}# T\n\n{body}\n\n## Action items\n\n- {body} — owner: x\n"
                f"- {body}\n")
        started = time.perf_counter()
        lint_text(text, select=["PM5", "PM8", "PM9"])
        assert time.perf_counter() - started < 5, f"slow on {unit!r}"


def test_the_authors_own_address_in_the_byline_is_their_signature():
    signed = ("---\ntitle: Login outage\nauthor: dana.whitfield@brightdesk.example\n"
              "audience: customer-facing\n---\n\nLogins failed for 40 minutes.\n")
    assert lint_text(signed, select=["PM802"]) == []


def test_an_address_elsewhere_in_a_signed_post_is_still_reported():
    signed = ("---\ntitle: Login outage\nauthor: dana.whitfield@brightdesk.example\n"
              "audience: customer-facing\n---\n\nLogins failed; write to "
              "ravi.iyer@brightdesk.example for details.\n")
    assert [(f.code, f.span.line) for f in lint_text(signed, select=["PM802"])] == [("PM802", 7)]
