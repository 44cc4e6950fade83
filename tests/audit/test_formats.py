"""The report formats: JSON against its committed schema, CSV, Markdown and text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from jsonschema import Draft202012Validator

from postmortem_lint.audit.analytics import Audit
from postmortem_lint.audit.render import render
from postmortem_lint.audit.render.csv_report import ACTION_COLUMNS, DOCUMENT_COLUMNS
from postmortem_lint.audit.report import AuditReport
from postmortem_lint.cli.main import cli
from tests.audit.conftest import audit_of
from tests.conftest import REPO


def test_json_matches_the_committed_schema(audited: Audit, report: AuditReport):
    schema = json.loads((REPO / "schemas" / "audit.schema.json").read_text(encoding="utf-8"))
    document = json.loads(render(audited, "json"))
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(document)]
    assert errors == []
    assert AuditReport.model_validate(document) == report
    # written piece by piece, yet exactly what the model would print
    assert render(audited, "json") == report.model_dump_json(indent=2) + "\n"


def test_an_empty_folder_is_an_empty_audit(tmp_path: Path):
    result = CliRunner().invoke(cli, ["audit", str(tmp_path), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["documents"] == [] and document["totals"]["files"] == 0


def test_csv_on_stdout_has_a_document_table_then_an_action_table(audited: Audit,
                                                                 report: AuditReport):
    text = render(audited, "csv")
    documents, actions = text.split("\n\n")
    doc_rows = list(csv.DictReader(io.StringIO(documents)))
    action_rows = list(csv.DictReader(io.StringIO(actions)))
    assert list(doc_rows[0]) == DOCUMENT_COLUMNS and list(action_rows[0]) == ACTION_COLUMNS
    assert len(doc_rows) == 6 and len(action_rows) == 9
    inc_a = next(r for r in doc_rows if r["id"] == "INC-A")
    assert (inc_a["score"], inc_a["mttd_minutes"], inc_a["actions_overdue"]) == (
        str(report.documents[[d.profile.id for d in report.documents].index("INC-A")].score),
        "5.0", "2")
    assert inc_a["review_state"] == "overdue"
    assert (inc_a["repeat_classes"], inc_a["repeat_flag"]) == (
        "Connection pool exhaustion", "escalate")
    assert inc_a["path"] == "2026/inc-a.md"  # relative to the audited folder
    assert 0 <= float(inc_a["score_root_cause"]) < 20 and inc_a["incident_date"] == "2026-01-10"
    assert next(r for r in doc_rows if r["path"] == "2026/broken.md")["id"] == "broken"
    late = [r for r in action_rows if r["days_overdue"]]
    assert sorted(int(r["days_overdue"]) for r in late) == [1, 11, 122, 212]
    assert {r["id"] for r in action_rows} <= {"INC-A", "INC-B", "INC-C", "INC-E"}


def test_csv_and_json_hold_the_full_action_text(tmp_path: Path):
    action = ("Add a statement timeout of five seconds to every order history query, and "
              "alert when more than one percent of those queries time out over ten minutes, "
              "so slow plans are caught before they hold the pool")
    assert len(action) > 140
    (tmp_path / "pm-7.md").write_text(
        "# Slow queries\n\n## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n"
        f"| {action} | Ana | 2026-03-01 |\n",
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(tmp_path), "--today", "2026-07-01",
                                      "--format", "csv", "--no-cache"])
    actions = list(csv.DictReader(io.StringIO(result.output.split("\n\n")[1])))
    assert [(r["id"], r["path"], r["action"]) for r in actions] == [("pm-7", "pm-7.md", action)]
    result = CliRunner().invoke(cli, ["audit", str(tmp_path), "--today", "2026-07-01",
                                      "--format", "json", "--no-cache"])
    document = json.loads(result.output)
    assert document["actions"]["open_items"][0]["text"] == action
    assert [(d["id"], d["path"]) for d in document["documents"]] == [("pm-7", "pm-7.md")]


def test_csv_output_writes_two_files(archive: Path, tmp_path: Path):
    out = tmp_path / "audit.csv"
    result = CliRunner().invoke(cli, ["audit", str(archive), "--today", "2026-07-01",
                                      "--format", "csv", "-o", str(out)])
    assert result.exit_code == 1, result.output
    documents = list(csv.DictReader(out.open(encoding="utf-8")))
    actions = list(csv.DictReader((tmp_path / "audit-actions.csv").open(encoding="utf-8")))
    assert (len(documents), len(actions)) == (6, 9)


def test_markdown_and_text_hold_every_section(audited: Audit):
    markdown = render(audited, "markdown")
    text = render(audited, "text")
    for title in ("Weakest documents", "Open action items by owner",
                  "Overdue action items by owner", "Follow-up reviews missing or overdue",
                  "Repeat incidents", "Quarterly incident review", "MTTD and MTTR per quarter",
                  "MTTD and MTTR per severity", "Top rule violations", "Root-cause categories",
                  "Incident cost", "Findings per quarter", "Documents"):
        assert f"## {title}" in markdown
        assert title in text
    assert "| INC-A |" in markdown
    assert "\x1b[" not in text
    assert "\x1b[" in render(audited, "text", color=True)


def test_csv_text_cells_never_start_a_spreadsheet_formula(tmp_path: Path):
    (tmp_path / "pm.md").write_text(
        "# =HYPERLINK(\"http://x.test\")\n\n## Action items\n\n"
        "- @cmd|' /C calc'!A0 — owner: Ana, due: 2026-03-01\n", encoding="utf-8")
    out = tmp_path / "audit.csv"
    CliRunner().invoke(cli, ["audit", str(tmp_path / "pm.md"), "--today", "2026-07-01",
                             "--format", "csv", "-o", str(out), "--no-cache"])
    cells = [cell for path in (out, tmp_path / "audit-actions.csv")
             for row in csv.reader(path.open(encoding="utf-8")) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]


def test_the_terminal_listing_shows_a_path_only_when_the_id_does_not_say_it(tmp_path: Path):
    # Ids that are their file names: the path column would repeat the id on a narrow screen.
    for name in ("db-outage", "dns-outage"):
        (tmp_path / f"{name}.md").write_text(f"# {name}\n\nSomething broke.\n", encoding="utf-8")
    by_name = _documents_table(render(audit_of(tmp_path), "text"))
    assert "| Path" not in by_name and "db-outage" in by_name
    # An id from the metadata: the path is the only way to find the file.
    (tmp_path / "db-outage.md").write_text("---\nid: INC-7\n---\n# DB outage\n", encoding="utf-8")
    with_ids = _documents_table(render(audit_of(tmp_path), "text"))
    assert "| Path" in with_ids and "INC-7" in with_ids


def _documents_table(text: str) -> str:
    return text[text.index("Documents (lowest score first)"):]
