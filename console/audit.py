"""The local audit trail: an append-only JSON-lines file of consent evidence, field reveals and caller
verifications, hash-chained so that an edited, removed or moved line shows.

Qt-free. Each record is one canonical JSON object on its own line (keys sorted, no spaces). Records hold
what is needed to prove a consent (CASL) or to account for a reveal or a verification, and nothing more:
no names, emails, phones, addresses or dates of birth, and never a value that was revealed or answered.

The chain: each record's `prev` is the sha256 of the canonical form of the line before it (`GENESIS` for
the first), and its `hash` the sha256 of its own canonical form without `hash`. `verify_chain` checks both
and says at which line the file was edited, cut, reordered or lost a record
(`collector-console audit verify`).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "collector-console"
AUDIT_FILE_NAME = "audit.jsonl"

KIND_CONSENT = "consent"
KIND_REVEAL = "field_revealed"
KIND_CALLER_VERIFIED = "caller_verified"
KIND_VERIFICATION_FAILED = "verification_failed"
KIND_VERIFICATION_LOCKED = "verification_locked"


GENESIS = "0" * 64
"""The `prev` of the first record: no record came before it."""


def canonical(record: dict[str, Any]) -> str:
    """A record as one canonical line: keys sorted, no spaces, UTF-8 text as is."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def line_hash(raw: bytes) -> str:
    """What the next record carries as `prev`: sha256 of the canonical form of this line's record (of the
    raw bytes when the line is not a record)."""
    try:
        record = json.loads(raw)
    except ValueError:
        record = None
    return _sha256(canonical(record).encode() if isinstance(record, dict) else raw.strip())


def own_hash(record: dict[str, Any]) -> str:
    """A record's `hash`: sha256 of its canonical form without the `hash` key (so an edit shows)."""
    return _sha256(canonical({key: value for key, value in record.items() if key != "hash"}).encode())


@dataclass(frozen=True)
class ChainProblem:
    line: int
    kind: str
    """"damaged" (not a JSON record), "unchained" (no prev/hash), "edited", "out_of_order", "missing"."""
    message: str


