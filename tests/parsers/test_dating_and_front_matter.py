"""The incident's day (one fact, with its source), TOML front matter, and forgiving
decoding."""

from __future__ import annotations

import codecs
import datetime as dt
import json

import pytest
from click.testing import CliRunner

from postmortem_lint.cli.main import cli
from postmortem_lint.engine.config import LoadedConfig
from postmortem_lint.engine.runner import Linter
from postmortem_lint.model import Postmortem
from postmortem_lint.sources.reading import SourceText, decode
from tests.conftest import codes, lint_text, parse_text


def _dated(doc: Postmortem) -> tuple[dt.date | None, str | None]:
    meta = doc.meta
    return (meta.incident_date.value if meta.incident_date else None,
            meta.incident_date_source)


# -- dating ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("---\ndate: 2024-02-10\n---\n# Queue outage - March 3, 2024\n", "x.md",
     (dt.date(2024, 2, 10), "front-matter")),
    ("# Queue outage - March 3, 2024\n\nOn Monday 4 March 2024 the queue stalled.\n", "x.md",
     (dt.date(2024, 3, 3), "title")),
    ("# Queue outage\n\nOn Wednesday 4 December 2019, the queue stalled for an hour.\n",
     "2020-01-01-queue.md", (dt.date(2019, 12, 4), "first-paragraph")),
    ("# Queue outage\n\n## Timeline\n\n- 2019-12-04 10:00 UTC queue stalls\n",
     "2020-01-01-queue.md", (dt.date(2019, 12, 4), "timeline")),
    ("# Queue outage\n\n## Timeline\n\n- 10:00 UTC queue stalls\n", "2019-01-23-queue.md",
     (dt.date(2019, 1, 23), "file-name")),
    ("# Queue outage\n\nThe queue stalled.\n", "queue.md", (None, None)),
])
def test_the_incident_day_comes_from_the_best_source(text: str, name: str, expected):
    assert _dated(parse_text(text, name)) == expected


BACKGROUND_FIRST = """\
## Background

The sync service copies repository metadata between regions.

A flaw introduced on 14 June 2019 let the copy skip deleted rows.

On 2023-05-09 at 08:10 UTC the first region stopped serving stale rows; on 2023-05-09 the
second followed.

## Action items

- Add a replay check before each copy (due 2023-06-30).
"""


def test_a_date_the_narrative_tells_dates_a_document_with_no_better_source():
    """The day the narrative gives most often: not the flaw's old origin, not a deadline."""
    assert _dated(parse_text(BACKGROUND_FIRST)) == (dt.date(2023, 5, 9), "narrative")


def test_the_narrative_is_read_only_when_no_better_place_gives_the_day():
    doc = parse_text(BACKGROUND_FIRST, "2023-05-10-sync.md")
    assert _dated(doc) == (dt.date(2023, 5, 10), "file-name")


def test_numbers_that_only_look_like_dates_do_not_date_the_incident():
    doc = parse_text("## Background\n\nVersion 21.10.21.1959 of the extension fixed it.\n")
    assert _dated(doc) == (None, None)


@pytest.mark.parametrize("key", ["pubDate", "publishDate", "published_at", "publication date"])
def test_a_publication_date_key_is_the_date_published_not_the_date_written(key: str):
    doc = parse_text(f"---\ntitle: Storage outage\n{key}: May 2, 2024\n---\nBlobs failed.\n")
    assert doc.meta.date_published is not None
    assert doc.meta.date_published.value == dt.date(2024, 5, 2)
    assert doc.meta.date_written is None


def test_a_public_version_published_after_review_is_not_written_late():
    text = """\
        ---
        published: 2026-03-12
        ---
        # Login outage

        ## Timeline

        - 2026-02-26 14:02 UTC Onset: logins fail.
        - 2026-02-26 15:10 UTC Resolution: logins work again.
        """
    assert lint_text(text, select=["PM604"]) == []
    assert codes(lint_text(text.replace("published:", "date written:"), select=["PM604"])) == ["PM604"]


def test_a_date_field_in_the_body_outranks_the_title():
    doc = parse_text("# Outage - March 3, 2024\n\n**Date:** 2024-03-02\n\nThe queue stalled.\n")
    assert _dated(doc) == (dt.date(2024, 3, 2), "front-matter")


