"""TokenManager against the sandbox: single-flight renewal, 401 handling, rotation, sign-out."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import httpx
import pytest

from console.api import pkce
from console.api.errors import ConnectionFailed, NotSignedIn, OAuthError, SessionExpired, WrongCredentials
from console.api.secrets import SecretStore
from console.api.tokens import MEMBER_SCOPES, REFRESH_TOKEN_KEY, TokenEndpoint, TokenManager
from tests.support.browser import JANE_NUMBER, SandboxBrowser
from tests.support.keyrings import MemoryKeyring, using
from tests.support.sandbox_http import advance_clock
from tests.support.token_watch import WatchingTransport

PARTNER = ("sandbox-partner", "sandbox-partner-secret")
ENV = "sandbox"
SUMMARY = "/collectors/summary"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def keyring_backend() -> Iterator[MemoryKeyring]:
    with using(MemoryKeyring()) as backend:
        yield backend  # type: ignore[misc]


@pytest.fixture
def store(keyring_backend: MemoryKeyring) -> SecretStore:
    return SecretStore()


@pytest.fixture
async def endpoint(sandbox_url: str) -> AsyncIterator[TokenEndpoint]:
    async with httpx.AsyncClient(base_url=sandbox_url, transport=WatchingTransport()) as http:
        yield TokenEndpoint(http, "/oauth/token", "/oauth/revoke")


@pytest.fixture
def clock() -> Clock:
    return Clock()


def partner(
    endpoint: TokenEndpoint, store: SecretStore, clock: Clock, secret: str = PARTNER[1]
) -> TokenManager:
    return TokenManager(
        env_name=ENV,
        endpoint=endpoint,
        secrets=store,
        method="partner",
        client_id=PARTNER[0],
        client_secret=secret,
        audience="loyalty-api",
        clock=clock,
    )


async def jane_signs_in(sandbox_url: str) -> pkce.AuthorizationCode:
    """Jane signs in on the sandbox's page (email + password); the code the browser brought back."""
    return await pkce.authorize(
        authorize_url=f"{sandbox_url}/authorize",
        client_id="sandbox-console",
        connection="member-email-idp-recaptcha",
        scope=MEMBER_SCOPES,
        audience="loyalty-api",
        open_browser=SandboxBrowser(),
        timeout=30,
    )


async def member(endpoint: TokenEndpoint, store: SecretStore, clock: Clock, sandbox_url: str) -> TokenManager:
    """A member signed in through the sandbox's page (email + password), as the session does it."""
    grant = await jane_signs_in(sandbox_url)
    answer = await endpoint.request(
        {
            "grant_type": "authorization_code",
            "client_id": "sandbox-console",
            "code": grant.code,
            "redirect_uri": grant.redirect_uri,
            "code_verifier": grant.code_verifier,
        }
    )
    manager = TokenManager(
        env_name=ENV,
        endpoint=endpoint,
        secrets=store,
        method="member",
        client_id="sandbox-console",
        audience="loyalty-api",
        clock=clock,
    )
    await manager.accept(answer)
    return manager


def log_of(sandbox_url: str, path: str) -> list[dict]:
    return httpx.get(f"{sandbox_url}/_sandbox/requests", params={"path": path}).json()["items"]


def clear_log(sandbox_url: str) -> None:
    httpx.delete(f"{sandbox_url}/_sandbox/requests").raise_for_status()


def settings(sandbox_url: str, **values: int) -> None:
    httpx.put(f"{sandbox_url}/_sandbox/settings", json=values).raise_for_status()


async def summaries(sandbox_url: str, auth: httpx.Auth, count: int, headers: dict | None = None) -> list[int]:
    async with httpx.AsyncClient(base_url=sandbox_url, auth=auth) as http:
        replies = await asyncio.gather(*(http.get(SUMMARY, headers=headers) for _ in range(count)))
    return [reply.status_code for reply in replies]


AS_PARTNER = {"Collector-Number": JANE_NUMBER}


# --- partner ---------------------------------------------------------------------------------


