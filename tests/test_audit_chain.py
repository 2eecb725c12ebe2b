"""The audit file's hash chain: each record carries the hash of the one before, so an edited, removed or
moved line shows; `collector-console audit verify` says where it breaks."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from console.audit import GENESIS, AuditLog, canonical, verify_chain
from console.commands import COMMANDS
from console.commands import audit as audit_command

JANE = "80000000007"


def five_records(path: Path) -> AuditLog:
    log = AuditLog(path)
    log.record_verification_failed(staff="agent", environment="sandbox", collector_number=JANE,
                                   answer="postalCode", attempts=1)
    log.record_caller_verified(staff="agent", environment="sandbox", collector_number=JANE, method="match",
                               answers=["name", "postalCode"], attempts=3)
    log.record_reveal(staff="agent", collector_number=JANE, field="exchange:getProfile",
                      environment="sandbox")
    log.record_verification_locked(staff="agent", environment="sandbox", collector_number="80000000014",
                                   attempts=3, lock_seconds=900)
    log.record_consent(consent_type="EMAIL_MARKETING", granted=False, wording_version="2026-01",
                       language="EN", channel="CALL_CENTRE", staff="agent", environment="sandbox",
                       collector_number=JANE)
    return log


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_each_record_carries_the_hash_of_the_canonical_line_before(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    log = five_records(path)
    lines = lines_of(path)
    records = log.read_all()
    assert records[0]["prev"] == GENESIS
    for before, record in zip(lines, records[1:], strict=False):
        assert record["prev"] == hashlib.sha256(canonical(json.loads(before)).encode()).hexdigest()
    assert all(line == canonical(json.loads(line)) for line in lines)  # written canonical
    report = verify_chain(path)
    assert report.intact and report.records == 5


def rewrite(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_an_edited_line_is_found_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    five_records(path)
    lines = lines_of(path)
    lines[2] = lines[2].replace("exchange:getProfile", "exchange:getSummary")
    rewrite(path, lines)
    problems = verify_chain(path).problems
    assert [(p.line, p.kind) for p in problems] == [(3, "edited")]
    assert "line 3 was edited" in problems[0].message


def test_a_removed_line_is_found_where_it_was(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    five_records(path)
    lines = lines_of(path)
    del lines[2]
    rewrite(path, lines)
    assert [(p.line, p.kind) for p in verify_chain(path).problems] == [(3, "missing")]


def test_a_removed_first_line_is_found(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    five_records(path)
    rewrite(path, lines_of(path)[1:])
    assert [(p.line, p.kind) for p in verify_chain(path).problems] == [(1, "missing")]


def test_reordered_lines_are_found_at_the_first_moved_line(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    five_records(path)
    lines = lines_of(path)
    lines[2], lines[3] = lines[3], lines[2]
    rewrite(path, lines)
    problems = verify_chain(path).problems
    assert problems[0].line == 3 and problems[0].kind == "out_of_order"
    assert "right after line 4" in problems[0].message
    assert {p.line for p in problems} <= {3, 4, 5}


def test_a_line_cut_short_is_found_and_the_chain_goes_on_after_it(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    log = five_records(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) - 20], encoding="utf-8")  # the last write was cut short
    log.record_reveal(staff="agent", collector_number=JANE, field="email", environment="sandbox")
    assert [(p.line, p.kind) for p in verify_chain(path).problems] == [(5, "damaged")]
    assert len(lines_of(path)) == 6


def test_an_edited_last_line_shows_too(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    five_records(path)
    lines = lines_of(path)
    record = json.loads(lines[-1])
    record["granted"] = True
    lines[-1] = canonical(record)
    rewrite(path, lines)
    assert [(p.line, p.kind) for p in verify_chain(path).problems] == [(5, "edited")]


def test_the_command_says_where_the_chain_breaks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert COMMANDS["audit"] == "console.commands.audit"
    path = tmp_path / "audit.jsonl"
    five_records(path)
    assert audit_command.main(["verify", str(path)]) == 0
    assert "intact" in capsys.readouterr().out
    lines = lines_of(path)
    del lines[1]
    rewrite(path, lines)
    assert audit_command.main(["verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert "broken" in out and "line 2" in out


def test_the_command_refuses_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert audit_command.main(["verify", str(tmp_path / "absent.jsonl")]) == 2
    assert "absent.jsonl" in capsys.readouterr().err
    assert audit_command.main([]) == 2
    assert audit_command.main(["shred"]) == 2
    assert audit_command.main(["verify", "a", "b"]) == 2


def test_the_command_reads_the_default_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "default.jsonl"
    five_records(path)
    monkeypatch.setattr(audit_command, "default_audit_path", lambda: path)
    assert audit_command.main(["verify"]) == 0
    assert str(path) in capsys.readouterr().out
