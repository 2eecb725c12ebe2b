"""Access and refresh tokens for one (environment, identity), as an ``httpx.Auth``.

Access tokens live in memory only, with an expiry on the monotonic clock and a refresh margin.
Renewal is single-flight under an ``asyncio.Lock``; a ``401`` invalidates the exact token that
was used, renews once and retries once. A partner (machine) identity re-requests a client
credentials token; a member renews with a rotating refresh token kept in the SecretStore.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal
from uuid import uuid4

import httpx
import jwt

from console.api.client import USER_AGENT
from console.api.errors import (
    ConnectionFailed,
    NotSignedIn,
    OAuthError,
    RequestTimedOut,
    SessionExpired,
    TokenServiceError,
    WrongCredentials,
)
from console.api.exchange import Exchange, ExchangeLog
from console.api.secrets import SecretStore

log = logging.getLogger(__name__)

Method = Literal["partner", "member"]

REFRESH_MARGIN = 60.0
"""Seconds before expiry at which a token is renewed (at most a tenth of its lifetime)."""
COLLECTOR_NUMBER_CLAIM = "https://airmiles.ca/collectorNumber"
REFRESH_TOKEN_KEY = "member.refresh_token"  # noqa: S105 - a keyring entry name
MEMBER_SCOPES = "openid profile email offline_access collector:profile:read collector:summary:read"


@dataclass(frozen=True)
class TokenFacts:
    """What the current access token says, for display only (decoded without verification)."""

    subject: str | None
    scopes: tuple[str, ...]
    audience: tuple[str, ...]
    expires_at: datetime | None
    expires_in: int
    method: Method
    collector_number: str | None
    client_id: str | None
    issuer: str | None = None
    header: dict[str, Any] = field(default_factory=dict)
    """The JWT header (alg, kid, typ); empty for an opaque token."""
    claims: dict[str, Any] = field(default_factory=dict)
    refresh_token_held: bool = False
    """A refresh token is kept for this identity (its value is never shown)."""
    id_claims: dict[str, Any] = field(default_factory=dict)
    """Claims of the ID token of a member sign-in (empty otherwise)."""


class TokenEndpoint:
    """The token and revocation endpoints of one environment's authorization server.

    Each call is published to ``exchange_log`` (when given); the exchange log cuts the secrets the
    contract marks (client secret, code, verifier, tokens) before it keeps the exchange.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        token_path: str,
        revoke_path: str,
        exchange_log: ExchangeLog | None = None,
        deadline: float | None = None,
    ) -> None:
        self._http = http
        self._deadline = deadline
        self._token_path = token_path
        self._revoke_path = revoke_path
        self._exchange_log = exchange_log

    async def request(self, form: dict[str, str]) -> dict:
        """POST a token request; return the JSON answer or raise the matching sign-in error.

        ``invalid_grant`` on a refresh means the session is over (SessionExpired); on any other
        grant it is a refused sign-in.
        """
        response = await self._post(self._token_path, form)
        body = _json(response)
        if response.status_code == 200 and isinstance(body.get("access_token"), str):
            return body
        error = body.get("error")
        if not isinstance(error, str):
            raise TokenServiceError(response.status_code)
        description = body.get("error_description")
        if error == "invalid_client":
            raise WrongCredentials()
        if error == "invalid_grant" and form.get("grant_type") == "refresh_token":
            raise SessionExpired()
        raise OAuthError(error, description if isinstance(description, str) else None)

    async def revoke(self, form: dict[str, str]) -> bool:
        """Revoke a refresh token; True when the server confirmed it."""
        response = await self._post(self._revoke_path, form)
        return response.status_code == 200

    async def _post(self, path: str, form: dict[str, str]) -> httpx.Response:
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT, "X-Correlation-Id": str(uuid4())}
        request = self._http.build_request("POST", path, data=form, headers=headers)
        started_at, started = datetime.now(UTC), time.perf_counter()
        try:
            async with asyncio.timeout(self._deadline):
                response = await self._http.send(request)
        except TimeoutError as exc:  # the whole call's deadline: a silent or trickling server
            self._publish(request, started_at, started, error="deadline")
            raise RequestTimedOut("The sign-in service did not answer in time.") from exc
        except httpx.TimeoutException as exc:
            self._publish(request, started_at, started, error=type(exc).__name__)
            raise RequestTimedOut("The sign-in service did not answer in time.") from exc
        except httpx.TransportError as exc:
            self._publish(request, started_at, started, error=type(exc).__name__)
            raise ConnectionFailed("Could not reach the sign-in service.") from exc
        self._publish(request, started_at, started, response=response)
        return response

    def _publish(
        self,
        request: httpx.Request,
        started_at: datetime,
        started: float,
        *,
        response: httpx.Response | None = None,
        error: str | None = None,
    ) -> None:
        elapsed_ms = (time.perf_counter() - started) * 1000
        status = response.status_code if response is not None else error
        log.debug("POST %s -> %s in %.1f ms", request.url.path, status, elapsed_ms)
        if self._exchange_log is None:
            return
        self._exchange_log.publish(
            Exchange.capture(
                method="POST",
                url=str(request.url),
                request_headers=request.headers.multi_items(),
                request_body=request.content,
                started_at=started_at,
                duration_ms=elapsed_ms,
                correlation_id=request.headers.get("x-correlation-id"),
                status=response.status_code if response is not None else None,
                response_headers=response.headers.multi_items() if response is not None else (),
                response_body=response.content if response is not None else b"",
                error=error,
            )
        )


