"""The sandbox as an ASGI application: state, the outer request layer (log, correlation id, faults)."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import uuid
from collections import deque
from copy import deepcopy
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from console.sandbox import auth_routes, collectors, control
from console.sandbox.clock import Clock
from console.sandbox.config import Faults, SandboxConfig, Settings
from console.sandbox.faults import FaultState
from console.sandbox.limits import BODY_TIMEOUT, MAX_BODY, BadInput, check_headers, check_query
from console.sandbox.messages import wants_french
from console.sandbox.oauth import Tenant
from console.sandbox.responses import JSON, ApiError, error_response, invalid
from console.sandbox.store import Store
from console.sandbox.tokens import Signer

LOG_LIMIT = 10_000
logger = logging.getLogger(__name__)
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def is_loopback(address: str) -> bool:
    """True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.0.0.1, seen when bound to ::)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


_CORRELATION_RE = re.compile(r"[\x21-\x7e]{1,128}")
_ENROLL_PATHS = ("/collectors", "/collectors/")
_BODY_METHODS = frozenset(("POST", "PUT", "PATCH", "DELETE"))


class Sandbox:
    """Everything the sandbox holds: data, tenant, settings, faults and the request log."""

    def __init__(self, config: SandboxConfig, base_url: str) -> None:
        self.config = config
        self.base_url = base_url
        self.clock = Clock()
        self.store = Store(config.members, config.seed, config.db)
        self.signer = Signer(f"{base_url}/", self.clock, self.store)
        self.settings = Settings.from_config(config)
        self.tenant = Tenant(self.signer, self.settings, self.store)
        self.faults = replace(
            deepcopy(config.faults), latency_ms=config.latency_ms or config.faults.latency_ms
        )
        self.fault_state = FaultState(self.faults, self.clock)
        self.request_log: deque[dict[str, Any]] = deque(maxlen=LOG_LIMIT)
        self.idempotency_running: set[tuple[str, str]] = set()

    def set_faults(self, faults: Faults) -> None:
        self.faults = faults
        self.fault_state.set(faults)

    def reset(self) -> None:
        """Seeded data, faults off, start settings, empty log, no tokens or idempotency records."""
        self.store.reset()
        self.tenant.reset()
        self.clock.reset()
        self.set_faults(Faults())
        fresh = Settings.from_config(self.config)
        for key in Settings.KEYS.values():
            setattr(self.settings, key, getattr(fresh, key))
        self.request_log.clear()

    def close(self) -> None:
        self.store.close()


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


def _aborter(send: Send, receive: Receive, info: dict[str, Any]) -> Any:
    """A coroutine function that closes the connection without a response (uvicorn's transport)."""

    async def abort() -> None:
        transport = getattr(getattr(send, "__self__", None), "transport", None)
        if transport is None:
            raise ConnectionAbortedError("the server offers no transport to abort")
        transport.abort()
        info["aborted"] = True
        while (await receive())["type"] != "http.disconnect":
            pass

    return abort


class _SlowClient(Exception):
    """The client stopped sending its request body."""


