"""Profile, summary and health: who the collector is, scopes, tokens, correlation ids, shapes."""

import base64
import functools
import json
import time
import uuid
from datetime import datetime

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support.sandbox import (
    AUDIENCE,
    ELISE,
    ELISE_LOGIN,
    JANE,
    MARC,
    PARTIAL,
    READONLY,
    UNKNOWN_COLLECTOR,
    api,
    assert_error,
    assert_json_utf8,
    assert_no_empty_fields,
    machine_token,
    member_tokens,
)

PROFILE_KEYS = {
    "collectorNumber",
    "status",
    "enrollmentDate",
    "personalDetails",
    "contactDetails",
    "addressDetails",
    "preferences",
}
SUMMARY_KEYS = {"collectorNumber", "firstName", "tier", "cashBalance", "dreamBalance", "status", "asOf"}
ENDPOINTS = ["/collectors/profile", "/collectors/summary"]


def as_partner(base_url: str, number: str | None = None, **headers: str) -> httpx.Client:
    if number is not None:
        headers["Collector-Number"] = number
    return api(base_url, machine_token(base_url), **headers)


def test_member_profile_is_the_signed_in_member(sandbox_url: str) -> None:
    token = member_tokens(sandbox_url)["access_token"]
    with api(sandbox_url, token) as client:
        response = client.get("/collectors/profile")
    assert response.status_code == 200
    assert_json_utf8(response)
    profile = response.json()
    assert set(profile) == PROFILE_KEYS
    assert profile["collectorNumber"] == JANE
    assert profile["status"] == "ACTIVE"
    assert profile["personalDetails"]["firstName"] == "Jane"
    assert profile["personalDetails"]["lastName"] == "Doe"
    assert profile["contactDetails"]["email"] == "jane.doe@example.com"
    assert profile["addressDetails"]["city"] == "Toronto"
    assert profile["addressDetails"]["province"] == "ON"
    assert profile["preferences"]["language"] == "EN"
    assert_no_empty_fields(profile)


def test_member_summary_is_the_signed_in_member(sandbox_url: str) -> None:
    token = member_tokens(sandbox_url, ELISE_LOGIN)["access_token"]
    with api(sandbox_url, token) as client:
        response = client.get("/collectors/summary")
    assert response.status_code == 200
    summary = response.json()
    assert summary["collectorNumber"] == ELISE
    assert summary["firstName"] == "Élise"
    assert summary["tier"] == "O"


def test_french_member_profile(sandbox_url: str) -> None:
    with as_partner(sandbox_url, ELISE) as client:
        profile = client.get("/collectors/profile").json()
    assert profile["personalDetails"]["firstName"] == "Élise"
    assert profile["personalDetails"]["lastName"] == "Tremblay"
    assert profile["addressDetails"]["city"] == "Montréal"
    assert profile["addressDetails"]["province"] == "QC"
    assert profile["preferences"]["language"] == "FR"


def test_partner_summary_of_jane(sandbox_url: str) -> None:
    with as_partner(sandbox_url, JANE) as client:
        response = client.get("/collectors/summary")
    assert response.status_code == 200
    assert_json_utf8(response)
    summary = response.json()
    assert set(summary) == SUMMARY_KEYS
    assert summary["collectorNumber"] == JANE
    assert summary["firstName"] == "Jane"
    assert summary["tier"] == "G"
    assert summary["status"] == "ACTIVE"
    assert isinstance(summary["cashBalance"], int) and summary["cashBalance"] > 0
    assert isinstance(summary["dreamBalance"], int) and summary["dreamBalance"] > 0
    assert datetime.fromisoformat(summary["asOf"].replace("Z", "+00:00")).tzinfo is not None


def test_inactive_collector(sandbox_url: str) -> None:
    with as_partner(sandbox_url, MARC) as client:
        assert client.get("/collectors/summary").json()["status"] == "INACTIVE"
        assert client.get("/collectors/profile").json()["status"] == "INACTIVE"


