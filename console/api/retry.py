"""Retry policy: named constants and small pure functions.

Only safe calls (reads) and enrollments carrying an `Idempotency-Key` are retried, with exponential
backoff and full jitter, a cap on attempts and on each wait, and `Retry-After` honoured.
`400`, `403` and `422` are never retried.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

DEFAULT_MAX_ATTEMPTS = 4
DEFAULT_BACKOFF_BASE = 0.25  # seconds: the first wait is at most this
DEFAULT_BACKOFF_CAP = 8.0  # seconds: no backoff wait is longer
DEFAULT_RETRY_AFTER_CAP = 30.0  # seconds: a longer Retry-After is not waited for; the error is shown

# Statuses worth another attempt (the service or a proxy is briefly unwell).
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
# Another attempt of a keyed enrollment meets the first one finishing, then gets its replay.
RETRYABLE_CODES = frozenset({"IDEMPOTENCY_IN_PROGRESS"})
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
    return backoff_delay(attempt, base=base, cap=cap, rand=rand)
