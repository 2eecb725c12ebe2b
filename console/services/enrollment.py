"""An enrollment's life, Qt-free: the submission state machine, duplicates and consent evidence.

One logical enrollment keeps its exact request and key.

A retry, a "Check again" or a resend after a busy service must carry the same key and the same body
(consent capture times included), or the service could create a second member. New content means
a new logical enrollment and so a new key.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from console.api.client import SEARCH
from console.api.errors import CollectorError
from console.api.models import EnrollmentRequest, EnrollmentResult, SearchItem, SearchPage
from console.api.redaction import MASK
from console.api.retry import WaitListener
from console.services.enrollment_fields import Reading
from console.services.outbox import REASON_KEY_REUSED, ItemState, OutboxItem, OutboxOpener

if TYPE_CHECKING:
    from console.api.client import CollectorClient
    from console.audit import AuditLog

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Submission:
    """Builds the request for the form's content and keeps its key until the content changes."""

    def __init__(self, clock: Callable[[], datetime] = _now) -> None:
        self._clock = clock
        self._fingerprint: str | None = None
        self.key: str | None = None
        self.request: EnrollmentRequest | None = None

    def prepare(
        self,
        reading: Reading,
        consents: Sequence[tuple[str, bool]],
        *,
        language: str,
        wording_version: str,
    ) -> tuple[EnrollmentRequest, str]:
        """The request and key for this content: the same as last time if nothing changed."""
        fingerprint = json.dumps([reading.values, list(consents), language, wording_version], sort_keys=True)
        if fingerprint != self._fingerprint or self.request is None or self.key is None:
            self.request = reading.request(
                consents,
                consent_language=language,
                wording_version=wording_version,
                captured_at=self._clock(),
            )
            self.key = str(uuid.uuid4())
            self._fingerprint = fingerprint
        return self.request, self.key

    def reset(self) -> None:
        """Forget the key: the next content is a new logical enrollment."""
        self._fingerprint = None
        self.key = None
        self.request = None


# --- Duplicates and consent evidence -------------------------------------------------------------------

DUPLICATE_LIMIT = 10


class Match(StrEnum):
    """Why a member looks like the person being enrolled."""

    EMAIL = "email"
    PHONE = "phone"
    NAME_AND_POSTAL_CODE = "name_and_postal_code"
    NAME_AND_BIRTH_DATE = "name_and_birth_date"


@dataclass(frozen=True)
class Criterion:
    """One duplicate search: its kind, the value it matched on as shown (masked), its query."""

    match: Match
    masked: str
    query: dict[str, str]


@dataclass(frozen=True)
class Duplicate:
    """A member found by one or more criteria."""

    member: SearchItem
    matches: tuple[Criterion, ...]


def duplicate_criteria(request: EnrollmentRequest) -> list[Criterion]:
    """Same email; each same phone; same last name with the same postal code; same last name with the
    same date of birth."""
    email = request.contact_details.email
    criteria = [Criterion(Match.EMAIL, MASK, {"email": email})]
    for phone in request.contact_details.phones:
        if phone.number:
            criteria.append(Criterion(Match.PHONE, MASK, {"phone": phone.number}))
    person, address = request.personal_details, request.address_details
    if person is not None and address is not None and address.postal_code:
        query = {"last_name": person.last_name, "postal_code": address.postal_code}
        criteria.append(Criterion(Match.NAME_AND_POSTAL_CODE, "", query))
    if person is not None:
        born = {"last_name": person.last_name, "date_of_birth": person.date_of_birth.isoformat()}
        criteria.append(Criterion(Match.NAME_AND_BIRTH_DATE, "", born))
    return criteria


def merge_duplicates(criteria: Sequence[Criterion], pages: Sequence[SearchPage]) -> list[Duplicate]:
    """One entry per member, with every criterion that found it, in the order found."""
    found: dict[str, tuple[SearchItem, list[Criterion]]] = {}
    for criterion, page in zip(criteria, pages, strict=True):
        for item in page.items:
            found.setdefault(item.collector_number, (item, []))[1].append(criterion)
    return [Duplicate(item, tuple(matches)) for item, matches in found.values()]


def record_consents(
    audit: AuditLog, request: EnrollmentRequest, result: EnrollmentResult, *, staff: str, environment: str
) -> None:
    """The consent evidence of an enrollment (CASL): one audit record per consent. Raises OSError."""
    for consent in request.consents:
        audit.record_consent(
            consent_type=consent.type,
            granted=consent.granted,
            wording_version=consent.wording_version or "",
            language=consent.language or "",
            channel=consent.channel or "",
            staff=staff,
            environment=environment,
            collector_number=result.collector_number,
            captured_at=consent.captured_at,
        )


# --- The submission state machine ----------------------------------------------------------------------


class Phase(StrEnum):
    """Where an enrollment stands; the page renders each."""

    EDITING = "editing"
    CHECKING = "checking"
    DUPLICATES_FOUND = "duplicates_found"
    CHECK_FAILED = "check_failed"
    NOT_CONFIRMED = "not_confirmed"
    SENDING = "sending"
    ENROLLED = "enrolled"
    UNKNOWN = "unknown"
    """Sent, no definitive answer: the form stays locked; only the same key may ask again."""
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    NOT_SENT = "not_sent"
    """Refused before any attempt could land (offline, signed out, busy): kept in the outbox."""


@dataclass(frozen=True)
class Outcome:
    phase: Phase
    error: CollectorError | None = None
    result: EnrollmentResult | None = None
    duplicates: tuple[Duplicate, ...] = ()
    item: OutboxItem | None = None
    consent_error: OSError | None = None
    request: EnrollmentRequest | None = None


