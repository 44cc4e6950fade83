"""Action items written as sub-headings of the action section, each with a paragraph."""

from __future__ import annotations

from postmortem_lint.model import ItemStatus
from tests.conftest import codes, lint_text, parse_text, reported

DONE = """\
# Queue outage

## Follow-up actions

#### 1) Disk alerts configured by the platform team

An alert now fires when a database disk is 85% full.

#### 2) Retention job scheduled

Archives older than five days are removed every night.

```bash
find /var/archive -mtime +5 -delete
```
"""

PLANNED = """\
# Queue outage

**Status:** final

## Action items

### Add an alert on queue depth

Page the on-call engineer when the queue holds more than 10,000 messages.

### Document the failover steps

Write down the manual steps we took so the next responder has them.
"""

GROUPS = """\
# Queue outage

## Action items

### Short term

- Add an alert on queue depth (owner: Ana, due 2026-05-01)
- Rotate the broker credentials (owner: Ben, due 2026-05-03)

### Long term

- Move the broker to the managed service (owner: Ana, due 2026-08-01)
"""

TOPICS = """\
# Queue outage

## How we will do better

### Faster rollback

Rolling back was not possible because old packages were gone. We need to keep the last
three releases so a rollback takes minutes.

### Cleaner machines

We need to remove old log files so responders find the right one.
"""


def test_sub_headings_that_report_changes_made_are_done_items() -> None:
    items = parse_text(DONE).action_items
    assert [item.words.text for item in items] == [
        "1) Disk alerts configured by the platform team", "2) Retention job scheduled"]
    assert all(item.status is not None and item.status.value == ItemStatus.done
               for item in items)
    found = codes(lint_text(DONE))
    assert "PM501" not in found  # the section lists its items
    assert not {"PM502", "PM503", "PM504", "PM507"} & set(found)  # done: nothing to ask


def test_sub_headings_that_say_what_to_do_are_open_items() -> None:
    items = parse_text(PLANNED).action_items
    assert [item.words.text for item in items] == [
        "Add an alert on queue depth", "Document the failover steps"]
    assert all(item.status is None for item in items)
    found = reported(lint_text(PLANNED))
    assert "PM501" not in found
    assert "PM502" in found and "PM503" in found  # open items without owner or date


def test_headings_over_lists_group_the_items() -> None:
    items = parse_text(GROUPS).action_items
    assert [item.words.text.split(" (")[0] for item in items] == [
        "Add an alert on queue depth", "Rotate the broker credentials",
        "Move the broker to the managed service"]


def test_topic_headings_are_not_items() -> None:
    words = [item.words.text for item in parse_text(TOPICS).action_items]
    assert "Faster rollback" not in words and "Cleaner machines" not in words