def test_the_timeline_uses_the_incident_day_for_times_without_a_date():
    doc = parse_text("# Queue outage - March 3, 2024\n\n## Timeline\n\n- 10:00 UTC queue stalls\n")
    assert doc.timeline.entries[0].at == dt.datetime(2024, 3, 3, 10, 0, tzinfo=dt.UTC)
    assert doc.timeline.entries[0].dated


def test_the_incident_day_and_its_source_are_in_the_json_output(tmp_path):
    path = tmp_path / "queue.md"
    path.write_text("# Queue outage - March 3, 2024\n\nThe queue stalled.\n")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--format", "json", str(path)])
    metrics = json.loads(result.output)["files"][0]["metrics"]
    assert (metrics["incident_date"], metrics["incident_date_source"]) == ("2024-03-03", "title")


# -- TOML front matter ----------------------------------------------------------------------

TOML = """\
+++
title = "Registry outage postmortem"
date = 2024-04-11
authors = ["Ana Silva", "Bo Chen"]
aliases = ["old/registry-outage.html"]

[extra]
team = "the [registry] team"
+++

The registry returned errors for two hours.
"""


def test_toml_front_matter_gives_the_metadata_with_its_lines():
    doc = parse_text(TOML)
    meta = doc.meta
    assert meta.title is not None and meta.title.value == "Registry outage postmortem"
    assert meta.title.span.line == 2
    assert [a.value for a in meta.authors] == ["Ana Silva", "Bo Chen"]
    assert meta.authors[0].span.line == 4
    assert _dated(doc) == (dt.date(2024, 4, 11), "front-matter")


def test_toml_front_matter_is_not_body_text():
    doc = parse_text(TOML)
    assert all("aliases" not in prose.text and "[registry]" not in prose.text
               for prose in doc.prose)
    assert "PM901" not in codes(lint_text(TOML, select=["PM901"]))


def test_invalid_toml_front_matter_is_a_finding_not_a_crash():
    findings = lint_text("+++\ntitle = \n+++\n\n# T\n", select=["PM002"])
    assert codes(findings) == ["PM002"]


# -- decoding -------------------------------------------------------------------------------

