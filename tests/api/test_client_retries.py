"""Retries against the sandbox's faults: Retry-After honoured, one key per enrollment, outcome unknown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from console.api import errors as e
from console.api.client import ClientSettings, CollectorClient
from console.api.environments import Environment
from console.api.models import ContactDetails, EnrollmentRequest
from tests.api.conftest import FAST, MakeClient
from tests.support.sandbox_http import requests_log, set_faults, settled
from tests.support.waits import RecordedWaits

JANE = "80000000007"


def enrollment(email: str = "kiosk.customer@example.com") -> EnrollmentRequest:
    return EnrollmentRequest(contact_details=ContactDetails(email=email), enrollment_channel="EVENT")


async def collectors_with_email(client: CollectorClient, email: str) -> list[str]:
    return [item.collector_number for item in (await client.search(email=email)).items]


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_is_waited_for(make_client: MakeClient, sandbox_url: str, status: int) -> None:
    set_faults(sandbox_url, errors={"next": 1, "statuses": [status], "retryAfter": 1})
    recorded = RecordedWaits()
    client = await make_client(sleep=recorded.sleep, clock=recorded.clock)

    summary = await client.get_summary(JANE)

    assert summary.collector_number == JANE
    assert recorded.waits == [1.0]  # Retry-After: 1; the backoff alone would be under 0.05 s
    attempts = requests_log(sandbox_url, "/collectors/summary")
    assert [a["status"] for a in attempts] == [status, 200]
    assert attempts[0]["correlationId"] != attempts[1]["correlationId"]


async def test_retry_after_as_an_http_date_is_waited_for(sandbox_env: Environment) -> None:
    # The sandbox sends seconds; a mock transport stands in for a server that sends a date.
    answers: list[datetime] = []

    def handler(request: httpx.Request) -> httpx.Response:
        answers.append(datetime.now(UTC))
        if len(answers) == 1:
            when = format_datetime(answers[0] + timedelta(seconds=2), usegmt=True)
            return httpx.Response(
                503, json={"responseCode": "SERVICE_UNAVAILABLE"}, headers={"Retry-After": when}
            )
        return httpx.Response(200, json={"status": "UP"})

    recorded = RecordedWaits()
    async with CollectorClient(
        sandbox_env,
        transport=httpx.MockTransport(handler),
        settings=FAST,
        sleep=recorded.sleep,
        clock=recorded.clock,
    ) as client:
        assert (await client.health()).status == "UP"
    [wait] = recorded.waits
    assert 0.5 < wait <= 2.0  # two seconds after the answer, in whole seconds (an HTTP date has no less)


async def test_a_retry_after_beyond_the_cap_is_not_waited_for(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, maintenance=True, retryAfter=120)
    recorded = RecordedWaits()
    client = await make_client(
        settings=ClientSettings(retry_after_cap=30), sleep=recorded.sleep, clock=recorded.clock
    )

    with pytest.raises(e.ServiceUnavailable) as caught:
        await client.health()
    assert recorded.waits == [] and caught.value.retry_after == 120
    assert len(requests_log(sandbox_url, "/collectors/health")) == 1


async def test_reads_are_retried_after_dropped_connections(make_client: MakeClient, sandbox_url: str) -> None:
    set_faults(sandbox_url, reset={"next": 2})
    client = await make_client()

    assert (await client.get_profile(JANE)).collector_number == JANE


async def test_attempts_run_out(make_client: MakeClient, sandbox_url: str) -> None:
    set_faults(sandbox_url, errors={"next": 10, "statuses": [500]})
    client = await make_client(settings=ClientSettings(max_attempts=3, backoff_base=0.01))

    with pytest.raises(e.ServerError):
        await client.get_summary(JANE)
    assert len(requests_log(sandbox_url, "/collectors/summary")) == 3


@pytest.mark.parametrize("number", [None, "123"])
async def test_refusals_are_never_retried(
    make_client: MakeClient, sandbox_url: str, number: str | None
) -> None:
    client = await make_client()
    with pytest.raises(e.ValidationFailed):
        await client.get_summary(number)
    assert len(requests_log(sandbox_url, "/collectors/summary")) == 1


async def test_commit_then_drop_enrolls_exactly_once_with_one_key(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, commitThenDrop={"next": 1})
    client = await make_client()

    result = await client.enroll(enrollment())

    attempts = requests_log(sandbox_url, "/collectors/")
    assert len(attempts) == 2
    keys = {attempt["idempotencyKey"] for attempt in attempts}
    assert len(keys) == 1 and None not in keys
    assert attempts[0]["correlationId"] != attempts[1]["correlationId"]
    assert client.exchange_log.recent[-1].response_headers["idempotent-replayed"] == "true"
    assert await collectors_with_email(client, "kiosk.customer@example.com") == [result.collector_number]


async def test_two_enrollments_get_two_keys(make_client: MakeClient, sandbox_url: str) -> None:
    client = await make_client()
    await client.enroll(enrollment("one@example.com"))
    await client.enroll(enrollment("two@example.com"))

    keys = [attempt["idempotencyKey"] for attempt in requests_log(sandbox_url, "/collectors/")]
    assert len(set(keys)) == 2


@pytest.mark.allow_log_warnings
async def test_outcome_unknown_then_resolve_enrolls_exactly_once(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, commitThenDrop={"next": 1})
    client = await make_client(settings=ClientSettings(max_attempts=1))
    request = enrollment()

    with pytest.raises(e.OutcomeUnknown) as caught:
        await client.enroll(request)
    unknown = caught.value
    assert unknown.request is request and isinstance(unknown.__cause__, e.ConnectionFailed)

    result = await client.enroll(unknown.request, idempotency_key=unknown.idempotency_key)

    assert result.replayed  # the first send had been saved
    assert client.exchange_log.recent[-1].response_headers["idempotent-replayed"] == "true"
    assert await collectors_with_email(client, "kiosk.customer@example.com") == [result.collector_number]
    keys = [attempt["idempotencyKey"] for attempt in requests_log(sandbox_url, "/collectors/")]
    assert keys == [unknown.idempotency_key] * 2


class AfterFirstAttempt(httpx.AsyncBaseTransport):
    """The real transport, with a hook run after the first request (to change the sandbox's faults)."""

    def __init__(self, hook: Callable[[], None]) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._hook: Callable[[], None] | None = hook

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        finally:
            if self._hook is not None:
                hook, self._hook = self._hook, None
                hook()

    async def aclose(self) -> None:
        await self._inner.aclose()


@pytest.mark.allow_log_warnings
async def test_a_lost_answer_followed_by_failures_is_outcome_unknown(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, commitThenDrop={"next": 1})
    transport = AfterFirstAttempt(lambda: set_faults(sandbox_url, errors={"next": 10, "statuses": [503]}))
    client = await make_client(
        settings=ClientSettings(max_attempts=3, backoff_base=0.01), transport=transport
    )

    with pytest.raises(e.OutcomeUnknown) as caught:
        await client.enroll(enrollment())  # the last answer is a 503, but the first attempt was saved

    assert isinstance(caught.value.__cause__, e.ServiceUnavailable)
    assert [a["status"] for a in requests_log(sandbox_url, "/collectors/")][1:] == [503, 503]
    set_faults(sandbox_url)
    assert len(await collectors_with_email(client, "kiosk.customer@example.com")) == 1


@pytest.mark.allow_log_warnings
async def test_a_timed_out_enrollment_is_outcome_unknown_not_a_new_key(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, latencyMs=1000)
    client = await make_client(settings=ClientSettings(read_timeout=0.3, max_attempts=1))

    with pytest.raises(e.OutcomeUnknown) as caught:
        await client.enroll(enrollment())
    assert isinstance(caught.value.__cause__, e.RequestTimedOut)

    set_faults(sandbox_url)
    await settled(sandbox_url, "/collectors/", 1)  # check again once the server is done
    await client.enroll(caught.value.request, idempotency_key=caught.value.idempotency_key)
    assert len(await collectors_with_email(client, "kiosk.customer@example.com")) == 1
    assert len({a["idempotencyKey"] for a in requests_log(sandbox_url, "/collectors/")}) == 1


async def test_an_enrollment_refused_before_it_was_sent_is_no_outcome_unknown(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, errors={"next": 2, "statuses": [503], "retryAfter": 0})
    client = await make_client(settings=ClientSettings(max_attempts=2, backoff_base=0.01))

    with pytest.raises(e.ServiceUnavailable):
        await client.enroll(enrollment())
    assert await collectors_with_email(client, "kiosk.customer@example.com") == []
