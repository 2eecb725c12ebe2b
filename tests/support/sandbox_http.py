"""Getting tokens from the sandbox with plain HTTP, independent of the console's token code."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
import secrets
from collections.abc import Generator
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.support.log_scan import watch_token_response

PARTNER = ("sandbox-partner", "sandbox-partner-secret")
READONLY = ("sandbox-readonly", "sandbox-readonly-secret")
REDIRECT_URI = "http://127.0.0.1:65010/callback"


class StaticBearer(httpx.Auth):
    """Sends one fixed access token."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


def machine_token(base_url: str, client: tuple[str, str] = PARTNER, scope: str | None = None) -> str:
    """An access token from the client-credentials grant."""
    form = {"grant_type": "client_credentials", "client_id": client[0], "client_secret": client[1]}
    form["audience"] = "loyalty-api"
    if scope is not None:
        form["scope"] = scope
    response = httpx.post(f"{base_url}/oauth/token", data=form)
    response.raise_for_status()
    watch_token_response(response.json())
    return response.json()["access_token"]


def member_token(base_url: str, email: str = "jane.doe@example.com", password: str = "sandbox") -> str:  # noqa: S107
    """An access token for a member, through the sign-in page with authorization code + PKCE."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    with httpx.Client(base_url=base_url) as http:
        page = http.get(
            "/authorize",
            params={
                "client_id": "sandbox-console",
                "response_type": "code",
                "connection": "member-email-idp-recaptcha",
                "redirect_uri": REDIRECT_URI,
                "scope": "openid collector:profile:read collector:summary:read",
                "audience": "loyalty-api",
                "state": "s1",
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            },
        )
        page.raise_for_status()
        txn = re.search(r'name="txn" value="([^"]+)"', page.text).group(1)
        login = http.post("/authorize/login", data={"txn": txn, "email": email, "password": password})
        assert login.status_code == 302, login.text
        code = parse_qs(urlsplit(login.headers["location"]).query)["code"][0]
        answer = http.post(
            "/oauth/token",
            data={
                "grant_type": "authorization_code",
                "client_id": "sandbox-console",
                "code": code,
                "redirect_uri": REDIRECT_URI,
                "code_verifier": verifier,
            },
        )
        answer.raise_for_status()
    watch_token_response(answer.json())
    return answer.json()["access_token"]


def set_faults(base_url: str, **faults: object) -> None:
    httpx.put(f"{base_url}/_sandbox/faults", json=faults).raise_for_status()


def requests_log(base_url: str, path: str | None = None) -> list[dict]:
    """The sandbox's log of requests (to `path`, or all)."""
    response = httpx.get(f"{base_url}/_sandbox/requests", params={"path": path} if path else None)
    response.raise_for_status()
    return response.json()["items"]


def advance_clock(base_url: str, seconds: float) -> None:
    """Move the sandbox clock on (token expiry, idempotency records, rate windows, injected latency)."""
    httpx.post(f"{base_url}/_sandbox/clock", json={"advanceSeconds": seconds}).raise_for_status()


async def sleeping_on_the_clock(base_url: str, count: int = 1) -> None:
    """Wait (up to 10 s) until `count` requests wait on the sandbox clock (an injected latency)."""
    async with asyncio.timeout(10), httpx.AsyncClient(base_url=base_url) as http:
        while True:
            if (await http.get("/_sandbox/clock")).json()["sleeping"] >= count:
                return
            await asyncio.sleep(0.01)


async def settled(base_url: str, path: str, count: int) -> list[dict]:
    """Wait (up to 10 s) until the sandbox has finished `count` requests to `path` (logged when done)."""
    async with asyncio.timeout(10):
        while True:
            items = requests_log(base_url, path)
            if len(items) >= count:
                return items
            await asyncio.sleep(0.05)
