"""Member sign-in: the hosted page, authorization code with PKCE, and its refusals."""

import time

import httpx
import jwt
import pytest

from tests.support.sandbox import (
    AUDIENCE,
    COLLECTOR_NUMBER_CLAIM,
    CONSOLE,
    EMAIL_CONNECTION,
    JANE,
    JANE_LOGIN,
    JANE_PIN,
    PIN_CONNECTION,
    REDIRECT_URI,
    Grant,
    Pkce,
    authorize_params,
    exchange_code,
    hidden_fields,
    logged_requests,
    member_code,
    open_sign_in_page,
    post_sign_in,
    query_of,
    sign_in,
)


def verify(base_url: str, token: str, audience: str) -> dict:
    """Check the RS256 signature against the tenant's JWKS and return the claims."""
    jwks_uri = httpx.get(f"{base_url}/.well-known/openid-configuration").json()["jwks_uri"]
    key = jwt.PyJWKClient(jwks_uri).get_signing_key_from_jwt(token)
    return jwt.decode(token, key.key, algorithms=["RS256"], audience=audience, issuer=f"{base_url}/")


@pytest.mark.parametrize(
    ("connection", "credentials"), [(EMAIL_CONNECTION, JANE_LOGIN), (PIN_CONNECTION, JANE_PIN)]
)
def test_pkce_happy_path(sandbox_url: str, connection: str, credentials: dict[str, str]) -> None:
    pkce = Pkce.make()
    redirect = "http://127.0.0.1:49152/callback"
    location = sign_in(
        sandbox_url, credentials, connection=connection, pkce=pkce, redirect_uri=redirect, state="xyz-1"
    )
    assert location.startswith(f"{redirect}?")
    query = query_of(location)
    assert query["state"] == "xyz-1"

    response = exchange_code(sandbox_url, Grant(query["code"], pkce, redirect))
    assert response.status_code == 200, response.text
    tokens = response.json()
    assert tokens["token_type"] == "Bearer"
    assert 0 < tokens["expires_in"] <= 3600
    assert set(tokens["scope"].split()) == {
        "openid",
        "profile",
        "email",
        "offline_access",
        "collector:profile:read",
        "collector:summary:read",
    }
    assert tokens["refresh_token"]
    assert tokens["id_token"]
    claims = verify(sandbox_url, tokens["access_token"], AUDIENCE)
    assert claims[COLLECTOR_NUMBER_CLAIM] == JANE
    assert claims["azp"] == CONSOLE
    assert claims["exp"] > claims["iat"] >= int(time.time()) - 60
    assert "gty" not in claims
    id_claims = verify(sandbox_url, tokens["id_token"], CONSOLE)
    assert id_claims["sub"] == claims["sub"]


def test_sign_in_page_is_html_with_a_transaction(sandbox_url: str) -> None:
    page = open_sign_in_page(sandbox_url, authorize_params(pkce=Pkce.make()))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert hidden_fields(page.text)["txn"]
    assert 'name="password"' in page.text


def test_pin_page_asks_for_collector_number_and_pin(sandbox_url: str) -> None:
    page = open_sign_in_page(sandbox_url, authorize_params(connection=PIN_CONNECTION, pkce=Pkce.make()))
    assert page.status_code == 200
    assert 'name="collectorNumber"' in page.text
    assert 'name="pin"' in page.text


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "jane.doe@example.com", "password": "wrong"},
        {"email": "nobody@example.com", "password": "sandbox"},
    ],
)
def test_wrong_password_shows_the_page_again(sandbox_url: str, credentials: dict[str, str]) -> None:
    page = open_sign_in_page(sandbox_url, authorize_params(pkce=Pkce.make()))
    response = post_sign_in(sandbox_url, page, credentials)
    assert response.status_code == 200
    assert "location" not in response.headers
    assert hidden_fields(response.text)["txn"]
    # The retry on the page works.
    retry = post_sign_in(sandbox_url, response, JANE_LOGIN)
    assert retry.status_code == 302
    assert query_of(retry.headers["location"])["code"]


