"""Misreadings found on real postmortems, each reproduced with a snippet of its own: a
third party's promises read as the team's action items, legends and lead-ins read as
items, a window given as dates read as no duration, phases told in other words, and
pronouns for companies or machines read as people."""

from tests.conftest import codes, lint_text, parse_text


# -- 1. commitments that are not the authors' own ---------------------------------------------
SUPPLIER_PROMISES = """\
# Mirror outage

Date: 2026-02-11

## Next steps

Northwind Hosting contacted us on Friday to go over what happened. Northwind Hosting has
assured us that the faulty filter will be corrected, and that they will review how
their filters are tuned for every customer.

The vendor also promised us that a delay this long before a human looks at a block is not
acceptable and will be improved.

We will add a second mirror provider so one block cannot take the downloads offline.
"""


def test_a_suppliers_promise_reported_to_the_authors_is_no_action_item():
    doc = parse_text(SUPPLIER_PROMISES)
    assert [item.words.text for item in doc.action_items] == [
        "We will add a second mirror provider so one block cannot take the downloads offline."]


def test_a_suppliers_promise_is_not_asked_for_an_owner_or_a_date():
    findings = lint_text(SUPPLIER_PROMISES, select=["PM502", "PM503"])
    assert len(findings) == 2  # one each, for the team's own item alone
    assert all("1 open action item" in f.message or "has no" in f.message for f in findings)
    assert all(f.span.line == 14 for f in findings)


def test_the_authors_own_commitment_after_a_supplier_is_still_an_item():
    doc = parse_text("""\
        # Mirror outage

        ## Next steps

        The registrar told us they will lock the domain. We will also add a monitor on the
        domain's expiry date.
        """)
    assert [item.words.text for item in doc.action_items] == [
        "We will also add a monitor on the\ndomain's expiry date."]
    assert not doc.action_items[0].closed


def test_a_change_made_as_a_result_is_the_sections_done_item():
    text = SUPPLIER_PROMISES.replace(
        "We will add a second mirror provider so one block cannot take the downloads offline.",
        "As a result of this outage we have set up a second mirror with another provider.")
    doc = parse_text(text)
    assert [(item.span.line, item.closed) for item in doc.action_items] == [(14, True)]
    assert not lint_text(text, select=["PM501", "PM502", "PM503"])
