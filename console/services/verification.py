"""Caller verification: the policy, the matching of answers, the 3-strike lock, the override, the audit.

Qt-free. The agent types what the caller says; `Verifications.check` compares one answer with what is
on file (ignoring case, accents, spacing and punctuation; postal-code spacing; dates in any usual
form) and says whether it matches. The caller is verified when every answer of one of the policy's
combinations matched. After `MAX_MISMATCHES` answers that did not match, the member's verification is
locked for a while (per environment and member, whoever asks). An override needs a reason and stays
distinct from a match. Every outcome goes to the audit file, never a value.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from console.audit import AuditLog

MAX_MISMATCHES = 3
DEFAULT_LOCK_SECONDS = 15 * 60.0


class Answer(StrEnum):
    """What the agent may ask the caller for (the names recorded in the audit file)."""

    NAME = "name"
    POSTAL_CODE = "postalCode"
    DATE_OF_BIRTH = "dateOfBirth"
    EMAIL = "email"


class Policy(StrEnum):
    """Which combinations of answers verify a caller (the `security/verification_policy` setting)."""

    STRICT = "strict"
    """Full name and postal code; full name and email where no address is on file."""
    LENIENT = "lenient"
    """As strict, or full name and date of birth."""


Combination = tuple[Answer, ...]

POLICY_COMBINATIONS: dict[Policy, tuple[Combination, ...]] = {
    Policy.STRICT: ((Answer.NAME, Answer.POSTAL_CODE),),
    Policy.LENIENT: ((Answer.NAME, Answer.POSTAL_CODE), (Answer.NAME, Answer.DATE_OF_BIRTH)),
}


class Result(StrEnum):
    """The outcome of checking one answer."""

    MATCHES = "matches"
    DOES_NOT_MATCH = "does_not_match"
    EMPTY = "empty"
    """Nothing typed: not an attempt."""
    LOCKED = "locked"
    """The member's verification is locked: the answer was not compared."""


class State(StrEnum):
    """Where the call in progress stands."""

    ASKING = "asking"
    VERIFIED = "verified"
    """The policy's answers matched."""
    OVERRIDDEN = "overridden"
    """Verified by override, with a reason."""
    LOCKED = "locked"


class OverrideReason(StrEnum):
    """Reasons offered for an override; OTHER needs typed text."""

    SUPERVISOR_APPROVED = "supervisor_approved"
    IDENTITY_DOCUMENT_SEEN = "identity_document_seen"
    AUTHENTICATED_ELSEWHERE = "authenticated_elsewhere"
    OTHER = "other"


class VerificationError(Exception):
    """A verification request that cannot be granted (the UI says why in words)."""


class VerificationLocked(VerificationError):
    def __init__(self, seconds_left: float) -> None:
        super().__init__(f"verification locked for {seconds_left:.0f} s")
        self.seconds_left = seconds_left


class ReasonMissing(VerificationError):
    def __init__(self) -> None:
        super().__init__("an override needs a reason")


class NoCall(VerificationError):
    def __init__(self) -> None:
        super().__init__("no member is open")


# --- matching ----------------------------------------------------------------------------------------

