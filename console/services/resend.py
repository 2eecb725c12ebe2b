"""Send a GET of the exchange log again ("Send again" in the inspector): same URL and headers, a fresh
correlation id, the session's current token; the new exchange is published to the same log."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import httpx

from console.api.exchange import Exchange
from console.api.redaction import Mode
from console.api.session import EnvironmentSession

_NOT_COPIED = frozenset({"authorization", "x-correlation-id", "host", "content-length", "connection",
                         "accept-encoding", "cookie"})


def can_send_again(exchange: Exchange) -> bool:
    """Only reads are sent again: a GET whose request reached the log."""
    return exchange.method == "GET"


async def send_again(session: EnvironmentSession, exchange: Exchange) -> int | None:
    """Send `exchange` (a GET) again; its status, or None when no answer came (the log has the error)."""
    if not can_send_again(exchange):
        raise ValueError("only a GET is sent again")
    sent = exchange.view(Mode.MASK, reveal=True).request_headers  # the values as sent, in memory only
    headers = {name: value for name, value in sent.items() if name.lower() not in _NOT_COPIED}
    cid = str(uuid.uuid4())
    headers["X-Correlation-Id"] = cid
    authenticated = "authorization" in {name.lower() for name in sent}
    settings = session.client.settings
    async with httpx.AsyncClient(timeout=httpx.Timeout(settings.read_timeout,
                                                       connect=settings.connect_timeout)) as http:
        request = http.build_request("GET", exchange.raw_url, headers=headers)
        started_at, started = datetime.now(UTC), time.perf_counter()
        response: httpx.Response | None = None
        error: str | None = None
        try:
            response = await http.send(request, auth=session.client.auth if authenticated else None)
        except httpx.TransportError as exc:
            error = type(exc).__name__
        session.exchange_log.publish(Exchange.capture(
            method="GET", url=str(request.url), request_headers=request.headers.raw, request_body=b"",
            started_at=started_at, duration_ms=(time.perf_counter() - started) * 1000, correlation_id=cid,
            status=response.status_code if response is not None else None,
            response_headers=response.headers.raw if response is not None else (),
            response_body=response.content if response is not None else b"", error=error, lazy_bodies=True,
        ))
    return response.status_code if response is not None else None
