"""SQLite storage of the sandbox's collectors, with the indexes search relies on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import fields
from operator import attrgetter

from console.sandbox.seed import Member, fixed_members, generate_members

COLUMNS = tuple(f.name for f in fields(Member) if f.name != "phones")
KEY_COLUMNS = ("email_key", "last_key", "first_key")
_PLACEHOLDERS = ", ".join("?" * (len(COLUMNS) + len(KEY_COLUMNS)))
_INSERT = f"INSERT INTO collectors ({', '.join(COLUMNS + KEY_COLUMNS)}) VALUES ({_PLACEHOLDERS})"  # noqa: S608
_INSERT_PHONE = "INSERT INTO phones (collector, position, type, number) VALUES (?, ?, ?, ?)"
_TABLES = f"""
CREATE TABLE collectors (
    {", ".join(c + (" TEXT NOT NULL" if c == "number" else "") for c in COLUMNS + KEY_COLUMNS)}
);
CREATE TABLE phones (collector TEXT NOT NULL, position INTEGER NOT NULL, type TEXT, number TEXT NOT NULL);
"""
# Built after the bulk insert, which is faster than keeping them up to date row by row.
_INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS ix_collectors_number ON collectors (number);
CREATE INDEX IF NOT EXISTS ix_collectors_email ON collectors (email_key);
CREATE INDEX IF NOT EXISTS ix_collectors_name ON collectors (last_key, first_key, number);
CREATE INDEX IF NOT EXISTS ix_phones_number ON phones (number, collector);
CREATE INDEX IF NOT EXISTS ix_phones_collector ON phones (collector, position);
"""
SEARCH_COLUMNS = "number, first_name, last_name, city, province, status, last_key, first_key"
_ORDER = "ORDER BY last_key, first_key, number LIMIT ?"
_AFTER = "(last_key, first_key, number) > (?, ?, ?)"
PREFIX_END = "\U0010ffff"


def search_key(text: str | None) -> str:
    """The case-insensitive key stored next to emails and names."""
    return (text or "").lower()


_column_values = attrgetter(*COLUMNS)


def _row(member: Member) -> tuple[object, ...]:
    return (
        *_column_values(member),
        search_key(member.email),
        search_key(member.last_name),
        search_key(member.first_name),
    )


def _fill(conn: sqlite3.Connection, members: Iterable[Member]) -> None:
    phones: list[tuple[str, int, str | None, str]] = []

    def rows() -> Iterable[tuple[object, ...]]:
        for member in members:
            phones.extend((member.number, i, t, n) for i, (t, n) in enumerate(member.phones))
            yield _row(member)

    with conn:
        conn.executemany(_INSERT, rows())
        conn.executemany(_INSERT_PHONE, phones)


class Store:
    """The collectors; `reset()` puts back the seeded data. Used from one thread at a time."""

    def __init__(self, members: int, seed: int, db: str | None = None) -> None:
        self._snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        self._snapshot.executescript(_TABLES)
        _fill(self._snapshot, [*fixed_members(), *generate_members(members, seed)])
        self._snapshot.executescript(_INDEXES)
        self.conn = sqlite3.connect(db or ":memory:", check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        existing = self.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'collectors'"
        ).fetchone()[0]
        if not existing:
            self.reset()

    def reset(self) -> None:
        self._snapshot.backup(self.conn)

    def close(self) -> None:
        self.conn.close()
        self._snapshot.close()

    def get(self, number: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM collectors WHERE number = ?", (number,)).fetchone()

    def phones(self, number: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT type, number FROM phones WHERE collector = ? ORDER BY position", (number,)
        ).fetchall()

    def exists(self, number: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM collectors WHERE number = ?", (number,)).fetchone() is not None
        )

    def active_email_taken(self, email: str) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM collectors WHERE email_key = ? AND status = 'ACTIVE' LIMIT 1",
                (search_key(email),),
            ).fetchone()
            is not None
        )

    def insert(self, member: Member) -> None:
        _fill(self.conn, [member])

    def search(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        last_name: str | None = None,
        first_name: str | None = None,
        postal_code: str | None = None,
        after: tuple[str, str, str] = ("", "", ""),
        limit: int = 20,
    ) -> list[sqlite3.Row]:
        """Up to `limit` rows after the key `after`, ordered by last name, first name, collector number."""
        params: list[object] = []
        if email is not None:
            where = "email_key = ?"
            params.append(search_key(email))
        elif phone is not None:
            where = "number IN (SELECT collector FROM phones WHERE number = ?)"
            params.append(phone)
        else:
            where = "last_key = ?"
            params.append(search_key(last_name))
            if first_name:
                prefix = search_key(first_name)
                where += " AND first_key >= ? AND first_key < ?"
                params += [prefix, prefix + PREFIX_END]
            if postal_code:
                where += " AND postal_code = ?"
                params.append(postal_code)
        sql = f"SELECT {SEARCH_COLUMNS} FROM collectors WHERE {where} AND {_AFTER} {_ORDER}"  # noqa: S608
        return self.conn.execute(sql, (*params, *after, limit)).fetchall()
