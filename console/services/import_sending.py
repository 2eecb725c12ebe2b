"""How an import sends a row ("send this request under this key, tell me the outcome"); duplicate search.

Qt-free. `Sender` is the one thing the import needs from the sending side; `ClientSender` sends through
the client (its retries, the same key on every attempt; sending again with the key asks what became of
an earlier send). The outcome says whether the row is settled and, when not, whether the service could
not be reached (the import then stops starting new rows) or refuses this sign-in altogether.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Protocol

from console.api.client import CollectorClient
from console.api.errors import (
    AuthenticationFailed,
    CollectorError,
    ConnectionFailed,
    DuplicateCollector,
    IdempotencyKeyReused,
    PermissionDenied,
    ServiceUnavailable,
    SessionExpired,
    ValidationFailed,
)
from console.api.models import EnrollmentRequest
from console.services.enrollment import duplicate_criteria
from console.services.import_results import Status

log = logging.getLogger(__name__)

DUPLICATE_LIMIT = 5


@dataclass(frozen=True)
class SendOutcome:
    """What became of one send."""

    status: Status
    collector_number: str | None = None
    field_errors: tuple[tuple[str, str], ...] = ()
    """(field path, the service's message) of a refused request."""
    reason: str = ""
    """A code of `importing.MESSAGES` saying why (refused without field errors, or pending)."""
    offline: bool = False
    """Pending because the service could not be reached (or is down for maintenance)."""
    stop: bool = False
    """Pending because this sign-in cannot enroll at all: no further row should be sent."""
    replayed: bool = False


class Sender(Protocol):
    async def send(self, request: EnrollmentRequest, key: str) -> SendOutcome:
        """Send `request` under idempotency key `key` (the same key for every send of that row)."""
        ...


def outcome_of_error(error: CollectorError) -> SendOutcome:
    """The outcome an error from `client.enroll` means for the row."""
    if isinstance(error, ValidationFailed):
        fields = tuple((item.field or "", item.message or item.code or "") for item in error.field_errors)
        return SendOutcome(Status.REJECTED, field_errors=fields, reason="" if fields else "REFUSED")
    if isinstance(error, DuplicateCollector):
        return SendOutcome(Status.ALREADY_ENROLLED, reason="ALREADY_ENROLLED")
    if isinstance(error, IdempotencyKeyReused):
        return SendOutcome(Status.REJECTED, reason="KEY_REUSED")
    if isinstance(error, (AuthenticationFailed, SessionExpired)):
        return SendOutcome(Status.PENDING, reason="SIGNED_OUT", stop=True)
    if isinstance(error, PermissionDenied):
        return SendOutcome(Status.PENDING, reason="NOT_ALLOWED", stop=True)
    if isinstance(error, (ConnectionFailed, ServiceUnavailable)):
        return SendOutcome(Status.PENDING, reason="OFFLINE", offline=True)
    return SendOutcome(Status.PENDING, reason="UNKNOWN")


class ClientSender:
    """Sends straight through the client; the import's state keeps each row's key for a later run."""

    def __init__(self, client: CollectorClient) -> None:
        self.client = client

    async def send(self, request: EnrollmentRequest, key: str) -> SendOutcome:
        try:
            result = await self.client.enroll(request, idempotency_key=key)
        except CollectorError as error:
            log.info("import row not enrolled: %s", type(error).__name__)
            return outcome_of_error(error)
        return SendOutcome(Status.ENROLLED, result.collector_number, replayed=result.replayed)


@dataclass(frozen=True)
class Match:
    """A member who looks like the row's person."""

    collector_number: str
    reason: str
    """"email", "phone" or "name_and_postal_code" (`console.services.enrollment.Match`)."""
    active: bool


class DuplicateSearch:
    """Finds members who look like a row's person: same email, same phone, same last name and postal code."""

    def __init__(self, client: CollectorClient) -> None:
        self.client = client

    async def matches(self, request: EnrollmentRequest) -> list[Match]:
        """Raises the client's errors (a row whose check failed is not sent)."""
        criteria = duplicate_criteria(request)
        pages = await asyncio.gather(
            *(self.client.search(**c.query, limit=DUPLICATE_LIMIT) for c in criteria)  # type: ignore[arg-type]
        )
        found: dict[str, Match] = {}
        for criterion, page in zip(criteria, pages, strict=True):
            for item in page.items:
                active = (item.status or "ACTIVE") == "ACTIVE"
                found.setdefault(item.collector_number, Match(item.collector_number, criterion.match, active))
        return list(found.values())
