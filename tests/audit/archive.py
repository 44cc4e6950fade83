"""A small archive of postmortems whose audit answers are known (worked out by hand in
the comments), shared by the audit tests. ``TODAY`` is the audit date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TODAY = dt.date(2026, 7, 1)

# 2026-Q1, SEV-1. MTTD 5, MTTR 60. Actions: done; Ben open due 03-01 (122 days late);
# TBD (no owner) open due 06-20 (11 days late). Review 02-10 passed, written 01-12:
# overdue. Root cause: capacity. Cost not stated.
INC_A = """\
# Orders API errors from connection pool exhaustion

**Incident ID:** INC-A
**Date:** 2026-01-10
**Severity:** SEV-1
**Document owner:** Ana Silva
**Date written:** 2026-01-12
**Incident class:** Connection pool exhaustion
**Services:** orders-db, checkout

## Summary

Checkout failed for 55 minutes because the orders database connection pool was exhausted.

## Root Cause

The connection pool limit of 200 was exhausted when a batch job opened long-lived
connections; nothing capped the batch job's share of the pool.

## Timeline

| Time (UTC) | Phase | Event |
|---|---|---|
| 10:00 | Onset | Batch job starts; pool usage climbs to 200 of 200. |
| 10:05 | Detection | OrdersPoolSaturated alert pages the on-call. |
| 10:30 | Mitigation | Batch job paused. |
| 11:00 | Resolution | Error rate back to baseline. |

## Action Items

| Action | Owner | Due | Priority | Status |
|---|---|---|---|---|
| Cap the batch job at 20 pool connections | Ana Silva | 2026-02-01 | P1 | Done |
| Alert when pool usage exceeds 80% for 5 minutes | Ben Okoro | 2026-03-01 | P1 | Open |
| Load test the pool with the batch job running | TBD | 2026-06-20 | P2 | Open |

## Follow-up

- Action item review: 2026-02-10
"""

# 2026-Q1, SEV-2. MTTD 20, MTTR 120. Actions: Ben in progress due 06-30 (1 day late);
# Cara open, no due date; Dan won't do, due 01-01 (not overdue). Review 08-01:
# scheduled. Root cause: capacity. Cost $12,500.
INC_B = """\
id: INC-B
title: Order history timeouts from connection pool saturation
severity: SEV-2
owner: Ben Okoro
incident:
  start: 2026-02-15T08:00Z
  end: 2026-02-15T10:00Z
date_written: 2026-02-16
services:
  - orders-db
incident_class: connection pool exhaustion
cost: "$12,500 in SLA credits"
summary: Order history pages timed out for two hours.
root_cause: >
  The connection pool was saturated by slow queries; the pool limit was never
  revisited after traffic doubled.
timeline:
  - time: 2026-02-15T08:00Z
    phase: onset
    event: Slow queries start holding connections.
  - time: 2026-02-15T08:20Z
    phase: detection
    event: Latency alert pages the on-call.
  - time: 2026-02-15T10:00Z
    phase: resolution
    event: Query plan fixed; latency normal.
action_items:
  - action: Add a statement timeout of 5 seconds to the order history queries
    owner: Ben Okoro
    due: 2026-06-30
    priority: P2
    status: in progress
  - action: Review the pool limit against peak traffic every quarter
    owner: Cara Diaz
    priority: P2
    status: open
  - action: Move order history to a read replica
    owner: Dan Wu
    due: 2026-01-01
    priority: P2
    status: won't do
follow_up:
  review_date: 2026-08-01
"""

# 2026-Q2, SEV-1. MTTD 30, MTTR 45. Two done actions. No review date: missing, due by
# 05-05 (57 days late on 07-01). Root cause: certificate/expiry. Cost EUR 3k.
INC_C = """\
# Checkout down after certificate expiry

**Incident ID:** INC-C
**Date:** 2026-04-05
**Severity:** SEV-1
**Date written:** 2026-04-06
**Incident class:** certificate expiry
**Services:** checkout, orders-db
**Incident cost:** EUR 3k

## Summary

The checkout API certificate expired and clients refused to connect for 45 minutes.

## Root Cause

The TLS certificate for the checkout API expired because its renewal was manual and
the reminder went to a mailbox nobody read.

## Timeline

| Time (UTC) | Phase | Event |
|---|---|---|
| 09:00 | Onset | Certificate expires; TLS handshakes fail. |
| 09:30 | Detection | Synthetic check pages the on-call. |
| 09:45 | Resolution | New certificate deployed. |

## Action Items

| Action | Owner | Due | Priority | Status |
|---|---|---|---|---|
| Move the checkout certificate to automated renewal | Ana Silva | 2026-05-01 | P1 | Done |
| Alert 21 days before any certificate expires | Ana Silva | 2026-05-02 | P1 | Done |
"""

# 2026-Q2, SEV-2. No detection entry: MTTD unusable. MTTR 90. No actions. Review 06-15,
# written 06-16: held. Root cause: certificate/expiry.
INC_D = """\
# Search unavailable after an expired certificate

**Incident ID:** INC-D
**Date:** 2026-05-20
**Severity:** SEV-2
**Date written:** 2026-06-16
**Services:** search

## Summary

Search was unavailable for 90 minutes.

## Root Cause

The search cluster's internal certificate expired; renewal was not automated.

## Timeline

| Time (UTC) | Phase | Event |
|---|---|---|
| 12:00 | Onset | Certificate expires; nodes drop out of the cluster. |
| 13:30 | Resolution | Certificate renewed, cluster healthy. |

## Follow-up

- Action item review: 2026-06-15
"""

# 2025-Q4, SEV-3. No timeline: MTTD and MTTR unusable. Ben open due 2025-12-01 (212
# days late). No review: missing. Root cause unclassified. Before --since 2026-01-01.
INC_E = """\
# Nightly report emailed late

**Incident ID:** INC-E
**Date:** 2025-11-03
**Severity:** SEV-3
**Date written:** 2025-11-04

## Summary

The nightly report reached readers three hours late.

## Root Cause

Something odd happened with the report scheduler.

## Action Items

| Action | Owner | Due | Priority | Status |
|---|---|---|---|---|
| Page reporting on-call when the report is 30 minutes late | Ben Okoro | 2025-12-01 | P2 | Open |
"""


def write_archive(folder: Path, *, with_broken: bool = True) -> Path:
    """Write the archive into ``folder``/archive; returns that path."""
    root = folder / "archive"
    (root / "2026").mkdir(parents=True)
    (root / "2025").mkdir()
    (root / "2026" / "inc-a.md").write_text(INC_A, encoding="utf-8")
    (root / "2026" / "inc-b.yaml").write_text(INC_B, encoding="utf-8")
    (root / "2026" / "inc-c.md").write_text(INC_C, encoding="utf-8")
    (root / "2026" / "inc-d.md").write_text(INC_D, encoding="utf-8")
    (root / "2025" / "inc-e.md").write_text(INC_E, encoding="utf-8")
    if with_broken:
        (root / "2026" / "broken.md").write_bytes(b"# Broken\x00\x01\x02 binary export\n")
    (folder / ".postmortem-lint.yaml").write_text(
        f"cache-dir: {(folder / 'cache').as_posix()}\n", encoding="utf-8")
    return root
