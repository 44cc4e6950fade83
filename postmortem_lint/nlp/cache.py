"""The on-disk cache of per-sentence analyses, shared by runs and worker processes.

One SQLite database in ``<cache dir>/nlp/``, in WAL mode: any number of
processes read while one writes, and a writer waits (``busy_timeout``) instead
of failing. Keys hash the sentence text with a salt made of the spaCy model's
name and version, the lexicon fingerprint and the analysis code's version, so
changing any of them simply misses. A cache that cannot be opened or written
(read-only folder, corrupt file) is switched off for the run, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_FILE = "sentences.sqlite3"
_CHUNK = 500  # SQLite's default limit on host parameters is 999


class SentenceCache:
    def __init__(self, folder: Path, salt: str):
        self.path = folder / _FILE
        self.salt = salt.encode()
        self._db: Any = None
        self._broken = False

    def key(self, text: str) -> str:
        return hashlib.blake2b(self.salt + b"\0" + text.encode("utf-8", "surrogatepass"),
                               digest_size=16).hexdigest()

    def get_many(self, texts: Iterable[str]) -> dict[str, str]:
        """Sentence -> stored value, for the sentences that are cached."""
        keys = {self.key(text): text for text in texts}
        if not keys or not self.path.exists():
            return {}
        db = self._connect()
        if db is None:
            return {}
        found: dict[str, str] = {}
        wanted = list(keys)
        try:
            for index in range(0, len(wanted), _CHUNK):
                chunk = wanted[index:index + _CHUNK]
                rows = db.execute("SELECT key, hits FROM sentences WHERE key IN "
                                  f"({','.join('?' * len(chunk))})", chunk).fetchall()
                found.update((keys[key], hits) for key, hits in rows)
        except Exception:  # noqa: BLE001 - a broken cache must never fail a lint run
            self._disable()
            return {}
        return found

    def put_many(self, values: dict[str, str]) -> None:
        if not values:
            return
        db = self._connect()
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO sentences (key, hits) VALUES (?, ?)",
                           [(self.key(text), value) for text, value in values.items()])
            db.execute("COMMIT")
        except Exception:  # noqa: BLE001
            self._disable()

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.close()
            self._db = None

    def _connect(self):  # noqa: ANN202 - sqlite3 is imported lazily
        if self._db is not None or self._broken:
            return self._db
        import sqlite3

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None,
                                 check_same_thread=False)
            db.execute("PRAGMA busy_timeout = 10000")
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS sentences "
                       "(key TEXT PRIMARY KEY, hits TEXT NOT NULL) WITHOUT ROWID")
        except Exception:  # noqa: BLE001
            self._disable()
            return None
        self._db = db
        return db

    def _disable(self) -> None:
        self.close()
        self._broken = True
