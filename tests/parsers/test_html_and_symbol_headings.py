"""Headings as blog exports and emoji templates write them: ``<h2>Impact</h2>``, "🔥 Impact".
They classify like their plain words, and an HTML body's text is read like Markdown's."""

from __future__ import annotations

import pytest

from tests.conftest import FREE_FORM_CHECKED, codes, lint_text, parse_text

HTML_BODY = """\
---
title: Card payments failed
---
<p>On 4 March card payments failed for 1,200 customers for 47 minutes.</p>

<h2 id="impact">Impact</h2>

<p>Checkout returned errors to 1,200 customers; no payment was taken twice.</p>

<h2>Root cause</h2>

<p>The gateway&#8217;s certificate expired because its renewal job had no alert &amp; no owner.</p>

<h3 class="wp-block-heading">Action items</h3>

<ul>
<li>Add an alert on certificate expiry (owner: payments team, due 2026-04-01)</li>
<li>Give the renewal job an owner (owner: platform team, due 2026-04-15)</li>
</ul>

<pre><code>openssl x509 -enddate -noout -in gateway.pem</code></pre>
"""


def test_html_headings_classify_like_their_words() -> None:
    doc = parse_text(HTML_BODY)
    kinds = [(s.title.value, s.kind, s.level) for s in doc.sections]
    assert ("Impact", "impact", 2) in kinds
    assert ("Root cause", "root_cause", 2) in kinds
    assert ("Action items", "action_items", 3) in kinds


def test_an_html_body_is_read_as_text_with_its_places() -> None:
    doc = parse_text(HTML_BODY)
    cause = " ".join(p.text for p in doc.root_cause)
    assert "gateway’s certificate expired" in cause  # the entity is decoded
    assert "no alert & no owner" in cause
    assert "<p>" not in cause
    # the text points at where it is written
    line = HTML_BODY.splitlines().index(next(x for x in HTML_BODY.splitlines()
                                             if "renewal job" in x)) + 1
    prose = next(p for p in doc.root_cause if "renewal" in p.text)
    start = prose.text.index("renewal")
    where = prose.span(start, start + 7)
    assert (where.line, where.column) == (line, HTML_BODY.splitlines()[line - 1]
                                          .index("renewal") + 1)
    assert [item.words.text.split(" (")[0] for item in doc.action_items] == [
        "Add an alert on certificate expiry", "Give the renewal job an owner"]
    assert not any("openssl" in p.text for p in doc.prose)  # code is never prose


def test_an_html_postmortem_is_not_told_it_lacks_what_it_states() -> None:
    found = codes(lint_text(HTML_BODY))
    assert "PM201" not in found  # impact section
    assert "PM401" not in found  # root cause
    assert "PM501" not in found  # action items


def test_an_html_body_without_the_parts_is_still_reported() -> None:
    found = codes(lint_text("<h2>Update</h2>\n\n<p>Payments work again.</p>\n",
                            rules=FREE_FORM_CHECKED))
    assert "PM401" in found and "PM201" in found


@pytest.mark.parametrize(("heading", "kind"), [
    ("🔥 Impact", "impact"),
    ("✅ Action items", "action_items"),
    ("⏱️ Timeline", "timeline"),
    ("🧯 Root cause", "root_cause"),
    ("📚 Lessons learned", "lessons"),
    ("→ What went well", "went_well"),
])
def test_headings_led_by_emoji_or_symbols_classify_like_their_words(heading: str,
                                                                    kind: str) -> None:
    doc = parse_text(f"# Payments outage\n\n## {heading}\n\nText.\n")
    assert doc.sections[-1].kind == kind


def test_html_in_a_quotation_or_a_list_points_at_its_text() -> None:
    text = "# Outage\n\n> <p>Payments failed &amp; retried.</p>\n\n- <p>Add an alert</p>\n"
    doc = parse_text(text)
    lines = text.splitlines()
    for prose in doc.prose[1:]:
        where = prose.whole
        assert lines[where.line - 1][where.column - 1:].startswith(prose.text.split(" &")[0])


def test_wordpress_block_comments_around_html_headings() -> None:
    doc = parse_text("# Outage\n\n<!-- wp:heading -->\n<h2 class=\"wp\">🔥 Impact</h2>\n"
               "<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Errors for 25 minutes."
               "</p>\n<!-- /wp:paragraph -->\n")
    assert [s.kind for s in doc.sections] == [None, "impact"]
    assert any(p.text == "Errors for 25 minutes." for p in doc.impact.text) or \
        any("25 minutes" in p.text for p in doc.prose)
