"""Retry policy: named constants, small pure functions, and the one retry loop of the console.

Only safe calls (reads) and enrollments carrying an `Idempotency-Key` are retried, with exponential
backoff and full jitter, a cap on attempts and on each wait, and `Retry-After` honoured.
`400`, `403` and `422` are never retried. A whole call, its attempts and waits included, ends by an
overall deadline; a `Retry-After` longer than what is left of it ends the call at once. Each wait is
reported to a listener before it starts (so a window can show it), and cancelling the task running
the loop stops it at once. The loop's sleep and clock can be given (tests assert the waits asked for
instead of timing them); by default they are `asyncio.sleep` and the event loop's clock.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

DEFAULT_MAX_ATTEMPTS = 4
DEFAULT_BACKOFF_BASE = 0.25  # seconds: the first wait is at most this
DEFAULT_BACKOFF_CAP = 8.0  # seconds: no backoff wait is longer
DEFAULT_RETRY_AFTER_CAP = 30.0  # seconds: a longer Retry-After is not waited for; the error is shown
DEFAULT_DEADLINE = 30.0  # seconds: no call, its retries and waits included, lasts longer

# Statuses worth another attempt (the service or a proxy is briefly unwell).
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
# Another attempt of a keyed enrollment meets the first one finishing, then gets its replay.
RETRYABLE_CODES = frozenset({"IDEMPOTENCY_IN_PROGRESS"})
# The first request under the key is still running on the server: a backoff of milliseconds would
# spend the attempts before it ends, so such a wait is at least this long (when no Retry-After says).
IN_PROGRESS_MIN_WAIT = 1.0
NEVER_RETRIED = frozenset({400, 403, 422})
# Answers after which an enrollment may have been saved although it failed.
AMBIGUOUS_WRITE_STATUSES = frozenset({500, 502, 504})


def backoff_delay(
    attempt: int,
    *,
    base: float = DEFAULT_BACKOFF_BASE,
    cap: float = DEFAULT_BACKOFF_CAP,
    rand: Callable[[], float] = random.random,
) -> float:
    """Full jitter: uniform in [0, min(cap, base * 2**(attempt - 1))) after failed attempt `attempt`."""
    return rand() * min(cap, base * 2 ** (attempt - 1))


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header given as seconds or as an HTTP date; None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def is_retryable(*, status: int | None, response_code: str | None = None) -> bool:
    """Would another attempt help? `status` None means no answer arrived (a network failure)."""
    if status is None:
        return True
    if status in NEVER_RETRIED:
        return False
    return status in RETRYABLE_STATUSES or response_code in RETRYABLE_CODES


def retry_wait(
    attempt: int,
    *,
    max_attempts: int,
    safe: bool,
    status: int | None,
    response_code: str | None = None,
    retry_after: float | None = None,
    base: float = DEFAULT_BACKOFF_BASE,
    cap: float = DEFAULT_BACKOFF_CAP,
    retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """The wait before the next attempt after failed attempt `attempt` (1-based), or None: do not retry.

    `safe` is True for reads and for enrollments that carry an Idempotency-Key.
    """
    if not safe or attempt >= max_attempts or not is_retryable(status=status, response_code=response_code):
        return None
    if retry_after is not None:
        return retry_after if retry_after <= retry_after_cap else None
    wait = backoff_delay(attempt, base=base, cap=cap, rand=rand)
    if response_code in RETRYABLE_CODES:
        return max(wait, IN_PROGRESS_MIN_WAIT)
    return wait


# --- The loop ---------------------------------------------------------------------------------------------

T = TypeVar("T")

# Why the loop waits (Wait.reason): the words a listener switches on.
RATE_LIMITED = "rate_limited"
UNAVAILABLE = "unavailable"
IN_PROGRESS = "in_progress"
SERVER_ERROR = "server_error"
CONNECTION = "connection"
TIMEOUT = "timeout"


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long one call may try: attempts, backoff, Retry-After cap, overall deadline."""

    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    backoff_base: float = DEFAULT_BACKOFF_BASE
    backoff_cap: float = DEFAULT_BACKOFF_CAP
    retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP
    deadline: float = DEFAULT_DEADLINE

    def next_wait(
        self,
        attempt: int,
        failure: Failure,
        *,
        safe: bool,
        remaining: float,
        rand: Callable[[], float] = random.random,
    ) -> float | None:
        """The wait after failed attempt `attempt`, or None: stop now (also when it outlasts the deadline)."""
        wait = retry_wait(
            attempt,
            max_attempts=self.max_attempts,
            safe=safe,
            status=failure.status,
            response_code=failure.response_code,
            retry_after=failure.retry_after,
            base=self.backoff_base,
            cap=self.backoff_cap,
            retry_after_cap=self.retry_after_cap,
            rand=rand,
        )
        if wait is None or wait >= remaining:
            return None
        return wait