def plain(text: str) -> str:
    """Letters and digits only, case- and accent-free: "Ève-Marie O'Neil" -> "evemarieoneil"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def name_matches(said: str, first: str | None, middle: str | None, last: str | None) -> bool:
    """The caller gave the first and last name on file (the middle name optional), in either order."""
    given = plain(said)
    if not given or not last:
        return False
    if not first:
        return given == plain(last)
    f, m, la = plain(first), plain(middle or ""), plain(last)
    forms = {f + la, la + f}
    if m:
        forms |= {f + m + la, la + f + m}
    return given in forms


def postal_matches(said: str, on_file: str | None) -> bool:
    return bool(on_file) and bool(plain(said)) and plain(said) == plain(on_file or "")


def email_matches(said: str, on_file: str | None) -> bool:
    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).casefold().split())

    return bool(on_file) and bool(norm(said)) and norm(said) == norm(on_file or "")


MONTHS = {
    name: number
    for number, names in enumerate((
        ("jan", "january", "janvier", "janv"),
        ("feb", "february", "fevrier", "fev", "fevr"),
        ("mar", "march", "mars"),
        ("apr", "april", "avril", "avr"),
        ("may", "mai"),
        ("jun", "june", "juin"),
        ("jul", "july", "juillet", "juil"),
        ("aug", "august", "aout"),
        ("sep", "sept", "september", "septembre"),
        ("oct", "october", "octobre"),
        ("nov", "november", "novembre"),
        ("dec", "december", "decembre"),
    ), start=1)
    for name in names
}
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th|er|e)$")


def parse_date(said: str) -> set[date]:
    """Every date `said` can mean: ISO, day/month/year or month/day/year, month names in English or French.

    An all-number date with the year last is ambiguous (06/07/1985), so both readings count.
    """
    decomposed = unicodedata.normalize("NFKD", said.casefold())
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    tokens = [token for token in re.split(r"[^0-9a-z]+", text) if token]
    tokens = [_ORDINAL.sub(r"\1", token) for token in tokens]
    if len(tokens) == 1 and tokens[0].isdigit() and len(tokens[0]) == 8:
        digits = tokens[0]
        tokens = [digits[:4], digits[4:6], digits[6:]] if digits[:2] in ("19", "20") else [
            digits[:2], digits[2:4], digits[4:]]
    if len(tokens) != 3:
        return set()
    month_names = [MONTHS.get(token) for token in tokens]
    readings: list[tuple[str, str | int, str]] = []  # (year, month, day) before conversion
    if any(month_names):
        index = next(i for i, month in enumerate(month_names) if month)
        rest = [token for i, token in enumerate(tokens) if i != index]
        years = [token for token in rest if len(token) == 4]
        days = [token for token in rest if len(token) <= 2]
        if len(years) == 1 and len(days) == 1:
            readings.append((years[0], month_names[index] or 0, days[0]))
    elif all(token.isdigit() for token in tokens):
        a, b, c = tokens
        if len(a) == 4:
            readings.append((a, b, c))
        elif len(c) == 4:
            readings += [(c, b, a), (c, a, b)]
    found = set()
    for year, month, day in readings:
        try:
            found.add(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return found


def date_matches(said: str, on_file: date | str | None) -> bool:
    if not on_file:
        return False
    born = on_file if isinstance(on_file, date) else date.fromisoformat(str(on_file))
    return born in parse_date(said)


# --- what is on file ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class OnFile:
    """The member's values the answers are compared with (kept in memory for the call only)."""

    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    postal_code: str | None = None
    date_of_birth: date | None = None
    email: str | None = None

    @classmethod
    def from_profile(cls, profile: Any) -> OnFile:
        """From a `console.api.models.Profile`."""
        personal, contact = profile.personal_details, profile.contact_details
        address = profile.address_details
        return cls(
            first_name=personal.first_name if personal else None,
            middle_name=personal.middle_name if personal else None,
            last_name=personal.last_name if personal else None,
            postal_code=address.postal_code if address else None,
            date_of_birth=personal.date_of_birth if personal else None,
            email=contact.email if contact else None,
        )

    def has(self, answer: Answer) -> bool:
        present = {
            Answer.NAME: bool(self.last_name),
            Answer.POSTAL_CODE: bool(self.postal_code),
            Answer.DATE_OF_BIRTH: self.date_of_birth is not None,
            Answer.EMAIL: bool(self.email),
        }
        return present[answer]

    def matches(self, answer: Answer, said: str) -> bool:
        if answer is Answer.NAME:
            return name_matches(said, self.first_name, self.middle_name, self.last_name)
        if answer is Answer.POSTAL_CODE:
            return postal_matches(said, self.postal_code)
        if answer is Answer.DATE_OF_BIRTH:
            return date_matches(said, self.date_of_birth)
        return email_matches(said, self.email)


