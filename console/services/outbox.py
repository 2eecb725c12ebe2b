"""The durable outbox: an enrollment is stored before its first attempt and kept until the service answers
for good, across crashes, restarts and network loss.

One row per enrollment (its idempotency key, its exact request, its state). The state is the
enrollment's, not one call's: "unknown" (sent, answer lost) holds until a definitive answer arrives,
however many checks fail on the way, and every new attempt carries the same key and body, so the
service replays its first answer instead of making a second member. Personal data is encrypted at rest
(`outbox_crypto`) or, without a keyring, kept in memory only. Qt-free: the window and the headless
import use the same object.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import random
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

from console.api import retry
from console.api.errors import (
    AuthenticationFailed,
    CollectorError,
    DuplicateCollector,
    IdempotencyKeyReused,
    InvalidResponse,
    OutcomeUnknown,
    PermissionDenied,
    RateLimited,
    RequestTimedOut,
    ServiceUnavailable,
    SignInError,
    TransportError,
    ValidationFailed,
)
from console.api.models import EnrollmentRequest, EnrollmentResult
from console.api.secrets import SecretStore
from console.services.outbox_crypto import PersonalDataCipher
from console.services.outbox_store import OutboxFile, Row

log = logging.getLogger(__name__)

APP_NAME = "collector-console"
FILE_NAME = "outbox.sqlite3"
# The background sender's wait between tries of one enrollment: doubling, with jitter, up to a cap.
SENDER_BACKOFF_BASE = 2.0
SENDER_BACKOFF_CAP = 300.0
WRITE_BEHIND = 0.05
"""Seconds an answer's state may wait to be committed with later writes (one commit for many answers)."""

T = TypeVar("T")


