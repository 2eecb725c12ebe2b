"""A server that trickles bytes or never answers cannot hold a call past its deadline, sign-in included."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from console.api import errors as e
from console.api.client import ClientSettings, CollectorClient
from console.api.environments import Environment
from console.api.models import ContactDetails, EnrollmentRequest
from console.api.session import EnvironmentSession

# Read timeouts far beyond the deadline: only the deadline can end these calls.
SETTINGS = ClientSettings(connect_timeout=5.0, read_timeout=60.0, deadline=0.5, backoff_base=0.01)
GUARD = 10  # seconds: a call still running by then has ignored its deadline

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Reads the request and never answers."""
    await reader.read(65536)
    await asyncio.sleep(3600)


async def trickling(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Answers 200 with a body that never ends, one byte at a time, well within any read timeout."""
    await reader.read(65536)
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
    await writer.drain()
    while True:
        await asyncio.sleep(0.05)
        writer.write(b" ")
        await writer.drain()


async def serve(handler: Handler) -> AsyncIterator[str]:
    connections: set[asyncio.Task[None]] = set()

    async def tracked(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.add(asyncio.current_task())  # type: ignore[arg-type]
        try:
            await handler(reader, writer)
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(tracked, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    for task in connections:
        task.cancel()
    server.close()
    await asyncio.gather(*connections, return_exceptions=True)


@pytest.fixture(params=[silent, trickling], ids=["silent", "trickling"])
async def bad_server(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async for url in serve(request.param):
        yield url


async def test_a_read_ends_at_the_deadline(sandbox_env: Environment, bad_server: str) -> None:
    async with CollectorClient(sandbox_env.with_base(bad_server), settings=SETTINGS) as client:
        with pytest.raises(e.RequestTimedOut):
            await asyncio.wait_for(client.health(), GUARD)


@pytest.mark.allow_log_warnings
async def test_an_enrollment_ends_at_the_deadline_as_outcome_unknown(
    sandbox_env: Environment, bad_server: str
) -> None:
    request = EnrollmentRequest(contact_details=ContactDetails(email="slow.server@example.com"))
    async with CollectorClient(sandbox_env.with_base(bad_server), settings=SETTINGS) as client:
        with pytest.raises(e.OutcomeUnknown) as caught:
            await asyncio.wait_for(client.enroll(request, idempotency_key="k-1"), GUARD)
    assert caught.value.idempotency_key == "k-1"


async def test_sign_in_ends_at_the_deadline(sandbox_env: Environment, bad_server: str) -> None:
    session = EnvironmentSession(sandbox_env.with_base(bad_server), settings=SETTINGS)
    try:
        with pytest.raises(e.RequestTimedOut):
            await asyncio.wait_for(
                session.sign_in_partner("sandbox-partner", "sandbox-partner-secret"), GUARD
            )
        assert not session.signed_in
    finally:
        await session.aclose()
