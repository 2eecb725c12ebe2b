"""The local audit trail: an append-only JSON-lines file of consent evidence, field reveals and caller
verifications.

Qt-free. Each record is one JSON object on its own line. Records hold what is needed to prove
a consent (CASL) or to account for a reveal of masked data, and nothing more: no names,
emails, phones, addresses or dates of birth, and never the value of a revealed field.
"""

from __future__ import annotations

import json
import os
import threading
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
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
