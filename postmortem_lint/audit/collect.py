"""Collecting records: lint every file in worker processes and stream compact records back.

Each worker builds its :class:`~postmortem_lint.engine.runner.Linter` once, in the pool
initializer, so rule discovery, rule data and the NLP model (loaded lazily, on the
first file that needs it) cost once per worker, not once per file. Files go out in
small chunks with a bounded number in flight and come back as
:class:`~postmortem_lint.audit.record.DocumentRecord` objects in completion order, so
the parent's memory does not grow with queued work. Each record comes from the
whole-file cache when the file is unchanged: the audit profile is cached with it.

Nothing here stops at a bad file: read and parse problems are findings, an exception
while linting one file becomes a finding on that file, and a worker process that dies
is replaced and its files retried alone until the one that kills it is found.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from postmortem_lint.audit.profile import AuditProfiler
from postmortem_lint.audit.record import DocumentRecord, FindingRow, build_record
from postmortem_lint.engine.config import LoadedConfig
from postmortem_lint.engine.finding import Level
from postmortem_lint.engine.runner import Linter

INTERNAL_ERROR = "PM000"


@dataclass(frozen=True)
class LintSettings:
    """Everything a worker needs to build its own Linter; small and picklable."""

    loaded: LoadedConfig
    select: list[str] | None = None
    ignore: list[str] | None = None
    use_cache: bool = True
    today: dt.date | None = None
    debug: bool = False

    def linter(self) -> Linter:
        return Linter(self.loaded, select=self.select, ignore=self.ignore,
                      use_cache=self.use_cache, today=self.today, debug=self.debug,
                      extension=AuditProfiler())


def default_jobs() -> int:
    return os.cpu_count() or 1


def audit_file(linter: Linter, path: str) -> DocumentRecord:
    """Lint one file into its record; an unexpected failure becomes a finding."""
    try:
        return build_record(linter.lint_path(Path(path)), linter.data.score)
    except Exception as error:  # one broken file must not end the audit
        return failed_record(path, f"postmortem-lint failed on this file: "
                                   f"{type(error).__name__}: {error}")


def failed_record(path: str, message: str) -> DocumentRecord:
    return DocumentRecord(path=path, skipped=message, findings=[FindingRow(
        code=INTERNAL_ERROR, rule="internal", level=Level.error, line=1, column=1,
        message=message)])


# -- worker side -------------------------------------------------------------------------
# A pool initializer can only hand state to later tasks through the worker's module
# globals; this one is set once per worker process and never in the parent.
_worker_linter: Linter | None = None


def _start_worker(settings: LintSettings) -> None:
    global _worker_linter
    _worker_linter = settings.linter()


def _audit_chunk(paths: list[str]) -> list[DocumentRecord]:
    assert _worker_linter is not None, "worker started without its initializer"
    return [audit_file(_worker_linter, path) for path in paths]


# -- parent side -------------------------------------------------------------------------
def collect(paths: Sequence[str], settings: LintSettings, jobs: int,
            linter: Linter | None = None) -> Iterator[DocumentRecord]:
    """Records for ``paths``, in completion order. ``jobs`` 1 lints in this process
    (with ``linter`` when given); more uses that many worker processes."""
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        serial = linter or settings.linter()
        for path in paths:
            yield audit_file(serial, path)
        return
    yield from _parallel(paths, settings, jobs)


def chunk_size(count: int, jobs: int) -> int:
    """Small enough to balance uneven files across workers, large enough that the
    per-task overhead (pickling, queues) stays small next to linting."""
    return max(1, min(8, count // (jobs * 16)))


@dataclass
class _Batch:
    paths: list[str]
    attempt: int = 0  # 0 first try; 1 retried alone; 2 retried alone with nothing beside it


def _parallel(paths: Sequence[str], settings: LintSettings, jobs: int
              ) -> Iterator[DocumentRecord]:
    size = chunk_size(len(paths), jobs)
    queue = deque(_Batch(list(paths[i:i + size])) for i in range(0, len(paths), size))
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    while queue:
        pending: dict[Future[list[DocumentRecord]], _Batch] = {}
        broken: list[_Batch] = []
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                 initargs=(settings,)) as pool:
            while (queue or pending) and not broken:
                # A retried file runs with at most one other file in flight (attempt 1),
                # then alone (attempt 2), so the file that kills a worker is identified.
                limit = {0: jobs * 2, 1: jobs, 2: 1}[queue[0].attempt] if queue else 0
                while queue and len(pending) < limit and (
                        not pending or queue[0].attempt < 2):
                    batch = queue.popleft()
                    pending[pool.submit(_audit_chunk, batch.paths)] = batch
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    batch = pending.pop(future)
                    try:
                        records = future.result()
                    except BrokenProcessPool:
                        broken.append(batch)
                        continue
                    yield from records
            if broken:
                broken += pending.values()
                pool.shutdown(wait=True, cancel_futures=True)
        for batch in reversed(broken):
            if batch.attempt >= 2:
                yield failed_record(batch.paths[0], "a worker process died while linting "
                                    "this file (crash or out of memory)")
            else:
                queue.extendleft(_Batch([path], batch.attempt + 1)
                                 for path in reversed(batch.paths))
