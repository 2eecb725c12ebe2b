"""JSON responses and the API's error body."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from console.sandbox.messages import FIELD_MESSAGES, RESPONSE_MESSAGES, text, wants_french

JSON_TYPE = "application/json;charset=UTF-8"


def dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out null and empty values, recursively (0 and false stay)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = compact(value)
        elif isinstance(value, list):
            value = [compact(v) if isinstance(v, dict) else v for v in value]
        if value is None or value == "" or value == [] or value == {}:
            continue
        out[key] = value
    return out


class JSON(Response):
    media_type = JSON_TYPE

    def render(self, content: Any) -> bytes:
        return dump(content)


class ApiError(Exception):
    """An error answered with the contract's body: responseCode, message, correlationId, errors[]."""

    def __init__(
        self,
        code: str,
        status: int,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        message_key: str | None = None,
        **values: Any,
    ) -> None:
        super().__init__(code)
        self.code, self.status, self.errors, self.headers = code, status, errors, headers or {}
        self.message_key, self.values = message_key or code, values

    def response(self, correlation_id: str, french: bool) -> JSON:
        body: dict[str, Any] = {
            "responseCode": self.code,
            "message": text(RESPONSE_MESSAGES, self.message_key, french, **self.values),
            "correlationId": correlation_id,
        }
        if self.errors:
            body["errors"] = self.errors
        return JSON(body, status_code=self.status, headers=self.headers)


def correlation_id(request: Request) -> str:
    return request.scope["sandbox.info"]["correlationId"]


def is_french(request: Request) -> bool:
    return wants_french(request.headers.get("accept-language"))


def error_response(request: Request, error: ApiError) -> JSON:
    return error.response(correlation_id(request), is_french(request))


def invalid(
    field: str, code: str, french: bool, message_key: str = "INVALID_REQUEST", **values: Any
) -> ApiError:
    """A 400 INVALID_REQUEST naming one field (a JSON path, a query parameter or a header)."""
    message = text(FIELD_MESSAGES, code, french, **values)
    return ApiError(
        "INVALID_REQUEST",
        400,
        message_key=message_key,
        errors=[{"field": field, "code": code, "message": message}],
    )