async def test_partner_token_facts_are_decoded_for_display(
    endpoint: TokenEndpoint, store: SecretStore, clock: Clock
) -> None:
    manager = partner(endpoint, store, clock)
    await manager.start()
    facts = manager.facts()
    assert facts is not None
    assert facts.method == "partner"
    assert facts.subject == "sandbox-partner@clients"
    assert facts.client_id == "sandbox-partner"
    assert facts.audience == ("loyalty-api",)
    wanted = {"collector:profile:read", "collector:summary:read", "collector:enrollment:write"}
    assert wanted <= set(facts.scopes)
    assert facts.collector_number is None
    assert 3590 <= facts.expires_in <= 3600
    assert facts.expires_at is not None and facts.expires_at.tzinfo is not None
    clock.now += 600
    assert 2990 <= manager.facts().expires_in <= 3000  # type: ignore[union-attr]


async def test_wrong_partner_secret_is_wrong_credentials(
    endpoint: TokenEndpoint, store: SecretStore, clock: Clock
) -> None:
    with pytest.raises(WrongCredentials):
        await partner(endpoint, store, clock, secret="not-the-secret").start()
    assert partner(endpoint, store, clock).facts() is None


async def test_unreachable_token_endpoint_is_connection_failed(store: SecretStore, clock: Clock) -> None:
    async with httpx.AsyncClient(base_url="http://127.0.0.1:9") as http:
        manager = partner(TokenEndpoint(http, "/oauth/token", "/oauth/revoke"), store, clock)
        with pytest.raises(ConnectionFailed):
            await manager.start()


async def test_token_is_reused_until_the_refresh_margin(
    sandbox_url: str, endpoint: TokenEndpoint, store: SecretStore, clock: Clock
) -> None:
    manager = partner(endpoint, store, clock)
    assert await summaries(sandbox_url, manager, 3, AS_PARTNER) == [200] * 3
    clock.now += 3600 - 61  # still outside the 60 s margin
    assert await summaries(sandbox_url, manager, 1, AS_PARTNER) == [200]
    assert len(log_of(sandbox_url, "/oauth/token")) == 1
    clock.now += 2  # inside the margin: renewed ahead of expiry
    assert await summaries(sandbox_url, manager, 1, AS_PARTNER) == [200]
    grants = [item["grantType"] for item in log_of(sandbox_url, "/oauth/token")]
    assert grants == ["client_credentials", "client_credentials"]


async def test_fifty_calls_on_an_expired_partner_token_renew_once(
    sandbox_url: str, endpoint: TokenEndpoint, store: SecretStore, clock: Clock
) -> None:
    manager = partner(endpoint, store, clock)
    await manager.start()
    clear_log(sandbox_url)
    clock.now += 3601
    assert await summaries(sandbox_url, manager, 50, AS_PARTNER) == [200] * 50
    token_requests = log_of(sandbox_url, "/oauth/token")
    assert [(t["grantType"], t["status"]) for t in token_requests] == [("client_credentials", 200)]
    assert len(log_of(sandbox_url, SUMMARY)) == 50


async def test_fifty_calls_on_a_token_the_server_expired_renew_once_and_retry_once(
    sandbox_url: str, endpoint: TokenEndpoint, store: SecretStore, clock: Clock
) -> None:
    settings(sandbox_url, accessTokenTtl=60)
    manager = partner(endpoint, store, clock)  # the clock stands still: only the server sees the expiry
    await manager.start()
    advance_clock(sandbox_url, 60)
    settings(sandbox_url, accessTokenTtl=3600)
    clear_log(sandbox_url)
    assert await summaries(sandbox_url, manager, 50, AS_PARTNER) == [200] * 50
    assert len(log_of(sandbox_url, "/oauth/token")) == 1
    statuses = sorted(item["status"] for item in log_of(sandbox_url, SUMMARY))
    assert statuses == [200] * 50 + [401] * 50  # each call: one 401, one retry