@dataclass(frozen=True)
class ChainReport:
    records: int
    problems: tuple[ChainProblem, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(path: Path | str) -> ChainReport:
    """Check each line of an audit file against its own hash and the line before (FileNotFoundError: none)."""
    lines = Path(path).read_bytes().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    records: list[dict[str, Any] | None] = []
    for raw in lines:
        try:
            value = json.loads(raw)
        except ValueError:
            value = None
        records.append(value if isinstance(value, dict) else None)
    hashes = [line_hash(raw) for raw in lines]
    problems: list[ChainProblem] = []
    expected, explained = GENESIS, False
    for index, record in enumerate(records):
        number = index + 1
        if record is None:
            problems.append(ChainProblem(number, "damaged", f"line {number} is not a JSON record "
                                         "(damaged, or cut short while it was written)"))
        elif not isinstance(record.get("prev"), str) or not isinstance(record.get("hash"), str):
            problems.append(ChainProblem(number, "unchained", f"line {number} has no prev and hash fields: "
                                         "the console did not write it"))
        else:
            edited = record["hash"] != own_hash(record)
            if edited:
                problems.append(ChainProblem(number, "edited", f"line {number} was edited: its content "
                                             "no longer matches its hash"))
            if record["prev"] != expected and not explained:
                problems.append(_misplaced(number, record["prev"], hashes))
            explained = edited
            expected = hashes[index]
            continue
        explained = True  # the next line's prev cannot match a damaged or foreign line: said already
        expected = hashes[index]
    return ChainReport(len(lines), tuple(problems))


def _misplaced(number: int, prev: str, hashes: list[str]) -> ChainProblem:
    if prev == GENESIS:
        return ChainProblem(number, "out_of_order", f"line {number} was written as the first record: "
                            "the lines before it were added, or it was moved")
    follows = [other + 1 for other, value in enumerate(hashes) if value == prev and other != number - 2]
    if follows:
        return ChainProblem(number, "out_of_order", f"line {number} is out of order: it was written "
                            f"right after line {follows[0]}")
    return ChainProblem(number, "missing", f"a record is missing before line {number} (removed or replaced)")


def default_audit_path() -> Path:
    """The audit file in the platform's per-user data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / AUDIT_FILE_NAME


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class AuditLog:
    """Appends audit records to a JSON-lines file; `path` overrides the default (tests)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_audit_path()
        self._lock = threading.Lock()

    def record_consent(
        self,
        *,
        consent_type: str,
        granted: bool,
        wording_version: str,
        language: str,
        channel: str,
        staff: str,
        environment: str,
        collector_number: str,
        captured_at: datetime | str | None = None,
    ) -> dict[str, Any]:
        """Append the evidence of one consent answer (granted or refused) and return the record."""
        if isinstance(captured_at, datetime):
            captured_at = captured_at.isoformat(timespec="seconds")
        record = {
            "kind": KIND_CONSENT,
            "recordedAt": _now(),
            "capturedAt": captured_at or _now(),
            "consentType": consent_type,
            "granted": bool(granted),
            "wordingVersion": wording_version,
            "language": language,
            "channel": channel,
            "staff": staff,
            "environment": environment,
            "collectorNumber": collector_number,
        }
        self._append(record)
        return record

    def record_reveal(
        self, *, staff: str, collector_number: str, field: str, environment: str = ""
    ) -> dict[str, Any]:
        """Append that `staff` revealed `field` (a name such as "email", never its value) of a member."""
        record = {
            "kind": KIND_REVEAL,
            "recordedAt": _now(),
            "staff": staff,
            "environment": environment,
            "collectorNumber": collector_number,
            "field": field,
        }
        self._append(record)
        return record

    def record_caller_verified(
        self, *, staff: str, environment: str, collector_number: str, method: str, answers: list[str],
        attempts: int, reason_code: str = "", reason: str = "",
    ) -> dict[str, Any]:
        """Append that the caller of a member was verified: `method` "match" (`answers` names the answers
        that matched) or "override" (with the reason), and how many answers were checked."""
        record: dict[str, Any] = {
            "kind": KIND_CALLER_VERIFIED,
            "recordedAt": _now(),
            "staff": staff,
            "environment": environment,
            "collectorNumber": collector_number,
            "method": method,
            "answers": list(answers),
            "attempts": attempts,
        }
        if method == "override":
            record["reasonCode"] = reason_code
            if reason:
                record["reason"] = reason
        self._append(record)
        return record

    def record_verification_failed(
        self, *, staff: str, environment: str, collector_number: str, answer: str, attempts: int
    ) -> dict[str, Any]:
        """Append that one answer (its name, such as "postalCode", never the value) did not match."""
        record = {
            "kind": KIND_VERIFICATION_FAILED,
            "recordedAt": _now(),
            "staff": staff,
            "environment": environment,
            "collectorNumber": collector_number,
            "answer": answer,
            "attempts": attempts,
        }
        self._append(record)
        return record

    def record_verification_locked(
        self, *, staff: str, environment: str, collector_number: str, attempts: int, lock_seconds: int
    ) -> dict[str, Any]:
        """Append that a member's verification locked after `attempts` answers that did not match."""
        record = {
            "kind": KIND_VERIFICATION_LOCKED,
            "recordedAt": _now(),
            "staff": staff,
            "environment": environment,
            "collectorNumber": collector_number,
            "attempts": attempts,
            "lockSeconds": lock_seconds,
        }
        self._append(record)
        return record

    def read_all(self) -> list[dict[str, Any]]:
        """Every record in file order; an absent file reads as empty, a damaged line is skipped."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        records = []
        for line in text.splitlines():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return records

    def _append(self, record: dict[str, Any]) -> None:
        """Chain `record` to the file's last line (adding `prev` and `hash` to it) and append it."""
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                _lock_file(fd)  # another console process appends under the same lock
                last, ends_with_newline = _last_line(fd)
                record["prev"] = line_hash(last) if last is not None else GENESIS
                record["hash"] = own_hash(record)
                line = canonical(record) + "\n"
                os.write(fd, (line if ends_with_newline else "\n" + line).encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)  # closing releases the lock


def _lock_file(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: the thread lock above is what there is
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _last_line(fd: int, chunk: int = 4096) -> tuple[bytes | None, bool]:
    """The file's last line (None when empty) and whether the file ends with a newline."""
    size = os.fstat(fd).st_size
    if size == 0:
        return None, True
    end = size
    tail = b""
    while True:
        start = max(0, end - chunk)
        tail = os.pread(fd, end - start, start) + tail
        body = tail[:-1] if tail.endswith(b"\n") else tail
        if b"\n" in body or start == 0:
            return body.rsplit(b"\n", 1)[-1], tail.endswith(b"\n")
        end = start
