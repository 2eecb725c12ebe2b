"""SQLite storage of the sandbox: collectors, issued numbers, idempotency records, refresh tokens, blocks.

A file database runs in WAL mode with full sync: a write is on disk when its transaction commits, and
the handlers commit before they answer. `:memory:` (no file) serves throwaway runs and the tests.
"""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from console.sandbox.seed import Member, fixed_members, generate_members, make_collector_number

SCHEMA_VERSION = "2"
COLUMNS = tuple(f.name for f in fields(Member) if f.name != "phones")
KEY_COLUMNS = ("email_key", "last_key", "first_key")
_PLACEHOLDERS = ", ".join("?" * (len(COLUMNS) + len(KEY_COLUMNS)))
_INSERT = f"INSERT INTO collectors ({', '.join(COLUMNS + KEY_COLUMNS)}) VALUES ({_PLACEHOLDERS})"  # noqa: S608
_INSERT_PHONE = "INSERT INTO phones (collector, position, type, number) VALUES (?, ?, ?, ?)"
_COLLECTOR_TABLES = f"""
CREATE TABLE IF NOT EXISTS collectors (
    {", ".join(c + (" TEXT NOT NULL" if c == "number" else "") for c in COLUMNS + KEY_COLUMNS)}
);
CREATE TABLE IF NOT EXISTS phones (
    collector TEXT NOT NULL, position INTEGER NOT NULL, type TEXT, number TEXT NOT NULL
);
"""
_STATE_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
    client_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL,
    body BLOB NOT NULL, created REAL NOT NULL, PRIMARY KEY (client_id, key)
);
CREATE INDEX IF NOT EXISTS ix_idempotency_created ON idempotency (created);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash TEXT PRIMARY KEY, family TEXT NOT NULL, client_id TEXT NOT NULL, scope TEXT NOT NULL,
    collector TEXT NOT NULL, expires REAL NOT NULL, used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS revoked_families (family TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS login_failures (login TEXT PRIMARY KEY, count INTEGER NOT NULL);
"""
# Built after the bulk insert, which is faster than keeping them up to date row by row.
_INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS ix_collectors_number ON collectors (number);
CREATE INDEX IF NOT EXISTS ix_collectors_email ON collectors (email_key);
CREATE INDEX IF NOT EXISTS ix_collectors_name ON collectors (last_key, first_key, number);
CREATE INDEX IF NOT EXISTS ix_phones_number ON phones (number, collector);
CREATE INDEX IF NOT EXISTS ix_phones_collector ON phones (collector, position);
"""
_STATE_DATA = ("idempotency", "refresh_tokens", "revoked_families", "login_failures")
SEARCH_COLUMNS = "number, first_name, last_name, city, province, status, last_key, first_key"
_ORDER = "ORDER BY last_key, first_key, number LIMIT ?"
_AFTER = "(last_key, first_key, number) > (?, ?, ?)"
# Issued numbers walk the 9-digit space in a fixed scrambled order: step is coprime with its size.
NUMBER_SPACE = 900_000_000
NUMBER_STEP = 282_475_249  # 7**10


def email_key(text: str | None) -> str:
    """The stored key of an email: case ignored."""
    return (text or "").strip().lower()


def name_key(text: str | None) -> str:
    """The stored key of a name: case, accents and surrounding spaces ignored (Élise = elise)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def token_hash(token: str) -> str:
    """Refresh tokens are stored by their hash, never as given."""
    return hashlib.sha256(token.encode()).hexdigest()


_column_values = attrgetter(*COLUMNS)


def _row(member: Member) -> tuple[object, ...]:
    return (
        *_column_values(member),
        email_key(member.email),
        name_key(member.last_name),
        name_key(member.first_name),
    )


def _fill(conn: sqlite3.Connection, members: Iterable[Member]) -> None:
    """Insert members (inside the caller's transaction)."""
    phones: list[tuple[str, int, str | None, str]] = []

    def rows() -> Iterable[tuple[object, ...]]:
        for member in members:
            phones.extend((member.number, i, t, n) for i, (t, n) in enumerate(member.phones))
            yield _row(member)

    conn.executemany(_INSERT, rows())
    conn.executemany(_INSERT_PHONE, phones)


class IdempotencyRecord(NamedTuple):
    """The first answer to an enrollment with an Idempotency-Key, replayed for 24 hours."""

    fingerprint: str
    status: int
    body: bytes
    created: float


class RefreshRecord(NamedTuple):
    family: str
    client_id: str
    scope: tuple[str, ...]
    collector: str
    expires: float
    used: bool


class Store:
    """The sandbox's data; `reset()` puts back the seeded collectors. Used from one thread at a time."""

    def __init__(self, members: int, seed: int, db: str | None = None) -> None:
        self.members, self.seed = members, seed
        self.path = db
        if db is not None:
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(
            str(Path(db).expanduser()) if db else ":memory:", check_same_thread=False, timeout=10
        )
        self.conn.row_factory = sqlite3.Row
        if db is not None:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
        self._snapshot: sqlite3.Connection | None = None
        fresh = not self._has_table("collectors")
        with self.conn:
            self.conn.executescript(_COLLECTOR_TABLES + _STATE_TABLES)
        if fresh:
            with self.conn:
                _fill(self.conn, [*fixed_members(), *generate_members(members, seed)])
                self._set_meta("schema", SCHEMA_VERSION)
        elif self.meta("schema") != SCHEMA_VERSION:
            self._rekey()
        self.conn.executescript(_INDEXES)

    def _has_table(self, name: str) -> bool:
        found = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return found.fetchone() is not None

    def _rekey(self) -> None:
        """A database from an older sandbox: recompute the search keys with today's rules."""
        self.conn.create_function("name_key", 1, name_key, deterministic=True)
        self.conn.create_function("email_key", 1, email_key, deterministic=True)
        with self.conn:
            self.conn.execute(
                "UPDATE collectors SET email_key = email_key(email), last_key = name_key(last_name), "
                "first_key = name_key(first_name)"
            )
            self._set_meta("schema", SCHEMA_VERSION)

    # --- meta -------------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def keep_meta(self, key: str, value: str) -> str:
        """The stored value of key, storing value first when there is none (the signing key)."""
        with self.conn:
            self.conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
        return self.meta(key) or value

    # --- reset and close --------------------------------------------------------------------------------
    def reset(self) -> None:
        """The seeded collectors back, every record and token gone; issued numbers stay issued."""
        if self._snapshot is None:
            self._snapshot = sqlite3.connect(":memory:", check_same_thread=False)
            self._snapshot.executescript(_COLLECTOR_TABLES)
            with self._snapshot:
                _fill(self._snapshot, [*fixed_members(), *generate_members(self.members, self.seed)])
        names = ", ".join(COLUMNS + KEY_COLUMNS)
        with self.conn:
            for table in ("collectors", "phones", *_STATE_DATA):
                self.conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            self.conn.executemany(_INSERT, self._snapshot.execute(f"SELECT {names} FROM collectors"))  # noqa: S608
            self.conn.executemany(
                _INSERT_PHONE, self._snapshot.execute("SELECT collector, position, type, number FROM phones")
            )

    def close(self) -> None:
        self.conn.close()
        if self._snapshot is not None:
            self._snapshot.close()

    # --- collectors -------------------------------------------------------------------------------------
    def get(self, number: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM collectors WHERE number = ?", (number,)).fetchone()

    def phones(self, number: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT type, number FROM phones WHERE collector = ? ORDER BY position", (number,)
        ).fetchall()

    def member_by_email(self, email: str) -> sqlite3.Row | None:
        """The collector who signs in with this email, if any."""
        return self.conn.execute(
            "SELECT * FROM collectors WHERE email_key = ? AND password_hash IS NOT NULL", (email_key(email),)
        ).fetchone()

    def active_email_taken(self, email: str) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM collectors WHERE email_key = ? AND status = 'ACTIVE' LIMIT 1",
                (email_key(email),),
            ).fetchone()
            is not None
        )

    def issue_number(self) -> str:
        """A collector number never issued before, not even before a reset (inside the caller's transaction).

        The issued count lives in the database, so a restart goes on where the last run stopped.
        """
        offset = (self.seed * 7919) % NUMBER_SPACE
        while True:
            count = int(
                self.conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('issued', '1') ON CONFLICT (key) "
                    "DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING value"
                ).fetchall()[0][0]
            )
            number = make_collector_number(str(100_000_000 + (offset + count * NUMBER_STEP) % NUMBER_SPACE))
            if self.get(number) is None:  # a seeded collector may hold it
                return number

    def insert(self, member: Member) -> None:
        """Insert a member (inside the caller's transaction)."""
        _fill(self.conn, [member])

    def search(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        last_name: str | None = None,
        first_name: str | None = None,
        postal_code: str | None = None,
        date_of_birth: str | None = None,
        after: tuple[str, str, str] = ("", "", ""),
        limit: int = 20,
    ) -> list[sqlite3.Row]:
        """Up to `limit` rows after the key `after`, ordered by last name, first name, collector number."""
        params: list[object] = []
        if email is not None:
            where = "email_key = ?"
            params.append(email_key(email))
        elif phone is not None:
            where = "number IN (SELECT collector FROM phones WHERE number = ?)"
            params.append(phone)
        else:
            where = "last_key = ?"
            params.append(name_key(last_name))
            for column, value in (
                ("first_key", name_key(first_name) if first_name else None),
                ("postal_code", postal_code),
                ("date_of_birth", date_of_birth),
            ):
                if value:
                    where += f" AND {column} = ?"
                    params.append(value)
        sql = f"SELECT {SEARCH_COLUMNS} FROM collectors WHERE {where} AND {_AFTER} {_ORDER}"  # noqa: S608
        return self.conn.execute(sql, (*params, *after, limit)).fetchall()

    # --- idempotency records ----------------------------------------------------------------------------
    def idempotency(self, client_id: str, key: str, since: float) -> IdempotencyRecord | None:
        """The record for (client, key) made after `since`, if any."""
        row = self.conn.execute(
            "SELECT fingerprint, status, body, created FROM idempotency "
            "WHERE client_id = ? AND key = ? AND created >= ?",
            (client_id, key, since),
        ).fetchone()
        return None if row is None else IdempotencyRecord(row[0], row[1], bytes(row[2]), row[3])

    def keep_idempotency(self, client_id: str, key: str, record: IdempotencyRecord, expired: float) -> None:
        """Store a record, dropping those made before `expired` (inside the caller's transaction)."""
        self.conn.execute("DELETE FROM idempotency WHERE created < ?", (expired,))
        self.conn.execute(
            "INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?, ?, ?)", (client_id, key, *record)
        )

    # --- refresh tokens ---------------------------------------------------------------------------------
    def refresh_token(self, token: str) -> RefreshRecord | None:
        row = self.conn.execute(
            "SELECT family, client_id, scope, collector, expires, used FROM refresh_tokens "
            "WHERE token_hash = ?",
            (token_hash(token),),
        ).fetchone()
        if row is None:
            return None
        return RefreshRecord(row[0], row[1], tuple(row[2].split()), row[3], row[4], bool(row[5]))

    def keep_refresh_token(self, token: str, record: RefreshRecord, dropped_before: float) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM refresh_tokens WHERE expires < ?", (dropped_before,))
            self.conn.execute(
                "INSERT INTO refresh_tokens VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    token_hash(token),
                    record.family,
                    record.client_id,
                    " ".join(record.scope),
                    record.collector,
                    record.expires,
                    int(record.used),
                ),
            )

    def use_refresh_token(self, token: str) -> None:
        with self.conn:
            self.conn.execute("UPDATE refresh_tokens SET used = 1 WHERE token_hash = ?", (token_hash(token),))

    def revoke_family(self, family: str) -> None:
        with self.conn:
            self.conn.execute("INSERT OR IGNORE INTO revoked_families VALUES (?)", (family,))

    def family_revoked(self, family: str) -> bool:
        found = self.conn.execute("SELECT 1 FROM revoked_families WHERE family = ?", (family,))
        return found.fetchone() is not None

    # --- failed sign-ins (brute-force protection) -------------------------------------------------------
    def failures(self, login: str) -> int:
        row = self.conn.execute("SELECT count FROM login_failures WHERE login = ?", (login,)).fetchone()
        return 0 if row is None else int(row[0])

    def count_failure(self, login: str) -> int:
        with self.conn:
            row = self.conn.execute(
                "INSERT INTO login_failures (login, count) VALUES (?, 1) "
                "ON CONFLICT (login) DO UPDATE SET count = count + 1 RETURNING count",
                (login,),
            ).fetchall()
        return int(row[0][0])

    def clear_failures(self, login: str | None = None) -> int:
        """Forget the failed attempts of one login (or of all); the number of logins cleared."""
        with self.conn:
            if login is None:
                return self.conn.execute("DELETE FROM login_failures").rowcount
            return self.conn.execute("DELETE FROM login_failures WHERE login = ?", (login,)).rowcount