async def test_a_401_on_the_retry_is_returned_not_retried_again(
    endpoint: TokenEndpoint, store: SecretStore, clock: Clock, sandbox_url: str
) -> None:
    # The sandbox cannot refuse fresh tokens on demand: a mock API that always answers 401.
    seen: list[str] = []

    def always_401(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(401, json={"responseCode": "UNAUTHORIZED"})

    manager = partner(endpoint, store, clock)
    async with httpx.AsyncClient(transport=httpx.MockTransport(always_401), auth=manager) as http:
        reply = await http.get("http://api.test/collectors/summary")
    assert reply.status_code == 401
    assert len(seen) == 2 and seen[0] != seen[1]  # retried once, with the renewed token
    assert len(log_of(sandbox_url, "/oauth/token")) == 2  # first token + one renewal


async def test_sync_clients_are_refused(endpoint: TokenEndpoint, store: SecretStore, clock: Clock) -> None:
    manager = partner(endpoint, store, clock)
    with pytest.raises(RuntimeError, match="Async"):
        manager.sync_auth_flow(httpx.Request("GET", "http://127.0.0.1:9/"))


# --- member ----------------------------------------------------------------------------------


async def test_member_facts_carry_the_collector_number(
    sandbox_url: str, endpoint: TokenEndpoint, store: SecretStore, clock: Clock
) -> None:
    manager = await member(endpoint, store, clock, sandbox_url)
    facts = manager.facts()
    assert facts is not None
    assert facts.method == "member"
    assert facts.collector_number == JANE_NUMBER
    assert "collector:summary:read" in facts.scopes
    assert await store.read(ENV, REFRESH_TOKEN_KEY)
    assert await summaries(sandbox_url, manager, 1) == [200]


async def test_member_refresh_rotates_the_refresh_token(
    sandbox_url: str, endpoint: TokenEndpoint, store: SecretStore, clock: Clock
) -> None:
    manager = await member(endpoint, store, clock, sandbox_url)
    first = await store.read(ENV, REFRESH_TOKEN_KEY)
    clear_log(sandbox_url)
    clock.now += 3601
    assert await summaries(sandbox_url, manager, 50) == [200] * 50
    assert [t["grantType"] for t in log_of(sandbox_url, "/oauth/token")] == ["refresh_token"]
    second = await store.read(ENV, REFRESH_TOKEN_KEY)
    assert second and second != first
    clock.now += 3601
    assert await summaries(sandbox_url, manager, 1) == [200]
    third = await store.read(ENV, REFRESH_TOKEN_KEY)
    assert third not in (first, second)
    # The old ones are dead at the server.
    with pytest.raises(SessionExpired):
        await endpoint.request(
            {"grant_type": "refresh_token", "client_id": "sandbox-console", "refresh_token": first or ""}
        )


async def test_a_dead_refresh_token_ends_the_session_and_leaves_the_keyring(
    sandbox_url: str, endpoint: TokenEndpoint, store: SecretStore, clock: Clock
) -> None:
    manager = await member(endpoint, store, clock, sandbox_url)
    refresh_token = await store.read(ENV, REFRESH_TOKEN_KEY)
    assert refresh_token
    assert await endpoint.revoke({"client_id": "sandbox-console", "token": refresh_token})
    clock.now += 3601
    async with httpx.AsyncClient(base_url=sandbox_url, auth=manager) as http:
        with pytest.raises(SessionExpired):
            await http.get(SUMMARY)
    assert await store.read(ENV, REFRESH_TOKEN_KEY) is None


async def test_sign_out_revokes_and_clears_memory_and_keyring(
    sandbox_url: str,
    endpoint: TokenEndpoint,
    store: SecretStore,
    clock: Clock,
    keyring_backend: MemoryKeyring,
) -> None:
    manager = await member(endpoint, store, clock, sandbox_url)
    refresh_token = await store.read(ENV, REFRESH_TOKEN_KEY)
    assert refresh_token and keyring_backend.items
    assert await manager.sign_out() is True
    assert keyring_backend.items == {}
    assert manager.facts() is None
    assert [item["status"] for item in log_of(sandbox_url, "/oauth/revoke")] == [200]
    with pytest.raises(SessionExpired):  # the next refresh fails at the server
        await endpoint.request(
            {"grant_type": "refresh_token", "client_id": "sandbox-console", "refresh_token": refresh_token}
        )
    async with httpx.AsyncClient(base_url=sandbox_url, auth=manager) as http:
        with pytest.raises(NotSignedIn):
            await http.get(SUMMARY)


async def test_a_wrong_verifier_is_refused_by_the_tenant(sandbox_url: str, endpoint: TokenEndpoint) -> None:
    grant = await jane_signs_in(sandbox_url)
    with pytest.raises(OAuthError) as caught:
        await endpoint.request(
            {
                "grant_type": "authorization_code",
                "client_id": "sandbox-console",
                "code": grant.code,
                "redirect_uri": grant.redirect_uri,
                "code_verifier": pkce.new_verifier(),
            }
        )
    assert caught.value.error == "invalid_grant"


# --- nothing leaks ---------------------------------------------------------------------------


async def test_no_token_or_secret_in_repr_or_logs(
    sandbox_url: str,
    endpoint: TokenEndpoint,
    store: SecretStore,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []

    async def capture(request: httpx.Request) -> None:
        seen.append(request.headers["Authorization"].removeprefix("Bearer "))

    manager = await member(endpoint, store, clock, sandbox_url)
    first_refresh = await store.read(ENV, REFRESH_TOKEN_KEY)
    clock.now += 3601
    hooks = {"request": [capture]}
    async with httpx.AsyncClient(base_url=sandbox_url, auth=manager, event_hooks=hooks) as http:
        assert (await http.get(SUMMARY)).status_code == 200
    secrets = {*seen, first_refresh, await store.read(ENV, REFRESH_TOKEN_KEY), PARTNER[1]}
    shown = [repr(manager), str(manager), repr(manager.facts()), repr(manager._token), caplog.text]
    for secret in secrets:
        assert secret and len(secret) > 20
        assert not any(secret in text for text in shown)


async def test_facts_of_an_opaque_token_come_from_the_token_answer(store: SecretStore, clock: Clock) -> None:
    # The sandbox always issues JWTs; a tenant without an audience issues opaque tokens.
    def tenant(request: httpx.Request) -> httpx.Response:
        answer = {"access_token": "opaque-abcdefghijkl", "token_type": "Bearer", "expires_in": 600}
        return httpx.Response(200, json={**answer, "scope": "collector:profile:read"})

    async with httpx.AsyncClient(base_url="https://auth.test", transport=httpx.MockTransport(tenant)) as http:
        manager = partner(TokenEndpoint(http, "/oauth/token", "/oauth/revoke"), store, clock)
        await manager.start()
    facts = manager.facts()
    assert facts is not None
    assert facts.scopes == ("collector:profile:read",)
    assert facts.subject is None and facts.audience == () and facts.collector_number is None
    assert facts.expires_in == 600
    assert facts.expires_at is not None
    assert 590 <= (facts.expires_at - datetime.now(UTC)).total_seconds() <= 601


async def test_a_token_expiring_beyond_the_calendar_has_facts_without_error() -> None:
    import jwt as pyjwt

    from console.api.secrets import SecretStore
    from console.api.tokens import TokenManager

    token = pyjwt.encode({"sub": "m", "exp": 10**13, "iat": 0, "scope": "a b"}, "k" * 32, algorithm="HS256")
    manager = TokenManager(env_name="x", endpoint=None, secrets=SecretStore(), method="member",  # type: ignore[arg-type]
                           client_id="c", audience="loyalty-api")
    await manager.accept({"access_token": token, "expires_in": 10**12})
    facts = manager.facts()
    assert facts is not None and facts.expires_at is None and facts.scopes == ("a", "b")
    assert facts.header["alg"] == "HS256" and facts.claims["exp"] == 10**13
