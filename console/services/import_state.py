"""An import's own state: a small SQLite file next to the import file, so a re-run resumes.

Qt-free. It holds, per environment and good row, a keyed hash of the row's checked values (never the
values), the row's idempotency key, and its outcome (status, collector number, the fields the service
refused and its message), and the consent capture time it was first sent with, so that a row sent again
is the very same request. No name, email, phone, address or date of birth is written. A row's key is committed
(WAL, synced to disk) before the row is first sent; outcomes are written in batches (`commit`), before the
rows' outbox items are dropped, and left for the system to sync.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from console.services.import_results import Status

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rows (
    environment TEXT NOT NULL,
    hash TEXT NOT NULL,
    key TEXT NOT NULL,
    status TEXT NOT NULL,
    collector_number TEXT,
    fields TEXT,
    message TEXT,
    captured_at TEXT NOT NULL,
    row INTEGER NOT NULL,
    run INTEGER NOT NULL,
    PRIMARY KEY (environment, hash)
);
"""


def state_path(import_file: Path | str) -> Path:
    """`people.csv` -> `people.import-state.sqlite3`, beside it."""
    path = Path(import_file)
    return path.with_name(path.stem + ".import-state.sqlite3")


@dataclass(frozen=True)
class RowState:
    key: str
    status: Status
    collector_number: str | None
    fields: str
    message: str
    captured_at: datetime
    row: int
    run: int


class StateError(OSError):
    """The state file cannot be opened or written."""


class ImportState:
    """The state of one import file, for one environment."""

    def __init__(self, path: Path | str, environment: str) -> None:
        self.path = Path(path)
        self.environment = environment
        self._later: list[tuple[str, tuple[object, ...]]] = []
        """Writes kept for the next commit: outcomes and rows met."""
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            self._salt = bytes.fromhex(self._meta("salt", lambda: secrets.token_hex(16)))
            self.run = int(self._meta("run", lambda: "0")) + 1
            self._db.execute("UPDATE meta SET value = ? WHERE name = 'run'", (str(self.run),))
            self._earlier = self._db.execute(
                "SELECT EXISTS (SELECT 1 FROM rows WHERE environment = ?)", (environment,)
            ).fetchone()[0] == 1
            """Earlier runs left rows: without any, no row of this run needs looking up."""
        except sqlite3.Error as exc:
            raise StateError(f"Cannot use the import state {self.path}: {exc}") from exc

    def _meta(self, name: str, default: object) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        if row is not None:
            return str(row[0])
        value = default() if callable(default) else str(default)
        self._db.execute("INSERT INTO meta (name, value) VALUES (?, ?)", (name, value))
        return value

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self._db.close()

    def __enter__(self) -> ImportState:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- rows ---------------------------------------------------------------------------------------

    def row_hash(self, values: Mapping[str, str], consents: Sequence[tuple[str, bool]]) -> str:
        """A keyed hash of a row's checked values: the same row gives the same hash; it reveals nothing."""
        content = json.dumps([sorted(values.items()), list(consents)], ensure_ascii=False).encode()
        return hmac.new(self._salt, content, hashlib.sha256).hexdigest()

    def get(self, row_hash: str) -> RowState | None:
        """What an earlier run kept of this row (the rows of this run are all distinct)."""
        if not self._earlier:
            return None
        found = self._db.execute(
            "SELECT key, status, collector_number, fields, message, captured_at, row, run FROM rows"
            " WHERE environment = ? AND hash = ?",
            (self.environment, row_hash),
        ).fetchone()
        if found is None:
            return None
        key, status, number, fields, message, captured_at, row, run = found
        return RowState(
            key,
            Status(status),
            number,
            fields or "",
            message or "",
            datetime.fromisoformat(captured_at),
            row,
            run,
        )

    def seen(self, row_hash: str, row: int) -> None:
        """Note that this run met the row at `row` (written at the next commit)."""
        self._later.append(
            (
                "UPDATE rows SET row = ?, run = ? WHERE environment = ? AND hash = ?",
                (row, self.run, self.environment, row_hash),
            )
        )

    def start(self, rows: Iterable[tuple[str, str, datetime, int]]) -> None:
        """Keep rows' (hash, key, capture time, row number) before their first send: committed, with
        whatever waited for the next commit, when this returns."""
        self._later += [
            (
                "INSERT INTO rows (environment, hash, key, status, captured_at, row, run)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self.environment, row_hash, key, Status.PENDING.value, captured.isoformat(), row, self.run),
            )
            for row_hash, key, captured, row in rows
        ]
        self.commit(synced=True)

    def settle(
        self, row_hash: str, status: Status, collector_number: str | None, fields: str, message: str
    ) -> None:
        """Keep a row's outcome (written at the next commit)."""
        self._later.append(
            (
                "UPDATE rows SET status = ?, collector_number = ?, fields = ?, message = ?"
                " WHERE environment = ? AND hash = ?",
                (status.value, collector_number, fields, message, self.environment, row_hash),
            )
        )

    def forget(self, row_hash: str) -> None:
        """Drop a row never sent, so that it starts afresh (written at the next commit)."""
        self._later.append(
            ("DELETE FROM rows WHERE environment = ? AND hash = ?", (self.environment, row_hash))
        )

    def commit(self, *, synced: bool = False) -> None:
        """Write what waited, under one commit; `synced`: on the disk when this returns.

        Only keys need that (`start`): an outcome lost with a power cut is asked again under its key,
        and the service gives its first answer again.
        """
        if not self._later:
            return
        writes, self._later = self._later, []
        try:
            self._db.execute(f"PRAGMA synchronous={'FULL' if synced else 'NORMAL'}")
            with self._db:
                self._db.execute("BEGIN")
                for sql, group in itertools.groupby(writes, key=lambda write: write[0]):
                    self._db.executemany(sql, [args for _sql, args in group])
        except sqlite3.Error as exc:
            raise StateError(f"Cannot write the import state {self.path}: {exc}") from exc

    def unseen_pending(self) -> int:
        """Rows sent earlier whose outcome is unknown and which this run did not meet (changed or removed)."""
        self.commit()
        found = self._db.execute(
            "SELECT COUNT(*) FROM rows WHERE environment = ? AND status = ? AND run < ?",
            (self.environment, Status.PENDING.value, self.run),
        ).fetchone()
        return int(found[0])

