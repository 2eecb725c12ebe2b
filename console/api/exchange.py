"""The exchange log: every request and its answer, redacted, for the request inspector and the audit.

Credentials and the URL are redacted when the exchange is made. The client's own exchanges (whose
bodies hold personal data but never secrets) redact headers and bodies the first time they are read,
so a call nobody inspects costs next to nothing.
"""

from __future__ import annotations

import json
import logging
import shlex
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from console.api.redaction import MASK, redact_headers, redact_json, redact_text

log = logging.getLogger(__name__)

DEFAULT_HISTORY = 200
_QUERY_MASKS = {"email", "phone", "lastname", "firstname", "postalcode", "collectornumber"}


def redact_url(url: str) -> str:
    """The URL with personal search values masked (the query names stay)."""
    if "?" not in url:
        return url
    parts = urlsplit(url)
    query = [
        (name, redact_text(value) if name.lower() not in _QUERY_MASKS else _mask_query(name, value))
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    encoded = urlencode(query, safe="@").replace(quote(MASK), MASK).replace(quote("•"), "•")
    return urlunsplit(parts._replace(query=encoded))


def _mask_query(name: str, value: str) -> str:
    masked = redact_json({name: value})[name]
    return masked if masked != value else value[:1] + MASK


def _redact_body(content: bytes) -> Any:
    """A JSON body as redacted JSON, any other text redacted as text, None when empty."""
    if not content:
        return None
    try:
        return redact_json(json.loads(content))
    except ValueError:
        return redact_text(content.decode("utf-8", errors="replace"))


HeaderPairs = Iterable[tuple[str, str]] | Iterable[tuple[bytes, bytes]]
_CREDENTIALS = {b"authorization", b"proxy-authorization", b"cookie", b"set-cookie"}
_MASK_BYTES = MASK.encode()


def _raw_pairs(headers: HeaderPairs) -> tuple[tuple[bytes, bytes], ...]:
    """Header pairs as bytes, with credential values cut down to their scheme right away."""
    pairs = []
    for name, value in headers:
        key = name if isinstance(name, bytes) else name.encode("latin-1")
        raw = value if isinstance(value, bytes) else value.encode("utf-8")
        if key.lower() in _CREDENTIALS:
            scheme, _, rest = raw.partition(b" ")
            raw = (
                scheme + b" " + _MASK_BYTES
                if rest and scheme.lower() in (b"bearer", b"basic")
                else _MASK_BYTES
            )
        pairs.append((key, raw))
    return tuple(pairs)


def _decoded(pairs: tuple[tuple[bytes, bytes], ...]) -> dict[str, str]:
    """Header names in lower case (as httpx shows them), values as text."""
    return {name.decode("latin-1").lower(): value.decode("utf-8", errors="replace") for name, value in pairs}


@dataclass(eq=False)
class Exchange:
    """One HTTP request and its answer (or the error that stopped it); everything shown is redacted.

    Credentials are cut from the headers at once; the rest (personal data in headers and bodies) is
    redacted the first time it is read, unless the exchange was captured with `lazy_bodies=False`.
    """

    method: str
    url: str
    status: int | None
    duration_ms: float
    correlation_id: str | None
    error: str | None
    started_at: datetime
    attempt: int = 1
    _request_pairs: tuple[tuple[bytes, bytes], ...] = field(default=(), repr=False)
    _response_pairs: tuple[tuple[bytes, bytes], ...] = field(default=(), repr=False)
    _request_content: bytes = field(default=b"", repr=False)
    _response_content: bytes = field(default=b"", repr=False)

    @classmethod
    def capture(
        cls,
        *,
        method: str,
        url: str,
        request_headers: HeaderPairs,
        request_body: bytes,
        started_at: datetime,
        duration_ms: float,
        correlation_id: str | None,
        status: int | None = None,
        response_headers: HeaderPairs = (),
        response_body: bytes = b"",
        error: str | None = None,
        attempt: int = 1,
        lazy_bodies: bool = False,
    ) -> Exchange:
        """An exchange from raw parts. Bodies that may hold secrets (tokens) need `lazy_bodies=False`."""
        exchange = cls(
            method=method,
            url=redact_url(url),
            status=status,
            duration_ms=duration_ms,
            correlation_id=correlation_id,
            error=redact_text(error) if error else None,
            started_at=started_at,
            attempt=attempt,
            _request_pairs=_raw_pairs(request_headers),
            _response_pairs=_raw_pairs(response_headers),
            _request_content=request_body,
            _response_content=response_body,
        )
        if not lazy_bodies:
            for name in ("request_body", "response_body"):
                getattr(exchange, name)
            exchange._request_content = exchange._response_content = b""
        return exchange

    @cached_property
    def request_headers(self) -> dict[str, str]:
        return redact_headers(_decoded(self._request_pairs))

    @cached_property
    def response_headers(self) -> dict[str, str]:
        return redact_headers(_decoded(self._response_pairs))

    @cached_property
    def request_body(self) -> Any:
        return _redact_body(self._request_content)

    @cached_property
    def response_body(self) -> Any:
        return _redact_body(self._response_content)

    def as_curl(self) -> str:
        """The request as a cURL command line, with secrets and personal data redacted."""
        parts = ["curl", "-X", self.method, self.url]
        skip = {"content-length", "host", "accept-encoding", "connection"}
        for name, value in self.request_headers.items():
            if name.lower() not in skip:
                parts += ["-H", f"{name}: {value}"]
        body = self.request_body
        if body is not None:
            text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
            parts += ["--data-raw", text]
        return " ".join(shlex.quote(part) for part in parts)


class ExchangeLog:
    """Publishes each exchange to its listeners and keeps the most recent ones."""

    def __init__(self, history: int = DEFAULT_HISTORY) -> None:
        self.recent: deque[Exchange] = deque(maxlen=history)
        self._listeners: list[Callable[[Exchange], None]] = []

    def subscribe(self, callback: Callable[[Exchange], None]) -> Callable[[], None]:
        """Call `callback` with every new exchange; returns the function that stops it."""
        self._listeners.append(callback)

        def unsubscribe() -> None:
            if callback in self._listeners:
                self._listeners.remove(callback)

        return unsubscribe

    def publish(self, exchange: Exchange) -> None:
        self.recent.append(exchange)
        for callback in tuple(self._listeners):
            try:
                callback(exchange)
            except Exception:  # a broken listener must not break the call that was made
                log.exception("exchange listener %r failed", callback)

    def clear(self) -> None:
        self.recent.clear()
