"""The sandbox as an ASGI application: state, the outer request layer (log, correlation id, faults)."""

from __future__ import annotations

import logging
import re
import uuid
from collections import deque
from copy import deepcopy
from dataclasses import replace
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from console.sandbox import auth_routes, collectors, control
from console.sandbox.clock import Clock
from console.sandbox.config import Faults, SandboxConfig, Settings
from console.sandbox.faults import FaultState
from console.sandbox.oauth import Tenant
from console.sandbox.responses import JSON, ApiError, error_response
from console.sandbox.store import Store
from console.sandbox.tokens import Signer

LOG_LIMIT = 10_000
logger = logging.getLogger(__name__)
LOOPBACK = ("127.0.0.1", "::1")
_CORRELATION_RE = re.compile(r"[\x21-\x7e]{1,128}")
_ENROLL_PATHS = ("/collectors", "/collectors/")


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


class SandboxASGI:
    """Outer layer: loopback-only control routes, correlation id, latency and faults, the request log."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.app = Starlette(routes=[*collectors.ROUTES, *auth_routes.ROUTES, *control.ROUTES])
        self.app.state.sandbox = sandbox
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
        if path.startswith("/_sandbox/"):
            client = scope.get("client")
            if client is None or client[0] not in LOOPBACK:
                return await JSON({"error": "Not Found"}, status_code=404)(scope, receive, send)
            return await self.app(scope, receive, send)
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

        try:
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