class _AccessToken:
    """One access token with its monotonic expiry; its repr never shows the value."""

    __slots__ = ("claims", "expires_at", "header", "lifetime", "value")

    def __init__(self, answer: dict, received_at: float) -> None:
        self.value: str = answer["access_token"]
        try:
            self.claims: dict[str, Any] = jwt.decode(self.value, options={"verify_signature": False})
            self.header: dict[str, Any] = jwt.get_unverified_header(self.value)
        except jwt.PyJWTError:  # an opaque token: show what the token answer said
            self.claims = {"scope": answer.get("scope", "")}
            self.header = {}
        expires_in = answer.get("expires_in")
        if not isinstance(expires_in, int | float):  # fall back on the token's own exp - iat
            exp, iat = self.claims.get("exp"), self.claims.get("iat")
            expires_in = exp - iat if isinstance(exp, int) and isinstance(iat, int) else 0
        self.lifetime = float(expires_in)
        self.expires_at = received_at + self.lifetime
        self.claims.setdefault("exp", int(time.time() + self.lifetime))

    def due(self, now: float) -> bool:
        return now >= self.expires_at - min(REFRESH_MARGIN, self.lifetime / 10)

    def __repr__(self) -> str:
        return f"<access token, {self.lifetime:g}s lifetime>"


