"""The retry policy's pure functions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.api import retry


def test_backoff_grows_exponentially_with_full_jitter_and_a_cap() -> None:
    top = [retry.backoff_delay(n, base=0.5, cap=3.0, rand=lambda: 0.999999) for n in range(1, 6)]
    assert [round(t, 3) for t in top] == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert retry.backoff_delay(4, base=0.5, cap=3.0, rand=lambda: 0.0) == 0.0
    samples = {retry.backoff_delay(3, base=1.0, cap=10.0) for _ in range(200)}
    assert all(0.0 <= s < 4.0 for s in samples) and len(samples) > 100  # jitter spreads the waits


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("3", 3.0),
        (" 2.5 ", 2.5),
        ("0", 0.0),
        ("-4", 0.0),
        (None, None),
        ("", None),
        ("soon", None),
        ("nan", None),
    ],
)
def test_retry_after_in_seconds(value: str | None, seconds: float | None) -> None:
    assert retry.parse_retry_after(value) == seconds


def test_retry_after_as_an_http_date() -> None:
    now = datetime(2026, 11, 27, 22, 0, 0, tzinfo=UTC)
    assert retry.parse_retry_after("Fri, 27 Nov 2026 22:00:07 GMT", now=now) == 7.0
    assert retry.parse_retry_after("Fri, 27 Nov 2026 21:59:00 GMT", now=now) == 0.0  # already past


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_client_errors_are_never_retried(status: int) -> None:
    assert not retry.is_retryable(status=status)
    assert retry.retry_wait(1, max_attempts=4, safe=True, status=status) is None


@pytest.mark.parametrize("status", [None, 429, 500, 502, 503, 504])
def test_network_failures_and_server_trouble_are_retried_when_safe(status: int | None) -> None:
    assert retry.retry_wait(1, max_attempts=4, safe=True, status=status, rand=lambda: 0.5) == 0.125
    assert retry.retry_wait(1, max_attempts=4, safe=False, status=status) is None  # e.g. an unkeyed write


def test_an_enrollment_still_in_progress_is_retried_but_a_duplicate_is_not() -> None:
    assert retry.retry_wait(1, max_attempts=4, safe=True, status=409, response_code="IDEMPOTENCY_IN_PROGRESS")
    assert (
        retry.retry_wait(1, max_attempts=4, safe=True, status=409, response_code="DUPLICATE_COLLECTOR")
        is None
    )


def test_attempts_run_out() -> None:
    assert retry.retry_wait(3, max_attempts=4, safe=True, status=503) is not None
    assert retry.retry_wait(4, max_attempts=4, safe=True, status=503) is None


def test_retry_after_replaces_the_backoff_and_a_too_long_one_stops_retrying() -> None:
    assert retry.retry_wait(1, max_attempts=4, safe=True, status=429, retry_after=2.0) == 2.0
    assert (
        retry.retry_wait(1, max_attempts=4, safe=True, status=503, retry_after=31.0, retry_after_cap=30.0)
        is None
    )


def test_an_enrollment_in_progress_is_given_time_to_finish() -> None:
    wait = retry.retry_wait(
        1, max_attempts=4, safe=True, status=409, response_code="IDEMPOTENCY_IN_PROGRESS", base=0.01
    )
    assert wait == retry.IN_PROGRESS_MIN_WAIT