@dataclass(frozen=True)
class Failure:
    """One failed attempt: the error to raise if it is the last, and what the policy decides on."""

    error: Exception
    reason: str
    status: int | None = None
    response_code: str | None = None
    retry_after: float | None = None
    landed: bool = False
    """The request may have reached the service (and a write may have been saved)."""


@dataclass(frozen=True)
class Wait:
    """A wait the loop is about to make: after failed attempt `attempt`, for `reason`, `seconds` long."""

    attempt: int
    reason: str
    seconds: float
    error: Exception


WaitListener = Callable[[Wait], None]
Sleep = Callable[[float], Awaitable[object]]
"""Waits the given seconds (`asyncio.sleep`)."""
Clock = Callable[[], float]
"""Seconds on a monotonic clock (the event loop's `time`)."""


class AttemptFailed(Exception):
    """Raised by an attempt function to hand its failure to the loop."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.reason)
        self.failure = failure


class GaveUp(Exception):
    """The loop stopped without success.

    `failure` is the last attempt's (None when the deadline cut the first attempt); `deadline_reached`
    tells the deadline ended it; `may_have_landed` is True when any attempt may have reached the service.
    """

    def __init__(
        self, failure: Failure | None, *, attempts: int, may_have_landed: bool, deadline_reached: bool
    ) -> None:
        super().__init__(failure.reason if failure else "deadline")
        self.failure = failure
        self.attempts = attempts
        self.may_have_landed = may_have_landed
        self.deadline_reached = deadline_reached


async def run_attempts(
    attempt: Callable[[int], Awaitable[T]],
    policy: RetryPolicy,
    *,
    safe: bool,
    on_wait: WaitListener | None = None,
    rand: Callable[[], float] = random.random,
    sleep: Sleep = asyncio.sleep,
    clock: Clock | None = None,
) -> T:
    """Call `attempt(n)` (n = 1, 2, ...) until it returns, the policy says stop, or the deadline passes.

    `attempt` raises `AttemptFailed` for a failure the policy judges; anything else goes through.
    Raises `GaveUp` when the calls stop without success. `sleep` makes each wait and `clock` tells
    what is left of the deadline for the next wait (default: the event loop's clock); the deadline
    also cuts an attempt or a wait in progress, on the event loop's own time.
    """
    now = clock or asyncio.get_running_loop().time
    ends_at = now() + policy.deadline
    number = 0
    last: Failure | None = None
    landed = in_flight = False
    limit = asyncio.timeout(policy.deadline)
    try:
        async with limit:
            while True:
                number += 1
                in_flight = True
                try:
                    result = await attempt(number)
                except AttemptFailed as failed:
                    in_flight, last = False, failed.failure
                else:
                    return result
                landed = landed or last.landed
                wait = policy.next_wait(number, last, safe=safe, remaining=ends_at - now(), rand=rand)
                if wait is None:
                    raise GaveUp(last, attempts=number, may_have_landed=landed, deadline_reached=False)
                if on_wait is not None:
                    on_wait(Wait(number, last.reason, wait, last.error))
                await sleep(wait)
    except TimeoutError:
        if not limit.expired():
            raise  # not the deadline's
        cut = None if in_flight else last
        raise GaveUp(
            cut, attempts=number, may_have_landed=landed or in_flight, deadline_reached=True
        ) from None