def test_wrong_pin_shows_the_page_again(sandbox_url: str) -> None:
    page = open_sign_in_page(sandbox_url, authorize_params(connection=PIN_CONNECTION, pkce=Pkce.make()))
    response = post_sign_in(sandbox_url, page, {"collectorNumber": JANE, "pin": "9999"})
    assert response.status_code == 200
    assert "location" not in response.headers


def test_wrong_verifier_is_invalid_grant(sandbox_url: str) -> None:
    grant = member_code(sandbox_url)
    response = exchange_code(sandbox_url, grant, code_verifier=Pkce.make().verifier)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_code_works_once(sandbox_url: str) -> None:
    grant = member_code(sandbox_url)
    assert exchange_code(sandbox_url, grant).status_code == 200
    again = exchange_code(sandbox_url, grant)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"


def test_redirect_uri_must_match_at_the_token_endpoint(sandbox_url: str) -> None:
    grant = member_code(sandbox_url)
    response = exchange_code(sandbox_url, grant, redirect_uri="http://127.0.0.1:1/callback")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_missing_verifier_is_refused(sandbox_url: str) -> None:
    grant = member_code(sandbox_url)
    form = {
        "grant_type": "authorization_code",
        "client_id": CONSOLE,
        "code": grant.code,
        "redirect_uri": grant.redirect_uri,
    }
    response = httpx.post(f"{sandbox_url}/oauth/token", data=form)
    assert response.status_code == 400
    assert response.json()["error"] in {"invalid_request", "invalid_grant"}


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://localhost:53682/callback",
        "http://127.0.0.1:53682/other",
        "https://evil.example.com/callback",
        "http://127.0.0.1.evil.example.com/callback",
    ],
)
def test_unregistered_redirect_is_a_400_page_never_a_redirect(sandbox_url: str, redirect_uri: str) -> None:
    response = open_sign_in_page(sandbox_url, authorize_params(redirect_uri=redirect_uri, pkce=Pkce.make()))
    assert response.status_code == 400
    assert "location" not in response.headers
    assert response.headers["content-type"].startswith("text/html")


def test_unknown_client_is_a_400_page(sandbox_url: str) -> None:
    response = open_sign_in_page(sandbox_url, authorize_params(client_id="nobody", pkce=Pkce.make()))
    assert response.status_code == 400
    assert "location" not in response.headers


def test_public_client_without_pkce_gets_an_error_redirect(sandbox_url: str) -> None:
    response = open_sign_in_page(sandbox_url, authorize_params(pkce=None, state="s-9"))
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(f"{REDIRECT_URI}?")
    query = query_of(location)
    assert query["error"] == "invalid_request"
    assert query["error_description"]
    assert query["state"] == "s-9"
    assert "code" not in query


def test_plain_pkce_method_is_refused(sandbox_url: str) -> None:
    params = authorize_params(pkce=Pkce.make())
    params["code_challenge_method"] = "plain"
    response = open_sign_in_page(sandbox_url, params)
    assert response.status_code == 302
    assert query_of(response.headers["location"])["error"] == "invalid_request"


def test_scope_the_client_may_not_have_gets_an_error_redirect(sandbox_url: str) -> None:
    params = authorize_params(pkce=Pkce.make(), scope="openid collector:enrollment:write")
    response = open_sign_in_page(sandbox_url, params)
    assert response.status_code == 302
    assert query_of(response.headers["location"])["error"] == "invalid_scope"


def test_code_exchange_is_logged(sandbox_url: str) -> None:
    grant = member_code(sandbox_url)
    exchange_code(sandbox_url, grant)
    items = logged_requests(sandbox_url, "/oauth/token")
    assert [(i["status"], i["clientId"], i["grantType"]) for i in items] == [
        (200, CONSOLE, "authorization_code")
    ]
