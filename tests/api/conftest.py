"""Fixtures for the client tests: the sandbox environment, tokens, and clients on it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from console.api.client import ClientSettings, CollectorClient
from console.api.environments import Environment, load_environments
from console.api.exchange import ExchangeLog
from tests.support.sandbox_http import StaticBearer, machine_token

# Quick retries so fault tests stay fast; Retry-After is still honoured as sent.
FAST = ClientSettings(connect_timeout=2.0, read_timeout=5.0, backoff_base=0.01, backoff_cap=0.05)

MakeClient = Callable[..., Awaitable[CollectorClient]]


@pytest.fixture
def sandbox_env(sandbox_url: str) -> Environment:
    return load_environments()["sandbox"].with_base(sandbox_url)


@pytest.fixture
def partner_token(sandbox_url: str) -> str:
    return machine_token(sandbox_url)


@pytest.fixture
async def make_client(sandbox_env: Environment, partner_token: str) -> AsyncIterator[MakeClient]:
    """Builds clients on the sandbox (partner token, fast retries, an exchange log); closes them after."""
    made: list[CollectorClient] = []

    async def make(
        auth: httpx.Auth | None = None,
        *,
        env: Environment | None = None,
        settings: ClientSettings = FAST,
        **kwargs: object,
    ) -> CollectorClient:
        kwargs.setdefault("exchange_log", ExchangeLog())
        client = CollectorClient(
            env or sandbox_env, auth or StaticBearer(partner_token), settings=settings, **kwargs
        )
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()


@pytest.fixture
async def client(make_client: MakeClient) -> CollectorClient:
    """A partner client on the sandbox with an exchange log."""
    return await make_client()
