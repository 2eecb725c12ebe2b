"""The Collector Service endpoints: enrollment, profile, summary, search, health."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from console.formats import is_collector_number, normalise_postal_code
from console.sandbox.clients import SCOPE_ENROLL, SCOPE_PROFILE, SCOPE_SEARCH, SCOPE_SUMMARY
from console.sandbox.limits import BadInput, parse_json
from console.sandbox.responses import JSON, ApiError, compact, dump, error_response, invalid, is_french
from console.sandbox.seed import Member
from console.sandbox.store import IdempotencyRecord
from console.sandbox.tokens import COLLECTOR_CLAIM
from console.sandbox.validation import DATE_RE, NANP_PHONE, check_enrollment

if TYPE_CHECKING:
    from console.sandbox.app import Sandbox

Handler = Callable[[Request], Awaitable[Response]]
_UNAUTHORIZED = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
MAX_IDEMPOTENCY_KEY = 255
MAX_LIMIT = 50
MAX_CURSOR = 1024
IDEMPOTENCY_TTL = 24 * 3600


def api(handler: Callable[[Request, Sandbox], Awaitable[Response]]) -> Handler:
    """Give the handler the sandbox and turn ApiError into the contract's error response."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request, request.app.state.sandbox)
        except ApiError as error:
            return error_response(request, error)

    return endpoint


def authorize(request: Request, sandbox: Sandbox, scope: str) -> dict[str, Any]:
    """The verified claims of the bearer token, which must carry scope; also applies the rate limit."""
    header = request.headers.get("authorization", "")
    kind, _, token = header.partition(" ")
    claims = sandbox.signer.verify(token.strip()) if kind.lower() == "bearer" and token.strip() else None
    if claims is None:
        raise ApiError("UNAUTHORIZED", 401, headers=_UNAUTHORIZED)
    request.scope["sandbox.info"]["clientId"] = claims["azp"]
    wait = sandbox.fault_state.rate_limited(claims["azp"])
    if wait is not None:
        raise ApiError("RATE_LIMITED", 429, headers={"Retry-After": str(wait)}, retry_after=wait)
    if scope not in str(claims.get("scope", "")).split():
        raise ApiError(
            "INSUFFICIENT_SCOPE",
            403,
            scope=scope,
            headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{scope}"'},
        )
    return claims


def target(request: Request, sandbox: Sandbox, claims: dict[str, Any]) -> sqlite3.Row:
    """The collector the request is about: the member's own, or the Collector-Number header's."""
    header = request.headers.get("collector-number")
    member = claims.get(COLLECTOR_CLAIM)
    if member is not None:
        if header is not None:
            raise ApiError("COLLECTOR_NUMBER_NOT_ALLOWED", 403)
        number = member
    else:
        if header is None or not header.strip():
            raise ApiError("MISSING_COLLECTOR_NUMBER", 400)
        number = header.strip()
        if not is_collector_number(number):
            raise ApiError("INVALID_COLLECTOR_NUMBER", 400)
    row = sandbox.store.get(number)
    if row is None:
        raise ApiError("COLLECTOR_NOT_FOUND", 404)
    return row


@api
async def profile(request: Request, sandbox: Sandbox) -> Response:
    row = target(request, sandbox, authorize(request, sandbox, SCOPE_PROFILE))
    phones = [{"type": p["type"], "number": p["number"]} for p in sandbox.store.phones(row["number"])]
    return JSON(
        compact(
            {
                "collectorNumber": row["number"],
                "status": row["status"],
                "enrollmentDate": row["enrollment_date"],
                "personalDetails": {
                    "firstName": row["first_name"],
                    "middleName": row["middle_name"],
                    "lastName": row["last_name"],
                    "suffix": row["suffix"],
                    "dateOfBirth": row["date_of_birth"],
                    "gender": row["gender"],
                    "title": row["title"],
                },
                "contactDetails": {"email": row["email"], "phones": phones},
                "addressDetails": {
                    "addressLine1": row["address_line1"],
                    "addressLine2": row["address_line2"],
                    "city": row["city"],
                    "province": row["province"],
                    "postalCode": row["postal_code"],
                    "country": row["country"],
                },
                "preferences": {"language": row["language"]},
            }
        )
    )


