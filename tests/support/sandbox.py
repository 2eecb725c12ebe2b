"""Helpers for the contract tests: sign-in form driving, tokens, control endpoints, error checks."""

import base64
import hashlib
import secrets
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

AUDIENCE = "loyalty-api"
CONSOLE = "sandbox-console"
PARTNER = ("sandbox-partner", "sandbox-partner-secret")
READONLY = ("sandbox-readonly", "sandbox-readonly-secret")
EMAIL_CONNECTION = "member-email-idp-recaptcha"
PIN_CONNECTION = "member-pin-idp-recaptcha"
REDIRECT_URI = "http://127.0.0.1:53682/callback"
MEMBER_SCOPE = "openid profile email offline_access collector:profile:read collector:summary:read"
ALL_COLLECTOR_SCOPES = {
    "collector:enrollment:write",
    "collector:profile:read",
    "collector:summary:read",
    "collector:search:read",
}
COLLECTOR_NUMBER_CLAIM = "https://airmiles.ca/collectorNumber"

JANE = "80000000007"
ELISE = "80000000014"
MARC = "80000000021"
PARTIAL = "80000000039"
JANE_LOGIN = {"email": "jane.doe@example.com", "password": "sandbox"}
JANE_PIN = {"collectorNumber": JANE, "pin": "1234"}
ELISE_LOGIN = {"email": "elise.tremblay@example.com", "password": "sandbox"}
UNKNOWN_COLLECTOR = "80060860886"  # passes the check digit, not seeded

JSON_UTF8 = "application/json;charset=utf-8"


