"""CollectorClient against the sandbox: every call and every error type."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import httpx
import pytest

from console.api import errors as e
from console.api.client import ORIGIN_CLIENT, ClientSettings, CollectorClient
from console.api.environments import Environment, load_environments
from console.api.models import ContactDetails, EnrollmentRequest, PersonalDetails, Phone
from tests.api.conftest import FAST, MakeClient
from tests.support.sandbox_http import (
    READONLY,
    StaticBearer,
    advance_clock,
    machine_token,
    member_token,
    requests_log,
    set_faults,
    settled,
    sleeping_on_the_clock,
)

JANE = "80000000007"
ONE_TRY = ClientSettings(max_attempts=1)


def new_member(email: str = "new.member@example.com", **personal: object) -> EnrollmentRequest:
    details = {
        "first_name": "Ève-Marie",
        "last_name": "O'Neil",
        "date_of_birth": date(1990, 5, 17),
        **personal,
    }
    return EnrollmentRequest(
        personal_details=PersonalDetails(**details),
        contact_details=ContactDetails(email=email, phones=[Phone(type="Mobile", number="4165550199")]),
        enrollment_channel="IN_STORE",
    )


async def test_summary_of_a_named_collector(client: CollectorClient, sandbox_url: str) -> None:
    summary = await client.get_summary(JANE)

    assert (summary.collector_number, summary.first_name, summary.tier) == (JANE, "Jane", "G")
    assert summary.cash_balance > 0 and summary.dream_balance > 0
    [sent] = client.exchange_log.recent
    [logged] = requests_log(sandbox_url, "/collectors/summary")
    assert sent.correlation_id == logged["correlationId"] and logged["status"] == 200
    assert sent.request_headers["x-origin-client"] == ORIGIN_CLIENT == "partner:console/0.1.0"
    assert sent.request_headers["accept-language"] == "EN"


async def test_each_call_has_a_fresh_correlation_id(client: CollectorClient, sandbox_url: str) -> None:
    await client.get_summary(JANE)
    await client.get_profile(JANE)
    await client.health()

    ids = [i["correlationId"] for i in requests_log(sandbox_url) if i["path"].startswith("/collectors")]
    assert len(set(ids)) == 3 and [x.correlation_id for x in client.exchange_log.recent] == ids


async def test_profiles_full_and_partial(client: CollectorClient) -> None:
    jane = await client.get_profile(JANE)
    partial = await client.get_profile("80000000039")

    assert jane.personal_details.last_name == "Doe" and jane.address_details.province == "ON"
    assert jane.contact_details.email == "jane.doe@example.com" and jane.status == "ACTIVE"
    assert partial.personal_details is None and partial.contact_details.email


async def test_a_member_reads_their_own_profile_and_summary(
    make_client: MakeClient, sandbox_url: str
) -> None:
    client = await make_client(StaticBearer(member_token(sandbox_url)))

    assert (await client.get_profile()).collector_number == JANE
    assert (await client.get_summary()).collector_number == JANE
    with pytest.raises(e.CollectorNumberNotAllowed) as caught:
        await client.get_summary(JANE)
    assert caught.value.status == 403


async def test_search_by_email_and_by_name_with_pages(client: CollectorClient) -> None:
    by_email = await client.search(email="JANE.DOE@example.com")
    assert [item.collector_number for item in by_email.items] == [JANE]

    made = set()
    for n in range(2):
        result = await client.enroll(new_member(f"z.{n}@example.com", last_name="Zyxland"))
        made.add(result.collector_number)
    first = await client.search(last_name="zyxland", first_name="eve-marie", limit=1)
    assert len(first.items) == 1 and first.next_cursor
    second = await client.search(
        last_name="zyxland", first_name="eve-marie", limit=1, cursor=first.next_cursor
    )
    assert {first.items[0].collector_number, second.items[0].collector_number} == made
    assert second.next_cursor is None


async def test_search_by_last_name_and_date_of_birth(client: CollectorClient) -> None:
    born = await client.enroll(
        new_member("born.1971@example.com", last_name="Qwertin", date_of_birth=date(1971, 2, 3)))
    await client.enroll(
        new_member("born.1972@example.com", last_name="Qwertin", date_of_birth=date(1972, 2, 3)))

    found = await client.search(last_name="qwertin", date_of_birth=date(1971, 2, 3))
    assert [item.collector_number for item in found.items] == [born.collector_number]
    as_text = await client.search(last_name="Qwertin", date_of_birth="1971-02-03")
    assert [item.collector_number for item in as_text.items] == [born.collector_number]
    with pytest.raises(e.ValidationFailed) as caught:
        await client.search(last_name="Qwertin", date_of_birth="03/02/1971")
    assert [error.field for error in caught.value.field_errors] == ["dateOfBirth"]


async def test_search_needs_a_criterion(client: CollectorClient) -> None:
    with pytest.raises(e.ValidationFailed):
        await client.search()


async def test_search_is_refused_before_any_request_where_not_offered(
    make_client: MakeClient, sandbox_env: Environment, sandbox_url: str
) -> None:
    without = sandbox_env.model_copy(update={"capabilities": frozenset()})
    client = await make_client(env=without)

    with pytest.raises(e.CapabilityMissing, match="does not offer search"):
        await client.search(email="jane.doe@example.com")
    assert requests_log(sandbox_url, "/collectors/search") == []


async def test_health_sends_no_token(client: CollectorClient) -> None:
    assert (await client.health()).status == "UP"
    assert "authorization" not in client.exchange_log.recent[-1].request_headers


async def test_enroll_a_new_collector_then_find_it(client: CollectorClient) -> None:
    result = await client.enroll(new_member())

    assert result.status == "ACTIVE" and result.collector_number.startswith("8") and not result.replayed
    assert result.enrollment_date == date.today()
    profile = await client.get_profile(result.collector_number)
    assert profile.personal_details.first_name == "Ève-Marie"
    assert profile.contact_details.phones[0].number == "4165550199"


async def test_enrolling_the_same_email_twice_is_a_duplicate(client: CollectorClient) -> None:
    await client.enroll(new_member())
    with pytest.raises(e.DuplicateCollector) as caught:
        await client.enroll(new_member())
    assert caught.value.status == 409 and caught.value.correlation_id


async def test_invalid_enrollments_name_each_field(client: CollectorClient, sandbox_url: str) -> None:
    request = new_member(date_of_birth=date.today())
    request.contact_details.phones[0].number = "123"

    with pytest.raises(e.ValidationFailed) as caught:
        await client.enroll(request)

    fields = {(f.field, f.code) for f in caught.value.field_errors}
    assert ("contactDetails.phones[0].number", "INVALID_FORMAT") in fields
    assert ("personalDetails.dateOfBirth", "TOO_YOUNG") in fields
    assert len(requests_log(sandbox_url, "/collectors/")) == 1  # 400 is never retried


async def test_a_key_reused_with_other_details_is_refused(client: CollectorClient) -> None:
    await client.enroll(new_member("first@example.com"), idempotency_key="key-reused-1")
    with pytest.raises(e.IdempotencyKeyReused) as caught:
        await client.enroll(new_member("second@example.com"), idempotency_key="key-reused-1")
    assert caught.value.status == 422


async def test_a_second_send_while_the_first_runs_is_in_progress(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, latencyMs=60_000)
    slow, impatient = await make_client(), await make_client(settings=ONE_TRY)
    first = asyncio.create_task(slow.enroll(new_member(), idempotency_key="key-in-progress"))
    await sleeping_on_the_clock(sandbox_url)
    with pytest.raises(e.IdempotencyInProgress):
        await impatient.enroll(new_member(), idempotency_key="key-in-progress")
    assert not first.done()
    advance_clock(sandbox_url, 60)
    assert (await first).status == "ACTIVE"


@pytest.mark.parametrize(
    ("number", "error"),
    [
        (None, e.MissingCollectorNumber),
        ("12345", e.InvalidCollectorNumber),
        ("80000000990", e.CollectorNotFound),
    ],
)
async def test_collector_number_errors(client: CollectorClient, number: str | None, error: type) -> None:
    with pytest.raises(error) as caught:
        await client.get_summary(number)
    assert type(caught.value) is error and caught.value.response_code and caught.value.body


async def test_a_bad_token_fails_authentication(make_client: MakeClient) -> None:
    client = await make_client(StaticBearer("not-a-token"))
    with pytest.raises(e.AuthenticationFailed) as caught:
        await client.get_summary(JANE)
    assert caught.value.status == 401


async def test_a_missing_scope_is_named(make_client: MakeClient, sandbox_url: str) -> None:
    client = await make_client(StaticBearer(machine_token(sandbox_url, READONLY)))
    with pytest.raises(e.InsufficientScope) as caught:
        await client.enroll(new_member())
    assert caught.value.scope == "collector:enrollment:write"


async def test_rate_limited_with_its_wait(make_client: MakeClient, sandbox_url: str) -> None:
    set_faults(sandbox_url, rateLimit={"requests": 1, "perSeconds": 60})
    client = await make_client(settings=ONE_TRY)
    await client.get_summary(JANE)
    with pytest.raises(e.RateLimited) as caught:
        await client.get_summary(JANE)
    assert caught.value.status == 429 and 1 <= caught.value.retry_after <= 60


async def test_server_error_and_maintenance(make_client: MakeClient, sandbox_url: str) -> None:
    client = await make_client(settings=ONE_TRY)
    set_faults(sandbox_url, errors={"next": 1, "statuses": [500]})
    with pytest.raises(e.ServerError) as caught:
        await client.get_summary(JANE)
    assert type(caught.value) is e.ServerError and caught.value.status == 500

    set_faults(sandbox_url, maintenance=True, retryAfter=5)
    with pytest.raises(e.ServiceUnavailable) as down:
        await client.health()
    assert down.value.retry_after == 5.0


async def test_messages_follow_the_language(client: CollectorClient) -> None:
    with pytest.raises(e.CollectorNotFound) as english:
        await client.get_summary("80000000990")
    client.language = "FR"
    with pytest.raises(e.CollectorNotFound) as french:
        await client.get_summary("80000000990")

    assert english.value.message != french.value.message
    assert client.exchange_log.recent[-1].request_headers["accept-language"] == "FR"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_nothing_listening_is_a_connection_failure(
    make_client: MakeClient, sandbox_env: Environment
) -> None:
    client = await make_client(env=sandbox_env.with_base(f"http://127.0.0.1:{free_port()}"), settings=ONE_TRY)
    with pytest.raises(e.ConnectionFailed) as caught:
        await client.get_summary(JANE)
    assert caught.value.correlation_id


async def test_a_slow_answer_times_out(make_client: MakeClient, sandbox_url: str) -> None:
    set_faults(sandbox_url, latencyMs=600)
    client = await make_client(settings=ClientSettings(read_timeout=0.2, max_attempts=1))
    with pytest.raises(e.RequestTimedOut):
        await client.get_summary(JANE)
    await settled(sandbox_url, "/collectors/summary", 1)  # no late log entry for the next test


async def test_a_dropped_connection_is_a_connection_failure(
    make_client: MakeClient, sandbox_url: str
) -> None:
    set_faults(sandbox_url, reset={"next": 5})
    client = await make_client(settings=ClientSettings(max_attempts=2, backoff_base=0.01))
    with pytest.raises(e.ConnectionFailed):
        await client.get_summary(JANE)
    assert [item["status"] for item in requests_log(sandbox_url, "/collectors/summary")] == [None, None]


async def test_an_unreadable_success_is_an_invalid_response(sandbox_env: Environment) -> None:
    # The sandbox always answers well-formed; a mock transport stands in for a broken server.
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"unexpected": True}))
    async with CollectorClient(sandbox_env, transport=transport, settings=FAST) as client:
        with pytest.raises(e.InvalidResponse):
            await client.get_summary(JANE)


def test_a_client_needs_a_started_sandbox() -> None:
    with pytest.raises(ValueError, match="start its sandbox"):
        CollectorClient(load_environments()["sandbox"])


async def test_exchange_log_is_optional(make_client: MakeClient) -> None:
    client = await make_client(exchange_log=None)
    assert (await client.get_summary(JANE)).tier == "G"
    assert client.exchange_log is None


async def test_concurrent_calls_share_one_client(client: CollectorClient, sandbox_url: str) -> None:
    summaries = await asyncio.gather(*(client.get_summary(JANE) for _ in range(50)))

    assert {summary.collector_number for summary in summaries} == {JANE}
    logged = requests_log(sandbox_url, "/collectors/summary")
    assert len(logged) == 50 and len({item["correlationId"] for item in logged}) == 50


class _CountingTransport(httpx.AsyncBaseTransport):
    """The real transport, counting how many requests are in flight at once."""

    def __init__(self) -> None:
        self._real = httpx.AsyncHTTPTransport()
        self.in_flight = self.most = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        try:
            response = await self._real.handle_async_request(request)
            await response.aread()
            return response
        finally:
            self.in_flight -= 1

    async def aclose(self) -> None:
        await self._real.aclose()


async def test_a_burst_waits_in_the_client_not_the_pool(make_client: MakeClient, sandbox_url: str) -> None:
    set_faults(sandbox_url, latencyMs=30)
    transport = _CountingTransport()
    client = await make_client(settings=replace(FAST, max_connections=4), transport=transport)
    summaries = await asyncio.gather(*(client.get_summary(JANE) for _ in range(24)))
    assert {s.collector_number for s in summaries} == {JANE}
    assert transport.most == 4


@pytest.fixture
def unaccepting_server() -> Iterator[str]:
    """A loopback server whose accept queue is full: new connections hang in the handshake."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    yield f"http://127.0.0.1:{port}"
    for sock in [*fillers, server]:
        sock.close()


async def test_the_connect_timeout_comes_from_the_settings(
    make_client: MakeClient, sandbox_env: Environment, unaccepting_server: str
) -> None:
    settings = ClientSettings(connect_timeout=0.3, read_timeout=10.0, max_attempts=1)
    asked: list[dict[str, float]] = []

    class Recording(httpx.AsyncHTTPTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            asked.append(request.extensions["timeout"])
            return await super().handle_async_request(request)

    client = await make_client(
        env=sandbox_env.with_base(unaccepting_server), settings=settings, transport=Recording()
    )
    with pytest.raises(e.RequestTimedOut):  # the connection never opens: the connect timeout ends it
        await client.health()
    assert [(t["connect"], t["read"]) for t in asked] == [(0.3, 10.0)]
