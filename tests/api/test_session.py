"""EnvironmentSession against the sandbox: partner and member sign-in, keyring, sign-out, isolation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from keyring.errors import KeyringLocked, NoKeyringError

from console.api.environments import Environment, load_environments
from console.api.errors import (
    ConnectionFailed,
    NotSignedIn,
    SignInCancelled,
    SignInNotOffered,
    SignInTimedOut,
    StateMismatch,
    WrongCredentials,
)
from console.api.secrets import SERVICE, SecretStore
from console.api.session import EnvironmentSession
from tests.support.browser import JANE_NUMBER, JANE_PIN, SandboxBrowser
from tests.support.keyrings import FailingKeyring, MemoryKeyring, using
from tests.support.token_watch import WatchingTransport

PARTNER = ("sandbox-partner", "sandbox-partner-secret")


@pytest.fixture
def keyring_backend() -> Iterator[MemoryKeyring]:
    with using(MemoryKeyring()) as backend:
        yield backend  # type: ignore[misc]


@pytest.fixture
def env(sandbox_url: str) -> Environment:
    return load_environments()["sandbox"].with_base(sandbox_url)


@pytest.fixture
async def session(env: Environment, keyring_backend: MemoryKeyring) -> AsyncIterator[EnvironmentSession]:
    session = EnvironmentSession(env, transport=WatchingTransport())
    yield session
    await session.aclose()


def token_log(sandbox_url: str, path: str = "/oauth/token") -> list[dict]:
    return httpx.get(f"{sandbox_url}/_sandbox/requests", params={"path": path}).json()["items"]


def refresh_error(sandbox_url: str, refresh_token: str) -> str | None:
    """The OAuth error the tenant gives for this refresh token (None if it still works)."""
    form = {"grant_type": "refresh_token", "client_id": "sandbox-console", "refresh_token": refresh_token}
    return httpx.post(f"{sandbox_url}/oauth/token", data=form).json().get("error")


def listener_closed(authorize_url: str) -> bool:
    """True when nothing listens any more at the redirect_uri of this sign-in URL."""
    redirect_uri = parse_qs(urlsplit(authorize_url).query)["redirect_uri"][0]
    try:
        httpx.get(redirect_uri, timeout=2)
    except httpx.ConnectError:
        return True
    return False


def bearer(session: EnvironmentSession) -> str:
    """The session's access token (a private look, for this test only)."""
    assert session._tokens is not None and session._tokens._token is not None
    return session._tokens._token.value


def entries(backend: MemoryKeyring) -> dict[str, str]:
    return {name: value for (service, name), value in backend.items.items() if service == SERVICE}


# --- partner ---------------------------------------------------------------------------------


async def test_partner_sign_in_then_calls_work(session: EnvironmentSession) -> None:
    assert not session.signed_in and session.facts() is None
    await session.sign_in_partner(*PARTNER, remember=False)
    assert session.signed_in
    assert session.identity is not None and session.identity.method == "partner"
    assert session.identity.display == "sandbox-partner"
    facts = session.facts()
    assert facts is not None and facts.subject == "sandbox-partner@clients"
    summary = await session.client.get_summary(JANE_NUMBER)
    assert summary.collector_number == JANE_NUMBER


async def test_wrong_partner_secret_leaves_the_session_signed_out(
    session: EnvironmentSession, keyring_backend: MemoryKeyring
) -> None:
    with pytest.raises(WrongCredentials):
        await session.sign_in_partner(PARTNER[0], "wrong", remember=True)
    assert not session.signed_in and session.identity is None
    assert entries(keyring_backend) == {}


async def test_unreachable_service_is_connection_failed(keyring_backend: MemoryKeyring) -> None:
    env = load_environments()["sandbox"].with_base("http://127.0.0.1:9")
    session = EnvironmentSession(env, transport=WatchingTransport())
    try:
        with pytest.raises(ConnectionFailed):
            await session.sign_in_partner(*PARTNER)
    finally:
        await session.aclose()


async def test_remembered_partner_lives_in_the_keyring_and_resumes(
    env: Environment, session: EnvironmentSession, keyring_backend: MemoryKeyring
) -> None:
    await session.sign_in_partner(*PARTNER, remember=True)
    assert session.secret_persistent
    assert entries(keyring_backend) == {
        "sandbox/partner.client_id": PARTNER[0],
        "sandbox/partner.secret": PARTNER[1],
    }
    later = EnvironmentSession(env, transport=WatchingTransport())  # the next run of the console
    try:
        assert later.remembered_partner is None  # not read yet
        await later.load()
        assert later.remembered_partner == PARTNER[0]
        assert await later.resume() is True
        assert later.identity is not None and later.identity.client_id == PARTNER[0]
        await later.sign_out()
        assert entries(keyring_backend) == {}
        assert not later.signed_in
    finally:
        await later.aclose()


async def test_not_remembering_forgets_a_remembered_secret(
    session: EnvironmentSession, keyring_backend: MemoryKeyring
) -> None:
    await session.sign_in_partner(*PARTNER, remember=True)
    await session.sign_in_partner(*PARTNER, remember=False)
    assert entries(keyring_backend) == {}
    assert session.remembered_partner is None


