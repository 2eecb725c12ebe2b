"""The contract check of one environment: does the service answer as the contract says?

Qt-free; `collector-console check` and the window's Tools → Check this environment both run it. Given a
session signed in as a partner, `ContractCheck.run()` calls the service as the contract describes (health,
the token and its claims, a test collector's profile and summary, search where offered, the refusals
the contract promises, and with `write` one enrollment and its replay). Every answer is held to the
spec (`check_contract`); each check ends passed, failed (a wrong answer or a drift from the contract),
skipped (not offered here) or in error (the service could not be reached). Each request is published
to the session's exchange log, so the inspector and the HAR export show it, redacted.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import httpx
import jwt

from console.api.client import ORIGIN_CLIENT, USER_AGENT
from console.api.errors import CollectorError
from console.api.exchange import Exchange
from console.api.session import EnvironmentSession
from console.formats import collector_check_digit
from console.services.check_contract import OPERATIONS, Contract, Drift, contract

log = logging.getLogger(__name__)

SCOPES = {
    "profile": "collector:profile:read",
    "summary": "collector:summary:read",
    "search": "collector:search:read",
    "enroll": "collector:enrollment:write",
}
CHECKS = ("health", "token", "profile", "summary", "search", "no-token", "malformed-body",
          "unknown-collector", "enroll", "replay")
"""Every check, in the order they run (`enroll` and `replay` only with `write`)."""
WRITE_CHECKS = ("enroll", "replay")
UNKNOWN_COLLECTOR = "8999999999" + str(collector_check_digit("8999999999"))
"""A well-formed collector number (right check digit) that no test data uses."""


class Outcome(StrEnum):
    RUNNING = "running"
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    ERROR = "error"


@dataclass
class CheckResult:
    """One check's outcome; `detail` says why it failed or was skipped (English, no personal data)."""

    name: str
    outcome: Outcome = Outcome.RUNNING
    duration_ms: float = 0.0
    correlation_id: str | None = None
    detail: str = ""
    drifts: list[Drift] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """The failure detail and every drift, one line each."""
        lines = [self.detail] if self.detail and self.outcome is not Outcome.PASSED else []
        return lines + [str(drift) for drift in self.drifts]