def test_partial_pii_collector_leaves_empty_fields_out(sandbox_url: str) -> None:
    with as_partner(sandbox_url, PARTIAL) as client:
        profile = client.get("/collectors/profile").json()
        summary = client.get("/collectors/summary").json()
    assert set(profile) == {"collectorNumber", "status", "enrollmentDate", "contactDetails"}
    assert set(profile["contactDetails"]) == {"email"}
    assert summary["tier"] == "B"
    assert summary["cashBalance"] == 0
    assert summary["dreamBalance"] == 0
    assert "firstName" not in summary
    assert_no_empty_fields(profile)
    assert_no_empty_fields(summary)


@pytest.mark.parametrize("number", [JANE, ELISE, MARC, PARTIAL])
def test_no_null_or_empty_field_in_any_fixed_profile(sandbox_url: str, number: str) -> None:
    with as_partner(sandbox_url, number) as client:
        for path in ENDPOINTS:
            response = client.get(path)
            assert response.status_code == 200
            assert "null" not in response.text
            assert_no_empty_fields(response.json())


@pytest.mark.parametrize("path", ENDPOINTS)
def test_machine_token_without_collector_number(sandbox_url: str, path: str) -> None:
    with as_partner(sandbox_url) as client:
        assert_error(client.get(path), 400, "MISSING_COLLECTOR_NUMBER")


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("number", ["123", "90000000007", "8000000000A", "800000000070", "8000 000 0007"])
def test_invalid_collector_number(sandbox_url: str, path: str, number: str) -> None:
    with as_partner(sandbox_url, number) as client:
        assert_error(client.get(path), 400, "INVALID_COLLECTOR_NUMBER")


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("number", [UNKNOWN_COLLECTOR, "80060860887"])
def test_unknown_collector_is_not_found(sandbox_url: str, path: str, number: str) -> None:
    with as_partner(sandbox_url, number) as client:
        assert_error(client.get(path), 404, "COLLECTOR_NOT_FOUND")


@pytest.mark.parametrize("path", ENDPOINTS)
def test_member_token_may_not_name_a_collector(sandbox_url: str, path: str) -> None:
    token = member_tokens(sandbox_url)["access_token"]
    for number in (ELISE, JANE):
        with api(sandbox_url, token, **{"Collector-Number": number}) as client:
            assert_error(client.get(path), 403, "COLLECTOR_NUMBER_NOT_ALLOWED")


@functools.cache
def foreign_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def foreign_token(**claims: object) -> str:
    """A well-formed RS256 token signed by a key the sandbox does not know."""
    key = foreign_key()
    now = int(time.time())
    payload = {
        "iss": "http://127.0.0.1/",
        "sub": "sandbox-partner@clients",
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 600,
        "azp": "sandbox-partner",
        "gty": "client-credentials",
        "scope": "collector:summary:read",
        **claims,
    }
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "sandbox"})


def tampered(token: str) -> str:
    """The sandbox's own token with a changed payload and the original signature."""
    header, _, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["sub"] = "someone-else@clients"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        "Bearer not-a-jwt",
        "Basic c2FuZGJveC1wYXJ0bmVyOnNhbmRib3gtcGFydG5lci1zZWNyZXQ=",
        "foreign-signature",
        "tampered",
        "unsigned",
    ],
)
@pytest.mark.parametrize("path", [*ENDPOINTS, "/collectors/search?lastName=Doe"])
def test_bad_tokens_are_unauthorized(sandbox_url: str, path: str, authorization: str | None) -> None:
    if authorization == "foreign-signature":
        authorization = f"Bearer {foreign_token()}"
    elif authorization == "tampered":
        authorization = f"Bearer {tampered(machine_token(sandbox_url))}"
    elif authorization == "unsigned":
        claims = jwt.decode(machine_token(sandbox_url), options={"verify_signature": False})
        authorization = f"Bearer {jwt.encode(claims, None, algorithm='none')}"
    headers = {"Collector-Number": JANE}
    if authorization is not None:
        headers["Authorization"] = authorization
    response = httpx.get(f"{sandbox_url}{path}", headers=headers)
    assert_error(response, 401, "UNAUTHORIZED")
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith("Bearer")
    assert 'error="invalid_token"' in challenge


def test_bad_token_on_enrollment_is_unauthorized(sandbox_url: str) -> None:
    response = httpx.post(f"{sandbox_url}/collectors/", json={"contactDetails": {"email": "x@example.com"}})
    assert_error(response, 401, "UNAUTHORIZED")
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


