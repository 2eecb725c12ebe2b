"""The one retry loop against the sandbox's faults: attempts per key, waits reported, deadline, cancel."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from console.api import errors as e
from console.api import retry
from console.api.client import ClientSettings
from console.api.models import ContactDetails, EnrollmentRequest, EnrollmentResult
from tests.api.conftest import MakeClient
from tests.support.sandbox_http import requests_log, set_faults, settled
from tests.support.waits import RecordedWaits

QUICK = ClientSettings(backoff_base=0.01, backoff_cap=0.02)


def enrollment(email: str) -> EnrollmentRequest:
    return EnrollmentRequest(contact_details=ContactDetails(email=email), enrollment_channel="EVENT")


def posts(sandbox_url: str) -> list[dict]:
    return [item for item in requests_log(sandbox_url, "/collectors/") if item["method"] == "POST"]


async def test_a_busy_service_gets_the_policys_attempts_and_each_wait_is_reported(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, errors={"next": 20, "statuses": [503], "retryAfter": 0})
    client = await make_client(settings=QUICK)
    waits: list[retry.Wait] = []

    with pytest.raises(e.ServiceUnavailable):
        await client.enroll(enrollment("busy.once@example.com"), on_wait=waits.append)

    sent = posts(sandbox_url)
    assert len(sent) == QUICK.max_attempts
    assert len({item["idempotencyKey"] for item in sent}) == 1
    assert [(w.attempt, w.reason) for w in waits] == [
        (n, retry.UNAVAILABLE) for n in range(1, QUICK.max_attempts)
    ]
    assert all(isinstance(w.error, e.ServiceUnavailable) for w in waits)


@pytest.mark.allow_log_warnings
async def test_a_fault_storm_never_gets_more_posts_under_one_key_than_the_policy_allows(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(
        sandbox_url,
        errors={"rate": 0.3, "statuses": [500, 503, 429], "retryAfter": 0},
        reset={"rate": 0.2},
        commitThenDrop={"rate": 0.2},
    )
    client = await make_client(settings=QUICK)
    outcomes = await asyncio.gather(
        *(client.enroll(enrollment(f"storm.{n}@example.com")) for n in range(30)), return_exceptions=True
    )
    assert all(isinstance(o, EnrollmentResult | e.CollectorError) for o in outcomes)  # no bug, no hang

    per_key = Counter(item["idempotencyKey"] for item in posts(sandbox_url))
    assert len(per_key) == 30 and None not in per_key
    assert max(per_key.values()) <= QUICK.max_attempts
    assert max(per_key.values()) > 1  # the storm did make the loop retry


async def test_a_retry_after_longer_than_the_deadline_left_ends_the_call_at_once(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, errors={"next": 1, "statuses": [429], "retryAfter": 5})
    client = await make_client(settings=ClientSettings(deadline=2.0))
    waits: list[retry.Wait] = []

    with pytest.raises(e.RateLimited) as caught:
        await client.enroll(enrollment("wait.long@example.com"), on_wait=waits.append)

    assert caught.value.retry_after == 5 and waits == []
    assert len(posts(sandbox_url)) == 1


@pytest.mark.allow_log_warnings
async def test_the_deadline_bounds_a_slow_enrollment_whose_outcome_is_then_unknown(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, latencyMs=1500)
    client = await make_client(settings=ClientSettings(read_timeout=30.0, deadline=0.4))

    with pytest.raises(e.OutcomeUnknown) as caught:
        await asyncio.wait_for(client.enroll(enrollment("slow.one@example.com")), 10)

    set_faults(sandbox_url)
    await settled(sandbox_url, "/collectors/", 1)
    unknown = caught.value
    result = await client.enroll(unknown.request, idempotency_key=unknown.idempotency_key)
    assert result.replayed
    assert len({item["idempotencyKey"] for item in posts(sandbox_url)}) == 1


async def test_a_read_past_its_deadline_times_out(make_client: MakeClient, sandbox_url: str) -> None:
    set_faults(sandbox_url, latencyMs=1500)
    client = await make_client(settings=ClientSettings(read_timeout=30.0, deadline=0.3))
    with pytest.raises(e.RequestTimedOut):
        await asyncio.wait_for(client.get_summary("80000000007"), 10)


async def test_cancelling_during_a_wait_stops_the_attempts(make_client: MakeClient, sandbox_url: str) -> None:
    set_faults(sandbox_url, errors={"next": 20, "statuses": [503], "retryAfter": 1})
    client = await make_client()
    waiting = asyncio.Event()
    call = asyncio.ensure_future(
        client.enroll(enrollment("cancel.me@example.com"), on_wait=lambda _wait: waiting.set())
    )
    await asyncio.wait_for(waiting.wait(), 10)
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    assert len(posts(sandbox_url)) == 1


def test_the_policy_stops_when_a_wait_would_outlast_the_deadline() -> None:
    policy = retry.RetryPolicy(max_attempts=5)
    failure = retry.Failure(RuntimeError("x"), retry.UNAVAILABLE, status=503, retry_after=3.0)
    assert policy.next_wait(1, failure, safe=True, remaining=10.0) == 3.0
    assert policy.next_wait(1, failure, safe=True, remaining=2.0) is None
    assert policy.next_wait(5, failure, safe=True, remaining=10.0) is None


async def test_the_loop_waits_with_the_sleep_it_is_given_and_keeps_to_the_deadline_on_its_clock(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, errors={"next": 20, "statuses": [503], "retryAfter": 10})
    recorded = RecordedWaits()
    settings = ClientSettings(max_attempts=10, retry_after_cap=60, deadline=25)
    client = await make_client(settings=settings, sleep=recorded.sleep, clock=recorded.clock)
    reported: list[retry.Wait] = []

    with pytest.raises(e.ServiceUnavailable):
        await client.get_summary("80000000007", on_wait=reported.append)

    assert recorded.waits == [w.seconds for w in reported] == [10.0, 10.0]  # a third would end after 25 s
    assert len(requests_log(sandbox_url, "/collectors/summary")) == 3