@dataclass
class CheckReport:
    environment: str
    label: str
    started_at: datetime
    results: list[CheckResult] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every check passed (or was skipped), 1 on a failure or drift, 2 when unreachable."""
        outcomes = {result.outcome for result in self.results}
        if Outcome.ERROR in outcomes:
            return 2
        return 1 if Outcome.FAILED in outcomes else 0


class CheckFailed(Exception):
    """Raised inside a check: the answer was not what the contract promises."""


class CheckSkipped(Exception):
    """Raised inside a check: the environment does not offer what it tests."""


class WriteRefused(ValueError):
    """`write` was asked for a Production-kind environment."""


Listener = Callable[[CheckResult], None]


class ContractCheck:
    """Runs the checks against one signed-in partner session; `planned` lists them before they run."""

    def __init__(self, session: EnvironmentSession, *, collector: str | None = None, write: bool = False,
                 listener: Listener | None = None, spec: Contract | None = None) -> None:
        if write and session.env.is_production:
            raise WriteRefused(session.env.label)
        self.session = session
        self.env = session.env
        self.collector = collector or self.env.test_collector
        self.write = write
        self.contract = spec or contract()
        self._listener = listener
        self._result: CheckResult | None = None
        self._scopes: set[str] = set()
        self._profile: dict[str, Any] = {}
        self._enrollment: tuple[bytes, str, httpx.Response] | None = None
        settings = session.client.settings
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            headers={"x-origin-client": ORIGIN_CLIENT, "Accept": "application/json",
                     "User-Agent": USER_AGENT},
            follow_redirects=False,
        )

    @property
    def planned(self) -> list[str]:
        return [name for name in CHECKS if self.write or name not in WRITE_CHECKS]

    async def run(self) -> CheckReport:
        """Run every planned check in order; an unreachable service ends the run (the rest in error)."""
        report = CheckReport(self.env.name, self.env.label, datetime.now(UTC))
        steps: dict[str, Callable[[], Awaitable[None]]] = {
            "health": self._health, "token": self._token, "profile": self._read_profile,
            "summary": self._read_summary, "search": self._search, "no-token": self._no_token,
            "malformed-body": self._malformed_body, "unknown-collector": self._unknown_collector,
            "enroll": self._enroll, "replay": self._replay,
        }
        unreachable = ""
        try:
            for name in self.planned:
                result = self._result = CheckResult(name)
                report.results.append(result)
                self._announce(result)
                started = time.perf_counter()
                if unreachable:
                    result.outcome, result.detail = Outcome.ERROR, unreachable
                else:
                    await self._run_one(result, steps[name])
                    if result.outcome is Outcome.ERROR:
                        unreachable = result.detail
                result.duration_ms = (time.perf_counter() - started) * 1000
                self._announce(result)
        finally:
            self._result = None
            await self._http.aclose()
        return report

    async def _run_one(self, result: CheckResult, step: Callable[[], Awaitable[None]]) -> None:
        try:
            await step()
        except CheckSkipped as skipped:
            result.outcome, result.detail = Outcome.SKIPPED, str(skipped)
        except CheckFailed as failed:
            result.outcome, result.detail = Outcome.FAILED, str(failed)
        except httpx.TransportError as exc:
            result.outcome = Outcome.ERROR
            result.detail = f"could not reach the service ({type(exc).__name__})"
        except CollectorError as exc:  # the token could not be renewed, and the like
            result.outcome, result.detail = Outcome.FAILED, f"{type(exc).__name__}"
        else:
            result.outcome = Outcome.FAILED if result.drifts else Outcome.PASSED
            if result.drifts:
                result.detail = f"{len(result.drifts)} drift(s) from the contract"

    def _announce(self, result: CheckResult) -> None:
        if self._listener is not None:
            self._listener(result)

    # --- sending and holding answers to the contract ----------------------------------------------------

    async def _send(self, method: str, key: str, *, authenticated: bool = True, collector: str | None = None,
                    params: dict[str, str] | None = None, body: bytes | None = None,
                    idempotency_key: str | None = None, url: str | None = None) -> httpx.Response:
        """One request, published to the exchange log and validated against the spec (drifts noted)."""
        cid = str(uuid.uuid4())
        headers = {"X-Correlation-Id": cid, "Accept-Language": "EN"}
        if collector is not None:
            headers["Collector-Number"] = collector
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        if body is not None:
            headers["Content-Type"] = "application/json"
        target = url or self.env.api_url(key)
        request = self._http.build_request(method, target, params=params, content=body, headers=headers)
        auth: Any = self.session.client.auth if authenticated else None
        started_at, started = datetime.now(UTC), time.perf_counter()
        try:
            response = await self._http.send(request, auth=auth)
        except httpx.TransportError as exc:
            self._publish(request, cid, started_at, started, error=type(exc).__name__)
            raise
        self._publish(request, cid, started_at, started, response=response)
        answered_cid = response.headers.get("x-correlation-id") or cid
        if self._result is not None:
            self._result.correlation_id = answered_cid
            operation = f"{method} {httpx.URL(target).path}"
            self._result.drifts += self.contract.response_drifts(
                OPERATIONS[key], operation, response.status_code,
                {name.lower(): value for name, value in response.headers.items()},
                response.headers.get("content-type", ""), response.content,
            )
        return response

    def _publish(self, request: httpx.Request, cid: str, started_at: datetime, started: float, *,
                 response: httpx.Response | None = None, error: str | None = None) -> None:
        self.session.exchange_log.publish(Exchange.capture(
            method=request.method, url=str(request.url), request_headers=request.headers.raw,
            request_body=request.content, started_at=started_at,
            duration_ms=(time.perf_counter() - started) * 1000, correlation_id=cid,
            status=response.status_code if response is not None else None,
            response_headers=response.headers.raw if response is not None else (),
            response_body=response.content if response is not None else b"", error=error,
            lazy_bodies=True,
        ))

    @staticmethod
    def _expect(response: httpx.Response, status: int, code: str | None = None) -> Any:
        """The JSON body of `response`, which must have `status` (and `responseCode` `code`)."""
        if response.status_code != status:
            raise CheckFailed(f"expected {status}, got {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            return None
        if code is not None and (not isinstance(body, dict) or body.get("responseCode") != code):
            raise CheckFailed(f"expected responseCode {code}")
        return body

    def _needs_collector(self) -> str:
        if not self.collector:
            raise CheckSkipped("no test collector: give --collector or set the environment's test collector")
        return self.collector

    def _needs_scope(self, key: str) -> None:
        if SCOPES[key] not in self._scopes:
            raise CheckSkipped(f"the partner token lacks {SCOPES[key]}")

    # --- the checks -------------------------------------------------------------------------------------

    async def _health(self) -> None:
        self._expect(await self._send("GET", "health", authenticated=False), 200)

    async def _token(self) -> None:
        token = await self.session.access_token()
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise CheckFailed("the access token is not a JWT") from exc
        jwks = self._expect(await self._send("GET", "jwks", url=self.env.auth_url("jwks"),
                                             authenticated=False), 200)
        try:
            keys = jwt.PyJWKSet.from_dict(jwks)
        except (jwt.PyJWTError, TypeError, AttributeError) as exc:
            raise CheckFailed("the tenant's JWKS holds no usable key") from exc
        kid = header.get("kid")
        matching = [key for key in keys.keys if key.key_id == kid]
        if not matching:
            raise CheckFailed(f"the token's key id {kid!r} is not in the tenant's JWKS")
        try:
            claims = jwt.decode(token, matching[0].key, algorithms=["RS256"], audience=self.env.audience,
                                options={"require": ["exp", "iat", "sub", "aud", "iss"]})
        except jwt.InvalidAudienceError as exc:
            raise CheckFailed(f"the token's audience is not {self.env.audience}") from exc
        except jwt.ExpiredSignatureError as exc:
            raise CheckFailed("the token has expired") from exc
        except jwt.InvalidSignatureError as exc:
            raise CheckFailed("the token's signature does not match the tenant's key") from exc
        except jwt.PyJWTError as exc:
            raise CheckFailed(f"the token does not verify ({type(exc).__name__})") from exc
        assert self._result is not None
        self._result.drifts += self.contract.schema_drifts(
            "/components/schemas/AccessTokenClaims", claims, operation="access token", status=None)
        self._scopes = set(str(claims.get("scope", "")).split())
        wanted = ["profile", "summary"] + (["search"] if "search" in self.env.capabilities else [])
        wanted += ["enroll"] if self.write else []
        missing = [SCOPES[key] for key in wanted if SCOPES[key] not in self._scopes]
        if missing:
            raise CheckFailed("the token lacks " + ", ".join(missing))

    async def _read_profile(self) -> None:
        response = await self._send("GET", "profile", collector=self._needs_collector())
        body = self._expect(response, 200)
        self._profile = body if isinstance(body, dict) else {}

    async def _read_summary(self) -> None:
        self._expect(await self._send("GET", "summary", collector=self._needs_collector()), 200)

    async def _search(self) -> None:
        if "search" not in self.env.capabilities:
            raise CheckSkipped("this environment does not offer search")
        self._needs_scope("search")
        number = self._needs_collector()
        person = self._profile.get("personalDetails") or {}
        email = (self._profile.get("contactDetails") or {}).get("email")
        if person.get("lastName"):
            params = {"lastName": person["lastName"], "firstName": person.get("firstName", "")}
            params = {name: value for name, value in params.items() if value}
        elif email:
            params = {"email": email}
        else:
            raise CheckSkipped("the test collector's profile gives nothing to search by")
        page = self._expect(await self._send("GET", "search", params={**params, "limit": "50"}), 200)
        items = page.get("items", []) if isinstance(page, dict) else []
        found = any(isinstance(item, dict) and item.get("collectorNumber") == number for item in items)
        if not found and not (isinstance(page, dict) and page.get("nextCursor")):
            raise CheckFailed("the test collector is not among the results")

    async def _no_token(self) -> None:
        number = self.collector or UNKNOWN_COLLECTOR
        response = await self._send("GET", "profile", authenticated=False, collector=number)
        self._expect(response, 401, "UNAUTHORIZED")
        if "www-authenticate" not in response.headers:
            raise CheckFailed("no WWW-Authenticate header")

    async def _malformed_body(self) -> None:
        if self.env.is_production:
            raise CheckSkipped("no enrollment request is sent to Production")
        self._needs_scope("enroll")
        body = json.dumps({"contactDetails": {"email": "not-an-email"}}).encode()
        response = await self._send("POST", "enroll", body=body, idempotency_key=str(uuid.uuid4()))
        answer = self._expect(response, 400, "INVALID_REQUEST")
        fields = [item.get("field") for item in answer.get("errors", []) if isinstance(item, dict)]
        if "contactDetails.email" not in fields:
            raise CheckFailed("the 400 does not name contactDetails.email")

    async def _unknown_collector(self) -> None:
        response = await self._send("GET", "profile", collector=UNKNOWN_COLLECTOR)
        self._expect(response, 404, "COLLECTOR_NOT_FOUND")

    async def _enroll(self) -> None:
        tag = uuid.uuid4().hex[:10]
        person = {
            "personalDetails": {"firstName": "Contract", "lastName": "Check", "dateOfBirth": "1990-01-01"},
            "contactDetails": {"email": f"check-{tag}@example.com"},
            "preferences": {"language": "EN"},
            "enrollmentChannel": "ONLINE",
        }
        body, key = json.dumps(person).encode(), str(uuid.uuid4())
        response = await self._send("POST", "enroll", body=body, idempotency_key=key)
        self._expect(response, 201)
        self._enrollment = (body, key, response)

    async def _replay(self) -> None:
        if self._enrollment is None:
            raise CheckSkipped("the enrollment did not succeed")
        body, key, first = self._enrollment
        response = await self._send("POST", "enroll", body=body, idempotency_key=key)
        self._expect(response, first.status_code)
        if response.headers.get("idempotent-replayed", "").lower() != "true":
            raise CheckFailed("the replay has no Idempotent-Replayed: true")
        if response.content != first.content and response.json() != first.json():
            raise CheckFailed("the replay's body differs from the first answer")
