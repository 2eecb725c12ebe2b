"""Real HTTP that also hands every token the tenant issues to the suite-wide log scan."""

from __future__ import annotations

import json

import httpx

from tests.support.log_scan import watch_token_response


class WatchingTransport(httpx.AsyncBaseTransport):
    """An ordinary transport; token responses are read and their tokens watched."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        if request.url.path.endswith("/oauth/token"):
            try:
                body = json.loads(await response.aread())
            except ValueError:
                body = None
            if isinstance(body, dict):
                watch_token_response(body)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