class EnrollmentFlow:
    """prepare → duplicate check → confirmation → send (through the outbox) → settled or outcome unknown.

    Every send goes through the outbox, so an enrollment is stored before its first attempt and its
    outcome, once unknown, stays unknown until the service answers for good: `locked` is True then,
    and the form cannot become a new enrollment with a new key.
    """

    def __init__(self, outbox: OutboxOpener, audit: AuditLog, staff: Callable[[], str]) -> None:
        self.outbox = outbox
        self.audit = audit
        self._staff = staff
        self.submission = Submission()
        self._duplicates_cleared: str | None = None

    @property
    def item(self) -> OutboxItem | None:
        """The outbox item of the form's current enrollment, if it was sent."""
        box, key = self.outbox.current, self.submission.key
        return box.get(key) if box is not None and key is not None else None

    @property
    def locked(self) -> bool:
        """The current enrollment may exist on the service without an answer: no new key for this form."""
        item = self.item
        return item is not None and item.state in (ItemState.UNKNOWN, ItemState.SENDING)

    async def prepare(
        self, reading: Reading, consents: Sequence[tuple[str, bool]], *, language: str, wording_version: str
    ) -> tuple[EnrollmentRequest, str]:
        """The request and key for the form's content; a previous version never sent leaves the outbox."""
        if self.locked:
            request, key = self.submission.request, self.submission.key
            assert request is not None and key is not None
            return request, key
        previous = self.item
        request, key = self.submission.prepare(
            reading, consents, language=language, wording_version=wording_version
        )
        if previous is not None and previous.key != key and previous.state is ItemState.WAITING:
            await (await self.outbox.get()).forget(previous.key)  # never reached the service
        return request, key

    def reset(self) -> None:
        """A new logical enrollment (an unsettled old one stays in the outbox and is sent from there)."""
        self.submission.reset()
        self._duplicates_cleared = None

    def duplicates_cleared(self) -> None:
        """The user chose to enroll anyway: no duplicate check for this content again."""
        self._duplicates_cleared = self.submission.key

    def needs_duplicate_check(self, capabilities: frozenset[str]) -> bool:
        return SEARCH in capabilities and self._duplicates_cleared != self.submission.key and not self.locked

    async def check_duplicates(
        self, client: CollectorClient, request: EnrollmentRequest, on_wait: WaitListener | None = None
    ) -> Outcome:
        """Search for members like this person: EDITING (none found), DUPLICATES_FOUND or CHECK_FAILED."""
        criteria = duplicate_criteria(request)
        try:
            pages = await asyncio.gather(
                *(client.search(**c.query, limit=DUPLICATE_LIMIT, on_wait=on_wait) for c in criteria)
            )
        except CollectorError as exc:
            return Outcome(Phase.CHECK_FAILED, error=exc)
        found = merge_duplicates(criteria, pages)
        if not found:
            self._duplicates_cleared = self.submission.key
            return Outcome(Phase.EDITING)
        return Outcome(Phase.DUPLICATES_FOUND, duplicates=tuple(found))

    async def send(
        self, client: CollectorClient, environment: str, on_wait: WaitListener | None = None
    ) -> Outcome:
        """Store (if new) and send the current enrollment with its key; the outcome of this call."""
        request, key = self.submission.request, self.submission.key
        if request is None or key is None:
            raise RuntimeError("prepare() first")
        box = await self.outbox.get()
        await box.add(request, environment=environment, key=key)
        box.hold(key)
        try:
            item = await box.send(key, client, on_wait=on_wait)
        except asyncio.CancelledError:
            box.release(key)
            return Outcome(Phase.UNKNOWN, item=box.get(key))
        if item.state is not ItemState.WAITING:  # only a never-sent one stays the form's to change
            box.release(key)
        error = box.last_error(key)
        if item.state is ItemState.ENROLLED:
            result = box.last_result(key)
            assert result is not None  # this very call settled it
            consent_error = None
            try:
                record_consents(self.audit, request, result, staff=self._staff(), environment=environment)
            except OSError as exc:
                log.error("consent evidence not saved: %s", exc.strerror)
                consent_error = exc
            await box.forget(key)
            self.reset()
            return Outcome(
                Phase.ENROLLED, result=result, item=item, consent_error=consent_error, request=request
            )
        phase = {
            ItemState.UNKNOWN: Phase.UNKNOWN,
            ItemState.SENDING: Phase.UNKNOWN,
            ItemState.REJECTED: Phase.REJECTED,
            ItemState.DUPLICATE: Phase.DUPLICATE,
            ItemState.WAITING: Phase.NOT_SENT,
        }[item.state]
        if item.state is ItemState.REJECTED and item.reason == REASON_KEY_REUSED:
            await box.forget(key)
            self.reset()
        return Outcome(phase, error=error, item=item)

    def keep_for_later(self) -> OutboxItem | None:
        """Leave the current enrollment to the outbox's sender; the form is free for the next person."""
        item = self.item
        if item is not None and self.outbox.current is not None:
            self.outbox.current.release(item.key)
        self.reset()
        return item

    def discard(self) -> Coroutine[Any, Any, None] | None:
        """The form is cleared or its environment changed: a new logical enrollment now. A version never
        sent leaves the outbox when the returned work is awaited (one that may have reached the service
        stays, for the outbox to resolve); None when there is nothing to do."""
        item = self.item
        self.reset()
        box = self.outbox.current
        if item is None or box is None:
            return None
        if item.state is not ItemState.WAITING:
            box.release(item.key)
            return None
        return box.forget(item.key)
