"""The exchange log: every request and its answer, redacted, for the request inspector and the audit.

Headers and the URL are redacted when the exchange is made; bodies are redacted the first time they
are read, so a call nobody inspects costs next to nothing.
"""

from __future__ import annotations

import json
import logging
import shlex
from collections import deque
from collections.abc import Callable
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


@dataclass(eq=False)
class Exchange:
    """One HTTP request and its answer (or the error that stopped it); everything shown is redacted."""

    method: str
    url: str
    status: int | None
    duration_ms: float
    correlation_id: str | None
    request_headers: dict[str, str]
    response_headers: dict[str, str]
    error: str | None
    started_at: datetime
    attempt: int = 1
    _request_content: bytes = field(default=b"", repr=False)
    _response_content: bytes = field(default=b"", repr=False)

    @classmethod
    def capture(
        cls,
        *,
        method: str,
        url: str,
        request_headers: Any,
        request_body: bytes,
        started_at: datetime,
        duration_ms: float,
        correlation_id: str | None,
        status: int | None = None,
        response_headers: Any = (),
        response_body: bytes = b"",
        error: str | None = None,
        attempt: int = 1,
    ) -> Exchange:
        """An exchange from raw parts: headers and URL redacted now, bodies when first read."""
        return cls(
            method=method,
            url=redact_url(url),
            status=status,
            duration_ms=duration_ms,
            correlation_id=correlation_id,
            request_headers=redact_headers(request_headers),
            response_headers=redact_headers(response_headers),
            error=redact_text(error) if error else None,
            started_at=started_at,
            attempt=attempt,
            _request_content=request_body,
            _response_content=response_body,
        )

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
            parts += [
                "--data-raw",
                json.dumps(body, ensure_ascii=False) if not isinstance(body, str) else body,
            ]
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
