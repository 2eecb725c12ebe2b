"""Member sign-in for a native app (RFC 8252, RFC 9700): authorization code + PKCE S256.

The system browser (a function handed in) opens the tenant's sign-in page; the tenant redirects
to a loopback listener on ``127.0.0.1`` at an ephemeral port, path ``/callback``. The listener
answers exactly one callback with a small page, then closes. ``state`` is random and checked;
the whole wait has a timeout and can be cancelled with ``task.cancel()``.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import html
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import parse_qsl, urlencode, urlsplit

from console.api.errors import (
    BrowserUnavailable,
    LoginBlocked,
    OAuthError,
    SignInCancelled,
    SignInTimedOut,
    StateMismatch,
)

log = logging.getLogger(__name__)

LOOPBACK_HOST = "127.0.0.1"
CALLBACK_PATH = "/callback"
READ_TIMEOUT = 10.0
"""Seconds a connection to the listener may take to send its request head."""

OpenBrowser = Callable[[str], object]
"""Opens the URL in the system browser; returning False (as ``webbrowser.open`` does) means it could not."""


@dataclass(frozen=True)
class AuthorizationCode:
    """What the browser brought back, ready for the token exchange."""

    code: str = field(repr=False)
    redirect_uri: str
    code_verifier: str = field(repr=False)


def new_verifier() -> str:
    """A PKCE code verifier: 86 characters from the unreserved set (RFC 7636: 43–128)."""
    return secrets.token_urlsafe(64)


def challenge_for(verifier: str) -> str:
    """The S256 code challenge: base64url(SHA-256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


async def authorize(
    *,
    authorize_url: str,
    client_id: str,
    connection: str,
    scope: str,
    audience: str,
    open_browser: OpenBrowser,
    timeout: float,  # noqa: ASYNC109 - the whole browser round trip, part of the sign-in interface
) -> AuthorizationCode:
    """Run the browser part of a member sign-in and return the authorization code.

    Raises BrowserUnavailable, SignInTimedOut, StateMismatch, SignInCancelled (``access_denied``)
    or OAuthError; ``asyncio.CancelledError`` when the task is cancelled. The listener is closed in
    every case.
    """
    state = secrets.token_urlsafe(32)
    verifier = new_verifier()
    async with LoopbackReceiver(state) as receiver:
        query = {
            "client_id": client_id,
            "response_type": "code",
            "connection": connection,
            "redirect_uri": receiver.redirect_uri,
            "scope": scope,
            "audience": audience,
            "state": state,
            "code_challenge": challenge_for(verifier),
            "code_challenge_method": "S256",
        }
        url = f"{authorize_url}?{urlencode(query)}"
        try:
            async with asyncio.timeout(timeout):
                if await asyncio.to_thread(open_browser, url) is False:
                    raise BrowserUnavailable(url)
                code = await receiver.result()
        except TimeoutError:
            raise SignInTimedOut(f"Sign-in did not finish within {timeout:g} seconds.") from None
    return AuthorizationCode(code=code, redirect_uri=receiver.redirect_uri, code_verifier=verifier)


class LoopbackReceiver:
    """A one-shot HTTP listener on 127.0.0.1 that waits for the redirect to ``/callback``."""

    def __init__(self, state: str) -> None:
        self._state = state
        self._server: asyncio.Server | None = None
        self._outcome: asyncio.Future[str] | None = None
        self._open: set[asyncio.StreamWriter] = set()
        self.redirect_uri = ""

    async def __aenter__(self) -> LoopbackReceiver:
        self._outcome = asyncio.get_running_loop().create_future()
        self._server = await asyncio.start_server(self._handle, host=LOOPBACK_HOST, port=0)
        port = self._server.sockets[0].getsockname()[1]
        self.redirect_uri = f"http://{LOOPBACK_HOST}:{port}{CALLBACK_PATH}"
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._server is not None and self._outcome is not None
        self._server.close()
        for writer in tuple(self._open):  # e.g. a browser's idle pre-connection: do not wait for it
            writer.transport.abort()
        await self._server.wait_closed()
        if self._outcome.done() and not self._outcome.cancelled():
            self._outcome.exception()  # retrieved: an unused outcome must not warn
        else:
            self._outcome.cancel()

    @property
    def closed(self) -> bool:
        return self._server is None or not self._server.is_serving()

    async def result(self) -> str:
        """Wait for the callback; the code, or the sign-in error it carried."""
        assert self._outcome is not None
        return await self._outcome

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._open.add(writer)
        try:
            await self._serve(reader, writer)
        finally:
            self._open.discard(writer)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async with asyncio.timeout(READ_TIMEOUT):
                head = await reader.readuntil(b"\r\n\r\n")
            method, target, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
        except (TimeoutError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            await _answer(writer, HTTPStatus.BAD_REQUEST, "Bad request.")
            return
        parts = urlsplit(target)
        assert self._outcome is not None and self._server is not None
        if method != "GET" or parts.path != CALLBACK_PATH or self._outcome.done():
            await _answer(writer, HTTPStatus.NOT_FOUND, "Not found.")
            return
        self._server.close()  # one callback only: no new connections from here on
        outcome = self._judge(dict(parse_qsl(parts.query)))
        if isinstance(outcome, str):
            self._outcome.set_result(outcome)
            await _answer(writer, HTTPStatus.OK, _SIGNED_IN)
        else:
            self._outcome.set_exception(outcome)
            await _answer(writer, HTTPStatus.OK, _FAILED)
        log.info("sign-in callback received; listener closed")

    def _judge(self, params: dict[str, str]) -> str | Exception:
        if not secrets.compare_digest(params.get("state", "").encode(), self._state.encode()):
            return StateMismatch()
        error = params.get("error")
        if error == "access_denied":
            return SignInCancelled(params.get("error_description") or None)
        if error == "unauthorized" and "blocked" in params.get("error_description", "").lower():
            return LoginBlocked()
        if error:
            return OAuthError(error, params.get("error_description"))
        code = params.get("code")
        return code if code else OAuthError("invalid_response", "The answer carried no authorization code.")


_SIGNED_IN = (
    "Vous êtes connecté; vous pouvez fermer cette fenêtre et revenir à la console.",
    "You are signed in; you can close this window and return to the console.",
)
_FAILED = (
    "La connexion a échoué; fermez cette fenêtre et voyez la console.",
    "Sign-in failed; close this window and see the console.",
)


def _page(lines: tuple[str, ...] | str) -> bytes:
    texts = (lines,) if isinstance(lines, str) else lines
    body = "".join(f"<p>{html.escape(text)}</p>" for text in texts)
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Collector Console</title></head>'
        f'<body style="font-family:sans-serif;margin:3em">{body}</body></html>'
    ).encode()


async def _answer(writer: asyncio.StreamWriter, status: HTTPStatus, text: tuple[str, ...] | str) -> None:
    if writer.is_closing():
        return
    body = _page(text)
    head = (
        f"HTTP/1.1 {status.value} {status.phrase}\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Cache-Control: no-store\r\n"
        "Referrer-Policy: no-referrer\r\n"
        "Connection: close\r\n\r\n"
    )
    with contextlib.suppress(ConnectionError):
        writer.write(head.encode("latin-1") + body)
        await writer.drain()
    writer.close()
    with contextlib.suppress(ConnectionError):
        await writer.wait_closed()
