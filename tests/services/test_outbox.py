"""The outbox against the real sandbox: stored first, settled once, never doubled, never plaintext."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from keyring.errors import NoKeyringError

from console.api.client import ClientSettings, CollectorClient
from console.api.environments import Environment, load_environments
from console.api.models import ContactDetails, EnrollmentRequest, PersonalDetails, Phone
from console.api.secrets import SecretStore
from console.services.outbox import ItemState, Outbox, OutboxSender
from console.services.outbox_store import OutboxFile
from tests.support.keyrings import FailingKeyring, MemoryKeyring, using
from tests.support.sandbox_http import StaticBearer, machine_token, requests_log, set_faults

QUICK = ClientSettings(backoff_base=0.01, backoff_cap=0.02, read_timeout=5.0)
ENV = "sandbox"


def person(n: int = 0) -> EnrollmentRequest:
    return EnrollmentRequest(
        personal_details=PersonalDetails(
            first_name="Ève-Marie",
            last_name=f"Quenneville{chr(97 + n % 26)}",
            date_of_birth=date(1987, 6, 21),
        ),
        contact_details=ContactDetails(
            email=f"outbox.person{n}@example.com", phones=[Phone(type="Mobile", number="4385550177")]
        ),
        enrollment_channel="EVENT",
    )


PLAIN = ["Ève-Marie".encode(), b"Quenneville", b"outbox.person", b"4385550177", b"1987-06-21"]


def file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


@pytest.fixture
def keyring_backend() -> Iterator[MemoryKeyring]:
    with using(MemoryKeyring()) as backend:
        yield backend  # type: ignore[misc]


@pytest.fixture
def outbox_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "outbox.sqlite3"


@pytest.fixture
async def outbox(outbox_path: Path, keyring_backend: MemoryKeyring) -> AsyncIterator[Outbox]:
    box = await Outbox.open(outbox_path, secrets=SecretStore())
    yield box
    await box.close()


@pytest.fixture
def environment(sandbox_url: str) -> Environment:
    return load_environments()["sandbox"].with_base(sandbox_url)


@pytest.fixture
async def client(environment: Environment, sandbox_url: str) -> AsyncIterator[CollectorClient]:
    async with CollectorClient(environment, StaticBearer(machine_token(sandbox_url)), settings=QUICK) as made:
        yield made


def members_with(sandbox_url: str, email: str) -> list[str]:
    token = machine_token(sandbox_url)
    answer = httpx.get(
        f"{sandbox_url}/collectors/search",
        params={"email": email},
        headers={"Authorization": f"Bearer {token}"},
    )
    answer.raise_for_status()
    return [item["collectorNumber"] for item in answer.json()["items"]]


async def until(condition) -> None:
    """Poll `condition` (outbox state moved by the sender's task) for up to 20 s."""
    async with asyncio.timeout(20):
        while not condition():  # noqa: ASYNC110 (the state lives in another task; polling is simplest)
            await asyncio.sleep(0.02)


async def settle(outbox: Outbox, client: CollectorClient, rounds: int = 30) -> None:
    for _ in range(rounds):
        if not outbox.unsettled(ENV):
            return
        outbox.make_due()
        await outbox.send_due(client, environment=ENV, concurrency=8)
    raise AssertionError(f"still unsettled: {[(i.state, i.reason) for i in outbox.unsettled(ENV)]}")


async def test_an_item_is_on_disk_before_the_first_attempt_and_comes_back_exactly(
    outbox: Outbox, outbox_path: Path, keyring_backend: MemoryKeyring
) -> None:
    request = person()
    item = await outbox.add(request, environment=ENV, key="key-1", source="test")
    assert item.state is ItemState.WAITING and item.attempts == 0

    reopened = await Outbox.open(outbox_path, secrets=SecretStore())  # another process would see the same
    again = reopened.get("key-1")
    await reopened.close()
    assert again is not None and again.request is not None
    assert again.request.to_wire() == request.to_wire() and again.source == "test"
    assert (
        await outbox.add(person(5), environment=ENV, key="key-1")
    ).request == request  # same key: same item


@pytest.mark.allow_log_warnings
async def test_the_file_never_holds_personal_data_in_plain_bytes(
    outbox: Outbox, outbox_path: Path, client: CollectorClient, sandbox_url: str
) -> None:
    for n in range(3):
        await outbox.add(person(n), environment=ENV)
    set_faults(
        sandbox_url, commitThenDrop={"next": 1}, errors={"next": 1, "statuses": [503], "retryAfter": 0}
    )
    await settle(outbox, client)
    data = file_bytes(outbox_path)
    assert data
    assert not [plain for plain in PLAIN if plain in data]
    numbers = [item.collector_number for item in outbox.items()]
    assert all(numbers) and not [n for n in numbers if n and n.encode() in data]


async def test_without_a_keyring_personal_data_stays_in_memory(outbox_path: Path) -> None:
    with using(FailingKeyring(NoKeyringError)):
        box = await Outbox.open(outbox_path, secrets=SecretStore())
        assert not box.personal_data_persistent
        await box.add(person(), environment=ENV, key="k")
        assert box.get("k").request is not None  # type: ignore[union-attr]
        assert not [plain for plain in PLAIN if plain in file_bytes(outbox_path)]
        await box.close()
        reopened = await Outbox.open(outbox_path, secrets=SecretStore())
        item = reopened.get("k")
        await reopened.close()
    assert item is not None and item.request is None and item.needs_attention


@pytest.mark.allow_log_warnings
async def test_a_fault_storm_enrolls_every_member_exactly_once(
    outbox: Outbox, client: CollectorClient, sandbox_url: str
) -> None:
    requests = [person(n) for n in range(40)]
    for request in requests:
        await outbox.add(request, environment=ENV)
    set_faults(
        sandbox_url,
        errors={"rate": 0.2, "statuses": [500, 503, 429], "retryAfter": 0},
        reset={"rate": 0.1},
        commitThenDrop={"rate": 0.1},
    )
    for _ in range(3):  # a few rounds in the storm
        outbox.make_due()
        await outbox.send_due(client, environment=ENV, concurrency=8)
    set_faults(sandbox_url)
    await settle(outbox, client)

    assert {item.state for item in outbox.items()} == {ItemState.ENROLLED}
    for request, item in zip(requests, outbox.items(), strict=True):
        assert members_with(sandbox_url, request.contact_details.email) == [item.collector_number]
    keys = {
        entry["idempotencyKey"]
        for entry in requests_log(sandbox_url, "/collectors/")
        if entry["method"] == "POST"
    }
    assert keys == {item.key for item in outbox.items()}


@pytest.mark.allow_log_warnings
async def test_checks_that_fail_before_the_service_keep_the_outcome_unknown(
    outbox: Outbox, client: CollectorClient, sandbox_url: str, environment: Environment
) -> None:
    await outbox.add(person(), environment=ENV, key="lost-answer")
    set_faults(sandbox_url, commitThenDrop={"next": 1})
    one_try = CollectorClient(
        environment, StaticBearer(machine_token(sandbox_url)), settings=ClientSettings(max_attempts=1)
    )
    try:
        assert (await outbox.send("lost-answer", one_try)).state is ItemState.UNKNOWN
        set_faults(sandbox_url, errors={"next": 1, "statuses": [429], "retryAfter": 60})
        after_429 = await outbox.send("lost-answer", one_try)  # "Check again" meets a 429
    finally:
        await one_try.aclose()
    refused = CollectorClient(
        environment.with_base("http://127.0.0.1:9"), settings=ClientSettings(max_attempts=1)
    )
    try:
        after_refused = await outbox.send("lost-answer", refused)  # ... then a refused connection
    finally:
        await refused.aclose()

    for item in (after_429, after_refused):
        assert item.state is ItemState.UNKNOWN and not item.settled and not item.needs_attention
    assert after_429.reason == "rate_limited" and after_refused.reason == "connection"
    set_faults(sandbox_url)
    await settle(outbox, client)
    settled = outbox.get("lost-answer")
    assert settled is not None and settled.state is ItemState.ENROLLED and settled.replayed
    assert members_with(sandbox_url, "outbox.person0@example.com") == [settled.collector_number]


class UnreadableFirstSuccess(httpx.AsyncBaseTransport):
    """The real transport, but the first success arrives with a body cut short (a proxy mangling it)."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.mangled = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        if response.status_code == 201 and not self.mangled:
            await response.aread()
            self.mangled = True
            return httpx.Response(
                201, content=b'{"collectorNum', headers={"content-type": "application/json"}
            )
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


@pytest.mark.allow_log_warnings
async def test_an_unreadable_success_is_saved_but_unknown_then_resolved_with_the_key(
    outbox: Outbox, client: CollectorClient, sandbox_url: str, environment: Environment
) -> None:
    await outbox.add(person(), environment=ENV, key="garbled")
    transport = UnreadableFirstSuccess()
    async with CollectorClient(
        environment, StaticBearer(machine_token(sandbox_url)), settings=QUICK, transport=transport
    ) as mangling:
        item = await outbox.send("garbled", mangling)
    assert transport.mangled and item.state is ItemState.UNKNOWN and item.reason == "unreadable"
    item = await outbox.send("garbled", client)
    assert item.state is ItemState.ENROLLED and item.replayed


async def test_refusals_are_definitive_and_need_attention(outbox: Outbox, client: CollectorClient) -> None:
    jane = EnrollmentRequest(contact_details=ContactDetails(email="jane.doe@example.com"))
    await outbox.add(jane, environment=ENV, key="dup")
    duplicate = await outbox.send("dup", client)
    assert duplicate.state is ItemState.DUPLICATE and duplicate.needs_attention and duplicate.settled
    young = person().model_copy(
        update={
            "personal_details": person().personal_details.model_copy(update={"date_of_birth": date.today()})
        }  # type: ignore[union-attr]
    )
    await outbox.add(young, environment=ENV, key="young")
    rejected = await outbox.send("young", client)
    assert rejected.state is ItemState.REJECTED
    assert ("personalDetails.dateOfBirth", "TOO_YOUNG") in rejected.field_errors
    await outbox.forget("young")
    assert outbox.get("young") is None


@pytest.mark.allow_log_warnings
async def test_an_item_cut_off_mid_send_resumes_as_unknown_and_settles_once(
    outbox_path: Path, keyring_backend: MemoryKeyring, client: CollectorClient, sandbox_url: str
) -> None:
    box = await Outbox.open(outbox_path, secrets=SecretStore())
    await box.add(person(), environment=ENV, key="cut")
    set_faults(sandbox_url, latencyMs=1500)
    sending = asyncio.ensure_future(box.send("cut", client))
    await until(lambda: box.get("cut").state is ItemState.SENDING)  # type: ignore[union-attr]
    file = OutboxFile(outbox_path)
    assert [row.state for row in file.load()] == ["sending"]  # what a power cut would leave
    file.close()
    sending.cancel()
    await asyncio.gather(sending, return_exceptions=True)
    await box.close()
    set_faults(sandbox_url)

    resumed = await Outbox.open(outbox_path, secrets=SecretStore())
    try:
        assert resumed.get("cut").state is ItemState.UNKNOWN  # type: ignore[union-attr]
        await settle(resumed, client)
        number = resumed.get("cut").collector_number  # type: ignore[union-attr]
        assert members_with(sandbox_url, "outbox.person0@example.com") == [number]
    finally:
        await resumed.close()


@pytest.mark.allow_log_warnings
async def test_offline_then_online_the_sender_sends_the_queue(
    outbox: Outbox, client: CollectorClient, sandbox_url: str
) -> None:
    for n in range(5):
        await outbox.add(person(n), environment=ENV)
    set_faults(sandbox_url, reset={"rate": 1.0})  # every connection dropped: offline
    sender = OutboxSender(outbox, lambda env: client if env == ENV else None)
    running = asyncio.ensure_future(sender.run())
    try:
        await until(lambda: all(item.attempts > 0 and item.state != "sending" for item in outbox.items()))
        assert not [item for item in outbox.items() if item.settled]
        set_faults(sandbox_url)  # online again
        sender.wake()
        await until(lambda: not outbox.unsettled(ENV))
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
    for n, item in enumerate(outbox.items()):
        assert members_with(sandbox_url, f"outbox.person{n}@example.com") == [item.collector_number]


async def test_claimed_items_are_committed_as_sending_before_their_call(
    outbox: Outbox, outbox_path: Path, client: CollectorClient, sandbox_url: str
) -> None:
    await outbox.add(person(0), environment=ENV, key="a", claim=True)
    await outbox.add(person(1), environment=ENV, key="b")
    await outbox.add(person(2), environment=ENV, key="c")
    assert sorted(await outbox.claim(["a", "b"])) == ["a", "b"]
    assert [item.key for item in outbox.due(ENV)] == ["c"]  # claimed: nobody else sends them
    assert (await outbox.send("b", client)).state is ItemState.SENDING  # not without its claim

    reopened = await Outbox.open(outbox_path, secrets=SecretStore())  # as after a crash now
    states = {item.key: (item.state, item.reason) for item in reopened.items()}
    await reopened.close()
    assert states["a"] == states["b"] == (ItemState.UNKNOWN, "interrupted")  # they may have been sent
    assert states["c"] == (ItemState.WAITING, None)

    assert (await outbox.send("a", client, claimed=True)).state is ItemState.ENROLLED
    await outbox.unclaim("b")  # not sent after all
    b = outbox.get("b")
    assert b is not None and b.state is ItemState.WAITING and b.attempts == 0
    await outbox.forget("b")
    posts = [e for e in requests_log(sandbox_url, "/collectors/") if e["method"] == "POST"]
    assert [e["idempotencyKey"] for e in posts] == ["a"]
