"""A deliberately drifted Collector Service: a loopback proxy in front of the sandbox that breaks one rule.

Each rule takes (method, path, status, headers, body) of the sandbox's answer and returns them changed
(or unchanged when the rule does not apply), so a test can show that the contract check finds and names
exactly that drift.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import Response

from console.sandbox.server import base_url_for, bind, make_server

Answer = tuple[int, dict[str, str], bytes]
Rule = Callable[[str, str, Answer], Answer]
_HOP = {"content-length", "transfer-encoding", "connection", "date", "server"}


def json_rule(method: str, path: str, status: int, change: Callable[[Any], Any]) -> Rule:
    """Change the JSON body of one kind of answer (method, path, status)."""

    def rule(m: str, p: str, answer: Answer) -> Answer:
        code, headers, body = answer
        if (m, p, code) != (method, path, status):
            return answer
        return code, headers, json.dumps(change(json.loads(body))).encode()

    return rule


def status_rule(method: str, path: str, status: int, new_status: int) -> Rule:
    def rule(m: str, p: str, answer: Answer) -> Answer:
        code, headers, body = answer
        return (new_status, headers, body) if (m, p, code) == (method, path, status) else answer

    return rule


def header_rule(method: str, path: str, status: int, drop: str) -> Rule:
    def rule(m: str, p: str, answer: Answer) -> Answer:
        code, headers, body = answer
        if (m, p, code) != (method, path, status):
            return answer
        return code, {k: v for k, v in headers.items() if k.lower() != drop.lower()}, body

    return rule


class DriftProxy:
    """ASGI app forwarding every request to `upstream` and passing the answer through `rule`."""

    def __init__(self, upstream: str, rule: Rule) -> None:
        self.upstream = upstream
        self.rule = rule

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        request = Request(scope, receive)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
        async with httpx.AsyncClient(base_url=self.upstream) as http:
            answer = await http.request(request.method, request.url.path, params=request.query_params,
                                        headers=headers, content=await request.body())
        kept = {k: v for k, v in answer.headers.items() if k.lower() not in _HOP}
        status, out_headers, body = self.rule(request.method, request.url.path,
                                              (answer.status_code, kept, answer.content))
        await Response(body, status_code=status, headers=out_headers)(scope, receive, send)


@contextmanager
def drifted(upstream: str, rule: Rule) -> Iterator[str]:
    """Serve a DriftProxy on a free loopback port; yields its base URL."""
    sock = bind("127.0.0.1", 0)
    server = make_server(DriftProxy(upstream, rule), log_level="error")  # type: ignore[arg-type]
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the drifted server did not start")
        time.sleep(0.005)
    try:
        yield base_url_for("127.0.0.1", sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join()
        sock.close()
