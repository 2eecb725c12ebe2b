"""error_from_response: one mapping from status and responseCode to a typed error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from console.api import errors as e

SPEC = Path(__file__).resolve().parents[2] / "console" / "resources" / "openapi.yaml"

TABLE = [
    (400, "INVALID_REQUEST", e.ValidationFailed),
    (400, "MISSING_COLLECTOR_NUMBER", e.MissingCollectorNumber),
    (400, "INVALID_COLLECTOR_NUMBER", e.InvalidCollectorNumber),
    (401, "UNAUTHORIZED", e.AuthenticationFailed),
    (403, "INSUFFICIENT_SCOPE", e.InsufficientScope),
    (403, "COLLECTOR_NUMBER_NOT_ALLOWED", e.CollectorNumberNotAllowed),
    (404, "COLLECTOR_NOT_FOUND", e.CollectorNotFound),
    (409, "DUPLICATE_COLLECTOR", e.DuplicateCollector),
    (409, "IDEMPOTENCY_IN_PROGRESS", e.IdempotencyInProgress),
    (422, "IDEMPOTENCY_KEY_REUSED", e.IdempotencyKeyReused),
    (413, "PAYLOAD_TOO_LARGE", e.PayloadTooLarge),
    (429, "RATE_LIMITED", e.RateLimited),
    (500, "INTERNAL_ERROR", e.ServerError),
    (503, "SERVICE_UNAVAILABLE", e.ServiceUnavailable),
]


def body(code: str, message: str = "Server says no.", **extra) -> bytes:
    return json.dumps({"responseCode": code, "message": message, "correlationId": "cid-1", **extra}).encode()


@pytest.mark.parametrize(("status", "code", "cls"), TABLE)
def test_each_contract_error_has_its_own_type(status: int, code: str, cls: type[e.ApiError]) -> None:
    error = e.error_from_response(status, body(code), {})

    assert type(error) is cls
    assert (error.status, error.response_code, error.correlation_id) == (status, code, "cid-1")
    assert error.message == "Server says no."
    assert error.body is not None and error.body.response_code == code
    assert str(error) == f"{status} {code}: Server says no. (correlation id cid-1)"


def test_every_response_code_of_the_spec_is_mapped() -> None:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    assert set(spec["components"]["schemas"]["ResponseCode"]["enum"]) == {code for _, code, _ in TABLE}


def test_validation_errors_carry_their_field_errors() -> None:
    errors = [{"field": "contactDetails.phones[0].number", "code": "INVALID_FORMAT", "message": "10 digits"}]
    error = e.error_from_response(400, body("INVALID_REQUEST", errors=errors), {})

    assert isinstance(error, e.ValidationFailed)
    assert [(f.field, f.code) for f in error.field_errors] == [
        ("contactDetails.phones[0].number", "INVALID_FORMAT")
    ]


def test_waits_and_scopes_come_from_the_headers() -> None:
    limited = e.error_from_response(429, body("RATE_LIMITED"), {"retry-after": "3"})
    down = e.error_from_response(503, body("SERVICE_UNAVAILABLE"), {"retry-after": "7"})
    scope = e.error_from_response(
        403,
        body("INSUFFICIENT_SCOPE"),
        {"www-authenticate": 'Bearer error="insufficient_scope", scope="collector:search:read"'},
    )

    assert isinstance(limited, e.RateLimited) and limited.retry_after == 3.0
    assert isinstance(down, e.ServiceUnavailable) and down.retry_after == 7.0
    assert isinstance(scope, e.InsufficientScope) and scope.scope == "collector:search:read"


@pytest.mark.parametrize(
    ("status", "cls", "message"),
    [
        (400, e.ValidationFailed, e.ValidationFailed.default_message),
        (401, e.AuthenticationFailed, e.AuthenticationFailed.default_message),
        (403, e.PermissionDenied, e.PermissionDenied.default_message),
        (404, e.ApiError, "404 Not Found"),
        (502, e.ServerError, e.ServerError.default_message),
        (503, e.ServiceUnavailable, e.ServiceUnavailable.default_message),
        (418, e.ApiError, "418 I'm a Teapot"),
    ],
)
def test_answers_without_a_contract_body_fall_back_to_the_status(
    status: int, cls: type[e.ApiError], message: str
) -> None:
    error = e.error_from_response(status, b"<html>Bad gateway</html>", {"x-correlation-id": "from-header"})

    assert type(error) is cls
    assert error.body is None and error.response_code is None
    assert error.correlation_id == "from-header"
    assert error.message == message


def test_a_code_sent_with_the_wrong_status_does_not_pick_the_type() -> None:
    error = e.error_from_response(500, body("COLLECTOR_NOT_FOUND"), {})
    assert type(error) is e.ServerError


def test_branches_are_separate() -> None:
    assert not issubclass(e.ConnectionFailed, e.ApiError) and issubclass(e.RequestTimedOut, e.TransportError)
    assert issubclass(e.OutcomeUnknown, e.CollectorError) and not issubclass(e.OutcomeUnknown, e.ApiError)
    assert issubclass(e.ServiceUnavailable, e.ServerError)
    assert issubclass(e.CollectorNumberNotAllowed, e.PermissionDenied)
    assert (
        str(e.CapabilityMissing("search", "Production"))
        == "The Production environment does not offer search."
    )
