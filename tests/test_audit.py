"""The audit file: append-only JSON lines, consent evidence and reveals, no personal data."""

import json
import stat
from datetime import UTC, datetime

from console.audit import KIND_CONSENT, KIND_REVEAL, AuditLog, default_audit_path

CONSENT_KEYS = {
    "kind",
    "recordedAt",
    "capturedAt",
    "consentType",
    "granted",
    "wordingVersion",
    "language",
    "channel",
    "staff",
    "environment",
    "collectorNumber",
    "prev",  # the hash chain
    "hash",
}


def _consent(log: AuditLog, granted: bool = True) -> dict:
    return log.record_consent(
        consent_type="EMAIL_MARKETING",
        granted=granted,
        wording_version="2026-01",
        language="FR",
        channel="IN_STORE",
        staff="sandbox-partner",
        environment="sandbox",
        collector_number="80000000007",
        captured_at=datetime(2026, 11, 27, 22, 0, tzinfo=UTC),
    )


def test_consent_record_holds_the_evidence_and_nothing_else(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    record = _consent(log)
    assert set(record) == CONSENT_KEYS
    assert record["kind"] == KIND_CONSENT
    assert record["capturedAt"] == "2026-11-27T22:00:00+00:00"
    assert record["granted"] is True
    assert log.read_all() == [record]


def test_records_append_one_json_object_per_line(tmp_path):
    path = tmp_path / "sub" / "audit.jsonl"
    log = AuditLog(path)
    _consent(log, granted=True)
    _consent(log, granted=False)
    log.record_reveal(staff="agent", collector_number="80000000007", field="email", environment="sandbox")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["kind"] for line in lines] == [KIND_CONSENT, KIND_CONSENT, KIND_REVEAL]
    # A second log on the same file appends rather than replacing.
    AuditLog(path).record_reveal(staff="agent", collector_number="80000000014", field="phone")
    assert len(AuditLog(path).read_all()) == 4


def test_reveal_names_the_field_never_its_value(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    record = log.record_reveal(staff="agent", collector_number="80000000007", field="email")
    assert set(record) == {"kind", "recordedAt", "staff", "environment", "collectorNumber", "field", "prev",
                           "hash"}
    assert "jane" not in (tmp_path / "audit.jsonl").read_text()


def test_file_is_private_and_missing_file_reads_empty(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    assert log.read_all() == []
    _consent(log)
    assert stat.S_IMODE((tmp_path / "audit.jsonl").stat().st_mode) == 0o600


def test_damaged_line_is_skipped(tmp_path):
    path = tmp_path / "audit.jsonl"
    log = AuditLog(path)
    _consent(log)
    with path.open("a", encoding="utf-8") as f:
        f.write("{not json\n")
    _consent(log, granted=False)
    assert [r["granted"] for r in log.read_all()] == [True, False]


def test_default_path_is_in_the_user_data_folder():
    path = default_audit_path()
    assert path.name == "audit.jsonl"
    assert "collector-console" in str(path)