def combinations_for(policy: Policy | str, on_file: OnFile) -> tuple[Combination, ...]:
    """The combinations usable for this member: the policy's ones it has on file, and the email where
    no address is on file (with the name when there is one). Empty: only an override can verify."""
    try:
        chosen = POLICY_COMBINATIONS[Policy(policy)]
    except ValueError:
        chosen = POLICY_COMBINATIONS[Policy.STRICT]
    usable = [combo for combo in chosen if all(on_file.has(answer) for answer in combo)]
    if not on_file.has(Answer.POSTAL_CODE) and on_file.has(Answer.EMAIL):
        usable.append((Answer.NAME, Answer.EMAIL) if on_file.has(Answer.NAME) else (Answer.EMAIL,))
    return tuple(usable)


def answers_of(combinations: Iterable[Combination]) -> tuple[Answer, ...]:
    """Every answer of `combinations`, once each, in order."""
    seen: list[Answer] = []
    for combo in combinations:
        seen += [answer for answer in combo if answer not in seen]
    return tuple(seen)


# --- the calls -----------------------------------------------------------------------------------------

@dataclass
class _Strikes:
    mismatches: int = 0
    locked_until: float | None = None


@dataclass
class Call:
    """The member open on the screen and where their caller's verification stands."""

    collector_number: str
    environment: str
    staff: str
    on_file: OnFile
    combinations: tuple[Combination, ...]
    results: dict[Answer, Result] = field(default_factory=dict)
    checked: dict[Answer, str] = field(default_factory=dict)
    attempts: int = 0
    state: State = State.ASKING
    matched: Combination = ()
    reason: str = ""

    @property
    def answers(self) -> tuple[Answer, ...]:
        return answers_of(self.combinations)

    @property
    def verified(self) -> bool:
        return self.state in (State.VERIFIED, State.OVERRIDDEN)


Listener = Callable[[], None]