class TokenManager(httpx.Auth):
    """Bearer tokens for one identity in one environment, renewed single-flight."""

    requires_request_body = True

    def __init__(
        self,
        *,
        env_name: str,
        endpoint: TokenEndpoint,
        secrets: SecretStore,
        method: Method,
        client_id: str,
        audience: str,
        client_secret: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_token: Callable[[], None] | None = None,
    ) -> None:
        if method == "partner" and not client_secret:
            raise ValueError("a partner identity needs a client secret")
        self.env_name = env_name
        self.method: Method = method
        self.client_id = client_id
        self._audience = audience
        self._secret = client_secret
        self._endpoint = endpoint
        self._secrets = secrets
        self._clock = clock
        self._on_token = on_token
        self._lock = asyncio.Lock()
        self._token: _AccessToken | None = None
        self._refresh_held = False
        self._id_claims: dict[str, Any] = {}
        self._closed = False

    # --- httpx.Auth ------------------------------------------------------------------------

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("TokenManager works with httpx.AsyncClient only")

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        token = await self._valid_token()
        request.headers["Authorization"] = f"Bearer {token.value}"
        response = yield request
        if response.status_code == 401:
            token = await self._renew(stale=token)
            request.headers["Authorization"] = f"Bearer {token.value}"
            yield request

    # --- life cycle ------------------------------------------------------------------------

    async def start(self) -> None:
        """Get a first token now (checks a partner's credentials; uses a member's stored refresh token)."""
        await self._renew(stale=None)

    async def accept(self, answer: dict) -> None:
        """Take the tokens of a fresh authorization-code exchange (member sign-in)."""
        async with self._lock:
            await self._store(answer, self._clock())

    async def sign_out(self) -> bool:
        """Forget the tokens here and in the keyring, and revoke the refresh token; True if revoked."""
        async with self._lock:
            self._closed = True
            self._token = None
            self._secret = None
            if self.method != "member":
                return False
            refresh_token = await self._secrets.read(self.env_name, REFRESH_TOKEN_KEY)
            if refresh_token is None:
                return False
            await self._secrets.remove(self.env_name, REFRESH_TOKEN_KEY)
            try:
                revoked = await self._endpoint.revoke({"client_id": self.client_id, "token": refresh_token})
            except (ConnectionFailed, RequestTimedOut):
                revoked = False
            log.info("signed out of %s (%s); refresh token revoked: %s", self.env_name, self.method, revoked)
            return revoked

    async def access_token(self) -> str:
        """The current access token's value (renewed first when due), for a check that verifies it."""
        return (await self._valid_token()).value

    def forget(self) -> None:
        """Drop the access token from memory (the refresh token stays for a later resume)."""
        self._closed = True
        self._token = None
        self._secret = None

    # --- facts -----------------------------------------------------------------------------

    def facts(self) -> TokenFacts | None:
        """Decoded claims of the current access token, for display; None when there is none."""
        token = self._token
        if token is None:
            return None
        claims = token.claims
        audience = claims.get("aud", ())
        return TokenFacts(
            subject=claims.get("sub"),
            scopes=tuple(str(claims.get("scope", "")).split()),
            audience=(audience,) if isinstance(audience, str) else tuple(audience),
            expires_at=_instant(claims.get("exp")),
            expires_in=max(0, round(token.expires_at - self._clock())),
            method=self.method,
            collector_number=claims.get(COLLECTOR_NUMBER_CLAIM),
            client_id=claims.get("azp", self.client_id),
            issuer=claims.get("iss"),
            header=dict(token.header),
            claims=dict(claims),
            refresh_token_held=self._refresh_held,
            id_claims=dict(self._id_claims),
        )

    async def renew(self) -> None:
        """Get a new access token now (a member's refresh token rotates)."""
        await self._renew(stale=self._token)

    def __repr__(self) -> str:
        state = "closed" if self._closed else ("token" if self._token else "no token")
        return f"<TokenManager env={self.env_name!r} method={self.method} client={self.client_id!r} {state}>"

    # --- internals -------------------------------------------------------------------------

    async def _valid_token(self) -> _AccessToken:
        token = self._token
        if token is not None and not token.due(self._clock()):
            return token
        async with self._lock:
            token = self._token
            if token is not None and not token.due(self._clock()):
                return token
            return await self._obtain()

    async def _renew(self, *, stale: _AccessToken | None) -> _AccessToken:
        """Replace ``stale`` (the exact token that failed) unless someone already did."""
        async with self._lock:
            if self._token is not None and self._token is not stale:
                return self._token
            self._token = None
            return await self._obtain()

    async def _obtain(self) -> _AccessToken:
        """Request a new access token; the caller holds the lock."""
        if self._closed:
            raise NotSignedIn()
        sent_at = self._clock()
        if self.method == "partner":
            assert self._secret is not None
            form = {
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self._secret,
                "audience": self._audience,
            }
            answer = await self._endpoint.request(form)
        else:
            refresh_token = await self._secrets.read(self.env_name, REFRESH_TOKEN_KEY)
            if refresh_token is None:
                raise SessionExpired()
            form = {
                "grant_type": "refresh_token",
                "client_id": self.client_id,
                "refresh_token": refresh_token,
            }
            try:
                answer = await self._endpoint.request(form)
            except SessionExpired:
                await self._secrets.remove(self.env_name, REFRESH_TOKEN_KEY)
                raise
        if self._closed:
            raise NotSignedIn()
        log.info("new %s access token for %s (%s)", self.method, self.env_name, form["grant_type"])
        return await self._store(answer, sent_at)

    async def _store(self, answer: dict, received_at: float) -> _AccessToken:
        refresh_token = answer.get("refresh_token")
        if self.method == "member" and isinstance(refresh_token, str):
            await self._secrets.write(self.env_name, REFRESH_TOKEN_KEY, refresh_token)  # rotation
            self._refresh_held = True
        id_token = answer.get("id_token")
        if isinstance(id_token, str):
            try:
                self._id_claims = jwt.decode(id_token, options={"verify_signature": False})
            except jwt.PyJWTError:
                self._id_claims = {}
        self._token = _AccessToken(answer, received_at)
        if self._on_token is not None:
            self._on_token()
        return self._token


def _instant(seconds: object) -> datetime | None:
    """A JWT time claim as a datetime; None when absent or beyond what a datetime holds (far future)."""
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _json(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
