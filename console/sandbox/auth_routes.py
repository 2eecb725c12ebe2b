"""HTTP endpoints of the Auth0-like tenant."""

from __future__ import annotations

import base64
import binascii
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from console.sandbox.limits import BadInput, parse_json
from console.sandbox.oauth import CONNECTIONS, BadAuthorizeRequest, OAuthError, redirect_with
from console.sandbox.pages import error_page, sign_in_page
from console.sandbox.responses import JSON

if TYPE_CHECKING:
    from console.sandbox.app import Sandbox

_UNREADABLE = OAuthError("invalid_request", "The request body is not a valid form or JSON object.")
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
WRONG_CREDENTIALS = "Wrong email or password. / Courriel ou mot de passe incorrect."
WRONG_PIN = "Wrong collector number or PIN. / Numéro d'adhérent ou NIP incorrect."


def _sandbox(request: Request) -> Sandbox:
    return request.app.state.sandbox


async def read_form(request: Request) -> dict[str, str]:
    """A form-encoded (or JSON) body as a flat dict; the first value wins. Raises BadInput."""
    raw = await request.body()
    if request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json":
        data = parse_json(raw)
        if not isinstance(data, dict):
            return {}
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items() if v is not None}
    form: dict[str, str] = {}
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict", max_num_fields=100)
    except UnicodeDecodeError as error:
        raise BadInput("body", "INVALID_FORMAT") from error
    except ValueError as error:  # too many fields
        raise BadInput("body", "INVALID_VALUE") from error
    for key, value in pairs:
        form.setdefault(key, value)
    return form


def basic_credentials(request: Request) -> tuple[str | None, str | None]:
    kind, _, encoded = request.headers.get("authorization", "").partition(" ")
    if kind.lower() != "basic":
        return None, None
    try:
        user, _, password = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None, None
    return unquote(user), unquote(password)


async def authorize(request: Request) -> Response:
    tenant = _sandbox(request).tenant
    query = dict(request.query_params)
    request.scope["sandbox.info"]["clientId"] = query.get("client_id")
    try:
        txn, transaction = tenant.begin(query)
    except BadAuthorizeRequest as error:
        return HTMLResponse(error_page(str(error)), status_code=400)
    except OAuthError as error:
        return RedirectResponse(
            redirect_with(
                query["redirect_uri"],
                {"error": error.error, "error_description": error.description, "state": query.get("state")},
            ),
            302,
        )
    return HTMLResponse(
        sign_in_page(txn, transaction.connection, transaction.client.client_id),
        headers={"Cache-Control": "no-store"},
    )


async def login(request: Request) -> Response:
    tenant = _sandbox(request).tenant
    try:
        form = await read_form(request)
    except BadInput:
        return HTMLResponse(error_page("The sign-in form could not be read."), 400)
    txn = form.get("txn", "")
    transaction = tenant.transaction(txn)
    if transaction is None:
        return HTMLResponse(error_page("This sign-in has expired; start again from the application."), 400)
    request.scope["sandbox.info"]["clientId"] = transaction.client.client_id
    if form.get("cancel"):
        return RedirectResponse(tenant.cancel(txn), 302)
    target = tenant.login(txn, form)
    if target is None:
        message = WRONG_PIN if transaction.connection == CONNECTIONS[1] else WRONG_CREDENTIALS
        return HTMLResponse(
            sign_in_page(txn, transaction.connection, transaction.client.client_id, message),
            headers={"Cache-Control": "no-store"},
        )
    return RedirectResponse(target, 302)


def _client(request: Request, form: dict[str, str]) -> tuple[str | None, str | None]:
    user, password = basic_credentials(request)
    return user or form.get("client_id"), password or form.get("client_secret")


async def token(request: Request) -> Response:
    sandbox = _sandbox(request)
    try:
        form = await read_form(request)
    except BadInput:
        return JSON(_UNREADABLE.body(), status_code=400, headers=_NO_STORE)
    client_id, secret = _client(request, form)
    info = request.scope["sandbox.info"]
    info["clientId"], info["grantType"] = client_id, form.get("grant_type")
    try:
        body = sandbox.tenant.token(form, client_id, secret)
    except OAuthError as error:
        return JSON(error.body(), status_code=error.status, headers=_NO_STORE)
    return JSON(body, headers=_NO_STORE)


async def revoke(request: Request) -> Response:
    try:
        form = await read_form(request)
    except BadInput:
        return JSON(_UNREADABLE.body(), status_code=400)
    client_id, secret = _client(request, form)
    request.scope["sandbox.info"]["clientId"] = client_id
    try:
        _sandbox(request).tenant.revoke(form, client_id, secret)
    except OAuthError as error:
        return JSON(error.body(), status_code=error.status)
    return Response(status_code=200)


async def openid_configuration(request: Request) -> Response:
    issuer = _sandbox(request).signer.issuer
    base = issuer.rstrip("/")
    document: dict[str, Any] = {
        "issuer": issuer,
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/oauth/token",
        "revocation_endpoint": f"{base}/oauth/revoke",
        "jwks_uri": f"{base}/.well-known/jwks.json",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        "code_challenge_methods_supported": ["S256"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "scopes_supported": [
            "openid",
            "profile",
            "email",
            "offline_access",
            "collector:enrollment:write",
            "collector:profile:read",
            "collector:summary:read",
            "collector:search:read",
        ],
    }
    return JSON(document)


async def jwks(request: Request) -> Response:
    return JSON(_sandbox(request).signer.jwks())


ROUTES = [
    Route("/authorize", authorize, methods=["GET"]),
    Route("/authorize/login", login, methods=["POST"]),
    Route("/oauth/token", token, methods=["POST"]),
    Route("/oauth/revoke", revoke, methods=["POST"]),
    Route("/.well-known/openid-configuration", openid_configuration, methods=["GET"]),
    Route("/.well-known/jwks.json", jwks, methods=["GET"]),
]
