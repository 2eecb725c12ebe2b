"""Token endpoint: client credentials, refresh rotation and reuse detection, revocation, expiry, discovery."""

import httpx
import jwt
import pytest

from tests.support.sandbox import (
    ALL_COLLECTOR_SCOPES,
    AUDIENCE,
    CONSOLE,
    JANE,
    PARTNER,
    READONLY,
    advance_clock,
    api,
    assert_error,
    client_credentials,
    logged_requests,
    machine_token,
    member_tokens,
    refresh,
    set_settings,
    token_request,
)


def claims_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


@pytest.mark.parametrize(
    ("client", "scopes"),
    [
        (PARTNER, ALL_COLLECTOR_SCOPES),
        (READONLY, {"collector:profile:read", "collector:summary:read"}),
    ],
)
def test_client_credentials_for_each_client(
    sandbox_url: str, client: tuple[str, str], scopes: set[str]
) -> None:
    response = client_credentials(sandbox_url, client)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] > 0
    assert set(body["scope"].split()) == scopes
    assert "refresh_token" not in body
    assert "id_token" not in body
    claims = claims_of(body["access_token"])
    assert jwt.get_unverified_header(body["access_token"])["alg"] == "RS256"
    assert claims["gty"] == "client-credentials"
    assert claims["sub"] == f"{client[0]}@clients"
    assert claims["azp"] == client[0]
    assert claims["aud"] in (AUDIENCE, [AUDIENCE])
    assert claims["iss"] == f"{sandbox_url}/"
    assert set(claims["scope"].split()) == scopes


def test_requested_scope_narrows_the_token(sandbox_url: str) -> None:
    response = client_credentials(sandbox_url, PARTNER, scope="collector:summary:read")
    assert response.status_code == 200
    assert response.json()["scope"] == "collector:summary:read"
    token = response.json()["access_token"]
    with api(sandbox_url, token, **{"Collector-Number": JANE}) as client:
        assert client.get("/collectors/summary").status_code == 200
        denied = client.get("/collectors/profile")
    assert_error(denied, 403, "INSUFFICIENT_SCOPE")
    assert 'error="insufficient_scope"' in denied.headers["www-authenticate"]
    assert 'scope="collector:profile:read"' in denied.headers["www-authenticate"]


@pytest.mark.parametrize(
    ("client", "scope"),
    [(READONLY, "collector:enrollment:write"), (PARTNER, "collector:unknown:read")],
)
def test_scope_outside_the_client_is_invalid_scope(
    sandbox_url: str, client: tuple[str, str], scope: str
) -> None:
    response = client_credentials(sandbox_url, client, scope=scope)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


@pytest.mark.parametrize(
    "client",
    [("sandbox-partner", "wrong-secret"), ("sandbox-readonly", ""), ("nobody", "sandbox-partner-secret")],
)
def test_wrong_client_secret_is_invalid_client(sandbox_url: str, client: tuple[str, str]) -> None:
    response = client_credentials(sandbox_url, client)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert "access_token" not in response.json()


def test_unknown_audience_is_access_denied(sandbox_url: str) -> None:
    form = {"grant_type": "client_credentials", "client_id": PARTNER[0], "client_secret": PARTNER[1]}
    response = token_request(sandbox_url, {**form, "audience": "another-api"})
    assert response.status_code == 403
    assert response.json()["error"] == "access_denied"


def test_public_client_may_not_use_client_credentials(sandbox_url: str) -> None:
    response = token_request(sandbox_url, {"grant_type": "client_credentials", "client_id": CONSOLE})
    assert response.status_code in (400, 401, 403)
    assert response.json()["error"] in {"unauthorized_client", "invalid_client"}


def test_unknown_grant_type(sandbox_url: str) -> None:
    response = token_request(sandbox_url, {"grant_type": "password", "client_id": CONSOLE})
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_missing_grant_type_is_invalid_request(sandbox_url: str) -> None:
    response = token_request(sandbox_url, {"client_id": CONSOLE})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_refresh_rotates(sandbox_url: str) -> None:
    first = member_tokens(sandbox_url)
    response = refresh(sandbox_url, first["refresh_token"])
    assert response.status_code == 200, response.text
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert claims_of(second["access_token"])["https://airmiles.ca/collectorNumber"] == JANE
    with api(sandbox_url, second["access_token"]) as client:
        assert client.get("/collectors/summary").status_code == 200
    # The rotated token keeps working.
    assert refresh(sandbox_url, second["refresh_token"]).status_code == 200


