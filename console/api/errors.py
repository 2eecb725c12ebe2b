"""One error hierarchy for everything the console can meet when it talks to the service.

`error_from_response` is the single place that maps an HTTP status and `responseCode` to a type;
the UI switches on these types, never on status numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from console.api.models import ApiErrorBody, FieldError
from console.api.retry import parse_retry_after

if TYPE_CHECKING:
    from console.api.models import EnrollmentRequest

__all__ = [
    "ApiError",
    "AuthenticationFailed",
    "BrowserUnavailable",
    "CapabilityMissing",
    "CollectorError",
    "CollectorNotFound",
    "CollectorNumberNotAllowed",
    "ConnectionFailed",
    "DuplicateCollector",
    "FieldError",
    "IdempotencyInProgress",
    "IdempotencyKeyReused",
    "InsufficientScope",
    "InvalidCollectorNumber",
    "InvalidResponse",
    "MissingCollectorNumber",
    "NotSignedIn",
    "OAuthError",
    "OutcomeUnknown",
    "PartnerSecretMissing",
    "PermissionDenied",
    "RateLimited",
    "RequestTimedOut",
    "SandboxUnavailable",
    "ServerError",
    "ServiceUnavailable",
    "SessionExpired",
    "SignInCancelled",
    "SignInError",
    "SignInNotOffered",
    "SignInRefused",
    "SignInTimedOut",
    "StateMismatch",
    "TokenServiceError",
    "TransportError",
    "UnknownEnvironment",
    "ValidationFailed",
    "WrongCredentials",
    "error_from_response",
]


class CollectorError(Exception):
    """Base of every error the console shows to a person; `message` is readable as it is."""

    default_message = "The request failed."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


# --- The server answered with an error -------------------------------------------------------------


class ApiError(CollectorError):
    """The service answered with an error status."""

    default_message = "The service refused the request."

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int,
        response_code: str | None = None,
        correlation_id: str | None = None,
        body: ApiErrorBody | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.response_code = response_code
        self.correlation_id = correlation_id
        self.body = body

    def __str__(self) -> str:
        code = f" {self.response_code}" if self.response_code else ""
        ref = f" (correlation id {self.correlation_id})" if self.correlation_id else ""
        return f"{self.status}{code}: {self.message}{ref}"


class ValidationFailed(ApiError):
    default_message = "Some fields are missing or invalid."

    @property
    def field_errors(self) -> list[FieldError]:
        return self.body.errors if self.body else []


class MissingCollectorNumber(ValidationFailed):
    default_message = "A collector number is required with a partner sign-in."


class InvalidCollectorNumber(ValidationFailed):
    default_message = "A collector number has 11 digits and starts with 8."


class AuthenticationFailed(ApiError):
    default_message = "The sign-in is missing, expired or not valid here. Sign in again."


class PermissionDenied(ApiError):
    default_message = "This sign-in is not allowed to do that."


class InsufficientScope(PermissionDenied):
    default_message = "This sign-in lacks the permission (scope) for that call."

    def __init__(self, message: str | None = None, *, scope: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.scope = scope


class CollectorNumberNotAllowed(PermissionDenied):
    default_message = "A member sign-in can only see its own collector: no collector number may be given."


class CollectorNotFound(ApiError):
    default_message = "No collector has that number."


class DuplicateCollector(ApiError):
    default_message = "An active collector already uses that email address."


class IdempotencyInProgress(ApiError):
    default_message = "The same enrollment is still being processed. Try again in a moment."


class PayloadTooLarge(ApiError):
    default_message = "The request is too large for the service."


class IdempotencyKeyReused(ApiError):
    default_message = "This enrollment key was already used for different details."


class RateLimited(ApiError):
    default_message = "Too many requests. Wait a moment and try again."

    def __init__(
        self, message: str | None = None, *, retry_after: float | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(ApiError):
    default_message = "The service had an internal error."


class ServiceUnavailable(ServerError):
    default_message = "The service is unavailable (maintenance or overload). Try again later."

    def __init__(
        self, message: str | None = None, *, retry_after: float | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class InvalidResponse(ApiError):
    """The service answered success with a body the console cannot read."""

    default_message = "The service sent an answer the console cannot read."


# --- The request did not get an answer ---------------------------------------------------------------


class TransportError(CollectorError):
    """No HTTP answer: the network failed or the service did not answer in time."""

    def __init__(self, message: str | None = None, *, correlation_id: str | None = None) -> None:
        super().__init__(message)
        self.correlation_id = correlation_id


class ConnectionFailed(TransportError):
    default_message = "Cannot reach the service. Check the network connection."


class RequestTimedOut(TransportError):
    default_message = "The service did not answer in time."


class OutcomeUnknown(CollectorError):
    """An enrollment may or may not have been made; send it again with `idempotency_key` to find out."""

    default_message = (
        "The enrollment may or may not have been saved. Check again before enrolling this person anew."
    )

    def __init__(self, idempotency_key: str, request: EnrollmentRequest, message: str | None = None) -> None:
        super().__init__(message)
        self.idempotency_key = idempotency_key
        self.request = request


class CapabilityMissing(CollectorError):
    """The environment does not offer this feature (e.g. search)."""

    def __init__(self, capability: str, environment: str) -> None:
        super().__init__(f"The {environment} environment does not offer {capability}.")
        self.capability = capability
        self.environment = environment


class UnknownEnvironment(CollectorError):
    """No environment of that name is configured."""

    def __init__(self, name: str) -> None:
        super().__init__(f"There is no environment named {name!r}.")
        self.name = name


class SandboxUnavailable(CollectorError):
    """The embedded sandbox could not start (a port or disk problem; the log has the details)."""

    default_message = "The embedded sandbox could not start."


# --- Signing in ------------------------------------------------------------------------------------------


class SignInError(CollectorError):
    default_message = "Sign-in failed."


class WrongCredentials(SignInError):
    default_message = "The client id or secret is wrong."


class SignInCancelled(SignInError):
    default_message = "Sign-in was cancelled."


class SignInTimedOut(SignInError):
    default_message = "Sign-in took too long and was stopped."


class SignInRefused(SignInError):
    """The tenant answered with an OAuth error, or the answer did not match the request (state)."""

    default_message = "The sign-in service refused the sign-in."


class LoginBlocked(SignInRefused):
    """The tenant blocked this login after too many failed password or PIN attempts in a row."""

    default_message = "This login is blocked after too many failed attempts."


class SessionExpired(SignInError):
    default_message = "The session has ended. Sign in again."


class PartnerSecretMissing(SignInError):
    """A headless partner sign-in found no client id or secret (keyring or environment variable)."""

    def __init__(self, environment: str) -> None:
        super().__init__(f"No partner client id and secret for {environment}.")
        self.environment = environment


class NotSignedIn(SessionExpired):
    """A token was needed but nobody is signed in to this environment (or the session was closed).

    A kind of SessionExpired, so the UI's "sign in again" handling covers it.
    """

    default_message = "Not signed in. Sign in to continue."


class SignInNotOffered(SignInError):
    """The environment does not offer this sign-in method or connection."""

    default_message = "This environment does not offer that way of signing in."


class BrowserUnavailable(SignInError):
    """No browser could be opened (``webbrowser.open`` returned False); ``url`` can be opened by hand."""

    default_message = "No web browser could be opened for the sign-in."

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


class OAuthError(SignInRefused):
    """The authorization server answered with an OAuth ``error`` (and maybe ``error_description``)."""

    def __init__(self, error: str, description: str | None = None) -> None:
        detail = f": {description}" if description else "."
        super().__init__(f"The sign-in service refused the sign-in ({error}){detail}")
        self.error = error
        self.description = description


class StateMismatch(SignInRefused):
    """The browser came back with a ``state`` this sign-in did not send: refused as a possible forgery."""

    default_message = "The answer from the browser did not belong to this sign-in and was refused."


class TokenServiceError(SignInError):
    """The authorization server answered with neither a token nor an OAuth error."""

    def __init__(self, status: int) -> None:
        super().__init__(f"The sign-in service answered with an unexpected status ({status}).")
        self.status = status


# --- The mapping -----------------------------------------------------------------------------------------

_BY_CODE: dict[str, tuple[int, type[ApiError]]] = {
    "INVALID_REQUEST": (400, ValidationFailed),
    "MISSING_COLLECTOR_NUMBER": (400, MissingCollectorNumber),
    "INVALID_COLLECTOR_NUMBER": (400, InvalidCollectorNumber),
    "UNAUTHORIZED": (401, AuthenticationFailed),
    "INSUFFICIENT_SCOPE": (403, InsufficientScope),
    "COLLECTOR_NUMBER_NOT_ALLOWED": (403, CollectorNumberNotAllowed),
    "COLLECTOR_NOT_FOUND": (404, CollectorNotFound),
    "DUPLICATE_COLLECTOR": (409, DuplicateCollector),
    "IDEMPOTENCY_IN_PROGRESS": (409, IdempotencyInProgress),
    "IDEMPOTENCY_KEY_REUSED": (422, IdempotencyKeyReused),
    "PAYLOAD_TOO_LARGE": (413, PayloadTooLarge),
    "RATE_LIMITED": (429, RateLimited),
    "INTERNAL_ERROR": (500, ServerError),
    "SERVICE_UNAVAILABLE": (503, ServiceUnavailable),
}
_BY_STATUS: dict[int, type[ApiError]] = {
    400: ValidationFailed,
    401: AuthenticationFailed,
    403: PermissionDenied,
    429: RateLimited,
    503: ServiceUnavailable,
}
_SCOPE = re.compile(r'scope="([^"]*)"')


def _error_class(status: int, code: str | None) -> type[ApiError]:
    expected_status, cls = _BY_CODE.get(code or "", (None, ApiError))
    if status == expected_status:  # a code counts only with the status it belongs to
        return cls
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ServerError if status >= 500 else ApiError


def error_from_response(status: int, content: bytes, headers: Mapping[str, str]) -> ApiError:
    """The typed error for an error answer (status, body bytes and headers)."""
    body: ApiErrorBody | None
    try:
        body = ApiErrorBody.model_validate_json(content) if content else None
    except ValidationError:
        body = None
    code = body.response_code if body else None
    cls = _error_class(status, code)
    kwargs: dict = {
        "status": status,
        "response_code": code,
        "correlation_id": (body.correlation_id if body else None) or headers.get("x-correlation-id"),
        "body": body,
    }
    if cls in (RateLimited, ServiceUnavailable):
        kwargs["retry_after"] = parse_retry_after(headers.get("retry-after"))
    elif cls is InsufficientScope:
        match = _SCOPE.search(headers.get("www-authenticate", ""))
        kwargs["scope"] = match.group(1) if match else None
    message = body.message if body else None
    if cls is ApiError and not message:
        message = _status_phrase(status)
    return cls(message, **kwargs)


def _status_phrase(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP status {status}"