@api
async def summary(request: Request, sandbox: Sandbox) -> Response:
    row = target(request, sandbox, authorize(request, sandbox, SCOPE_SUMMARY))
    return JSON(
        compact(
            {
                "collectorNumber": row["number"],
                "firstName": row["first_name"],
                "tier": row["tier"],
                "cashBalance": row["cash_balance"],
                "dreamBalance": row["dream_balance"],
                "status": row["status"],
                "asOf": sandbox.clock.now().isoformat(timespec="seconds").replace("+00:00", "Z"),
            }
        )
    )


async def health(request: Request) -> Response:
    return JSON({"status": "UP"})


# --- search ---------------------------------------------------------------------------------------------
def _field_error(request: Request, field: str, code: str) -> ApiError:
    return invalid(field, code, is_french(request), max=MAX_LIMIT)


def _is_date(text: str) -> bool:
    try:
        return DATE_RE.fullmatch(text) is not None and date.fromisoformat(text) is not None
    except ValueError:
        return False


def encode_cursor(key: tuple[str, str, str]) -> str:
    return base64.urlsafe_b64encode(dump(list(key))).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> tuple[str, str, str] | None:
    if len(cursor) > MAX_CURSOR or not cursor.isascii():
        return None
    try:
        key = parse_json(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (BadInput, ValueError, binascii.Error):
        return None
    if not (isinstance(key, list) and len(key) == 3 and all(isinstance(k, str) for k in key)):
        return None
    return key[0], key[1], key[2]


@api
async def search(request: Request, sandbox: Sandbox) -> Response:
    authorize(request, sandbox, SCOPE_SEARCH)
    query = {k: v.strip() for k, v in request.query_params.items() if v.strip()}
    criteria = [k for k in ("email", "phone", "lastName") if k in query]
    narrowing = ("firstName", "postalCode", "dateOfBirth")
    if len(criteria) != 1 or ("lastName" not in query and any(k in query for k in narrowing)):
        raise ApiError("INVALID_REQUEST", 400, message_key="NO_CRITERION")
    born = query.get("dateOfBirth")
    if born is not None and not _is_date(born):
        raise _field_error(request, "dateOfBirth", "INVALID_FORMAT")
    phone = query.get("phone")
    if phone is not None and not NANP_PHONE.fullmatch(phone):
        raise _field_error(request, "phone", "INVALID_FORMAT")
    postal = query.get("postalCode")
    if postal is not None:
        postal = normalise_postal_code(postal)
        if postal is None:
            raise _field_error(request, "postalCode", "INVALID_FORMAT")
    limit_text = query.get("limit", "20")
    if not (limit_text.isascii() and limit_text.isdigit() and len(limit_text) <= 3):
        raise _field_error(request, "limit", "INVALID_FORMAT")
    if not 1 <= int(limit_text) <= MAX_LIMIT:
        raise _field_error(request, "limit", "INVALID_VALUE")
    limit = int(limit_text)
    after = ("", "", "")
    if "cursor" in query:
        decoded = decode_cursor(query["cursor"])
        if decoded is None:
            raise _field_error(request, "cursor", "INVALID_VALUE")
        after = decoded
    rows = sandbox.store.search(
        email=query.get("email"),
        phone=phone,
        last_name=query.get("lastName"),
        first_name=query.get("firstName"),
        postal_code=postal,
        date_of_birth=born,
        after=after,
        limit=limit + 1,
    )
    items = [
        compact(
            {
                "collectorNumber": r["number"],
                "firstName": r["first_name"],
                "lastName": r["last_name"],
                "city": r["city"],
                "province": r["province"],
                "status": r["status"],
            }
        )
        for r in rows[:limit]
    ]
    body: dict[str, Any] = {"items": items}
    if len(rows) > limit:
        last = rows[limit - 1]
        body["nextCursor"] = encode_cursor((last["last_key"], last["first_key"], last["number"]))
    return JSON(body)


# --- enrollment -----------------------------------------------------------------------------------------
@api
async def enroll(request: Request, sandbox: Sandbox) -> Response:
    claims = authorize(request, sandbox, SCOPE_ENROLL)
    key = request.headers.get("idempotency-key")
    if key is not None:
        request.scope["sandbox.info"]["idempotencyKey"] = key
        if not 0 < len(key) <= MAX_IDEMPOTENCY_KEY:
            raise _field_error(request, "Idempotency-Key", "INVALID_VALUE" if key else "REQUIRED")
        if not (key.isascii() and key.isprintable()):
            raise _field_error(request, "Idempotency-Key", "INVALID_FORMAT")
    raw = await request.body()
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json" and not content_type.endswith("+json"):
        raise ApiError("INVALID_REQUEST", 400, message_key="INVALID_CONTENT_TYPE")
    rejected: ApiError | None = None
    try:
        body = parse_json(raw)
    except BadInput as bad:
        body = None
        key_ = "INVALID_JSON" if bad.field == "body" else "INVALID_REQUEST"
        rejected = invalid(bad.field, bad.code, is_french(request), message_key=key_, **bad.values)
        fingerprint = hashlib.sha256(raw).hexdigest()
    else:
        fingerprint = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
    slot = (claims["azp"], key) if key else None
    store, clock = sandbox.store, sandbox.clock
    if slot is not None:
        if slot in sandbox.idempotency_running:
            raise ApiError("IDEMPOTENCY_IN_PROGRESS", 409)
        record = store.idempotency(*slot, since=clock.time() - IDEMPOTENCY_TTL)
        if record is not None:
            if record.fingerprint != fingerprint:
                raise ApiError("IDEMPOTENCY_KEY_REUSED", 422)
            return Response(
                record.body,
                status_code=record.status,
                media_type=JSON.media_type,
                headers={"Idempotent-Replayed": "true"},
            )
        sandbox.idempotency_running.add(slot)
    try:
        if sandbox.faults.latency_ms:
            await clock.sleep(sandbox.faults.latency_ms / 1000)
        # One transaction for the member, its number and the idempotency record, committed before
        # the answer leaves: what a client was told is what a restart finds.
        with store.conn:
            if rejected is not None:
                response: Response = error_response(request, rejected)
            else:
                response = _enroll(request, sandbox, body)
            if slot is not None:
                now = clock.time()
                record = IdempotencyRecord(fingerprint, response.status_code, bytes(response.body), now)
                store.keep_idempotency(*slot, record, expired=now - IDEMPOTENCY_TTL)
    finally:
        if slot is not None:
            sandbox.idempotency_running.discard(slot)
    if response.status_code == 201 and sandbox.fault_state.take(sandbox.faults.commit_then_drop):
        await request.scope["sandbox.abort"]()
    return response


def _enroll(request: Request, sandbox: Sandbox, body: Any) -> Response:
    """Check and store one enrollment (inside the caller's transaction)."""
    today = sandbox.clock.today()
    checked = check_enrollment(body, french=is_french(request), min_age=sandbox.settings.min_age, today=today)
    if checked.errors:
        return error_response(request, ApiError("INVALID_REQUEST", 400, errors=checked.errors))
    values = checked.values
    if sandbox.store.active_email_taken(values["email"]):
        return error_response(request, ApiError("DUPLICATE_COLLECTOR", 409))
    number = sandbox.store.issue_number()
    phones = values.pop("phones")
    consents = values.pop("consents")
    member = Member(
        number=number,
        enrollment_date=today.isoformat(),
        phones=phones,
        consents=dump(consents).decode() if consents else None,
        **{k: v for k, v in values.items() if v is not None},
    )
    sandbox.store.insert(member)
    return JSON(
        {"collectorNumber": number, "status": "ACTIVE", "enrollmentDate": member.enrollment_date},
        status_code=201,
    )


ROUTES = [
    Route("/collectors/", enroll, methods=["POST"]),
    Route("/collectors", enroll, methods=["POST"]),
    Route("/collectors/profile", profile, methods=["GET"]),
    Route("/collectors/summary", summary, methods=["GET"]),
    Route("/collectors/search", search, methods=["GET"]),
    Route("/collectors/health", health, methods=["GET"]),
]