@pytest.mark.parametrize("error", [NoKeyringError, KeyringLocked])
async def test_without_a_keyring_secrets_are_kept_for_the_session_only(
    env: Environment, error: type[Exception]
) -> None:
    with using(FailingKeyring(error)):
        session = EnvironmentSession(env, transport=WatchingTransport())
        try:
            await session.sign_in_partner(*PARTNER, remember=True)
            assert session.signed_in
            assert session.secret_persistent is False  # the UI says so
            assert session.remembered_partner == PARTNER[0]  # for this session
            other_run = EnvironmentSession(env, transport=WatchingTransport())
            await other_run.load()
            assert other_run.remembered_partner is None
            await other_run.aclose()
        finally:
            await session.aclose()


async def test_sign_in_methods_the_environment_lacks_are_refused(
    sandbox_url: str, keyring_backend: MemoryKeyring
) -> None:
    base = load_environments()["sandbox"].with_base(sandbox_url)
    env = Environment.model_validate({**base.model_dump(), "sign_in_methods": ["member"]})
    session = EnvironmentSession(env, transport=WatchingTransport())
    try:
        with pytest.raises(SignInNotOffered):
            await session.sign_in_partner(*PARTNER)
    finally:
        await session.aclose()


# --- member ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("connection", "browser"),
    [
        ("email", SandboxBrowser()),
        ("pin", SandboxBrowser(collector_number=JANE_NUMBER, pin=JANE_PIN)),
    ],
)
async def test_member_sign_in_with_both_connections(
    session: EnvironmentSession, keyring_backend: MemoryKeyring, connection: str, browser: SandboxBrowser
) -> None:
    await session.sign_in_member(connection, browser, timeout=30)  # type: ignore[arg-type]
    assert "you can close this window" in browser.callback_page
    assert listener_closed(browser.opened[0])
    assert f"connection={session.env.connections[connection]}" in browser.opened[0]
    assert session.identity is not None
    assert session.identity.method == "member" and session.identity.collector_number == JANE_NUMBER
    assert JANE_NUMBER not in session.identity.display and session.identity.display.endswith("007")
    facts = session.facts()
    assert facts is not None and facts.collector_number == JANE_NUMBER and facts.method == "member"
    assert list(entries(keyring_backend)) == ["sandbox/member.refresh_token"]
    summary = await session.client.get_summary()  # a member token names its own collector
    assert summary.collector_number == JANE_NUMBER


async def test_member_session_resumes_from_the_keyring_and_sign_out_revokes(
    env: Environment, session: EnvironmentSession, keyring_backend: MemoryKeyring, sandbox_url: str
) -> None:
    await session.sign_in_member("email", SandboxBrowser(), timeout=30)
    await session.aclose()  # the console quits; the refresh token stays in the keyring
    later = EnvironmentSession(env, transport=WatchingTransport())
    try:
        assert await later.resume() is True
        assert later.identity is not None and later.identity.collector_number == JANE_NUMBER
        refresh_token = entries(keyring_backend)["sandbox/member.refresh_token"]
        await later.sign_out()
        assert entries(keyring_backend) == {}
        assert [item["status"] for item in token_log(sandbox_url, "/oauth/revoke")] == [200]
        assert refresh_error(sandbox_url, refresh_token) == "invalid_grant"
        assert await later.resume() is False
        with pytest.raises(NotSignedIn):
            await later.client.get_summary()
        assert (await later.client.health()).status == "UP"  # no sign-in needed
    finally:
        await later.aclose()


async def test_resume_with_a_dead_refresh_token_is_false_and_cleans_up(
    env: Environment, session: EnvironmentSession, keyring_backend: MemoryKeyring
) -> None:
    await SecretStore().write("sandbox", "member.refresh_token", "no-such-token")
    assert await session.resume() is False
    assert entries(keyring_backend) == {}


async def test_a_new_sign_in_revokes_the_previous_identity(
    session: EnvironmentSession, keyring_backend: MemoryKeyring, sandbox_url: str
) -> None:
    await session.sign_in_member("email", SandboxBrowser(), timeout=30)
    old = entries(keyring_backend)["sandbox/member.refresh_token"]
    await session.sign_in_partner(*PARTNER)
    assert session.identity is not None and session.identity.method == "partner"
    assert entries(keyring_backend) == {}
    assert [item["status"] for item in token_log(sandbox_url, "/oauth/revoke")] == [200]
    assert refresh_error(sandbox_url, old) == "invalid_grant"


async def test_member_sign_in_refuses_a_wrong_state(session: EnvironmentSession) -> None:
    browser = SandboxBrowser(state="forged-state")
    with pytest.raises(StateMismatch):
        await session.sign_in_member("email", browser, timeout=30)
    assert "Sign-in failed" in browser.callback_page
    assert not session.signed_in


async def test_cancel_on_the_sign_in_page_is_sign_in_cancelled(session: EnvironmentSession) -> None:
    browser = SandboxBrowser(cancel=True)
    with pytest.raises(SignInCancelled):
        await session.sign_in_member("pin", browser, timeout=30)
    assert "Sign-in failed" in browser.callback_page
    assert listener_closed(browser.opened[0])
    assert not session.signed_in


