"""Secrets and personal data never leave in findings: not in messages or hints, not in
any output format (text, json, github, sarif, the step summary, audit reports), whichever
rule quotes the text around them."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from postmortem_lint.cli.main import cli
from postmortem_lint.engine.registry import all_rules
from postmortem_lint.reporters import FORMATS

SECRETS = {
    "AWS access key": "AKIAZ7Q4R2LKW9XJ3M5P",
    "Stripe key": "sk_live_9fK2mQ7vX4pL8wR1tY6nB3cD",
    "GitHub token": "ghp_Q8w7E6r5T4y3U2i1O0pA9s8D7f6G5h4J3k2L",
    "Google API key": "AIzaSyQ1w2E3r4T5y6U7i8O9p0AsDfGhJkLzXcV",
    "password": "Tr0ub4dor-and-3",
    "URL password": "Zq9Wx8Ec7Rv6",
    "Slack token": "xoxb-7731-9Kq2Lm8Np4Rs",
    "e-mail": "priya.raghunathan@corp-mail.example",
    "phone": "+31 20 555 0172",
    "internal IP": "10.44.193.27",
    "internal host": "ledger-db07.payments.internal",
}


def _action_row() -> str:
    s = SECRETS
    return (f"| Rotate {s['AWS access key']} and {s['Stripe key']} and {s['GitHub token']} "
            f"| {s['e-mail']} | 2026-04-01 | P1 |")


def page(audience: str) -> str:
    s = SECRETS
    return f"""---
title: Ledger credentials exposed
audience: {audience}
severity: SEV-2
date: 2026-03-04
owner: {s["e-mail"]}
---

# Ledger credentials exposed

## Summary

The key {s["AWS access key"]} and {s["Stripe key"]} were public; {s["e-mail"]} was careless.

## Impact

About 1,200 customers; call {s["phone"]} for details about {s["internal IP"]}.

## Timeline

- 14:02 UTC — {s["GitHub token"]} committed by {s["e-mail"]} TBD
- 14:10 UTC — password: {s["password"]} seen in logs of {s["internal host"]}
- 14:20 — https://admin:{s["URL password"]}@git.example.com/ledger cloned with {s["Slack token"]}

## Root cause

The engineer broke prod by pasting {s["Google API key"]} into the ledger config.

## Action items

| Action | Owner | Due | Priority |
|---|---|---|---|
{_action_row()}
| Check TBD for {s["Google API key"]} | TBD | TBD | P2 |
- Email {s["e-mail"]} about {s["internal host"]} soon
"""


def yaml_page() -> str:
    s = SECRETS
    return f"""title: Ledger credentials exposed
audience: customer-facing
severity: SEV-2
owner: "{s["e-mail"]}"
summary: The key {s["AWS access key"]} leaked from {s["internal host"]}.
timeline:
  - time: "14:02 UTC"
    event: "{s["Stripe key"]} committed by {s["e-mail"]}, call {s["phone"]}"
action items:
  - action: "Rotate {s["GitHub token"]} and {s["Google API key"]} everywhere on {s["internal IP"]}"
    owner: "{s["e-mail"]}"
    due: 2026-04-01
"""


# Rule documentation (SARIF carries it) shows example values of its own.
RULE_DOCS = " ".join(rule.doc() for rule in all_rules().values())


def leaks(text: str) -> list[str]:
    """Secrets found in the text, whole or as a part of 8 characters or more (parts that
    are plain words, such as "internal", or that rule docs show, are not evidence)."""
    found = []
    for what, value in SECRETS.items():
        parts = {value[i:i + 8] for i in range(len(value) - 7)}
        if value in text or any(part in text for part in parts
                                if not part.isalpha() and part not in RULE_DOCS):
            found.append(what)
    return found


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / "customer.md").write_text(page("customer-facing"), encoding="utf-8")
    (folder / "internal.md").write_text(page("internal"), encoding="utf-8")
    (folder / "customer.yaml").write_text(yaml_page(), encoding="utf-8")
    return folder


def test_the_pages_really_hold_the_secrets(pages: Path) -> None:
    assert sorted(leaks((pages / "customer.md").read_text())) == sorted(SECRETS)
    assert len(leaks((pages / "customer.yaml").read_text())) == 8


def test_the_secrets_are_found_and_reported_by_kind(pages: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--select", "PM802",
                                      str(pages / "customer.md")])
    kinds = {"AWS access key", "Stripe secret key", "GitHub token", "Google API key",
             "password or API key", "password in a URL", "Slack token", "e-mail address",
             "phone number", "internal IP address", "internal host name"}
    assert all(kind in result.output for kind in kinds), result.output


@pytest.mark.parametrize("output_format", FORMATS)
def test_no_output_format_repeats_a_secret(pages: Path, tmp_path: Path,
                                           output_format: str) -> None:
    summary = tmp_path / "summary.md"
    report = tmp_path / f"report.{output_format}"
    args = ["check", "--no-cache", "--format", output_format, str(pages)]
    shown = CliRunner().invoke(cli, args)
    assert shown.exit_code == 1, shown.output[-2000:]
    assert "PM802" in shown.output
    written = CliRunner().invoke(cli, [*args[:-1], "--output", str(report), "--summary",
                                       str(summary), str(pages)])
    assert written.exit_code == 1
    for text in (shown.output, report.read_text(encoding="utf-8"),
                 summary.read_text(encoding="utf-8")):
        assert leaks(text) == [], text[:3000]


def test_audit_reports_do_not_repeat_a_secret(pages: Path, tmp_path: Path) -> None:
    audit = cli.get_command(click.Context(cli), "audit")
    assert audit is not None
    choices = next(p.type.choices for p in audit.params if p.name == "output_format")
    for output_format in choices:
        target = tmp_path / f"audit.{output_format}"
        result = CliRunner().invoke(cli, ["audit", "--jobs", "1", "--quiet", "--no-cache",
                                          "--format", output_format, "--output", str(target),
                                          str(pages)])
        assert result.exit_code in (0, 1), result.output[-2000:]
        written = "".join(path.read_text(encoding="utf-8", errors="replace")
                          for path in tmp_path.glob("audit.*"))
        assert leaks(result.output + written) == [], output_format
