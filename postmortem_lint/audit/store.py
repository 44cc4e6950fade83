"""Where an audit keeps its documents: spooled to a temporary file as they arrive, with
only a small index (path, score, position) in memory, so the parent's memory does not
grow with the size of the records. Renderers read the documents back one at a time."""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Iterator
from typing import NamedTuple

from postmortem_lint.audit.record import DocumentRecord


class _Entry(NamedTuple):
    path: str
    score: int | None
    offset: int
    size: int


def _by_score(entry: _Entry) -> tuple[bool, int, str]:
    return (entry.score is None, entry.score or 0, entry.path)


class RecordStore:
    """The audited documents, read back in path order or lowest score first."""

    def __init__(self) -> None:
        # Kept open for the store's life and closed by close(); deleted by the system.
        self._file = tempfile.TemporaryFile(prefix="postmortem-audit-")  # noqa: SIM115
        self._index: list[_Entry] = []
        self._end = 0

    def add(self, record: DocumentRecord) -> None:
        blob = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._end)
        self._file.write(blob)
        self._index.append(_Entry(record.path, record.score, self._end, len(blob)))
        self._end += len(blob)

    def __len__(self) -> int:
        return len(self._index)

    def _read(self, entry: _Entry) -> DocumentRecord:
        self._file.seek(entry.offset)
        record: DocumentRecord = pickle.loads(self._file.read(entry.size))
        return record

    def by_path(self) -> Iterator[DocumentRecord]:
        for entry in sorted(self._index):
            yield self._read(entry)

    def by_score(self, limit: int | None = None) -> Iterator[DocumentRecord]:
        """Lowest compliance first (files that were not linted last), then by path."""
        entries = sorted(self._index, key=_by_score) if limit is None else heapq.nsmallest(
            limit, self._index, key=_by_score)
        for entry in entries:
            yield self._read(entry)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