class Verifications:
    """The console's caller verifications: the call in progress, and the mismatch counts per member.

    `policy` and `lock_seconds` are read at each use (callables follow a setting); `clock` is monotonic
    seconds (tests hand in their own).
    """

    def __init__(
        self,
        audit: AuditLog,
        *,
        policy: Callable[[], str] | str = Policy.STRICT,
        lock_seconds: Callable[[], float] | float = DEFAULT_LOCK_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.audit = audit
        self._policy = policy
        self._lock_seconds = lock_seconds
        self._clock = clock
        self._strikes: dict[tuple[str, str], _Strikes] = {}
        self._listeners: list[Listener] = []
        self.current: Call | None = None

    # --- announcements ----------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener()` after every change of the call in progress; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    # --- questions --------------------------------------------------------------------------------
    @property
    def policy(self) -> Policy:
        value = self._policy() if callable(self._policy) else self._policy
        try:
            return Policy(value)
        except ValueError:
            return Policy.STRICT

    def is_verified(self, collector_number: str | None) -> bool:
        """True when `collector_number` is the member of the call in progress and its caller is verified."""
        call = self.current
        return call is not None and call.verified and call.collector_number == collector_number

    def seconds_locked(self) -> float:
        """Seconds left before the current member's verification unlocks (0: not locked)."""
        call = self.current
        if call is None:
            return 0.0
        strikes = self._strikes_of(call)
        if strikes.locked_until is None:
            return 0.0
        left = strikes.locked_until - self._clock()
        if left <= 0:
            strikes.mismatches, strikes.locked_until = 0, None
            if call.state is State.LOCKED:
                call.state = State.ASKING
                call.results.clear()
                call.checked.clear()
            return 0.0
        return left

    def mismatches(self) -> int:
        """Answers that did not match for the current member since the last lock lifted."""
        return self._strikes_of(self.current).mismatches if self.current is not None else 0

    # --- the call ---------------------------------------------------------------------------------
    def open(self, collector_number: str, on_file: OnFile, *, environment: str, staff: str) -> Call:
        """Start the call for this member, or go on with it when it is the member already open."""
        call = self.current
        if call is not None and (call.collector_number, call.environment) == (collector_number, environment):
            call.on_file = on_file
            if not call.verified:
                call.combinations = combinations_for(self.policy, on_file)
        else:
            call = Call(collector_number, environment, staff, on_file, combinations_for(self.policy, on_file))
            self.current = call
        if self.seconds_locked() > 0:
            call.state = State.LOCKED
        self._changed()
        return call

    def end_call(self) -> None:
        """Forget the call in progress and its verification (the mismatch counts stay)."""
        if self.current is not None:
            self.current = None
            self._changed()

    def check(self, answer: Answer, said: str) -> Result:
        """Compare one answer with what is on file; count and audit a mismatch; verify on a full combination.

        The same answer checked again unchanged counts once. Raises NoCall, and OSError when the audit
        file cannot be written (then a match does not verify).
        """
        call = self._need_call()
        if self.seconds_locked() > 0:
            return Result.LOCKED
        if call.verified:
            return call.results.get(answer, Result.EMPTY)
        if not plain(said):
            call.results.pop(answer, None)
            call.checked.pop(answer, None)
            self._changed()
            return Result.EMPTY
        again = call.checked.get(answer) == said.strip() and answer in call.results
        if again:
            result = call.results[answer]
        else:
            call.attempts += 1
            result = Result.MATCHES if call.on_file.matches(answer, said) else Result.DOES_NOT_MATCH
            call.results[answer] = result
            call.checked[answer] = said.strip()
        try:
            if result is Result.MATCHES:
                self._verify_if_complete(call)
            elif not again:
                self._count_mismatch(call, answer)
        finally:
            self._changed()
        return result

    def override(self, reason: OverrideReason | str, text: str = "") -> None:
        """Verify by override; `text` is required for OTHER. Raises ReasonMissing, VerificationLocked, NoCall,
        and OSError when the audit file cannot be written (then nothing changes)."""
        call = self._need_call()
        try:
            reason = OverrideReason(reason)
        except ValueError:
            raise ReasonMissing() from None
        text = " ".join(text.split())
        if reason is OverrideReason.OTHER and not text:
            raise ReasonMissing()
        left = self.seconds_locked()
        if left > 0:
            raise VerificationLocked(left)
        if call.verified:
            return
        self.audit.record_caller_verified(
            staff=call.staff, environment=call.environment, collector_number=call.collector_number,
            method="override",
            answers=[answer.value for answer in call.answers if call.results.get(answer) is Result.MATCHES],
            attempts=call.attempts, reason_code=reason.value, reason=text)
        call.state = State.OVERRIDDEN
        call.reason = text or reason.value
        self._changed()

    # --- helpers ----------------------------------------------------------------------------------
    def _need_call(self) -> Call:
        if self.current is None:
            raise NoCall()
        return self.current

    def _strikes_of(self, call: Call) -> _Strikes:
        return self._strikes.setdefault((call.environment, call.collector_number), _Strikes())

    def _verify_if_complete(self, call: Call) -> None:
        for combo in call.combinations:
            if all(call.results.get(answer) is Result.MATCHES for answer in combo):
                self.audit.record_caller_verified(
                    staff=call.staff, environment=call.environment, collector_number=call.collector_number,
                    method="match", answers=[answer.value for answer in combo], attempts=call.attempts)
                call.state = State.VERIFIED
                call.matched = combo
                return

    def _count_mismatch(self, call: Call, answer: Answer) -> None:
        strikes = self._strikes_of(call)
        strikes.mismatches += 1
        locking = strikes.mismatches >= MAX_MISMATCHES
        if locking:
            seconds = float(self._lock_seconds() if callable(self._lock_seconds) else self._lock_seconds)
            strikes.locked_until = self._clock() + seconds
            call.state = State.LOCKED
        self.audit.record_verification_failed(
            staff=call.staff, environment=call.environment, collector_number=call.collector_number,
            answer=answer.value, attempts=strikes.mismatches)
        if locking:
            self.audit.record_verification_locked(
                staff=call.staff, environment=call.environment, collector_number=call.collector_number,
                attempts=strikes.mismatches, lock_seconds=int(seconds))
