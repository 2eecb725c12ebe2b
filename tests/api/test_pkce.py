"""The loopback side of member sign-in: PKCE values, the one-shot listener, state, timeout, cancel."""

from __future__ import annotations

import asyncio
import socket
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from console.api.errors import (
    BrowserUnavailable,
    OAuthError,
    SignInCancelled,
    SignInTimedOut,
    StateMismatch,
)
from console.api.pkce import LoopbackReceiver, authorize, challenge_for, new_verifier


def test_s256_challenge_matches_the_rfc_7636_example() -> None:
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert challenge_for(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_verifiers_are_long_random_and_unreserved() -> None:
    verifiers = {new_verifier() for _ in range(20)}
    assert len(verifiers) == 20
    for verifier in verifiers:
        assert 43 <= len(verifier) <= 128
        assert set(verifier) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _refused(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=1).close()
    except OSError:
        return True
    return False


async def test_listener_is_on_loopback_answers_one_callback_then_closes() -> None:
    async with LoopbackReceiver("s-1") as receiver:
        parts = urlsplit(receiver.redirect_uri)
        assert parts.hostname == "127.0.0.1" and parts.path == "/callback" and parts.port
        async with httpx.AsyncClient() as http:
            stray = await http.get(f"http://127.0.0.1:{parts.port}/favicon.ico")
            assert stray.status_code == 404  # not the callback: ignored, still listening
            reply = await http.get(receiver.redirect_uri, params={"code": "c-1", "state": "s-1"})
        assert reply.status_code == 200
        assert "you can close this window" in reply.text
        assert reply.headers["cache-control"] == "no-store"
        assert await receiver.result() == "c-1"
        assert receiver.closed
        assert _refused(receiver.redirect_uri)


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"code": "c-1", "state": "forged"}, StateMismatch),
        ({"code": "c-1"}, StateMismatch),
        ({"error": "access_denied", "state": "s-1"}, SignInCancelled),
        ({"error": "login_required", "error_description": "Try again", "state": "s-1"}, OAuthError),
        ({"state": "s-1"}, OAuthError),
    ],
)
async def test_a_bad_callback_fails_the_sign_in_and_closes(
    params: dict[str, str], error: type[Exception]
) -> None:
    async with LoopbackReceiver("s-1") as receiver:
        async with httpx.AsyncClient() as http:
            reply = await http.get(receiver.redirect_uri, params=params)
        assert "Sign-in failed" in reply.text
        with pytest.raises(error):
            await receiver.result()
        assert _refused(receiver.redirect_uri)


def _tenant(code: str = "c-9", *, state: str | None = None) -> tuple[list[str], object]:
    """A browser that plays the tenant: straight back to the loopback with a code."""
    opened: list[str] = []

    def open_browser(url: str) -> None:
        opened.append(url)
        query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
        back = {"code": code, "state": state if state is not None else query["state"]}
        httpx.get(f"{query['redirect_uri']}?{urlencode(back)}", timeout=5)

    return opened, open_browser


async def test_authorize_sends_pkce_and_state_and_returns_the_code() -> None:
    opened, browser = _tenant()
    grant = await authorize(
        authorize_url="http://127.0.0.1:1/authorize",
        client_id="console",
        connection="member-pin-idp-recaptcha",
        scope="openid offline_access",
        audience="loyalty-api",
        open_browser=browser,  # type: ignore[arg-type]
        timeout=10,
    )
    query = {key: values[0] for key, values in parse_qs(urlsplit(opened[0]).query).items()}
    assert grant.code == "c-9"
    assert query["code_challenge"] == challenge_for(grant.code_verifier)
    assert query["code_challenge_method"] == "S256"
    assert query["redirect_uri"] == grant.redirect_uri
    assert query["connection"] == "member-pin-idp-recaptcha"
    assert len(query["state"]) >= 32
    assert "c-9" not in repr(grant) and grant.code_verifier not in repr(grant)
    # A second sign-in gets a different state, verifier and port.
    opened2, browser2 = _tenant()
    grant2 = await authorize(
        authorize_url="http://127.0.0.1:1/authorize", client_id="console", connection="c", scope="s",
        audience="a", open_browser=browser2, timeout=10,  # type: ignore[arg-type]
    )
    query2 = parse_qs(urlsplit(opened2[0]).query)
    assert query2["state"][0] != query["state"]
    assert grant2.code_verifier != grant.code_verifier


async def test_authorize_refuses_a_wrong_state() -> None:
    _, browser = _tenant(state="not-the-one-we-sent")
    with pytest.raises(StateMismatch):
        await authorize(
            authorize_url="http://127.0.0.1:1/authorize", client_id="console", connection="c", scope="s",
            audience="a", open_browser=browser, timeout=10,  # type: ignore[arg-type]
        )


async def test_authorize_times_out_and_closes_the_listener() -> None:
    opened: list[str] = []
    with pytest.raises(SignInTimedOut) as caught:  # raised only when the wait's own timeout ends it
        await authorize(
            authorize_url="http://127.0.0.1:1/authorize", client_id="console", connection="c", scope="s",
            audience="a", open_browser=opened.append, timeout=0.3,
        )
    assert "within 0.3 seconds" in str(caught.value)
    redirect_uri = parse_qs(urlsplit(opened[0]).query)["redirect_uri"][0]
    assert _refused(redirect_uri)


async def test_authorize_can_be_cancelled_and_closes_the_listener() -> None:
    opened: list[str] = []
    browser_opened = asyncio.Event()
    loop = asyncio.get_running_loop()

    def open_browser(url: str) -> None:
        opened.append(url)
        loop.call_soon_threadsafe(browser_opened.set)

    task = asyncio.create_task(
        authorize(
            authorize_url="http://127.0.0.1:1/authorize", client_id="console", connection="c", scope="s",
            audience="a", open_browser=open_browser, timeout=60,
        )
    )
    await browser_opened.wait()
    redirect_uri = parse_qs(urlsplit(opened[0]).query)["redirect_uri"][0]
    assert not _refused(redirect_uri)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert _refused(redirect_uri)


async def test_an_idle_browser_connection_does_not_hold_the_listener_open() -> None:
    async with LoopbackReceiver("s-1") as receiver:
        parts = urlsplit(receiver.redirect_uri)
        idle_reader, idle_writer = await asyncio.open_connection(parts.hostname, parts.port)  # says nothing
        async with httpx.AsyncClient() as http:
            await http.get(receiver.redirect_uri, params={"code": "c-1", "state": "s-1"})
        assert await receiver.result() == "c-1"
    try:
        async with asyncio.timeout(1):  # closed with the listener, not after the 10 s read timeout
            assert await idle_reader.read() == b""
    finally:
        idle_writer.close()


async def test_no_browser_fails_at_once_with_the_address_to_open_by_hand() -> None:
    with pytest.raises(BrowserUnavailable) as caught:
        await authorize(
            authorize_url="http://127.0.0.1:1/authorize", client_id="console", connection="c", scope="s",
            audience="a", open_browser=lambda url: False, timeout=30,
        )
    url = caught.value.url
    assert url.startswith("http://127.0.0.1:1/authorize?") and "code_challenge=" in url
    assert _refused(parse_qs(urlsplit(url).query)["redirect_uri"][0])
