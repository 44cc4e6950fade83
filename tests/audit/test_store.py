"""The record store: documents spooled to disk, read back in order."""

from __future__ import annotations

from postmortem_lint.audit.record import DocumentRecord
from postmortem_lint.audit.store import RecordStore


def test_records_come_back_by_path_and_by_score():
    with RecordStore() as store:
        for path, score in [("b.md", 90), ("c.md", None), ("a.md", 40), ("d.md", 40)]:
            store.add(DocumentRecord(path=path, score=score))
        assert len(store) == 4
        assert [r.path for r in store.by_path()] == ["a.md", "b.md", "c.md", "d.md"]
        assert [r.path for r in store.by_score()] == ["a.md", "d.md", "b.md", "c.md"]
        assert [r.path for r in store.by_score(limit=2)] == ["a.md", "d.md"]
        # two readers at once do not disturb each other
        pairs = list(zip(store.by_path(), store.by_score(), strict=True))
        assert pairs[0][0].path == "a.md" and pairs[3][1].path == "c.md"