async def _admit(scope: Scope, receive: Receive, send: Send) -> Receive | None:
    """Screen a request before it reaches a route: headers and query must be valid UTF-8, and a body
    at most MAX_BODY bytes, sent within BODY_TIMEOUT seconds. Returns the receive channel to read the
    (already read) body from, or None when the request was answered (4xx) or cut off here."""
    try:
        check_headers(scope["headers"])
        check_query(scope["query_string"])
    except BadInput as bad:
        error = invalid(bad.field, bad.code, _french(scope), "INVALID_REQUEST", **bad.values)
        await error.response(scope["sandbox.info"]["correlationId"], _french(scope))(scope, receive, send)
        return None
    if scope["method"] not in _BODY_METHODS:
        return receive
    declared = _header(scope, b"content-length")
    too_large = declared is not None and (len(declared) > 12 or int(declared or 0) > MAX_BODY)
    if not too_large:
        try:
            async with asyncio.timeout(BODY_TIMEOUT):
                body = await _read_body(receive)
        except (TimeoutError, _SlowClient):
            await scope["sandbox.abort"]()
            return None
        too_large = body is None
    if too_large:
        error = ApiError("PAYLOAD_TOO_LARGE", 413, headers={"Connection": "close"}, max=MAX_BODY // 1024)
        await error.response(scope["sandbox.info"]["correlationId"], _french(scope))(scope, receive, send)
        return None
    return _replay(body or b"", receive)


async def _read_body(receive: Receive) -> bytes | None:
    """The whole body, or None as soon as it passes MAX_BODY bytes (chunked bodies included)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _SlowClient()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that gives body first, then whatever the connection says next."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay


def _french(scope: Scope) -> bool:
    return wants_french(_header(scope, b"accept-language"))


class SandboxASGI:
    """Outer layer: loopback-only control routes, correlation id, latency and faults, the request log."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.app = Starlette(routes=[*collectors.ROUTES, *auth_routes.ROUTES, *control.ROUTES])
        self.app.state.sandbox = sandbox
        self.sandbox_netloc = urlsplit(sandbox.base_url).netloc.lower()
        # The collector endpoints are dispatched directly: they are the hot path, and an unexpected
        # error there must still answer with the contract's INTERNAL_ERROR body.
        self.collector_routes = {
            (method, route.path): route.endpoint
            for route in collectors.ROUTES
            for method in route.methods or ()
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path: str = scope["path"]
        control = path.startswith("/_sandbox/")
        if control:
            client = scope.get("client")
            if client is None or not is_loopback(client[0]):
                return await JSON({"error": "Not Found"}, status_code=404)(scope, receive, send)
            if not self._same_site(scope):
                cid = str(uuid.uuid4())
                error = ApiError("FORBIDDEN", 403, headers={"X-Correlation-Id": cid})
                return await error.response(cid, _french(scope))(scope, receive, send)
        sandbox = self.sandbox
        given = _header(scope, b"x-correlation-id")
        cid = given if given is not None and _CORRELATION_RE.fullmatch(given) else str(uuid.uuid4())
        info: dict[str, Any] = {"correlationId": cid}
        scope["sandbox.info"] = info
        scope["sandbox.abort"] = _aborter(send, receive, info)
        cid_header = (b"x-correlation-id", cid.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                info["status"] = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), cid_header]}
            await send(message)

        if control:  # not logged, no faults
            admitted = await _admit(scope, receive, send_with_id)
            if admitted is not None:
                await self.app(scope, admitted, send_with_id)
            return None
        try:
            admitted = await _admit(scope, receive, send_with_id)
            if admitted is None:
                return None
            receive = admitted
            faults = sandbox.faults
            if faults.latency_ms and not (scope["method"] == "POST" and path in _ENROLL_PATHS):
                await sandbox.clock.sleep(faults.latency_ms / 1000)
            faulty = faults.maintenance or faults.errors.active or faults.reset.active
            if (
                faulty
                and path.startswith("/collectors")
                and await self._fault(scope, receive, send_with_id, path)
            ):
                return None
            endpoint = self.collector_routes.get((scope["method"], path))
            if endpoint is None:
                await self.app(scope, receive, send_with_id)
            else:
                await self._collectors(endpoint, scope, receive, send_with_id)
        finally:
            sandbox.request_log.append(
                {
                    "method": scope["method"],
                    "path": path,
                    "status": None if info.get("aborted") else info.get("status"),
                    "clientId": info.get("clientId"),
                    "grantType": info.get("grantType"),
                    "correlationId": cid,
                    "idempotencyKey": info.get("idempotencyKey") or _header(scope, b"idempotency-key"),
                    "time": sandbox.clock.now().isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                }
            )
        return None

    def _same_site(self, scope: Scope) -> bool:
        """True unless the Host or Origin header names another site than the sandbox itself: a web page
        in the tester's browser must not reset or break the sandbox."""
        port = (scope.get("server") or ("", 0))[1]
        own = {self.sandbox_netloc, *(f"{name}:{port}" for name in _LOOPBACK_NAMES)}
        host = _header(scope, b"host")
        if host is not None and host.lower() not in own:
            return False
        origin = _header(scope, b"origin")
        return origin is None or origin.lower() in {f"http://{netloc}" for netloc in own}

    async def _collectors(self, endpoint: Any, scope: Scope, receive: Receive, send: Send) -> None:
        """Run a collector endpoint; an unexpected error answers 500 INTERNAL_ERROR if nothing was sent."""
        scope["app"] = self.app
        request = Request(scope, receive)
        try:
            response = await endpoint(request)
        except Exception:
            logger.exception("unexpected error in %s %s", scope["method"], scope["path"])
            info = scope["sandbox.info"]
            if "status" not in info and not info.get("aborted"):
                await error_response(request, ApiError("INTERNAL_ERROR", 500))(scope, receive, send)
            return
        await response(scope, receive, send)

    async def _fault(self, scope: Scope, receive: Receive, send: Send, path: str) -> bool:
        """Answer with an injected fault; True when the request was handled here."""
        faults, state = self.sandbox.faults, self.sandbox.fault_state
        error: ApiError | None = None
        if faults.maintenance:
            wait = faults.retry_after
            error = ApiError("SERVICE_UNAVAILABLE", 503, headers={"Retry-After": str(wait)}, retry_after=wait)
        elif path != "/collectors/health":
            status = state.error_status()
            wait = faults.errors.retry_after
            if status == 500:
                error = ApiError("INTERNAL_ERROR", 500)
            elif status == 503:
                error = ApiError(
                    "SERVICE_UNAVAILABLE", 503, headers={"Retry-After": str(wait)}, retry_after=wait
                )
            elif status == 429:
                error = ApiError("RATE_LIMITED", 429, headers={"Retry-After": str(wait)}, retry_after=wait)
            elif state.take(faults.reset):
                await scope["sandbox.abort"]()
                return True
        if error is None:
            return False
        await error_response(Request(scope, receive), error)(scope, receive, send)
        return True


def create_app(config: SandboxConfig, base_url: str) -> SandboxASGI:
    """A sandbox application whose tokens name base_url as issuer."""
    return SandboxASGI(Sandbox(config, base_url))
