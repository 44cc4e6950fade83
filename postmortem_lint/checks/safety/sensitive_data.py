"""PM802."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import Field

from postmortem_lint.checks.texts import visible_texts
from postmortem_lint.engine.finding import Level, Problem
from postmortem_lint.engine.rule import Rule, RuleContext, RuleOptions
from postmortem_lint.model import Audience, Prose
from postmortem_lint.ruledata import SensitivePattern

# RFC 1918, loopback, link-local, shared (CGNAT) and unique-local ranges. Documentation
# ranges (192.0.2.0/24…) are examples, not someone's network, and are left alone.
_INTERNAL_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16",
    "100.64.0.0/10", "fc00::/7", "fe80::/10", "::1/128"))
_ORDER = {"secret": 0, "internal address": 1, "personal data": 2}
_HINTS = {
    "secret": "delete it and rotate the credential now, since it has been published; refer "
              "to it by name instead (e.g. 'the SMS provider API key')",
    "internal address": "describe the component instead of its address (e.g. 'one of our "
                        "identity proxies')",
    "personal data": "remove it; point readers to a shared contact such as support@ or the "
                     "status page",
}


class SensitiveDataOptions(RuleOptions):
    audiences: list[Audience] = Field(
        default_factory=lambda: [Audience.customer_facing],
        description="Audiences whose documents are checked; add 'internal' to keep secrets "
        "and addresses out of internal postmortems too.")


class SensitiveDataInCustomerDoc(Rule):
    """A customer-facing postmortem contains personal data, internal addresses or secrets.

    The guides: decide the readers and the sensitivity first ("PII, security
    details redacted"); error logs in appendices are anonymised. A document
    published to customers must not carry an engineer's e-mail address or phone
    number, internal IP addresses or host names, or any credential: API keys,
    tokens, passwords, AWS keys, private keys. Patterns live in
    ``sensitive_data`` in the rule data; shared role addresses such as
    ``support@`` (``role_email_names``) are fine. Code blocks and code spans are
    checked too, since customers see them. The finding says what kind of data
    was found and where, and never repeats the value. The authors' own address in the
    document's author field is their signature, not a leak.

    Bad::

        Audience: customer-facing

        ## Timeline

        - 14:41 UTC - Old certificate active again on the identity proxy at 10.8.14.22.

        For questions, write to jordan.morgan@brightdesk.example.

    Good::

        Audience: customer-facing

        ## Timeline

        - 14:41 UTC - Old certificate active again on every identity proxy.

        For questions, contact support@brightdesk.example.
    """

    code = "PM802"
    name = "sensitive-data-in-customer-doc"
    level = Level.error
    family = "safety"
    Options = SensitiveDataOptions

    def check(self, ctx: RuleContext) -> Iterator[Problem]:
        assert isinstance(self.options, SensitiveDataOptions)
        audience = ctx.document.meta.audience
        if audience is None or audience.value not in self.options.audiences:
            return
        kinds = sorted(ctx.data.sensitive_data, key=lambda kind: _ORDER[kind.category])
        where = "customer-facing" if audience.value is Audience.customer_facing else "internal"
        byline = {(a.span.line, a.span.column) for a in ctx.document.meta.authors}
        for prose in visible_texts(ctx.document, code=True):
            taken: list[tuple[int, int]] = []
            for kind in kinds:
                for start, end in _matches(prose.text, kind, ctx.data.role_email_names):
                    if any(start < last and first < end for first, last in taken):
                        continue
                    if kind.category == "personal data" and _in_byline(prose, start, byline):
                        continue  # the authors chose to sign the post with their address
                    taken.append((start, end))
                    yield self.problem(
                        prose.span(start, end),
                        f"This {where} postmortem contains {kind.label}"
                        f"{_place(prose)}; remove it before publishing", hint=_HINTS[kind.category])


def _in_byline(prose: Prose, start: int, byline: set[tuple[int, int]]) -> bool:
    """Whether the match is (in) an author field's value, the document's own signature."""
    span = prose.span(start, start + 1)
    return any(line == span.line and column <= span.column for line, column in byline)


def _place(prose: Prose) -> str:
    section = prose.section
    return f" in the {section.replace('_', ' ')} section" if section else ""


@lru_cache(maxsize=128)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _matches(text: str, kind: SensitivePattern, role_names: list[str]
             ) -> Iterator[tuple[int, int]]:
    for match in _compiled(kind.pattern).finditer(text):
        group = "value" if "value" in match.re.groupindex and match.group("value") else 0
        value = match.group(group)
        if kind.private_ip_only and not _is_internal_ip(value):
            continue
        if kind.min_digits and sum(ch.isdigit() for ch in value) < kind.min_digits:
            continue
        if kind.random_value and not (any(c.isdigit() for c in value)
                                      and any(c.isalpha() for c in value)):
            continue
        if "@" in value and value.split("@", 1)[0].lower() in role_names:
            continue
        yield match.span(group)


def _is_internal_ip(text: str) -> bool:
    try:
        address = ipaddress.ip_address(text.split("/", 1)[0])
    except ValueError:
        return False
    return any(address in network for network in _INTERNAL_NETWORKS
               if network.version == address.version)