def test_a_stray_windows_1252_byte_is_reported_where_it_is_and_the_rest_is_linted():
    data = "# Checkout\n\nThe team’s deploy\n\n## Timeline\n\n- 14:32 Deploy\n".encode()
    data = data.replace("’".encode(), b"\x92")
    source = decode(data, "p.md")
    assert isinstance(source, SourceText)
    assert [(p.code, p.line, p.column) for p in source.problems] == [("PM004", 3, 9)]
    assert "\ufffd" in source.text
    linter = Linter(LoadedConfig(), select=["PM004", "PM301"], use_cache=False)
    result = linter.lint_bytes(data, "p.md")
    assert sorted(codes(result.findings)) == ["PM004", "PM301"]


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF8, "utf-8"),
                                            (codecs.BOM_UTF16_LE, "utf-16-le"),
                                            (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_a_bad_byte_behind_a_bom_is_reported_and_the_rest_is_read(bom: bytes, codec: str):
    good = "# Checkout\n\nfine line\n".encode(codec)
    bad = b"\xff" if codec == "utf-8" else ("\ud800".encode(codec, "surrogatepass"))
    data = bom + good + bad + "\n## Timeline\n\n- 14:32 Deploy\n".encode(codec)
    source = decode(data, "p.md")
    assert isinstance(source, SourceText)
    assert [(p.code, p.line, p.column) for p in source.problems] == [("PM004", 4, 1)]
    assert "- 14:32 Deploy" in source.text


# -- front matter written by site generators -------------------------------------------------


def test_authors_written_as_mappings_are_read_by_their_name() -> None:
    doc = parse_text("""\
        ---
        layout: post
        author:
          - name: "@river"
            link: "https://example.org/river"
          - name: Sam Okoro
            handle: "@sokoro"
        ---
        # Worker pool drained
        """)
    assert [a.value for a in doc.meta.authors] == ["@river", "Sam Okoro"]
    assert "PM003" not in codes(lint_text("---\nauthors:\n  - name: Ana\n---\n# T\n"))


def test_an_author_mapping_without_a_name_is_still_reported_in_a_yaml_postmortem() -> None:
    found = lint_text("title: T\nauthors:\n  - link: https://example.org\n", "pm.yaml")
    assert "PM003" in codes(found)


def test_a_site_s_own_author_shapes_in_front_matter_are_not_reported() -> None:
    """A page's front matter belongs to its site generator too: a person written as the
    site spells it is read by its name, and a shape we cannot read is skipped."""
    doc = parse_text("""\
        ---
        authors:
          - user: river-ops
          - github: sokoro
            avatar: /img/sokoro.png
        ---
        # Worker pool drained
        """)
    assert [a.value for a in doc.meta.authors] == ["river-ops", "sokoro"]
    for text in ("---\nauthors:\n  - link: https://example.org\n---\n# T\n",
                 "---\nauthors:\n  - user: ana\n---\n# T\n"):
        assert "PM003" not in codes(lint_text(text))


@pytest.mark.parametrize("flag", ["resolved: true", "published: true", "published: false"])
def test_a_status_flag_is_not_reported_as_a_bad_date(flag: str) -> None:
    # status pages write "resolved: true" for an incident that is over; site generators
    # write "published: false" for a draft
    text = f"---\ntitle: Mail relay outage\n{flag}\ndate: 2024-03-02\n---\n# T\n"
    assert "PM003" not in codes(lint_text(text))


def test_a_date_key_holding_true_is_still_reported() -> None:
    assert "PM003" in codes(lint_text("---\nreview_date: true\n---\n# Mail relay outage\n"))


def test_a_status_page_state_as_severity_is_not_reported() -> None:
    # status-page generators write a component state where a severity belongs
    assert "PM003" not in codes(lint_text("---\nseverity: down\n---\n# Mail relay outage\n"))
    assert "PM003" in codes(lint_text("---\nseverity: purple\n---\n# Mail relay outage\n"))


def test_a_site_s_own_value_shapes_in_front_matter_are_read_or_skipped() -> None:
    """A list where we read one value takes its first (as TOML front matter does); a
    mapping is the site's own and is skipped. In a YAML postmortem both are reported."""
    doc = parse_text("""\
        ---
        category: [database, outage]
        status:
          draft: false
          reviewed: true
        ---
        # Replica lag
        """)
    assert doc.meta.incident_class is not None
    assert doc.meta.incident_class.value == "database"
    assert not [p for p in doc.problems if p.code == "PM003"]
    found = lint_text("title: T\ncategory: [database, outage]\nstatus:\n  draft: false\n",
                      "pm.yaml")
    assert codes(found).count("PM003") == 2


def test_a_posts_date_is_its_publication_and_its_text_dates_the_incident():
    doc = parse_text("""\
        ---
        layout: post
        title: Search outage
        date: 2024-06-09
        ---

        On June 4th, 2024 search returned errors for every visitor for 40 minutes.
        """)
    assert _dated(doc) == (dt.date(2024, 6, 4), "first-paragraph")
    assert doc.meta.date_published is not None
    assert doc.meta.date_published.value == dt.date(2024, 6, 9)


@pytest.mark.parametrize(("timeline_day", "expected"), [
    ("2012-04-09", dt.date(2020, 4, 9)),  # the post's day and month, another year: a typo
    ("2020-05-02", dt.date(2020, 5, 2)),  # after the post's date: that date may be stale
    ("2020-04-06", dt.date(2020, 4, 6)),  # days before the post: the incident's day
])
def test_a_post_is_dated_by_its_timeline_unless_that_day_cannot_be_the_incidents(
        timeline_day: str, expected: dt.date):
    doc = parse_text(f"---\ndate: 2020-04-09\nauthor: kim\n---\n# Release broke builds\n\n"
                     f"## Timeline\n\n{timeline_day} (all times in UTC)\n\n"
                     "- 17:30 First reports of broken builds\n- 18:30 Release rolled back\n")
    assert doc.meta.incident_date is not None
    assert doc.meta.incident_date.value == expected


def test_a_status_page_s_max_severity_is_its_severity_field() -> None:
    text = "---\ntitle: Mail relay outage\nstatus: resolved\nmax_severity: {}\n---\nMail was late.\n"
    assert "PM701" not in codes(lint_text(text.format("down"), select=["PM701", "PM003"]))
    assert codes(lint_text(text.format("SEV-2"), select=["PM701", "PM003"])) == []
    assert "PM003" in codes(lint_text(text.format("purple"), select=["PM701", "PM003"]))
