"""Generate a realistic archive of N postmortems for benchmarking ``postmortem-lint audit``.

Three templates (Markdown with tables, Markdown with "Key: value" lines and bullet
timelines, YAML), sizes from a page to several pages, incidents spread over ten
quarters, scenarios that repeat (same class, service and root cause), and the usual
defects: times without a zone, owners left as TBD, missing due dates, vague actions,
blaming sentences, missing sections, a few malformed YAML and binary files. The same
seed gives the same archive. Generated archives are never committed: by default they
go to a temporary folder.

    python bench/make_archive.py 500             # prints the folder it wrote
    python bench/make_archive.py 500 --out /tmp/archive --seed 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Scenario:
    incident_class: str
    services: tuple[str, ...]
    summary: str
    root_cause: str
    detect: str
    fix: str


SCENARIOS = [
    Scenario("deployment failure", ("checkout-api", "payments"),
             "A release of checkout-api raised the error rate for card payments.",
             "The rollout pipeline promoted a release whose new HTTP client default closed "
             "idle connections, and canary analysis had no fleet-level connection metric.",
             "CheckoutErrorRate alert fires", "rollback to the previous release completes"),
    Scenario("database failover", ("orders-db", "order-api"),
             "Writes to the orders database failed after an automatic failover.",
             "The connection pooler kept pointing at the old primary because failover only "
             "updated DNS and the pooler caches resolved addresses.",
             "OrdersWriteErrors alert pages the database on-call",
             "pooler restarted and writes succeed"),
    Scenario("certificate expiry", ("api-gateway",),
             "Clients could not connect to the public API after a certificate expired.",
             "Renewal of the gateway certificate was manual and the reminder reached a "
             "mailbox nobody reads, so the TLS certificate expired.",
             "synthetic TLS check fails", "renewed certificate deployed"),
    Scenario("capacity", ("media-store", "media-upload"),
             "Uploads failed once the media bucket reached its storage quota.",
             "Capacity planning for the bucket is a manual quarterly forecast, and no alert "
             "watches usage against the quota.",
             "upload error rate alert fires", "quota raised by the provider"),
    Scenario("dependency failure", ("sms-gateway", "phone-verification"),
             "Verification codes were not delivered while our SMS provider was degraded.",
             "We depend on a single third-party SMS provider with no fallback route, and the "
             "provider's status page was our only signal.",
             "delivery success rate alert fires", "traffic moved to the backup provider"),
    Scenario("dns", ("internal-dns", "service-mesh"),
             "Internal name resolution failed for a third of requests.",
             "The DNS resolver pods ran out of memory when the zone export doubled in size; "
             "nothing limits the zone size the pipeline publishes.",
             "resolver SERVFAIL rate alert fires", "resolver memory limit raised and pods "
             "restarted"),
    Scenario("configuration change", ("edge-proxy", "config-service"),
             "A rate-limit configuration push rejected legitimate traffic at the edge.",
             "The config pipeline validates syntax but not the effect of a rule, and pushes "
             "to every region at once.", "edge 429 rate alert fires",
             "previous configuration restored"),
    Scenario("data migration", ("search", "search-indexer"),
             "Search returned empty results after an index alias switched early.",
             "The reindex migration switched the alias before the new index was complete, "
             "because the migration script does not compare document counts.",
             "zero-result query rate alert fires", "alias switched back to the old index"),
    Scenario("security credential leak", ("log-shipper", "log-archive"),
             "A storage access key was exposed in a public repository.",
             "The log shipper printed its secret key in debug logs that were committed to a "
             "public repository; secret scanning was not enabled there.",
             "secret scanning partner notifies us", "key revoked and rotated"),
    Scenario("queue backlog", ("invoice-generator", "billing-events"),
             "Invoices were generated late while the consumer group kept rebalancing.",
             "Batch processing time exceeded the consumer's poll interval after a slower "
             "rendering step was added, and nothing measures batch time against that limit.",
             "consumer lag alert fires", "rollback and consumer scale-out drain the backlog"),
]

PEOPLE = ["Ana Silva", "Ben Okoro", "Cara Diaz", "Dan Wu", "Elif Yildiz", "Femi Adeyemi",
          "Greta Lind", "Hugo Martin", "Ines Duarte", "Jonas Keller", "Kofi Mensah",
          "Lena Brandt", "Mei Lin", "Nora Eriksen", "Omar Haddad", "Priya Raman"]
ACTIONS = [
    "Add an alert when {svc} error rate exceeds 2% for 5 minutes",
    "Add a canary stage at 5% of traffic for {svc} with automatic rollback",
    "Write a runbook section for {svc} failover with the exact commands",
    "Add a load test for {svc} at 2x peak traffic to the release pipeline",
    "Record the third-party limits of {svc} in the service catalogue",
    "Automate certificate renewal for {svc} and alert 21 days before expiry",
    "Add a dashboard panel for {svc} saturation linked from the runbook",
]
VAGUE = ["Improve monitoring", "Be more careful with deploys", "Improve communication",
         "Look into the root cause further"]
BLAME = ["{person} forgot to check the canary before promoting the release.",
         "The outage happened because {person} ignored the alert.",
         "Human error by {person} caused the incident."]
NARRATIVE = [
    "Responders first suspected the front end because its timeout fired before the "
    "backend's, which hid the real error for several minutes.",
    "The incident channel was opened within two minutes of the page and an incident "
    "commander was named, which kept the investigation in one place.",
    "Support posted a status banner so customers knew to retry later, and the banner was "
    "removed after forty minutes at baseline.",
    "The dashboard that showed the problem existed but was not linked from the runbook, so "
    "it took a while to find.",
    "Rollback was a known, tested path and was preferred over a forward fix that would have "
    "needed a new build.",
]


def _quarter_dates(rng: random.Random) -> dt.datetime:
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    day = start + dt.timedelta(days=rng.randrange(0, 900), minutes=rng.randrange(0, 1440))
    return day.replace(second=0, microsecond=0)


def _timeline(rng: random.Random, onset: dt.datetime, scenario: Scenario
              ) -> list[tuple[dt.datetime, str, str]]:
    detect = onset + dt.timedelta(minutes=rng.choice([2, 4, 7, 12, 20, 35, 60, 180]))
    mitigate = detect + dt.timedelta(minutes=rng.randrange(5, 90))
    resolve = mitigate + dt.timedelta(minutes=rng.randrange(5, 240))
    rows = [(onset - dt.timedelta(minutes=rng.randrange(5, 40)), "Other",
             "Change starts rolling out."),
            (onset, "Onset", f"Impact begins: {scenario.summary.lower()}"),
            (detect, "Detection", scenario.detect[0].upper() + scenario.detect[1:] + ".")]
    for _ in range(rng.randrange(0, 12)):  # investigation steps: sizes vary
        at = detect + (mitigate - detect) * rng.random()
        rows.append((at, "Other", rng.choice(NARRATIVE)))
    rows += [(mitigate, "Mitigation", scenario.fix[0].upper() + scenario.fix[1:] + "."),
             (resolve, "Resolution", "Error rate back to baseline; incident resolved.")]
    if rng.random() < 0.08:
        rows = [row for row in rows if row[1] != "Detection"]  # an unusable timeline
    return sorted(rows)


def _actions(rng: random.Random, day: dt.date, scenario: Scenario
             ) -> list[dict[str, str | None]]:
    out: list[dict[str, str | None]] = []
    for index in range(rng.randrange(1, 9)):
        text = rng.choice(ACTIONS).format(svc=rng.choice(scenario.services))
        if rng.random() < 0.1:
            text = rng.choice(VAGUE)
        owner: str | None = rng.choice(PEOPLE)
        if rng.random() < 0.08:
            owner = "TBD"
        due: str | None = (day + dt.timedelta(days=rng.choice([1, 7, 14, 30, 60, 90]))
                           ).isoformat()
        if rng.random() < 0.07:
            due = None
        status = rng.choices(["Done", "In progress", "Open", "Won't do"], [5, 2, 4, 1])[0]
        out.append({"text": text, "owner": owner, "due": due, "status": status,
                    "priority": f"P{min(index, 2)}", "ticket": f"OPS-{rng.randrange(1000, 9999)}"})
    return out


def _markdown_table(rng: random.Random, number: int, scenario: Scenario) -> str:
    onset = _quarter_dates(rng)
    day = onset.date()
    zone = rng.random() > 0.1  # 10% forget the zone
    lines = [f"# Postmortem: {scenario.summary.rstrip('.')}", "",
             f"**Incident ID:** INC-{day.year}-{number:04d}", f"**Date:** {day.isoformat()}",
             f"**Severity:** SEV-{rng.choice([1, 2, 2, 3, 3, 4])}",
             f"**Document owner:** {rng.choice(PEOPLE)}",
             f"**Date written:** {(day + dt.timedelta(days=rng.randrange(1, 10))).isoformat()}",
             f"**Incident class:** {scenario.incident_class}",
             f"**Services:** {', '.join(scenario.services)}"]
    if rng.random() < 0.3:
        lines.append(f"**Incident cost:** ${rng.randrange(1, 400) * 500:,}")
    lines += ["", "## Summary", "", scenario.summary + " " + rng.choice(NARRATIVE), "",
              "## Impact", "", f"- **Duration:** {rng.randrange(10, 300)} minutes",
              f"- **Customers:** {rng.randrange(100, 90000):,} customers saw errors.", ""]
    if rng.random() > 0.05:
        lines += ["## Root Cause", "", scenario.root_cause, ""]
    if rng.random() < 0.1:
        lines += [rng.choice(BLAME).format(person=rng.choice(PEOPLE)), ""]
    for _ in range(rng.randrange(0, 6)):
        lines += [rng.choice(NARRATIVE), ""]
    header = "Time (UTC)" if zone else "Time"
    lines += ["## Timeline", "", f"| {header} | Phase | Event |", "|---|---|---|"]
    for at, phase, event in _timeline(rng, onset, scenario):
        lines.append(f"| {at:%Y-%m-%d %H:%M} | {phase} | {event} |")
    lines += ["", "## Action Items", "", "| Action | Owner | Due | Priority | Status | Ticket |",
              "|---|---|---|---|---|---|"]
    for item in _actions(rng, day, scenario):
        lines.append(f"| {item['text']} | {item['owner'] or ''} | {item['due'] or ''} | "
                     f"{item['priority']} | {item['status']} | {item['ticket']} |")
    lines += ["", "## Lessons Learned", "", "### What went well", "", f"- {rng.choice(NARRATIVE)}",
              "", "### What went wrong", "", f"- {rng.choice(NARRATIVE)}", ""]
    if rng.random() > 0.2:
        review = day + dt.timedelta(days=rng.choice([30, 60]))
        lines += ["## Follow-up", "", f"- Action item review: {review.isoformat()}", ""]
    return "\n".join(lines)


def _markdown_fields(rng: random.Random, number: int, scenario: Scenario) -> str:
    onset = _quarter_dates(rng)
    day = onset.date()
    lines = [f"# Post-Mortem: {scenario.summary.rstrip('.')}", "", "## 1. Incident Summary", "",
             f"Incident ID: PM-{number:05d}", f"Date: {day.isoformat()}",
             f"Severity: SEV-{rng.choice([1, 2, 3])}",
             f"Date written: {(day + dt.timedelta(days=2)).isoformat()}",
             f"Incident class: {scenario.incident_class}",
             f"Affected services: {', '.join(scenario.services)}",
             f"Impact: {rng.randrange(10, 5000)} users affected", "", scenario.summary, "",
             "## 2. Timeline", ""]
    zone = " UTC" if rng.random() > 0.1 else ""
    for at, phase, event in _timeline(rng, onset, scenario):
        lines.append(f"- {at:%H:%M}{zone} — {phase}: {event}")
    lines += ["", "## 3. Root Cause Analysis — 5 Whys", ""]
    for index, why in enumerate(scenario.root_cause.split(", ")[:5], start=1):
        lines.append(f"{index}. **Why?** {why.strip().rstrip('.')}.")
    lines += ["", "## 4. Action Items", ""]
    for item in _actions(rng, day, scenario):
        due = f", due {item['due']}" if item["due"] else ""
        owner = f" — owner: {item['owner']}" if item["owner"] else ""
        mark = "x" if item["status"] == "Done" else " "
        lines.append(f"- [{mark}] {item['text']}{owner}{due}, {item['priority']}")
    for _ in range(rng.randrange(0, 4)):
        lines += ["", rng.choice(NARRATIVE)]
    return "\n".join(lines) + "\n"


def _yaml(rng: random.Random, number: int, scenario: Scenario) -> str:
    onset = _quarter_dates(rng)
    day = onset.date()
    out = [f"id: INC-{day.year}-Y{number:04d}", f"title: {scenario.summary.rstrip('.')}",
           f"severity: SEV-{rng.choice([1, 2, 3])}", f"owner: {rng.choice(PEOPLE)}",
           "incident:", f"  start: {onset:%Y-%m-%dT%H:%MZ}",
           f"date_written: {(day + dt.timedelta(days=1)).isoformat()}", "services:"]
    out += [f"  - {service}" for service in scenario.services]
    out += [f"incident_class: {scenario.incident_class}",
            f"summary: {scenario.summary}", "root_cause: >", f"  {scenario.root_cause}",
            "timeline:"]
    for at, phase, event in _timeline(rng, onset, scenario):
        out += [f"  - time: {at:%Y-%m-%dT%H:%MZ}", f"    phase: {phase.lower()}",
                f"    event: \"{event}\""]
    out.append("action_items:")
    for item in _actions(rng, day, scenario):
        out += [f"  - action: \"{item['text']}\"", f"    owner: {item['owner'] or ''}",
                f"    priority: {item['priority']}", f"    status: {str(item['status']).lower()}"]
        if item["due"]:
            out.append(f"    due: {item['due']}")
    if rng.random() > 0.2:
        out += ["follow_up:", f"  review_date: {(day + dt.timedelta(days=30)).isoformat()}"]
    text = "\n".join(out) + "\n"
    if rng.random() < 0.01:
        text = text.replace("services:", "services: [unclosed", 1)  # malformed YAML
    return text


def make_archive(count: int, folder: Path, seed: int = 1) -> Path:
    """Write ``count`` postmortems under ``folder`` (in yearly sub-folders)."""
    rng = random.Random(seed)
    weights = [8, 6, 5, 5, 4, 4, 3, 3, 2, 2]  # some scenarios repeat far more than others
    for number in range(1, count + 1):
        scenario = rng.choices(SCENARIOS, weights)[0]
        kind = rng.choices(["table", "fields", "yaml"], [5, 3, 3])[0]
        sub = folder / str(2024 + number % 3)
        sub.mkdir(parents=True, exist_ok=True)
        if rng.random() < 0.005:
            (sub / f"pm-{number:05d}.md").write_bytes(b"PK\x03\x04\x00\x00 exported binary")
            continue
        if kind == "yaml":
            (sub / f"pm-{number:05d}.yaml").write_text(_yaml(rng, number, scenario), "utf-8")
        elif kind == "fields":
            (sub / f"pm-{number:05d}.md").write_text(
                _markdown_fields(rng, number, scenario), "utf-8")
        else:
            (sub / f"pm-{number:05d}.md").write_text(
                _markdown_table(rng, number, scenario), "utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--out", type=Path, help="Folder to write (default: a new temp folder).")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="postmortem-archive-"))
    make_archive(args.count, folder, args.seed)
    print(folder)


if __name__ == "__main__":
    main()
