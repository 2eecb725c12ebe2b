"""One environment's session: who is signed in, their tokens, and the client the UI calls.

Qt-free. Each environment gets its own session object, secret namespace, token manager and HTTP
clients, so nothing crosses environments. A session announces its own changes (signed in, signed out,
token renewed) to its subscribers; nobody has to tell others that it changed.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import httpx

from console.api import pkce
from console.api.client import ClientSettings, CollectorClient
from console.api.environments import Environment
from console.api.errors import NotSignedIn, SessionExpired, SignInNotOffered
from console.api.exchange import ExchangeLog
from console.api.redaction import mask_collector_number
from console.api.secrets import SecretStore
from console.api.tokens import (
    MEMBER_SCOPES,
    REFRESH_TOKEN_KEY,
    Method,
    TokenEndpoint,
    TokenFacts,
    TokenManager,
)

log = logging.getLogger(__name__)

PARTNER_ID_KEY = "partner.client_id"
PARTNER_SECRET_KEY = "partner.secret"  # noqa: S105 - a keyring entry name


class SessionChange(StrEnum):
    """What a session announces to its subscribers."""

    SIGNED_IN = "signed_in"
    SIGNED_OUT = "signed_out"
    TOKEN_RENEWED = "token_renewed"  # noqa: S105 - the name of an event


SessionListener = Callable[[SessionChange], None]


@dataclass(frozen=True)
class Identity:
    """Who is signed in, as the UI shows it (no secrets, collector number masked in ``display``)."""

    method: Method
    display: str
    client_id: str
    collector_number: str | None = None


class EnvironmentSession:
    """The object the UI talks to for one environment: sign-in, sign-out, token facts, the client."""

    def __init__(
        self,
        env: Environment,
        *,
        secrets: SecretStore | None = None,
        exchange_log: ExchangeLog | None = None,
        settings: ClientSettings | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        language: str = "EN",
    ) -> None:
        self.env = env
        self.secrets = secrets or SecretStore()
        self.exchange_log = exchange_log or ExchangeLog()
        self.identity: Identity | None = None
        self.remembered_partner: str | None = None
        """The client id of a partner whose secret is remembered for this environment (see `load`)."""
        self._tokens: TokenManager | None = None
        self._listeners: list[SessionListener] = []
        settings = settings or ClientSettings()
        self._auth_http = httpx.AsyncClient(
            base_url=env.auth_base,
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            transport=transport,
        )
        self._endpoint = TokenEndpoint(
            self._auth_http,
            env.paths["token"],
            env.paths["revoke"],
            exchange_log=self.exchange_log,
            deadline=settings.deadline,
        )
        self.client = CollectorClient(
            env,
            auth=_SessionAuth(self),
            settings=settings,
            exchange_log=self.exchange_log,
            transport=transport,
            language=language,
        )

    # --- state -----------------------------------------------------------------------------

    @property
    def signed_in(self) -> bool:
        return self._tokens is not None

    @property
    def secret_persistent(self) -> bool:
        """False when secrets live for this session only (no keyring, or a locked one)."""
        return self.secrets.persistent

    def facts(self) -> TokenFacts | None:
        return self._tokens.facts() if self._tokens else None

    async def access_token(self) -> str:
        """The current access token (for the contract check's signature test); raises NotSignedIn."""
        if self._tokens is None:
            raise NotSignedIn()
        return await self._tokens.access_token()

    async def renew_token(self) -> None:
        """Renew the access token now ("Renew now" in the token view); raises NotSignedIn."""
        if self._tokens is None:
            raise NotSignedIn()
        await self._tokens.renew()

    async def load(self) -> None:
        """Read the remembered partner of this environment from the keyring (in a worker thread)."""
        self.remembered_partner = await self._remembered()

    def subscribe(self, listener: SessionListener) -> Callable[[], None]:
        """Call `listener(change)` on every change of this session; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, change: SessionChange) -> None:
        for listener in list(self._listeners):
            listener(change)

    # --- signing in and out ----------------------------------------------------------------

    async def sign_in_partner(self, client_id: str, secret: str, remember: bool = False) -> None:
        """Sign in with client credentials; a token is requested now, so wrong ones fail here."""
        self._offers("partner")
        manager = self._manager("partner", client_id, secret)
        await manager.start()  # WrongCredentials, ConnectionFailed, RequestTimedOut, OAuthError...
        await self._replace(manager, Identity("partner", client_id, client_id))
        if remember:
            await self.secrets.write(self.env.name, PARTNER_ID_KEY, client_id)
            await self.secrets.write(self.env.name, PARTNER_SECRET_KEY, secret)
            self.remembered_partner = client_id
        else:
            await self._forget_partner()
        self._announce(SessionChange.SIGNED_IN)

    async def sign_in_member(
        self,
        connection: Literal["email", "pin"],
        open_browser: pkce.OpenBrowser,
        timeout: float = 300,  # noqa: ASYNC109 - the whole browser round trip
    ) -> None:
        """Sign a member in through the system browser (PKCE, loopback); cancellable with task.cancel()."""
        self._offers("member")
        client_id = self.env.member_client_id
        if client_id is None or connection not in self.env.connections:
            raise SignInNotOffered()
        grant = await pkce.authorize(
            authorize_url=self.env.auth_url("authorize"),
            client_id=client_id,
            connection=self.env.connections[connection],
            scope=MEMBER_SCOPES,
            audience=self.env.audience,
            open_browser=open_browser,
            timeout=timeout,
        )
        answer = await self._endpoint.request(
            {
                "grant_type": "authorization_code",
                "client_id": client_id,
                "code": grant.code,
                "redirect_uri": grant.redirect_uri,
                "code_verifier": grant.code_verifier,
            }
        )
        manager = self._manager("member", client_id)
        await self._replace(manager, None)
        await manager.accept(answer)
        self.identity = _member_identity(manager)
        self._announce(SessionChange.SIGNED_IN)

    async def resume(self) -> bool:
        """Sign in again from what the keyring kept (a member's refresh token, a remembered partner).

        Returns True when signed in; False when nothing usable was kept (a dead refresh token is
        removed). Transport errors propagate.
        """
        client_id = self.env.member_client_id
        if client_id and await self.secrets.read(self.env.name, REFRESH_TOKEN_KEY) is not None:
            manager = self._manager("member", client_id)
            try:
                await manager.start()
            except SessionExpired:
                pass  # the dead token is gone; a remembered partner may still do
            else:
                await self._replace(manager, _member_identity(manager), discard_kept=False)
                self._announce(SessionChange.SIGNED_IN)
                return True
        partner = await self._remembered()
        secret = await self.secrets.read(self.env.name, PARTNER_SECRET_KEY)
        if partner and secret:
            await self.sign_in_partner(partner, secret, remember=True)
            return True
        return False

    async def sign_out(self) -> None:
        """Revoke the refresh token, forget every token and remembered secret of this environment."""
        manager, self._tokens, self.identity = self._tokens, None, None
        self._announce(SessionChange.SIGNED_OUT)
        try:
            if manager is not None:
                await manager.sign_out()
        finally:
            await self._forget_partner()

    async def aclose(self) -> None:
        """Close the HTTP clients and drop tokens from memory; what the keyring holds stays."""
        if self._tokens is not None:
            self._tokens.forget()
        self._tokens = None
        self.identity = None
        await self.client.aclose()
        await self._auth_http.aclose()

    def __repr__(self) -> str:
        who = f"{self.identity.method}:{self.identity.display}" if self.identity else "signed out"
        return f"<EnvironmentSession {self.env.name!r} {who}>"

    # --- internals -------------------------------------------------------------------------

    def _offers(self, method: Method) -> None:
        if method not in self.env.sign_in_methods:
            raise SignInNotOffered()

    def _manager(self, method: Method, client_id: str, secret: str | None = None) -> TokenManager:
        return TokenManager(
            env_name=self.env.name,
            endpoint=self._endpoint,
            secrets=self.secrets,
            method=method,
            client_id=client_id,
            audience=self.env.audience,
            client_secret=secret,
            on_token=lambda: self._announce(SessionChange.TOKEN_RENEWED),
        )

    async def _replace(
        self, manager: TokenManager, identity: Identity | None, *, discard_kept: bool = True
    ) -> None:
        """Sign the previous identity out (revoking its refresh token), then make ``manager`` current.

        With ``discard_kept``, a member refresh token kept from an earlier run and never resumed is
        revoked and forgotten too, so a later resume cannot bring back someone else.
        """
        previous, self._tokens = self._tokens, None
        if previous is None and discard_kept and self.env.member_client_id:
            previous = self._manager("member", self.env.member_client_id)
        if previous is not None:
            await previous.sign_out()
        self._tokens = manager
        self.identity = identity
        log.info("signed in to %s as %s", self.env.name, manager.method)

    async def _remembered(self) -> str | None:
        if await self.secrets.read(self.env.name, PARTNER_SECRET_KEY) is None:
            return None
        return await self.secrets.read(self.env.name, PARTNER_ID_KEY)

    async def _forget_partner(self) -> None:
        self.remembered_partner = None
        await self.secrets.remove(self.env.name, PARTNER_SECRET_KEY)
        await self.secrets.remove(self.env.name, PARTNER_ID_KEY)


def _member_identity(manager: TokenManager) -> Identity:
    facts = manager.facts()
    number = facts.collector_number if facts else None
    display = f"Member {mask_collector_number(number)}" if number else "Member"
    return Identity("member", display, manager.client_id, number)


class _SessionAuth(httpx.Auth):
    """The client's auth: delegates to whichever token manager is current; none raises NotSignedIn."""

    requires_request_body = True

    def __init__(self, session: EnvironmentSession) -> None:
        self._session = session

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("The console signs requests for async clients only.")

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        manager = self._session._tokens
        if manager is None:
            raise NotSignedIn()
        flow = manager.async_auth_flow(request)
        outgoing = await flow.__anext__()
        while True:
            response = yield outgoing
            try:
                outgoing = await flow.asend(response)
            except StopAsyncIteration:
                return