@dataclass(frozen=True)
class Pkce:
    verifier: str
    challenge: str

    @classmethod
    def make(cls) -> "Pkce":
        verifier = secrets.token_urlsafe(48)
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        return cls(verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii"))


class _HiddenInputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "input" and values.get("type") == "hidden" and values.get("name"):
            self.fields[values["name"] or ""] = values.get("value") or ""


def hidden_fields(html: str) -> dict[str, str]:
    parser = _HiddenInputs()
    parser.feed(html)
    return parser.fields


def authorize_params(
    *,
    connection: str = EMAIL_CONNECTION,
    redirect_uri: str = REDIRECT_URI,
    scope: str = MEMBER_SCOPE,
    state: str | None = "st-123",
    pkce: Pkce | None = None,
    client_id: str = CONSOLE,
) -> dict[str, str]:
    params = {
        "client_id": client_id,
        "response_type": "code",
        "connection": connection,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "audience": AUDIENCE,
    }
    if state is not None:
        params["state"] = state
    if pkce is not None:
        params["code_challenge"] = pkce.challenge
        params["code_challenge_method"] = "S256"
    return params


def open_sign_in_page(base_url: str, params: dict[str, str]) -> httpx.Response:
    return httpx.get(f"{base_url}/authorize?{urlencode(params)}", follow_redirects=False)


def post_sign_in(base_url: str, page: httpx.Response, credentials: dict[str, str]) -> httpx.Response:
    """Post the sign-in form of `page` (its hidden `txn`) with `credentials`."""
    assert page.status_code == 200, page.text
    form = {"txn": hidden_fields(page.text)["txn"], **credentials}
    return httpx.post(f"{base_url}/authorize/login", data=form, follow_redirects=False)


def sign_in(base_url: str, credentials: dict[str, str], **params: Any) -> str:
    """Drive the HTML sign-in form like a browser would; return the final 302 `Location`."""
    page = open_sign_in_page(base_url, authorize_params(**params))
    response = post_sign_in(base_url, page, credentials)
    assert response.status_code == 302, response.text
    return response.headers["location"]


def query_of(location: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


@dataclass(frozen=True)
class Grant:
    code: str
    pkce: Pkce
    redirect_uri: str


def member_code(base_url: str, credentials: dict[str, str] = JANE_LOGIN, **params: Any) -> Grant:
    pkce = Pkce.make()
    params.setdefault("connection", EMAIL_CONNECTION if "email" in credentials else PIN_CONNECTION)
    params.setdefault("redirect_uri", REDIRECT_URI)
    location = sign_in(base_url, credentials, pkce=pkce, **params)
    return Grant(query_of(location)["code"], pkce, params["redirect_uri"])


def token_request(base_url: str, form: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{base_url}/oauth/token", data=form)


def exchange_code(base_url: str, grant: Grant, **overrides: str) -> httpx.Response:
    form = {
        "grant_type": "authorization_code",
        "client_id": CONSOLE,
        "code": grant.code,
        "redirect_uri": grant.redirect_uri,
        "code_verifier": grant.pkce.verifier,
        **overrides,
    }
    return token_request(base_url, form)


def member_tokens(base_url: str, credentials: dict[str, str] = JANE_LOGIN, **params: Any) -> dict[str, Any]:
    response = exchange_code(base_url, member_code(base_url, credentials, **params))
    assert response.status_code == 200, response.text
    return response.json()


def refresh(base_url: str, refresh_token: str) -> httpx.Response:
    return token_request(
        base_url, {"grant_type": "refresh_token", "client_id": CONSOLE, "refresh_token": refresh_token}
    )


def client_credentials(
    base_url: str, client: tuple[str, str] = PARTNER, scope: str | None = None
) -> httpx.Response:
    form = {
        "grant_type": "client_credentials",
        "client_id": client[0],
        "client_secret": client[1],
        "audience": AUDIENCE,
    }
    if scope is not None:
        form["scope"] = scope
    return token_request(base_url, form)


def machine_token(base_url: str, client: tuple[str, str] = PARTNER, scope: str | None = None) -> str:
    response = client_credentials(base_url, client, scope)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def api(base_url: str, token: str | None = None, **headers: str) -> httpx.Client:
    """A client on the sandbox's origin, with a bearer token when given."""
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.Client(base_url=base_url, headers=headers, timeout=10)


def set_faults(base_url: str, **faults: Any) -> None:
    httpx.put(f"{base_url}/_sandbox/faults", json=faults).raise_for_status()


def set_settings(base_url: str, **settings: Any) -> None:
    httpx.put(f"{base_url}/_sandbox/settings", json=settings).raise_for_status()


def advance_clock(base_url: str, seconds: float) -> None:
    """Move the sandbox clock on: tokens, sign-in codes, idempotency records and rate windows age."""
    httpx.post(f"{base_url}/_sandbox/clock", json={"advanceSeconds": seconds}).raise_for_status()


def wait_until_sleeping(base_url: str, count: int = 1) -> None:
    """Wait until `count` requests wait on the sandbox clock (an injected latency), up to 10 s."""
    for _ in range(1000):
        if httpx.get(f"{base_url}/_sandbox/clock").json()["sleeping"] >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"{count} request(s) never started waiting on the sandbox clock")


def logged_requests(base_url: str, path: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{base_url}/_sandbox/requests", params={"path": path})
    response.raise_for_status()
    return response.json()["items"]


def assert_json_utf8(response: httpx.Response) -> None:
    content_type = response.headers["content-type"].replace(" ", "").lower()
    assert content_type == JSON_UTF8, content_type


def assert_error(
    response: httpx.Response, status: int, code: str, *, field_errors: dict[str, str] | None = None
) -> dict[str, Any]:
    """Check status, body shape, `responseCode` and correlation id; `field_errors` maps paths to codes."""
    assert response.status_code == status, (response.status_code, response.text)
    assert_json_utf8(response)
    body = response.json()
    assert body["responseCode"] == code, body
    assert body["message"], body
    assert body["correlationId"] == response.headers["x-correlation-id"]
    if field_errors is not None:
        found = {error["field"]: error["code"] for error in body.get("errors", [])}
        assert found == field_errors, body
        assert all(error["message"] for error in body["errors"])
    return body


def walk(value: Any) -> Iterator[Any]:
    """Every value nested in a JSON document."""
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def assert_no_empty_fields(document: Any) -> None:
    """Null or empty values are left out of response bodies."""
    for value in walk(document):
        assert value is not None and value != "" and value != {}, document
        if isinstance(value, dict):
            assert all(item not in (None, "", [], {}) for item in value.values()), value


def collector_check_digit_ok(number: str) -> bool:
    weights = (6, 5, 4, 3, 8, 7, 6, 5, 4, 3)
    remainder = sum(int(d) * w for d, w in zip(number[:10], weights, strict=True)) % 11
    check = 0 if remainder < 2 else 11 - remainder
    return len(number) == 11 and number.startswith("8") and check == int(number[10])


def new_email(prefix: str = "new") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:12]}@example.com"


def full_enrollment(email: str | None = None) -> dict[str, Any]:
    """Every field of the contract's table, valid."""
    return {
        "personalDetails": {
            "firstName": "Zoé",
            "middleName": "Anne-Marie",
            "lastName": "O'Neil-Côté",
            "suffix": "Jr",
            "dateOfBirth": "1985-04-12",
            "gender": "FEMALE",
            "title": "MS",
        },
        "contactDetails": {
            "email": email or new_email("zoe"),
            "phones": [{"type": "Mobile", "number": "4165550123"}, {"type": "Home", "number": "4165550188"}],
        },
        "addressDetails": {
            "addressLine1": "100 King Street West",
            "addressLine2": "Suite 500",
            "city": "Toronto",
            "province": "ON",
            "postalCode": "M5X 1A9",
            "country": "CA",
        },
        "preferences": {"language": "FR"},
        "consents": [
            {
                "type": "EMAIL_MARKETING",
                "granted": True,
                "wordingVersion": "2024-01",
                "language": "FR",
                "capturedAt": "2026-11-27T15:04:05Z",
                "channel": "CALL_CENTRE",
            }
        ],
        "enrollmentChannel": "CALL_CENTRE",
    }