async def test_member_sign_in_times_out(session: EnvironmentSession) -> None:
    with pytest.raises(SignInTimedOut):
        await session.sign_in_member("email", lambda url: None, timeout=0.5)
    assert not session.signed_in


async def test_member_sign_in_can_be_cancelled(session: EnvironmentSession) -> None:
    opened = asyncio.Event()
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(
        session.sign_in_member("pin", lambda url: loop.call_soon_threadsafe(opened.set), timeout=60)
    )
    await opened.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not session.signed_in


# --- environments are kept apart -------------------------------------------------------------


async def test_the_same_member_in_two_environments_has_separate_tokens_and_secrets(
    env: Environment, keyring_backend: MemoryKeyring, sandbox_url: str
) -> None:
    lab = Environment.model_validate(
        {**env.model_dump(), "name": "lab", "kind": "custom", "demo_partner": None}
    )
    first, second = (
        EnvironmentSession(env, transport=WatchingTransport()),
        EnvironmentSession(lab, transport=WatchingTransport()),
    )
    try:
        await first.sign_in_member("email", SandboxBrowser(), timeout=30)
        await second.sign_in_member("email", SandboxBrowser(), timeout=30)
        stored = entries(keyring_backend)
        assert set(stored) == {"sandbox/member.refresh_token", "lab/member.refresh_token"}
        assert stored["sandbox/member.refresh_token"] != stored["lab/member.refresh_token"]
        assert bearer(first) != bearer(second)

        await first.sign_out()
        assert set(entries(keyring_backend)) == {"lab/member.refresh_token"}
        assert not first.signed_in
        assert (await second.client.get_summary()).collector_number == JANE_NUMBER
        assert second.identity is not None and second.identity.collector_number == JANE_NUMBER
    finally:
        await first.aclose()
        await second.aclose()


async def test_repr_shows_no_secret(session: EnvironmentSession) -> None:
    await session.sign_in_partner(*PARTNER, remember=True)
    assert PARTNER[1] not in repr(session)
    assert PARTNER[1] not in repr(session.identity)


async def test_a_kept_member_token_is_revoked_when_someone_else_signs_in(
    env: Environment, session: EnvironmentSession, keyring_backend: MemoryKeyring, sandbox_url: str
) -> None:
    await session.sign_in_member("email", SandboxBrowser(), timeout=30)
    kept = entries(keyring_backend)["sandbox/member.refresh_token"]
    await session.aclose()  # quit without signing out: the refresh token stays in the keyring
    later = EnvironmentSession(env, transport=WatchingTransport())
    try:
        await later.sign_in_partner(*PARTNER, remember=True)  # not resumed: a partner signs in instead
        assert "sandbox/member.refresh_token" not in entries(keyring_backend)
        assert refresh_error(sandbox_url, kept) == "invalid_grant"
        again = EnvironmentSession(env, transport=WatchingTransport())
        assert await again.resume() is True
        assert again.identity is not None and again.identity.method == "partner"
        await again.aclose()
    finally:
        await later.aclose()


async def test_resume_falls_back_to_a_remembered_partner_when_the_member_token_is_dead(
    env: Environment, session: EnvironmentSession, keyring_backend: MemoryKeyring
) -> None:
    await session.sign_in_partner(*PARTNER, remember=True)
    await SecretStore().write("sandbox", "member.refresh_token", "no-such-token")
    later = EnvironmentSession(env, transport=WatchingTransport())
    try:
        assert await later.resume() is True
        assert later.identity is not None and later.identity.method == "partner"
        assert "sandbox/member.refresh_token" not in entries(keyring_backend)
    finally:
        await later.aclose()


async def test_sign_in_calls_appear_in_the_exchange_log_with_credentials_masked(
    session: EnvironmentSession,
) -> None:
    await session.sign_in_member("email", SandboxBrowser(), timeout=30)
    await session.sign_in_partner(*PARTNER)
    calls = [
        (x.method, x.url.removeprefix(session.env.auth_base), x.status) for x in session.exchange_log.recent
    ]
    assert calls == [
        ("POST", "/oauth/token", 200),  # the member's code exchange
        ("POST", "/oauth/token", 200),  # the partner's client credentials, checked first
        ("POST", "/oauth/revoke", 200),  # then the member's refresh token, as the partner replaces them
    ]
    code_exchange, partner_call, revoke = session.exchange_log.recent
    assert "token=•••" in revoke.request_body
    assert "grant_type=authorization_code" in code_exchange.request_body
    assert "code=•••" in code_exchange.request_body and "code_verifier=•••" in code_exchange.request_body
    assert "client_secret=•••" in partner_call.request_body
    assert PARTNER[1] not in partner_call.as_curl()
    for exchange in (code_exchange, partner_call):
        assert exchange.response_body["access_token"] == "•••"
        assert exchange.response_body["token_type"] == "Bearer"
    assert code_exchange.response_body["refresh_token"] == "•••"
    assert bearer(session) not in str(partner_call.response_body)