def default_path() -> Path:
    """The outbox file in the platform's user data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / FILE_NAME


class ItemState(StrEnum):
    WAITING = "waiting"
    """Stored, no answer yet, and no attempt can have reached the service: due now or at `retry_at`."""
    SENDING = "sending"
    UNKNOWN = "unknown"
    """An attempt may have reached the service and its answer was lost: resent with the same key."""
    ENROLLED = "enrolled"
    """Created (or replayed): `collector_number` is set. Definitive."""
    REJECTED = "rejected"
    """The service refused the details (`field_errors`) or the key: definitive; the user may edit."""
    DUPLICATE = "duplicate"
    """An active member already has this email: definitive, nothing was created."""


SETTLED = frozenset({ItemState.ENROLLED, ItemState.REJECTED, ItemState.DUPLICATE})

# Reasons (OutboxItem.reason): why the item is where it is.
REASON_CONNECTION = retry.CONNECTION
REASON_TIMEOUT = retry.TIMEOUT
REASON_RATE_LIMITED = retry.RATE_LIMITED
REASON_UNAVAILABLE = retry.UNAVAILABLE
REASON_SERVER_ERROR = retry.SERVER_ERROR
REASON_UNREADABLE = "unreadable"  # a success whose body could not be read
REASON_SIGN_IN = "sign_in"  # the sign-in lapsed: sign in again, then it is sent
REASON_NOT_ALLOWED = "not_allowed"
REASON_VALIDATION = "validation"
REASON_KEY_REUSED = "key_reused"
REASON_DUPLICATE = "duplicate"
REASON_CANCELLED = "cancelled"
REASON_INTERRUPTED = "interrupted"  # the console ended while it was being sent
REASON_DETAILS_UNAVAILABLE = (
    "details_unavailable"  # personal data lost (memory only, or another key)
)


@dataclass(frozen=True)
class OutboxItem:
    """One enrollment in the outbox, as it stands."""

    key: str
    environment: str
    source: str | None
    state: ItemState
    attempts: int
    reason: str | None
    collector_number: str | None
    replayed: bool
    field_errors: tuple[tuple[str, str], ...]
    retry_at: float | None
    """Epoch seconds before which the sender leaves it alone (a Retry-After, or its backoff)."""
    request: EnrollmentRequest | None
    """None when the personal data is not available on this machine (see `reason`)."""
    created_at: float
    updated_at: float

    @property
    def settled(self) -> bool:
        return self.state in SETTLED

    @property
    def needs_attention(self) -> bool:
        """The user must act: refused details, a duplicate, or details this machine no longer has."""
        return self.state in (ItemState.REJECTED, ItemState.DUPLICATE) or (
            not self.settled and self.request is None
        )

    @property
    def sendable(self) -> bool:
        return not self.settled and self.state is not ItemState.SENDING and self.request is not None


OutboxListener = Callable[[OutboxItem], None]


class Outbox:
    """Enrollments stored before they are sent and kept until the service answers for good."""

    def __init__(
        self, file: OutboxFile, cipher: PersonalDataCipher, worker: ThreadPoolExecutor
    ) -> None:
        self._file = file
        self._cipher = cipher
        self._worker = worker
        self._items: dict[str, OutboxItem] = {}
        self._listeners: list[OutboxListener] = []
        self._locks: dict[str, asyncio.Lock] = {}
        self._held: set[str] = set()
        """Keys the window's form owns for now: the background sender leaves them alone."""
        self._last: dict[str, EnrollmentResult | CollectorError] = {}
        """The last call's answer per key, for the window showing it (memory only)."""
        self._sealed: dict[str, tuple[EnrollmentRequest | None, str | None, bytes | None]] = {}
        """Per key, the personal data last sealed (request, collector number) and its sealed bytes."""
        self._claimed: dict[str, OutboxItem] = {}
        """Items marked "sending" ahead of their call (`claim`), as they were before."""
        self._queued: list[tuple[Callable[[], object] | _Latest, asyncio.Future[object]]] = []
        self._committer: asyncio.Task[None] | None = None
        self._awaited = asyncio.Event()
        """Set when a queued write has a caller waiting for its commit: commit now."""
        self.clock: Callable[[], float] = time.time

    @classmethod
    async def open(cls, path: Path | None = None, *, secrets: SecretStore | None = None) -> Outbox:
        """Open (or create) the outbox file and resume what it holds."""
        cipher = await PersonalDataCipher.open(secrets or SecretStore())
        worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox")
        loop = asyncio.get_running_loop()
        file = await loop.run_in_executor(worker, OutboxFile, path or default_path())
        outbox = cls(file, cipher, worker)
        rows = await outbox._io(file.load)
        interrupted = []
        for row in rows:
            item = outbox._item_of(row)
            if item.state is ItemState.SENDING:  # the console ended mid-call: it may have landed
                item = replace(item, state=ItemState.UNKNOWN, reason=REASON_INTERRUPTED)
                interrupted.append(item)
            outbox._items[item.key] = item
        for item in interrupted:
            await outbox._save(item)
        return outbox

    @property
    def cipher(self) -> PersonalDataCipher:
        """How this outbox seals personal data (the drafts use the same key)."""
        return self._cipher

    @property
    def personal_data_persistent(self) -> bool:
        """False: no keyring, so enrollment details live in memory only and a crash loses them."""
        return self._cipher.persistent

    async def close(self) -> None:
        if self._committer is not None:
            await self._committer
        await self._io(self._file.close)
        self._worker.shutdown(wait=False)

    def close_now(self) -> None:
        """Close from synchronous code (a test teardown, the last moment of the process)."""
        queued, self._queued = self._queued, []
        if queued:
            self._worker.submit(self._file.transaction, [self._resolve(work) for work, _future in queued])
        self._worker.submit(self._file.close).result()
        self._worker.shutdown(wait=False)

    # --- Reading ---------------------------------------------------------------------------------------

    def get(self, key: str) -> OutboxItem | None:
        return self._items.get(key)

    def items(
        self,
        *,
        environment: str | None = None,
        source: str | None = None,
        states: Iterable[ItemState] | None = None,
    ) -> list[OutboxItem]:
        """Items in the order they were added."""
        wanted = set(states) if states is not None else None
        return [
            item
            for item in self._items.values()
            if (environment is None or item.environment == environment)
            and (source is None or item.source == source)
            and (wanted is None or item.state in wanted)
        ]

    def unsettled(self, environment: str | None = None) -> list[OutboxItem]:
        return [item for item in self.items(environment=environment) if not item.settled]

    def last_error(self, key: str) -> CollectorError | None:
        """The error that ended the last call for `key` in this process, if it failed."""
        last = self._last.get(key)
        return last if isinstance(last, CollectorError) else None

    def last_result(self, key: str) -> EnrollmentResult | None:
        last = self._last.get(key)
        return last if isinstance(last, EnrollmentResult) else None

    def subscribe(self, listener: OutboxListener) -> Callable[[], None]:
        """Call `listener(item)` after every change; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # --- Writing ---------------------------------------------------------------------------------------

    async def add(
        self,
        request: EnrollmentRequest,
        *,
        environment: str,
        key: str | None = None,
        source: str | None = None,
        claim: bool = False,
    ) -> OutboxItem:
        """Store an enrollment (committed when this returns); the same key again returns the stored item.

        A stored item whose details this machine lost (kept in memory only by an earlier process) takes
        `request` back: it must be the very request first sent under the key, or the service refuses it.
        `claim`: a new item is stored claimed for sending at once (see `claim`), in the same commit.
        """
        key = key or str(uuid.uuid4())
        existing = self._items.get(key)
        if existing is not None:
            if existing.request is None and not existing.settled:
                return await self._save(replace(existing, request=request, reason=None))
            return existing
        now = self.clock()
        item = OutboxItem(
            key=key,
            environment=environment,
            source=source,
            state=ItemState.WAITING,
            attempts=0,
            reason=None,
            collector_number=None,
            replayed=False,
            field_errors=(),
            retry_at=None,
            request=request,
            created_at=now,
            updated_at=now,
        )
        if claim:
            self._claimed[key] = item
            item = replace(item, state=ItemState.SENDING, attempts=1)
        row = self._row_of(item)
        if not await self._write(lambda: self._file.insert(row)):
            self._claimed.pop(key, None)
            stored = await self._io(
                self._file.load
            )  # added meanwhile by another writer of the file
            item = next(self._item_of(row) for row in stored if row.key == key)
        self._items[key] = item
        self._announce(item)
        return item

    async def forget(self, key: str) -> None:
        """Drop an item the user is done with: settled, refused, or never sent; never an unknown one."""
        await self.forget_all([key])

    async def forget_all(self, keys: Iterable[str]) -> None:
        """`forget` for many items, under one write; ValueError (nothing dropped) if one may not go."""
        items = [self._items[key] for key in keys if key in self._items]
        for item in items:
            if item.state in (ItemState.UNKNOWN, ItemState.SENDING) and item.request is not None:
                raise ValueError("an enrollment that may exist on the service cannot be forgotten")
        if not items:
            return
        await self._write(lambda: self._file.delete([item.key for item in items]))
        for item in items:
            key = item.key
            del self._items[key]
            self._held.discard(key)
            self._last.pop(key, None)
            self._sealed.pop(key, None)
            lock = self._locks.get(key)
            if lock is not None and not lock.locked():
                del self._locks[key]
            self._announce(item)

    # --- Sending ---------------------------------------------------------------------------------------

    async def claim(self, keys: Iterable[str]) -> list[str]:
        """Mark sendable items "sending" ahead of their calls, all under one commit; the keys claimed
        (now or before).

        For many items about to be sent (an import): each is then sent with `send(key, client,
        claimed=True)`, which commits nothing before its call, or given back with `unclaim(key)`. Only
        claim what is about to be sent: a claimed item found by the next start comes back "unknown".
        """
        claimed, already = [], []
        for key in keys:
            item = self._items.get(key)
            if key in self._claimed:
                already.append(key)
            elif item is not None and item.sendable and not self._locked(key):
                self._claimed[key] = item
                claimed.append(
                    replace(item, state=ItemState.SENDING, attempts=item.attempts + 1, retry_at=None)
                )
        await asyncio.gather(*(self._save(item) for item in claimed))
        return already + [item.key for item in claimed]

    async def unclaim(self, key: str) -> None:
        """A claimed item not sent after all: back as it was."""
        before = self._claimed.pop(key, None)
        if before is not None:
            await self._save(before)

    def _locked(self, key: str) -> bool:
        lock = self._locks.get(key)
        return lock is not None and lock.locked()

    async def send(
        self,
        key: str,
        client: Any,
        *,
        on_wait: retry.WaitListener | None = None,
        claimed: bool = False,
    ) -> OutboxItem:
        """One call (the client's retry loop and deadline) for this item; returns it in its new state.

        `client` is a `CollectorClient` (anything with its `enroll`). Expected errors become the item's
        state and reason; cancelling leaves it "unknown" (the request may be on its way). "Sending" is
        committed before the call; the answer's state is committed soon after this returns, with the
        next write of the file at the latest: should the process end first, the item comes back
        "unknown" and is sent again with its key, which the service answers with its first answer.
        """
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            item = self._items[key]
            if claimed:
                if key not in self._claimed:
                    raise ValueError("send(claimed=True) of an item not claimed")
                before = self._claimed.pop(key).state
            else:
                if not item.sendable or key in self._claimed:
                    return item
                before = item.state
                item = await self._save(
                    replace(item, state=ItemState.SENDING, attempts=item.attempts + 1, retry_at=None)
                )
            assert item.request is not None
            try:
                result: EnrollmentResult = await client.enroll(
                    item.request, idempotency_key=key, on_wait=on_wait
                )
            except asyncio.CancelledError:
                await asyncio.shield(
                    self._save(replace(item, state=ItemState.UNKNOWN, reason=REASON_CANCELLED))
                )
                raise
            except CollectorError as exc:
                self._last[key] = exc
                return self._keep(self._after_failure(item, before, exc))
            self._last[key] = result
            return self._keep(
                replace(
                    item,
                    state=ItemState.ENROLLED,
                    reason=None,
                    collector_number=result.collector_number,
                    replayed=result.replayed,
                )
            )

    async def send_due(
        self,
        client: Any,
        *,
        environment: str,
        source: str | None = None,
        concurrency: int = 4,
        now: float | None = None,
    ) -> list[OutboxItem]:
        """Send every item of `environment` (and `source`) that is due; returns them in their new states."""
        due = self.due(environment, now=now, source=source)
        gate = asyncio.Semaphore(concurrency)

        async def one(item: OutboxItem) -> OutboxItem:
            async with gate:
                return await self.send(item.key, client)

        return list(await asyncio.gather(*(one(item) for item in due)))

    def due(
        self, environment: str, *, now: float | None = None, source: str | None = None
    ) -> list[OutboxItem]:
        moment = self.clock() if now is None else now
        return [
            item
            for item in self.items(environment=environment, source=source)
            if item.sendable
            and item.key not in self._held
            and (item.retry_at is None or item.retry_at <= moment)
        ]

    def next_due_at(self) -> float | None:
        """When the earliest waiting item becomes due (None: nothing to send)."""
        times = [
            item.retry_at or 0.0
            for item in self._items.values()
            if item.sendable and item.key not in self._held
        ]
        return min(times) if times else None

    def hold(self, key: str) -> None:
        """The form shows this enrollment and may still change it: not for the background sender."""
        self._held.add(key)

    def release(self, key: str) -> None:
        self._held.discard(key)

    def make_due(self) -> None:
        """Every sendable item due now, whatever its backoff (in memory: the file keeps the backoff)."""
        for item in self.items():
            if item.sendable and item.retry_at is not None:
                self._items[item.key] = replace(item, retry_at=None)

    def _after_failure(
        self, item: OutboxItem, before: ItemState, exc: CollectorError
    ) -> OutboxItem:
        """The item's state after a call that ended with `exc`."""
        if isinstance(exc, ValidationFailed):
            errors = tuple((e.field or "", e.code or "") for e in exc.field_errors)
            return replace(
                item, state=ItemState.REJECTED, reason=REASON_VALIDATION, field_errors=errors
            )
        if isinstance(exc, IdempotencyKeyReused):
            return replace(item, state=ItemState.REJECTED, reason=REASON_KEY_REUSED)
        if isinstance(exc, DuplicateCollector):
            return replace(item, state=ItemState.DUPLICATE, reason=REASON_DUPLICATE)
        # No definitive answer: "unknown" once any attempt may have landed, and it stays so.
        unknown = before is ItemState.UNKNOWN or isinstance(exc, OutcomeUnknown)
        state = ItemState.UNKNOWN if unknown else ItemState.WAITING
        cause = exc.__cause__ if isinstance(exc, OutcomeUnknown) else exc
        retry_after = getattr(cause, "retry_after", None)
        wait = retry_after if retry_after else self._backoff(item.attempts)
        return replace(item, state=state, reason=_reason(cause), retry_at=self.clock() + wait)

    @staticmethod
    def _backoff(attempts: int) -> float:
        top = min(SENDER_BACKOFF_CAP, SENDER_BACKOFF_BASE * 2 ** max(0, attempts - 1))
        return top / 2 + random.random() * top / 2

    # --- Persistence -----------------------------------------------------------------------------------

    async def _save(self, item: OutboxItem) -> OutboxItem:
        """The item's new state, committed when this returns."""
        item = replace(item, updated_at=self.clock())
        row = self._row_of(item)
        await self._write(lambda: self._file.update(row))
        self._items[item.key] = item
        self._announce(item)
        return item

    def _keep(self, item: OutboxItem) -> OutboxItem:
        """The item's new state now, its commit queued (before any later write of the file). The row is
        made when the commit is: an item forgotten by then is not written (nor sealed) at all."""
        item = replace(item, updated_at=self.clock())
        self._items[item.key] = item
        self._queue(_Latest(item.key), awaited=False).add_done_callback(_log_failure)
        self._announce(item)
        return item

    def _resolve(self, work: Callable[[], object] | _Latest) -> Callable[[], object]:
        """The write to run for a queued one: a `_Latest` writes the item as it stands now."""
        if not isinstance(work, _Latest):
            return work
        item = self._items.get(work.key)
        if item is None:
            return _nothing
        row = self._row_of(item)
        return lambda: self._file.update(row)

    def _row_of(self, item: OutboxItem) -> Row:
        return Row(
            key=item.key,
            environment=item.environment,
            source=item.source,
            state=item.state.value,
            attempts=item.attempts,
            reason=item.reason,
            replayed=item.replayed,
            field_errors=json.dumps(item.field_errors) if item.field_errors else None,
            retry_at=item.retry_at,
            sealed=self._seal(item),
            created_at=item.created_at,
            updated_at=item.updated_at,
        )

    def _seal(self, item: OutboxItem) -> bytes | None:
        """The item's personal data sealed; sealed again only when it changed (a state change alone
        does not re-encrypt the request)."""
        request = item.request if item.state is not ItemState.ENROLLED else None  # kept to resend or edit
        cached = self._sealed.get(item.key)
        if cached is not None and cached[0] is request and cached[1] == item.collector_number:
            return cached[2]
        secret: dict[str, Any] = {}
        if request is not None:
            secret["request"] = request.to_wire()
        if item.collector_number is not None:
            secret["collectorNumber"] = item.collector_number
        sealed = self._cipher.seal(secret) if secret else None
        self._sealed[item.key] = (request, item.collector_number, sealed)
        return sealed

    def _item_of(self, row: Row) -> OutboxItem:
        secret = self._cipher.open_sealed(row.sealed) or {}
        wire = secret.get("request")
        state = ItemState(row.state)
        request = EnrollmentRequest.model_validate(wire) if wire is not None else None
        reason = row.reason
        if request is None and state not in SETTLED:
            reason = REASON_DETAILS_UNAVAILABLE
        pairs = json.loads(row.field_errors) if row.field_errors else []
        errors = tuple((str(field), str(code)) for field, code in pairs)
        return OutboxItem(
            key=row.key,
            environment=row.environment,
            source=row.source,
            state=state,
            attempts=row.attempts,
            reason=reason,
            collector_number=secret.get("collectorNumber"),
            replayed=row.replayed,
            field_errors=errors,
            retry_at=row.retry_at,
            request=request,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    async def _io(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._worker, work)

    async def _write(self, work: Callable[[], T]) -> T:
        """Run one write of the file; returns once it is committed.

        Group commit: the writes asked for while a commit is under way share the next one, so many
        enrollments in flight cost a few commits, and each caller still waits for its own.
        """
        return await self._queue(work)  # type: ignore[return-value]

    def _queue(
        self, work: Callable[[], object] | _Latest, *, awaited: bool = True
    ) -> asyncio.Future[object]:
        """Queue a write for the next commit: at once when `awaited`, else within WRITE_BEHIND."""
        future: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        self._queued.append((work, future))
        if awaited:
            self._awaited.set()
        if self._committer is None or self._committer.done():
            self._committer = asyncio.get_running_loop().create_task(self._commit_queued())
        return future

    async def _commit_queued(self) -> None:
        while self._queued:
            if not self._awaited.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._awaited.wait(), WRITE_BEHIND)
            self._awaited.clear()
            batch, self._queued = self._queued, []
            try:
                writes = [self._resolve(work) for work, _future in batch]
                outcomes = await self._io(functools.partial(self._file.transaction, writes))
            except Exception as exc:
                outcomes = [exc] * len(batch)
            for (_work, future), outcome in zip(batch, outcomes, strict=True):
                if future.done():
                    continue
                if isinstance(outcome, BaseException):
                    future.set_exception(outcome)
                else:
                    future.set_result(outcome)

    def _announce(self, item: OutboxItem) -> None:
        for listener in list(self._listeners):
            listener(item)


@dataclass(frozen=True)
class _Latest:
    """A queued write of an item's state as it stands when the commit is made."""

    key: str


def _nothing() -> None:
    return None


def _log_failure(future: asyncio.Future[object]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("the outbox file could not be written: %s", future.exception())


def _reason(error: BaseException | None) -> str:
    if isinstance(error, RateLimited):
        return REASON_RATE_LIMITED
    if isinstance(error, ServiceUnavailable):
        return REASON_UNAVAILABLE
    if isinstance(error, AuthenticationFailed | SignInError):
        return REASON_SIGN_IN
    if isinstance(error, PermissionDenied):
        return REASON_NOT_ALLOWED
    if isinstance(error, RequestTimedOut):
        return REASON_TIMEOUT
    if isinstance(error, TransportError):
        return REASON_CONNECTION
    if isinstance(error, InvalidResponse):
        return REASON_UNREADABLE
    return REASON_SERVER_ERROR


class OutboxOpener:
    """Opens the outbox once, when first needed (the keyring read and the file stay off the UI loop)."""

    def __init__(self, path: Path | None = None, secrets: SecretStore | None = None) -> None:
        self.path = path
        self._secrets = secrets
        self._lock = asyncio.Lock()
        self.current: Outbox | None = None

    async def get(self) -> Outbox:
        async with self._lock:
            if self.current is None:
                self.current = await Outbox.open(self.path, secrets=self._secrets)
            return self.current

    async def close(self) -> None:
        if self.current is not None:
            await self.current.close()
            self.current = None


class OutboxSender:
    """Sends what the outbox holds in the background: due items first, then it sleeps until the next one
    is due or `wake()` ("Send now", a sign-in, the service answering again)."""

    def __init__(
        self, outbox: Outbox, client_for: Callable[[str], Any | None], *, concurrency: int = 2
    ) -> None:
        self.outbox = outbox
        self._client_for = client_for
        self._concurrency = concurrency
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Send every unsettled item now, whatever its backoff."""
        self.outbox.make_due()
        self._wake.set()

    async def run(self) -> None:
        """Until cancelled."""
        while True:
            self._wake.clear()
            await self.send_once()
            await self._sleep()

    async def send_once(self) -> list[OutboxItem]:
        """One round: every due item of every environment that has a client now."""
        sent: list[OutboxItem] = []
        environments = {item.environment for item in self.outbox.items() if item.sendable}
        for environment in sorted(environments):
            client = self._client_for(environment)
            if client is not None:
                sent += await self.outbox.send_due(
                    client, environment=environment, concurrency=self._concurrency
                )
        return sent

    async def _sleep(self) -> None:
        due_at = self.outbox.next_due_at()
        timeout = None if due_at is None else max(0.5, due_at - self.outbox.clock())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout)
