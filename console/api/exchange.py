"""The exchange log: every request and its answer, for the request inspector, its exports and the audit.

Credentials never stay: credential headers are cut when an exchange is captured, and so are the secrets
the contract marks in token requests and answers. Personal data stays in memory only, as it came, and
every view of it goes through `console.api.redaction` (`Exchange.view`, `Exchange.as_curl`): masked
unless the caller asks to reveal it (the inspector does, for a verified member, and audits it).
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
from urllib.parse import parse_qsl

from console.api.redaction import CREDENTIAL_HEADERS, Direction, Mode, credential, redactor

log = logging.getLogger(__name__)

DEFAULT_HISTORY = 200
_CURL_SKIPPED_HEADERS = frozenset({"content-length", "host", "accept-encoding", "connection"})

HeaderPairs = Iterable[tuple[str, str]] | Iterable[tuple[bytes, bytes]]


def _raw_pairs(headers: HeaderPairs) -> tuple[tuple[bytes, bytes], ...]:
    """Header pairs as bytes, with credential values cut down to their scheme right away."""
    pairs = []
    for name, value in headers:
        key = name if isinstance(name, bytes) else name.encode("latin-1")
        raw = value if isinstance(value, bytes) else value.encode("utf-8")
        if key.decode("latin-1").lower() in CREDENTIAL_HEADERS:
            raw = credential(raw.decode("utf-8", errors="replace")).encode("utf-8")
        pairs.append((key, raw))
    return tuple(pairs)


def _decoded(pairs: tuple[tuple[bytes, bytes], ...]) -> dict[str, str]:
    """Header names in lower case (as httpx shows them), values as text."""
    return {name.decode("latin-1").lower(): value.decode("utf-8", errors="replace") for name, value in pairs}


def _parse_body(content: bytes) -> tuple[str, Any]:
    """("json", value), ("form", text), ("text", text) or ("empty", None)."""
    if not content:
        return "empty", None
    text = content.decode("utf-8", errors="replace")
    try:
        return "json", json.loads(text)
    except ValueError:
        pass
    if "=" in text and not any(c.isspace() for c in text) and parse_qsl(text):
        return "form", text
    return "text", text


@dataclass(frozen=True)
class ExchangeView:
    """What may be shown or copied of one exchange, redacted in one mode."""

    url: str
    request_headers: dict[str, str]
    request_body: Any
    response_headers: dict[str, str]
    response_body: Any


@dataclass(eq=False)
class Exchange:
    """One HTTP request and its answer (or the error that stopped it).

    `url`, the headers and the bodies read as attributes are the masked view; `view()` gives the
    placeholder view, or the personal values for a reveal. `operation` is the contract's operationId.
    """

    method: str
    raw_url: str = field(repr=False)
    status: int | None
    duration_ms: float
    correlation_id: str | None
    error: str | None
    started_at: datetime
    attempt: int = 1
    operation: str | None = None
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
        """An exchange from raw parts. Bodies that may hold secrets (tokens) need `lazy_bodies=False`:
        their marked secrets are cut now, so they never stay in memory."""
        exchange = cls(
            method=method,
            raw_url=url,
            status=status,
            duration_ms=duration_ms,
            correlation_id=correlation_id,
            error=redactor().text(error) if error else None,
            started_at=started_at,
            attempt=attempt,
            _request_pairs=_raw_pairs(request_headers),
            _response_pairs=_raw_pairs(response_headers),
            _request_content=request_body,
            _response_content=response_body,
        )
        exchange.operation = redactor().operation_for(method, url) if not lazy_bodies else None
        if not lazy_bodies:
            exchange._request_content = exchange._cut_secrets(request_body, "request")
            exchange._response_content = exchange._cut_secrets(response_body, "response")
        return exchange

    def _cut_secrets(self, content: bytes, direction: Direction) -> bytes:
        kind, value = _parse_body(content)
        r = redactor()
        if kind == "json":
            kept = r.body(self.operation, direction, value, status=self.status, reveal=True)
            return json.dumps(kept, ensure_ascii=False).encode()
        if kind == "form":
            return r.form(self.operation, direction, value, reveal=True).encode()
        return r.text(value).encode() if kind == "text" else b""

    @cached_property
    def operation_id(self) -> str | None:
        """The contract's operationId for this request (None when the contract does not describe it)."""
        return self.operation or redactor().operation_for(self.method, self.raw_url)

    # Views -------------------------------------------------------------------------------------------
    def view(self, mode: Mode = Mode.MASK, reveal: bool = False) -> ExchangeView:
        """The exchange redacted in `mode`; `reveal` shows personal values (secrets stay cut)."""
        r, operation = redactor(), self.operation_id
        return ExchangeView(
            url=r.url(operation, self.raw_url, mode, reveal),
            request_headers=r.headers(operation, "request", _decoded(self._request_pairs), mode,
                                      reveal=reveal),
            request_body=self._body(self._request_content, "request", mode, reveal),
            response_headers=r.headers(operation, "response", _decoded(self._response_pairs), mode,
                                       status=self.status, reveal=reveal),
            response_body=self._body(self._response_content, "response", mode, reveal),
        )

    def _body(self, content: bytes, direction: Direction, mode: Mode, reveal: bool) -> Any:
        kind, value = _parse_body(content)
        r = redactor()
        if kind == "json":
            return r.body(self.operation_id, direction, value, mode, status=self.status, reveal=reveal)
        if kind == "form":
            return r.form(self.operation_id, direction, value, mode, reveal)
        return r.text(value) if kind == "text" else None

    @cached_property
    def _masked(self) -> ExchangeView:
        return self.view()

    @property
    def url(self) -> str:
        return self._masked.url

    @property
    def request_headers(self) -> dict[str, str]:
        return self._masked.request_headers

    @property
    def response_headers(self) -> dict[str, str]:
        return self._masked.response_headers

    @property
    def request_body(self) -> Any:
        return self._masked.request_body

    @property
    def response_body(self) -> Any:
        return self._masked.response_body

    @property
    def collector_number(self) -> str | None:
        """The one member this exchange is about (the Collector-Number header, or the collector number of
        a single-member answer); None for a search or when unknown. For deciding on a reveal only."""
        header = _decoded(self._request_pairs).get("collector-number")
        if header:
            return header
        kind, value = _parse_body(self._response_content)
        if kind == "json" and isinstance(value, dict) and isinstance(value.get("collectorNumber"), str):
            return value["collectorNumber"]
        return None

    def as_curl(self, mode: Mode = Mode.PLACEHOLDER, reveal: bool = False) -> str:
        """The request as a cURL command line; by default runnable, with placeholders for every
        secret and personal value."""
        view = self.view(mode, reveal)
        parts = ["curl", "-X", self.method, view.url]
        for name, value in view.request_headers.items():
            if name.lower() not in _CURL_SKIPPED_HEADERS:
                parts += ["-H", f"{name}: {value}"]
        body = view.request_body
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
