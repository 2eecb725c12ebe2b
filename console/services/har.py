"""Exchanges as HAR 1.2 (the HTTP Archive format browsers and API tools read) and as plain JSON.

Both are built from the exchange log's redacted views, so they show exactly what the request inspector
shows: no tokens or secrets, personal data masked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from console import __version__
from console.api.exchange import Exchange

CREATOR = "Collector Console"


def _body_text(body: Any) -> str | None:
    if body is None:
        return None
    return body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)


def _pairs(headers: dict[str, str]) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in headers.items()]


def _status_text(status: int | None) -> str:
    try:
        return HTTPStatus(status).phrase if status else ""
    except ValueError:
        return ""


def har_entry(exchange: Exchange) -> dict[str, Any]:
    """One HAR 1.2 entry; a request that got no answer has status 0 and its error in `_error`."""
    request_headers = exchange.request_headers
    response_headers = exchange.response_headers
    request: dict[str, Any] = {
        "method": exchange.method,
        "url": exchange.url,
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": _pairs(request_headers),
        "queryString": [{"name": n, "value": v}
                        for n, v in parse_qsl(urlsplit(exchange.url).query, keep_blank_values=True)],
        "headersSize": -1,
        "bodySize": -1,
    }
    sent = _body_text(exchange.request_body)
    if sent is not None:
        request["postData"] = {"mimeType": request_headers.get("content-type", ""), "text": sent}
        request["bodySize"] = len(sent.encode())
    received = _body_text(exchange.response_body) or ""
    entry: dict[str, Any] = {
        "startedDateTime": exchange.started_at.isoformat(),
        "time": round(exchange.duration_ms, 3),
        "request": request,
        "response": {
            "status": exchange.status or 0,
            "statusText": _status_text(exchange.status),
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": _pairs(response_headers),
            "content": {
                "size": len(received.encode()),
                "mimeType": response_headers.get("content-type", ""),
                "text": received,
            },
            "redirectURL": response_headers.get("location", ""),
            "headersSize": -1,
            "bodySize": len(received.encode()) if exchange.status else -1,
        },
        "cache": {},
        "timings": {"send": 0, "wait": round(exchange.duration_ms, 3), "receive": 0},
    }
    if exchange.correlation_id:
        entry["_correlationId"] = exchange.correlation_id
    if exchange.attempt != 1:
        entry["_attempt"] = exchange.attempt
    if exchange.error:
        entry["_error"] = exchange.error
    return entry


def to_har(exchanges: Iterable[Exchange], comment: str = "") -> dict[str, Any]:
    """A HAR 1.2 document of `exchanges`, oldest first."""
    log: dict[str, Any] = {
        "version": "1.2",
        "creator": {"name": CREATOR, "version": __version__},
        "entries": [har_entry(exchange) for exchange in exchanges],
    }
    if comment:
        log["comment"] = comment
    return {"log": log}


def to_json(exchanges: Iterable[Exchange]) -> list[dict[str, Any]]:
    """The exchanges as the inspector shows them, one object each, oldest first."""
    return [
        {
            "startedAt": exchange.started_at.isoformat(),
            "method": exchange.method,
            "url": exchange.url,
            "status": exchange.status,
            "durationMs": round(exchange.duration_ms, 3),
            "attempt": exchange.attempt,
            "correlationId": exchange.correlation_id,
            "error": exchange.error,
            "requestHeaders": exchange.request_headers,
            "requestBody": exchange.request_body,
            "responseHeaders": exchange.response_headers,
            "responseBody": exchange.response_body,
        }
        for exchange in exchanges
    ]


def dumps(document: Any) -> str:
    """The document as UTF-8 JSON text, indented for people."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
