"""The outbox's SQLite file: one row per enrollment, WAL, every commit synced to disk (synchronous=FULL).

Only non-personal facts are in plain columns (key, environment, state, attempts, reason, field paths
and codes); the request and the collector number are in `sealed`, encrypted, or absent.
All calls run in one worker thread (see `Outbox`), never on the UI loop.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS enrollments (
    key TEXT PRIMARY KEY,
    environment TEXT NOT NULL,
    source TEXT,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    replayed INTEGER NOT NULL DEFAULT 0,
    field_errors TEXT,
    retry_at REAL,
    sealed BLOB,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
)
"""
COLUMNS = (
    "key, environment, source, state, attempts, reason, replayed, field_errors, retry_at, sealed, "
    "created_at, updated_at"
)


@dataclass
class Row:
    key: str
    environment: str
    source: str | None
    state: str
    attempts: int
    reason: str | None
    replayed: bool
    field_errors: str | None
    retry_at: float | None
    sealed: bytes | None
    created_at: float
    updated_at: float

    def values(self) -> tuple[object, ...]:
        return (
            self.key,
            self.environment,
            self.source,
            self.state,
            self.attempts,
            self.reason,
            int(self.replayed),
            self.field_errors,
            self.retry_at,
            self.sealed,
            self.created_at,
            self.updated_at,
        )


class OutboxFile:
    """Blocking access to the SQLite file; used from one thread at a time."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute(SCHEMA)

    def transaction(self, writes: Sequence[Callable[[], T]]) -> list[T | sqlite3.Error]:
        """Run `writes` (insert, update, delete) under one commit, each one's result in order.

        When one fails, the others are run again each under its own commit, so only the failing one
        gets its error (as its result).
        """
        try:
            return list(self._committed(writes))
        except sqlite3.Error as exc:
            if len(writes) == 1:
                return [exc]
        outcomes: list[T | sqlite3.Error] = []
        for write in writes:
            try:
                outcomes += self._committed([write])
            except sqlite3.Error as exc:
                outcomes.append(exc)
        return outcomes

    def _committed(self, writes: Sequence[Callable[[], T]]) -> list[T]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            results = [write() for write in writes]
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return results

    def load(self) -> list[Row]:
        cursor = self._db.execute(f"SELECT {COLUMNS} FROM enrollments ORDER BY rowid")  # noqa: S608
        return [_row(values) for values in cursor]

    def insert(self, row: Row) -> bool:
        """Add the row unless its key is there already; True when added."""
        cursor = self._db.execute(
            f"INSERT OR IGNORE INTO enrollments ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",  # noqa: S608
            row.values(),
        )
        return cursor.rowcount == 1

    def update(self, row: Row) -> None:
        self._db.execute(
            "UPDATE enrollments SET state=?, attempts=?, reason=?, replayed=?, field_errors=?, retry_at=?, "
            "sealed=?, updated_at=? WHERE key=?",
            (
                row.state,
                row.attempts,
                row.reason,
                int(row.replayed),
                row.field_errors,
                row.retry_at,
                row.sealed,
                row.updated_at,
                row.key,
            ),
        )

    def delete(self, keys: list[str]) -> None:
        self._db.executemany("DELETE FROM enrollments WHERE key=?", [(key,) for key in keys])

    def close(self) -> None:
        self._db.close()


def _row(values: tuple[object, ...]) -> Row:
    (
        key,
        environment,
        source,
        state,
        attempts,
        reason,
        replayed,
        errors,
        retry_at,
        sealed,
        created,
        updated,
    ) = values
    return Row(
        key=str(key),
        environment=str(environment),
        source=source if isinstance(source, str) else None,
        state=str(state),
        attempts=int(attempts),  # type: ignore[call-overload]
        reason=reason if isinstance(reason, str) else None,
        replayed=bool(replayed),
        field_errors=errors if isinstance(errors, str) else None,
        retry_at=float(retry_at) if isinstance(retry_at, int | float) else None,
        sealed=bytes(sealed) if isinstance(sealed, bytes | memoryview) else None,
        created_at=float(created),  # type: ignore[arg-type]
        updated_at=float(updated),  # type: ignore[arg-type]
    )