@pytest.mark.parametrize(
    ("method", "path", "scope"),
    [
        ("POST", "/collectors/", "collector:enrollment:write"),
        ("POST", "/collectors", "collector:enrollment:write"),
        ("GET", "/collectors/search?lastName=Doe", "collector:search:read"),
    ],
)
def test_readonly_client_lacks_scope(sandbox_url: str, method: str, path: str, scope: str) -> None:
    token = machine_token(sandbox_url, READONLY)
    with api(sandbox_url, token) as client:
        response = client.request(method, path, json={"contactDetails": {"email": "ro@example.com"}})
    assert_error(response, 403, "INSUFFICIENT_SCOPE")
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith("Bearer")
    assert 'error="insufficient_scope"' in challenge
    assert f'scope="{scope}"' in challenge


@pytest.mark.parametrize("path", ENDPOINTS)
def test_readonly_client_reads(sandbox_url: str, path: str) -> None:
    with api(sandbox_url, machine_token(sandbox_url, READONLY), **{"Collector-Number": JANE}) as client:
        assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "scope"),
    [
        ("POST", "/collectors/", "collector:enrollment:write"),
        ("GET", "/collectors/search?email=a@b.ca", "collector:search:read"),
    ],
)
def test_member_token_lacks_partner_scopes(sandbox_url: str, method: str, path: str, scope: str) -> None:
    token = member_tokens(sandbox_url)["access_token"]
    with api(sandbox_url, token) as client:
        response = client.request(method, path, json={"contactDetails": {"email": "m@example.com"}})
    assert_error(response, 403, "INSUFFICIENT_SCOPE")
    assert f'scope="{scope}"' in response.headers["www-authenticate"]


def test_member_token_without_the_summary_scope(sandbox_url: str) -> None:
    token = member_tokens(sandbox_url, scope="openid collector:profile:read")["access_token"]
    with api(sandbox_url, token) as client:
        assert client.get("/collectors/profile").status_code == 200
        response = client.get("/collectors/summary")
    assert_error(response, 403, "INSUFFICIENT_SCOPE")
    assert 'scope="collector:summary:read"' in response.headers["www-authenticate"]


def test_correlation_id_is_echoed(sandbox_url: str) -> None:
    correlation_id = str(uuid.uuid4())
    with as_partner(sandbox_url, JANE, **{"X-Correlation-Id": correlation_id}) as client:
        ok = client.get("/collectors/summary")
        error = client.get("/collectors/summary", headers={"Collector-Number": "1"})
    assert ok.headers["x-correlation-id"] == correlation_id
    assert error.headers["x-correlation-id"] == correlation_id
    assert error.json()["correlationId"] == correlation_id


def test_correlation_id_is_made_when_absent(sandbox_url: str) -> None:
    with as_partner(sandbox_url, JANE) as client:
        first = client.get("/collectors/summary").headers["x-correlation-id"]
        second = client.get("/collectors/summary").headers["x-correlation-id"]
    assert uuid.UUID(first) and uuid.UUID(second)
    assert first != second


def test_origin_client_header_is_accepted(sandbox_url: str) -> None:
    with as_partner(sandbox_url, JANE, **{"x-origin-client": "partner:console/1.0"}) as client:
        assert client.get("/collectors/profile").status_code == 200


@pytest.mark.parametrize("language", ["FR", "fr", "fr-CA", "FR-ca"])
def test_french_error_messages(sandbox_url: str, language: str) -> None:
    with as_partner(sandbox_url, UNKNOWN_COLLECTOR) as client:
        english = client.get("/collectors/summary", headers={"Accept-Language": "EN"}).json()
        default = client.get("/collectors/summary").json()
        french = client.get("/collectors/summary", headers={"Accept-Language": language}).json()
    assert default["message"] == english["message"]
    assert french["responseCode"] == "COLLECTOR_NOT_FOUND"
    assert french["message"] != english["message"]


def test_health_needs_no_token(sandbox_url: str) -> None:
    response = httpx.get(f"{sandbox_url}/collectors/health")
    assert response.status_code == 200
    assert_json_utf8(response)
    assert response.json() == {"status": "UP"}
    assert response.headers["x-correlation-id"]