def test_reusing_a_rotated_refresh_token_revokes_the_family(sandbox_url: str) -> None:
    first = member_tokens(sandbox_url)
    second = refresh(sandbox_url, first["refresh_token"]).json()
    reused = refresh(sandbox_url, first["refresh_token"])
    assert reused.status_code == 400
    assert reused.json()["error"] == "invalid_grant"
    # The newest token of the family died with it.
    latest = refresh(sandbox_url, second["refresh_token"])
    assert latest.status_code == 400
    assert latest.json()["error"] == "invalid_grant"
    # Another sign-in (another family) is untouched.
    other = member_tokens(sandbox_url)
    assert refresh(sandbox_url, other["refresh_token"]).status_code == 200


def test_no_refresh_token_without_offline_access(sandbox_url: str) -> None:
    tokens = member_tokens(sandbox_url, scope="openid collector:summary:read")
    assert "refresh_token" not in tokens
    assert set(tokens["scope"].split()) == {"openid", "collector:summary:read"}


def test_unknown_refresh_token_is_invalid_grant(sandbox_url: str) -> None:
    response = refresh(sandbox_url, "not-a-refresh-token")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_revoke_kills_the_refresh_token(sandbox_url: str) -> None:
    tokens = member_tokens(sandbox_url)
    revoked = httpx.post(
        f"{sandbox_url}/oauth/revoke", data={"client_id": CONSOLE, "token": tokens["refresh_token"]}
    )
    assert revoked.status_code == 200
    response = refresh(sandbox_url, tokens["refresh_token"])
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_revoke_with_a_wrong_secret_is_invalid_client(sandbox_url: str) -> None:
    response = httpx.post(
        f"{sandbox_url}/oauth/revoke",
        data={"client_id": PARTNER[0], "client_secret": "wrong", "token": "whatever"},
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_id_token_is_not_an_access_token(sandbox_url: str) -> None:
    """Right signature, wrong audience: the ID token is for the client, not the API."""
    id_token = member_tokens(sandbox_url)["id_token"]
    assert claims_of(id_token)["aud"] in (CONSOLE, [CONSOLE])
    with api(sandbox_url, id_token) as client:
        response = client.get("/collectors/summary")
    assert_error(response, 401, "UNAUTHORIZED")
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


def test_expired_access_token_is_refused(sandbox_url: str) -> None:
    set_settings(sandbox_url, accessTokenTtl=60)  # long enough for a loaded machine; the clock jumps it
    token = machine_token(sandbox_url)
    assert claims_of(token)["exp"] - claims_of(token)["iat"] == 60
    with api(sandbox_url, token, **{"Collector-Number": JANE}) as client:
        assert client.get("/collectors/summary").status_code == 200
    advance_clock(sandbox_url, 60)
    with api(sandbox_url, token, **{"Collector-Number": JANE}) as client:
        response = client.get("/collectors/summary")
    assert_error(response, 401, "UNAUTHORIZED")
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


def test_expired_refresh_token_is_invalid_grant(sandbox_url: str) -> None:
    set_settings(sandbox_url, refreshTokenTtl=60)
    tokens = member_tokens(sandbox_url)
    advance_clock(sandbox_url, 59)
    renewed = refresh(sandbox_url, tokens["refresh_token"])
    assert renewed.status_code == 200, renewed.text
    advance_clock(sandbox_url, 60)
    response = refresh(sandbox_url, renewed.json()["refresh_token"])
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_token_requests_are_logged(sandbox_url: str) -> None:
    machine_token(sandbox_url)
    client_credentials(sandbox_url, ("sandbox-partner", "wrong"))
    items = logged_requests(sandbox_url, "/oauth/token")
    assert [(i["status"], i["clientId"], i["grantType"]) for i in items] == [
        (200, "sandbox-partner", "client_credentials"),
        (401, "sandbox-partner", "client_credentials"),
    ]


def test_openid_configuration(sandbox_url: str) -> None:
    response = httpx.get(f"{sandbox_url}/.well-known/openid-configuration")
    assert response.status_code == 200
    config = response.json()
    assert config["issuer"] == f"{sandbox_url}/"
    assert config["authorization_endpoint"] == f"{sandbox_url}/authorize"
    assert config["token_endpoint"] == f"{sandbox_url}/oauth/token"
    assert config["revocation_endpoint"] == f"{sandbox_url}/oauth/revoke"
    assert config["jwks_uri"] == f"{sandbox_url}/.well-known/jwks.json"


def test_jwks_verifies_issued_tokens(sandbox_url: str) -> None:
    keys = httpx.get(f"{sandbox_url}/.well-known/jwks.json").json()["keys"]
    assert keys
    assert all(key["kty"] == "RSA" and "d" not in key for key in keys)
    token = machine_token(sandbox_url)
    kid = jwt.get_unverified_header(token).get("kid")
    key = next(k for k in keys if k.get("kid") == kid)
    claims = jwt.decode(token, jwt.PyJWK(key).key, algorithms=["RS256"], audience=AUDIENCE)
    assert claims["azp"] == PARTNER[0]
