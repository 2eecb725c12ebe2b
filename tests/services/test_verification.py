"""Caller verification against the sandbox's fixed members: policy, matching, lock, override, audit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from console.api.environments import load_environments
from console.api.session import EnvironmentSession
from console.audit import AuditLog
from console.sandbox import EmbeddedSandbox
from console.services.verification import (
    MAX_MISMATCHES,
    Answer,
    OnFile,
    OverrideReason,
    Policy,
    ReasonMissing,
    Result,
    State,
    VerificationLocked,
    Verifications,
    combinations_for,
    parse_date,
)
from tests.support.keyrings import MemoryKeyring, using

JANE, ELISE, MARC, PARTIAL = "80000000007", "80000000014", "80000000021", "80000000039"
STAFF = "agent (partner: sandbox-partner)"
# Every value on file for the fixed members: none may reach the audit file.
VALUES = ("Jane", "Doe", "M5X 1A9", "1985-06-15", "jane.doe@example.com", "Élise", "Tremblay", "H3G 1P1",
          "1978-11-02", "elise.tremblay@example.com", "partial.pii@example.com", "G1R 4P5")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def on_file(sandbox: EmbeddedSandbox) -> AsyncIterator[dict[str, OnFile]]:
    """What the sandbox has on file for its fixed members, read through the real client."""
    with using(MemoryKeyring()):
        session = EnvironmentSession(load_environments()["sandbox"].with_base(sandbox.base_url))
        try:
            await session.sign_in_partner("sandbox-partner", "sandbox-partner-secret")
            profiles = {number: OnFile.from_profile(await session.client.get_profile(number))
                        for number in (JANE, ELISE, MARC, PARTIAL)}
        finally:
            await session.aclose()
    yield profiles


@pytest.fixture
def audit(tmp_path: Path) -> AuditLog:
    return AuditLog(tmp_path / "audit.jsonl")


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make(audit: AuditLog, clock: Clock, policy: str = Policy.STRICT) -> Verifications:
    return Verifications(audit, policy=policy, lock_seconds=600, clock=clock)


def open_call(verifications: Verifications, on_file: dict[str, OnFile], number: str,
              env: str = "sandbox") -> None:
    verifications.open(number, on_file[number], environment=env, staff=STAFF)


def test_the_strict_policy_asks_for_name_and_postal_code_and_the_email_where_no_address(
        on_file: dict[str, OnFile]) -> None:
    assert combinations_for(Policy.STRICT, on_file[JANE]) == ((Answer.NAME, Answer.POSTAL_CODE),)
    assert combinations_for(Policy.LENIENT, on_file[JANE]) == (
        (Answer.NAME, Answer.POSTAL_CODE), (Answer.NAME, Answer.DATE_OF_BIRTH))
    assert combinations_for(Policy.STRICT, on_file[PARTIAL]) == ((Answer.EMAIL,),)
    no_address = OnFile(first_name="Ann", last_name="Lee", email="ann@example.com")
    assert combinations_for(Policy.STRICT, no_address) == ((Answer.NAME, Answer.EMAIL),)
    assert combinations_for("unknown", on_file[JANE]) == combinations_for(Policy.STRICT, on_file[JANE])


def test_answers_match_ignoring_case_accents_spacing_and_order(on_file: dict[str, OnFile]) -> None:
    jane, elise = on_file[JANE], on_file[ELISE]
    assert jane.matches(Answer.NAME, "jane doe")
    assert jane.matches(Answer.NAME, "Doe, Jane")
    assert jane.matches(Answer.NAME, "Jane Anne Doe")
    assert not jane.matches(Answer.NAME, "Doe")
    assert not jane.matches(Answer.NAME, "Jane Smith")
    assert elise.matches(Answer.NAME, "ELISE   TREMBLAY")
    assert elise.matches(Answer.NAME, "Tremblay Élise")
    assert not elise.matches(Answer.NAME, "Elise Tremblé")
    assert jane.matches(Answer.POSTAL_CODE, "m5x1a9")
    assert jane.matches(Answer.POSTAL_CODE, " M5X  1A9 ")
    assert not jane.matches(Answer.POSTAL_CODE, "M5X 1A8")
    assert on_file[PARTIAL].matches(Answer.EMAIL, " Partial.PII@Example.com ")
    assert not on_file[PARTIAL].matches(Answer.EMAIL, "partial@example.com")
    for said in ("1985-06-15", "15/06/1985", "06/15/1985", "June 15, 1985", "15 juin 1985", "19850615",
                 "15th June 1985"):
        assert jane.matches(Answer.DATE_OF_BIRTH, said), said
    assert not jane.matches(Answer.DATE_OF_BIRTH, "1985-06-16")
    assert not jane.matches(Answer.DATE_OF_BIRTH, "June 1985")
    assert elise.matches(Answer.DATE_OF_BIRTH, "2 novembre 1978")
    assert parse_date("1er février 2000") == {date(2000, 2, 1)}
    assert parse_date("31/02/2000") == set()


def test_verified_when_the_policys_answers_match_and_the_record_holds_no_value(
        on_file: dict[str, OnFile], audit: AuditLog, clock: Clock) -> None:
    verifications = make(audit, clock)
    open_call(verifications, on_file, JANE)
    assert not verifications.is_verified(JANE)
    assert verifications.check(Answer.NAME, "jane doe") is Result.MATCHES
    assert not verifications.is_verified(JANE)  # one answer of two
    assert verifications.check(Answer.POSTAL_CODE, "m5x 1a9") is Result.MATCHES
    assert verifications.is_verified(JANE) and verifications.current.state is State.VERIFIED
    assert not verifications.is_verified(ELISE)
    [record] = audit.read_all()
    assert record["kind"] == "caller_verified"
    assert record["method"] == "match" and record["answers"] == ["name", "postalCode"]
    assert record["attempts"] == 2 and record["staff"] == STAFF and record["environment"] == "sandbox"
    assert record["collectorNumber"] == JANE and record["recordedAt"]
    text = audit.path.read_text(encoding="utf-8")
    for value in VALUES:
        assert value not in text, value


def test_the_lenient_policy_accepts_the_date_of_birth_the_strict_one_does_not(
        on_file: dict[str, OnFile], audit: AuditLog, clock: Clock) -> None:
    policy = [Policy.STRICT.value]
    verifications = Verifications(audit, policy=lambda: policy[0], clock=clock)
    open_call(verifications, on_file, ELISE)
    verifications.check(Answer.NAME, "elise tremblay")
    verifications.check(Answer.DATE_OF_BIRTH, "1978-11-02")
    assert not verifications.is_verified(ELISE)
    verifications.end_call()
    policy[0] = Policy.LENIENT.value
    open_call(verifications, on_file, ELISE)
    verifications.check(Answer.NAME, "Élise Tremblay")
    verifications.check(Answer.DATE_OF_BIRTH, "2 novembre 1978")
    assert verifications.is_verified(ELISE)
    assert audit.read_all()[-1]["answers"] == ["name", "dateOfBirth"]


def test_a_mismatch_is_counted_once_and_audited_without_the_value(
        on_file: dict[str, OnFile], audit: AuditLog, clock: Clock) -> None:
    verifications = make(audit, clock)
    open_call(verifications, on_file, JANE)
    assert verifications.check(Answer.POSTAL_CODE, "") is Result.EMPTY
    assert verifications.check(Answer.POSTAL_CODE, "H0H 0H0") is Result.DOES_NOT_MATCH
    # Left again, unchanged: counted once.
    assert verifications.check(Answer.POSTAL_CODE, "H0H 0H0") is Result.DOES_NOT_MATCH
    assert verifications.mismatches() == 1
    [record] = audit.read_all()
    assert record["kind"] == "verification_failed" and record["answer"] == "postalCode"
    assert record["attempts"] == 1
    assert "H0H" not in audit.path.read_text(encoding="utf-8")


def test_three_mismatches_lock_the_member_for_the_set_time(
        on_file: dict[str, OnFile], audit: AuditLog, clock: Clock) -> None:
    verifications = make(audit, clock)
    open_call(verifications, on_file, JANE)
    for wrong in ("Jane Smith", "John Doe", "J Doe")[:MAX_MISMATCHES]:
        verifications.check(Answer.NAME, wrong)
    assert verifications.current.state is State.LOCKED
    assert verifications.seconds_locked() == 600
    kinds = [record["kind"] for record in audit.read_all()]
    assert kinds == ["verification_failed"] * 3 + ["verification_locked"]
    assert audit.read_all()[-1]["attempts"] == 3 and audit.read_all()[-1]["lockSeconds"] == 600
    assert verifications.check(Answer.NAME, "Jane Doe") is Result.LOCKED  # not even compared
    with pytest.raises(VerificationLocked) as locked:
        verifications.override(OverrideReason.SUPERVISOR_APPROVED)
    assert locked.value.seconds_left == 600

    # Reopening the member, or another agent signing in, does not lift the lock; another member is free.
    verifications.end_call()
    open_call(verifications, on_file, ELISE)
    assert verifications.seconds_locked() == 0
    open_call(verifications, on_file, JANE)
    assert verifications.current.state is State.LOCKED
    clock.now += 599
    assert verifications.seconds_locked() == pytest.approx(1)
    clock.now += 1
    assert verifications.seconds_locked() == 0 and verifications.current.state is State.ASKING
    assert verifications.mismatches() == 0
    verifications.check(Answer.NAME, "Jane Doe")
    verifications.check(Answer.POSTAL_CODE, "M5X1A9")
    assert verifications.is_verified(JANE)


def test_the_lock_is_per_environment(on_file: dict[str, OnFile], audit: AuditLog, clock: Clock) -> None:
    verifications = make(audit, clock)
    open_call(verifications, on_file, JANE)
    for _ in range(MAX_MISMATCHES):
        verifications.check(Answer.NAME, f"Nobody {_}")
    open_call(verifications, on_file, JANE, env="certification")
    assert verifications.seconds_locked() == 0


def test_an_override_needs_a_reason_is_distinct_and_audited(
        on_file: dict[str, OnFile], audit: AuditLog, clock: Clock) -> None:
    verifications = make(audit, clock)
    open_call(verifications, on_file, MARC)
    verifications.check(Answer.NAME, "Marc Inactif")
    with pytest.raises(ReasonMissing):
        verifications.override(OverrideReason.OTHER, "   ")
    with pytest.raises(ReasonMissing):
        verifications.override("because")
    assert not verifications.is_verified(MARC)
    verifications.override(OverrideReason.OTHER, "Caller  confirmed by branch")
    assert verifications.is_verified(MARC) and verifications.current.state is State.OVERRIDDEN
    record = audit.read_all()[-1]
    assert record["kind"] == "caller_verified" and record["method"] == "override"
    assert record["reasonCode"] == "other" and record["reason"] == "Caller confirmed by branch"
    assert record["answers"] == ["name"] and record["attempts"] == 1
    verifications.end_call()
    open_call(verifications, on_file, JANE)
    verifications.override(OverrideReason.IDENTITY_DOCUMENT_SEEN)
    assert audit.read_all()[-1]["reasonCode"] == "identity_document_seen"
    assert "reason" not in audit.read_all()[-1]


def test_verification_belongs_to_the_call_in_progress(
        on_file: dict[str, OnFile], audit: AuditLog, clock: Clock) -> None:
    verifications = make(audit, clock)
    changes: list[str] = []
    verifications.subscribe(lambda: changes.append("changed"))
    open_call(verifications, on_file, PARTIAL)
    verifications.check(Answer.EMAIL, "partial.pii@example.com")
    assert verifications.is_verified(PARTIAL)
    open_call(verifications, on_file, PARTIAL)  # the same member again (a refresh): still verified
    assert verifications.is_verified(PARTIAL)
    open_call(verifications, on_file, JANE)  # another member: another call
    assert not verifications.is_verified(PARTIAL) and not verifications.is_verified(JANE)
    verifications.end_call()
    assert verifications.current is None and changes


def test_a_match_that_cannot_be_audited_does_not_verify(
        on_file: dict[str, OnFile], tmp_path: Path, clock: Clock) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the audit folder should be", encoding="utf-8")
    verifications = make(AuditLog(blocked / "audit.jsonl"), clock)
    open_call(verifications, on_file, JANE)
    verifications.check(Answer.NAME, "Jane Doe")
    with pytest.raises(OSError):
        verifications.check(Answer.POSTAL_CODE, "M5X 1A9")
    assert not verifications.is_verified(JANE)
    with pytest.raises(OSError):
        verifications.override(OverrideReason.SUPERVISOR_APPROVED)
    assert not verifications.is_verified(JANE)
