"""What an import row's outbox item says about the row, and the duplicate search run before a row is sent.

Qt-free. An import sends each good row through the outbox (`console.services.outbox`), as the window's
form does; `outcome_of(item)` turns the item's state into the row's status, with why it is pending:
the service could not be reached (the import then stops starting new rows), or this sign-in cannot
enroll at all (no further row should be sent).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from console.api.client import CollectorClient
from console.api.errors import CollectorError, ValidationFailed
from console.api.models import EnrollmentRequest
from console.services import outbox as ob
from console.services.enrollment import duplicate_criteria
from console.services.import_results import Status

DUPLICATE_LIMIT = 5
OFFLINE_REASONS = frozenset({ob.REASON_CONNECTION, ob.REASON_UNAVAILABLE})


@dataclass(frozen=True)
class SendOutcome:
    """What became of a row's enrollment."""

    status: Status
    collector_number: str | None = None
    field_errors: tuple[tuple[str, str], ...] = ()
    """(field path, the service's message, or its code) of a refused request."""
    reason: str = ""
    """A code of `import_messages.MESSAGES` saying why (refused without field errors, or pending)."""
    offline: bool = False
    """Pending, and no attempt reached the service: it could not be reached (or is in maintenance)."""
    stop: bool = False
    """Pending because this sign-in cannot enroll at all: no further row should be sent."""


def outcome_of(item: ob.OutboxItem, error: CollectorError | None = None) -> SendOutcome:
    """The row's outcome from its outbox item; `error` (the last call's, when this process made it)
    gives the service's own words for refused fields."""
    if item.state is ob.ItemState.ENROLLED:
        return SendOutcome(Status.ENROLLED, item.collector_number)
    if item.state is ob.ItemState.DUPLICATE:
        return SendOutcome(Status.ALREADY_ENROLLED, reason="ALREADY_ENROLLED")
    if item.state is ob.ItemState.REJECTED:
        if item.reason == ob.REASON_KEY_REUSED:
            return SendOutcome(Status.REJECTED, reason="KEY_REUSED")
        fields = item.field_errors
        if isinstance(error, ValidationFailed) and error.field_errors:
            fields = tuple((e.field or "", e.message or e.code or "") for e in error.field_errors)
        return SendOutcome(Status.REJECTED, field_errors=fields, reason="" if fields else "REFUSED")
    if item.reason == ob.REASON_SIGN_IN:
        return SendOutcome(Status.PENDING, reason="SIGNED_OUT", stop=True)
    if item.reason == ob.REASON_NOT_ALLOWED:
        return SendOutcome(Status.PENDING, reason="NOT_ALLOWED", stop=True)
    if item.state is ob.ItemState.WAITING and item.reason in OFFLINE_REASONS:
        return SendOutcome(Status.PENDING, reason="OFFLINE", offline=True)
    return SendOutcome(Status.PENDING, reason="UNKNOWN")


@dataclass(frozen=True)
class Match:
    """A member who looks like the row's person."""

    collector_number: str
    reason: str
    """A `console.services.enrollment.Match` value ("email", "phone", "name_and_postal_code", ...)."""
    active: bool


class DuplicateSearch:
    """Finds members who look like a row's person: same email, same phone, same last name and
    postal code or date of birth."""

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
