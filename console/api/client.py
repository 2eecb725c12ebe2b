"""The async Collector Service client: one per environment, one shared connection pool.

Every call gets a fresh `X-Correlation-Id` and the current `Accept-Language`; reads and keyed
enrollments are retried by the one loop of `console.api.retry` (waits reported to an `on_wait` listener,
the whole call bounded by the settings' deadline); each attempt is published to the exchange log.
An enrollment carries one `Idempotency-Key`, made before the first attempt and sent on every retry;
when the attempts run out after one that may have reached the server, `OutcomeUnknown` carries the
key, and `enroll(request, idempotency_key=key)` asks again (the server replays its first answer).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from uuid import uuid4

import httpx
from pydantic import ValidationError

from console import __version__
from console.api import retry
from console.api.environments import Environment
from console.api.errors import (
    CapabilityMissing,
    CollectorError,
    ConnectionFailed,
    DuplicateCollector,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    InvalidResponse,
    OutcomeUnknown,
    RateLimited,
    RequestTimedOut,
    ServiceUnavailable,
    TransportError,
    ValidationFailed,
    error_from_response,
)
from console.api.exchange import Exchange, ExchangeLog
from console.api.models import (
    ApiModel,
    EnrollmentRequest,
    EnrollmentResult,
    Health,
    Profile,
    SearchPage,
    Summary,
)

log = logging.getLogger(__name__)

ORIGIN_CLIENT = f"partner:console/{__version__}"
USER_AGENT = f"CollectorConsole/{__version__}"
SEARCH = "search"
# Answers that settle an enrollment for good, even after an earlier attempt was lost on the way.
_DEFINITIVE = (ValidationFailed, DuplicateCollector, IdempotencyKeyReused)
# Failures that happen before the request leaves the machine.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)

M = TypeVar("M", bound=ApiModel)


@dataclass(frozen=True)
class ClientSettings:
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    max_attempts: int = retry.DEFAULT_MAX_ATTEMPTS
    backoff_base: float = retry.DEFAULT_BACKOFF_BASE
    backoff_cap: float = retry.DEFAULT_BACKOFF_CAP
    retry_after_cap: float = retry.DEFAULT_RETRY_AFTER_CAP
    deadline: float = retry.DEFAULT_DEADLINE
    """Seconds a whole call may take, its retries and waits included (sign-in too)."""
    max_connections: int = 8
    """Requests in flight at once, and the pool's size (browsers use 6 to 8 per host). httpcore's pool
    does work for every waiting request and connection on each event, so a burst is queued here instead."""

    @property
    def policy(self) -> retry.RetryPolicy:
        return retry.RetryPolicy(
            max_attempts=self.max_attempts,
            backoff_base=self.backoff_base,
            backoff_cap=self.backoff_cap,
            retry_after_cap=self.retry_after_cap,
            deadline=self.deadline,
        )


class CollectorClient:
    """enroll, get_profile, get_summary, search and health against one environment."""

    def __init__(
        self,
        env: Environment,
        auth: httpx.Auth | None = None,
        *,
        settings: ClientSettings | None = None,
        exchange_log: ExchangeLog | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        language: str = "EN",
        sleep: retry.Sleep = asyncio.sleep,
        clock: retry.Clock | None = None,
    ) -> None:
        """`sleep` and `clock` are the retry loop's (`retry.run_attempts`): given by tests only."""
        if not env.ready:
            raise ValueError(f"the {env.label} environment has no address yet (start its sandbox first)")
        self.env = env
        self.settings = settings or ClientSettings()
        self.exchange_log = exchange_log
        self.language = language
        self._sleep = sleep
        self._clock = clock
        self._urls = {key: httpx.URL(env.api_url(key)) for key in env.paths}
        connections = self.settings.max_connections
        self._in_flight = asyncio.Semaphore(connections)
        if transport is None:
            limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
            transport = httpx.AsyncHTTPTransport(limits=limits)
        self._http = httpx.AsyncClient(
            auth=auth,
            transport=transport,
            timeout=httpx.Timeout(self.settings.read_timeout, connect=self.settings.connect_timeout),
            headers={
                "x-origin-client": ORIGIN_CLIENT,
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
            },
            follow_redirects=False,
        )

    @property
    def auth(self) -> httpx.Auth | None:
        return self._http.auth

    @auth.setter
    def auth(self, auth: httpx.Auth) -> None:
        self._http.auth = auth

    async def __aenter__(self) -> CollectorClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- The calls ---------------------------------------------------------------------------------------

    async def enroll(
        self,
        request: EnrollmentRequest,
        *,
        idempotency_key: str | None = None,
        on_wait: retry.WaitListener | None = None,
    ) -> EnrollmentResult:
        """Enroll a collector. Give the key of an `OutcomeUnknown` to learn what became of that enrollment.

        A success whose body cannot be read is an `OutcomeUnknown` too (saved, but the number unread):
        asking again with the key replays the answer.
        """
        key = idempotency_key or str(uuid4())
        content = json.dumps(request.to_wire(), ensure_ascii=False).encode()
        response = await self._request(
            "POST", "enroll", content=content, idempotency_key=key, enrollment=request, on_wait=on_wait
        )
        try:
            result = self._parse(EnrollmentResult, response)
        except InvalidResponse as exc:
            log.warning(
                "enrollment saved but its answer is unreadable (correlation id %s)", exc.correlation_id
            )
            raise OutcomeUnknown(key, request) from exc
        result._replayed = response.headers.get("idempotent-replayed", "").lower() == "true"
        return result

    async def get_profile(
        self, collector_number: str | None = None, *, on_wait: retry.WaitListener | None = None
    ) -> Profile:
        """A collector's profile: the given one (partner sign-in) or the signed-in member's (None)."""
        response = await self._request("GET", "profile", collector_number=collector_number, on_wait=on_wait)
        return self._parse(Profile, response)

    async def get_summary(
        self, collector_number: str | None = None, *, on_wait: retry.WaitListener | None = None
    ) -> Summary:
        """A collector's balances and tier: the given one (partner sign-in) or the signed-in member's."""
        response = await self._request("GET", "summary", collector_number=collector_number, on_wait=on_wait)
        return self._parse(Summary, response)

    async def search(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        last_name: str | None = None,
        first_name: str | None = None,
        postal_code: str | None = None,
        date_of_birth: date | str | None = None,
        limit: int = 20,
        cursor: str | None = None,
        on_wait: retry.WaitListener | None = None,
    ) -> SearchPage:
        """Find collectors by email, phone, or last name (+ first name, postal code, date of birth); where
        offered."""
        if SEARCH not in self.env.capabilities:
            raise CapabilityMissing(SEARCH, self.env.label)
        query = {
            "email": email,
            "phone": phone,
            "lastName": last_name,
            "firstName": first_name,
            "postalCode": postal_code,
            "dateOfBirth": date_of_birth.isoformat() if isinstance(date_of_birth, date) else date_of_birth,
            "limit": limit,
            "cursor": cursor,
        }
        params = {name: value for name, value in query.items() if value is not None}
        return self._parse(SearchPage, await self._request("GET", "search", params=params, on_wait=on_wait))

    async def health(self) -> Health:
        """The service's health; needs no sign-in."""
        return self._parse(Health, await self._request("GET", "health", authenticated=False))

    # --- One logical request, with its retries -----------------------------------------------------------

    async def _request(
        self,
        method: str,
        path_key: str,
        *,
        params: dict[str, Any] | None = None,
        content: bytes | None = None,
        collector_number: str | None = None,
        idempotency_key: str | None = None,
        enrollment: EnrollmentRequest | None = None,
        authenticated: bool = True,
        on_wait: retry.WaitListener | None = None,
    ) -> httpx.Response:
        auth: Any = httpx.USE_CLIENT_DEFAULT if authenticated else None

        async def attempt(number: int) -> httpx.Response:
            cid = str(uuid4())
            headers = {"X-Correlation-Id": cid, "Accept-Language": self.language}
            if collector_number is not None:
                headers["Collector-Number"] = collector_number
            if idempotency_key is not None:
                headers["Idempotency-Key"] = idempotency_key
            if content is not None:
                headers["Content-Type"] = "application/json"
            request = self._http.build_request(
                method, self._urls[path_key], params=params, content=content, headers=headers
            )
            started_at = datetime.now(UTC)
            started = time.perf_counter()
            try:
                async with self._in_flight:
                    response = await self._http.send(request, auth=auth)
            except httpx.TransportError as exc:
                elapsed = (time.perf_counter() - started) * 1000
                self._record(request, cid, number, started_at, elapsed, error=f"{type(exc).__name__}: {exc}")
                error = _transport_error(exc, cid)
                reason = retry.TIMEOUT if isinstance(error, RequestTimedOut) else retry.CONNECTION
                failure = retry.Failure(error, reason, landed=not isinstance(exc, _NOT_SENT))
            else:
                elapsed = (time.perf_counter() - started) * 1000
                self._record(request, cid, number, started_at, elapsed, response=response)
                if response.is_success:
                    return response
                api_error = error_from_response(response.status_code, response.content, response.headers)
                failure = retry.Failure(
                    api_error,
                    _reason(api_error),
                    status=response.status_code,
                    response_code=api_error.response_code,
                    retry_after=getattr(api_error, "retry_after", None),
                    landed=response.status_code in retry.AMBIGUOUS_WRITE_STATUSES,
                )
            raise retry.AttemptFailed(failure)

        def waiting(wait: retry.Wait) -> None:
            log.info(
                "%s %s: attempt %d failed (%s, correlation id %s), retrying in %.2f s",
                method,
                path_key,
                wait.attempt,
                wait.reason,
                getattr(wait.error, "correlation_id", None),
                wait.seconds,
            )
            if on_wait is not None:
                on_wait(wait)

        safe = method == "GET" or idempotency_key is not None
        try:
            return await retry.run_attempts(
                attempt,
                self.settings.policy,
                safe=safe,
                on_wait=waiting,
                sleep=self._sleep,
                clock=self._clock,
            )
        except retry.GaveUp as gave_up:
            failure = gave_up.failure
            error = failure.error if failure is not None else RequestTimedOut()
            if gave_up.deadline_reached:
                log.info(
                    "%s %s: the call reached its deadline of %.0f s", method, path_key, self.settings.deadline
                )
            if enrollment is not None and gave_up.may_have_landed and not isinstance(error, _DEFINITIVE):
                log.warning(
                    "enrollment outcome unknown after %d attempts (%s)",
                    gave_up.attempts,
                    type(error).__name__,
                )
                raise OutcomeUnknown(idempotency_key or "", enrollment) from error
            raise error from None

    def _record(
        self,
        request: httpx.Request,
        correlation_id: str,
        attempt: int,
        started_at: datetime,
        elapsed_ms: float,
        *,
        response: httpx.Response | None = None,
        error: str | None = None,
    ) -> None:
        """Log one attempt (method, path, status, correlation id, timing) and publish it."""
        status = response.status_code if response is not None else None
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s %s -> %s in %.1f ms (correlation id %s)",
                request.method,
                request.url.path,
                status if status is not None else error,
                elapsed_ms,
                correlation_id,
            )
        if self.exchange_log is None:
            return
        self.exchange_log.publish(
            Exchange.capture(
                method=request.method,
                url=str(request.url),
                request_headers=request.headers.raw,
                request_body=request.content,
                started_at=started_at,
                duration_ms=elapsed_ms,
                correlation_id=correlation_id,
                status=status,
                response_headers=response.headers.raw if response is not None else (),
                response_body=response.content if response is not None else b"",
                error=error,
                attempt=attempt,
                lazy_bodies=True,  # collector bodies hold personal data, never secrets
            )
        )

    @staticmethod
    def _parse(model: type[M], response: httpx.Response) -> M:
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise InvalidResponse(
                f"The service sent an answer the console cannot read ({exc.error_count()} problems).",
                status=response.status_code,
                correlation_id=response.headers.get("x-correlation-id"),
            ) from exc


def _reason(error: CollectorError) -> str:
    if isinstance(error, RateLimited):
        return retry.RATE_LIMITED
    if isinstance(error, ServiceUnavailable):
        return retry.UNAVAILABLE
    if isinstance(error, IdempotencyInProgress):
        return retry.IN_PROGRESS
    return retry.SERVER_ERROR


def _transport_error(exc: httpx.TransportError, correlation_id: str) -> TransportError:
    if isinstance(exc, httpx.TimeoutException):
        return RequestTimedOut(correlation_id=correlation_id)
    return ConnectionFailed(correlation_id=correlation_id)
