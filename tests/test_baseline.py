"""A baseline hides today's findings; only new ones are reported."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from postmortem_lint.cli.main import cli
from postmortem_lint.engine.baseline import BASELINE_FILE

DOC = textwrap.dedent("""\
    # Checkout errors

    ## Timeline

    - 14:32 UTC — Deploy of checkout-api v2.1.3 started
    - 2026-02-17 09:10 CET — Error rate alert fired
    - 15:02 UTC — **Mitigation:** rollback finished
    """)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def check_codes(folder: Path, *extra: str) -> tuple[list[tuple[str, int]], str]:
    code, out, err = run("check", "--no-cache", "--select", "PM302,PM304", "--format", "json",
                         *extra, str(folder))
    assert code in (0, 1), err
    report = json.loads(out)
    found = [(f["code"], f["span"]["line"]) for file in report["files"]
             for f in file["findings"]]
    return found, err


def make_repo(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".postmortem-lint.yaml").write_text("select: [PM302, PM304]\n")
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / "checkout.md").write_text(DOC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("baseline", "--no-cache", "postmortems")
    assert code == 0, err
    assert "Wrote 2 findings in 1 files" in out
    return folder


def test_baselined_findings_are_hidden_and_counted(tmp_path, monkeypatch):
    folder = make_repo(tmp_path, monkeypatch)
    written = json.loads((tmp_path / BASELINE_FILE).read_text())
    assert {entry["path"] for entry in written["findings"]} == {"postmortems/checkout.md"}
    found, err = check_codes(folder)
    assert found == []
    assert "2 baselined findings hidden" in err
    found, _ = check_codes(folder, "--no-baseline")
    assert sorted(code for code, _ in found) == ["PM302", "PM304"]


def test_moving_lines_does_not_resurrect_baselined_findings(tmp_path, monkeypatch):
    folder = make_repo(tmp_path, monkeypatch)
    moved = DOC.replace("## Timeline\n", "Written by the checkout team.\n\nMore context.\n\n"
                        "## Timeline\n")
    (folder / "checkout.md").write_text(moved, encoding="utf-8")
    found, _ = check_codes(folder)
    assert found == []


def test_editing_the_offending_sentence_makes_it_new(tmp_path, monkeypatch):
    folder = make_repo(tmp_path, monkeypatch)
    edited = DOC.replace("09:10 CET — Error rate alert fired", "09:12 CET — Error rate alert "
                         "fired for checkout")
    (folder / "checkout.md").write_text(edited, encoding="utf-8")
    found, err = check_codes(folder)
    assert found == [("PM302", 6)]
    assert "1 baselined finding no longer occur" in err


def test_a_new_finding_is_reported_and_fails(tmp_path, monkeypatch):
    folder = make_repo(tmp_path, monkeypatch)
    (folder / "checkout.md").write_text(DOC + "- 2026-02-17 10:00 PST — Recovered\n")
    code, out, _ = run("check", "--no-cache", str(folder / "checkout.md"))
    assert code == 1
    assert "10:00 PST" in out and "09:10 CET" not in out


def test_baseline_option_and_sarif_share_fingerprints(tmp_path, monkeypatch):
    folder = make_repo(tmp_path, monkeypatch)
    code, out, _ = run("check", "--no-cache", "--no-baseline", "--format", "sarif",
                       str(folder))
    sarif = {r["partialFingerprints"]["postmortemLint/v1"] for r in json.loads(out)["runs"][0]
             ["results"]}
    baseline = {e["fingerprint"] for e in json.loads((tmp_path / BASELINE_FILE).read_text())
                ["findings"]}
    assert sarif == baseline
    elsewhere = tmp_path / "elsewhere.json"
    (tmp_path / BASELINE_FILE).rename(elsewhere)
    found, _ = check_codes(folder)
    assert len(found) == 2
    found, _ = check_codes(folder, "--baseline", str(elsewhere))
    assert found == []


def test_an_unreadable_baseline_is_an_error(tmp_path, monkeypatch):
    folder = make_repo(tmp_path, monkeypatch)
    (tmp_path / BASELINE_FILE).write_text("{not json")
    code, _, err = run("check", "--no-cache", str(folder))
    assert code == 2 and "baseline" in err


def test_rerunning_baseline_shrinks_the_file_check_uses(tmp_path, monkeypatch):
    folder = make_repo(tmp_path, monkeypatch)
    (tmp_path / ".postmortem-lint.yaml").unlink()
    (folder / "checkout.md").write_text(DOC.replace("09:10 CET", "08:10 UTC"))
    monkeypatch.chdir(folder)  # from another folder: the baseline in use is rewritten
    code, out, _ = run("baseline", "--no-cache", "--select", "PM302,PM304", ".")
    assert code == 0 and "Wrote 1 findings" in out
    assert not (folder / BASELINE_FILE).exists()
    written = json.loads((tmp_path / BASELINE_FILE).read_text())
    assert [entry["code"] for entry in written["findings"]] == ["PM304"]
    assert written["findings"][0]["path"] == "postmortems/checkout.md"
