"""Loopback-only control endpoints: faults, settings, reset, request log, ping."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from console.sandbox.clock import MAX_ADVANCE
from console.sandbox.config import ConfigError, Faults
from console.sandbox.limits import BadInput, parse_json
from console.sandbox.responses import JSON, ApiError, error_response

if TYPE_CHECKING:
    from console.sandbox.app import Sandbox

_PONG = JSON({"status": "ok"})


def _sandbox(request: Request) -> Sandbox:
    return request.app.state.sandbox


async def _json(request: Request) -> Any:
    try:
        return parse_json(await request.body())
    except BadInput as bad:
        raise ConfigError("the body must be a JSON document", bad.field) from bad


def _refused(request: Request, error: ConfigError) -> Response:
    """400 INVALID_REQUEST naming the bad value, its message saying the allowed range."""
    errors = [{"field": error.field, "code": "INVALID_VALUE", "message": str(error)}]
    return error_response(request, ApiError("INVALID_REQUEST", 400, errors=errors))


async def get_faults(request: Request) -> Response:
    return JSON(_sandbox(request).faults.to_json())


async def put_faults(request: Request) -> Response:
    sandbox = _sandbox(request)
    try:
        sandbox.set_faults(Faults.from_json(await _json(request)))
    except ConfigError as error:
        return _refused(request, error)
    return JSON(sandbox.faults.to_json())


async def get_settings(request: Request) -> Response:
    return JSON(_sandbox(request).settings.to_json())


async def put_settings(request: Request) -> Response:
    sandbox = _sandbox(request)
    try:
        sandbox.settings.update(await _json(request))
    except ConfigError as error:
        return _refused(request, error)
    return JSON(sandbox.settings.to_json())


async def get_clock(request: Request) -> Response:
    return JSON(_sandbox(request).clock.to_json())


async def advance_clock(request: Request) -> Response:
    """`{"advanceSeconds": n}` moves the sandbox clock n seconds forward (tokens, records, windows age)."""
    clock = _sandbox(request).clock
    try:
        doc = await _json(request)
        if not isinstance(doc, dict) or set(doc) != {"advanceSeconds"}:
            raise ConfigError('the body must be {"advanceSeconds": n}', "advanceSeconds")
        seconds = doc["advanceSeconds"]
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not 0 <= seconds <= MAX_ADVANCE
        ):
            raise ConfigError(
                f"advanceSeconds must be a number between 0 and {MAX_ADVANCE}", "advanceSeconds"
            )
        clock.advance(seconds)
    except ConfigError as error:
        return _refused(request, error)
    return JSON(clock.to_json())


async def lift_blocks(request: Request) -> Response:
    """Lift every sign-in block (or one collector's: `?collectorNumber=`), forgetting failed attempts."""
    number = request.query_params.get("collectorNumber")
    return JSON({"lifted": _sandbox(request).store.clear_failures(number)})


async def reset(request: Request) -> Response:
    _sandbox(request).reset()
    return JSON({"status": "reset"})


async def get_requests(request: Request) -> Response:
    path = request.query_params.get("path")
    items = [item for item in _sandbox(request).request_log if path is None or item["path"] == path]
    return JSON({"items": items})


async def clear_requests(request: Request) -> Response:
    _sandbox(request).request_log.clear()
    return Response(status_code=204)


async def ping(request: Request) -> Response:
    """A trivial route: the ceiling the benchmark compares the real endpoints with."""
    return _PONG


ROUTES = [
    Route("/_sandbox/faults", get_faults, methods=["GET"]),
    Route("/_sandbox/faults", put_faults, methods=["PUT"]),
    Route("/_sandbox/settings", get_settings, methods=["GET"]),
    Route("/_sandbox/settings", put_settings, methods=["PUT"]),
    Route("/_sandbox/clock", get_clock, methods=["GET"]),
    Route("/_sandbox/clock", advance_clock, methods=["POST"]),
    Route("/_sandbox/blocks", lift_blocks, methods=["DELETE"]),
    Route("/_sandbox/reset", reset, methods=["POST"]),
    Route("/_sandbox/requests", get_requests, methods=["GET"]),
    Route("/_sandbox/requests", clear_requests, methods=["DELETE"]),
    Route("/_sandbox/ping", ping, methods=["GET"]),
]
