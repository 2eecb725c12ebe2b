"""The Auth0-like tenant's state and rules: sign-in transactions, codes, refresh-token families."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from console.formats import normalise_collector_number
from console.sandbox.clients import CLIENTS, Client
from console.sandbox.config import AUDIENCE, Settings
from console.sandbox.seed import secret_hash
from console.sandbox.store import RefreshRecord, Store
from console.sandbox.tokens import Signer

CONNECTIONS = ("member-email-idp-recaptcha", "member-pin-idp-recaptcha")
TRANSACTION_TTL = 600
MAX_FAILED_LOGINS = 10
"""Consecutive failed password or PIN attempts after which a login is blocked (Auth0's default)."""
BLOCKED = "Your account has been blocked after multiple consecutive login attempts."
_VERIFIER_RE = re.compile(r"[A-Za-z0-9\-._~]{43,128}")


class OAuthError(Exception):
    """An OAuth error response: `{"error", "error_description"}` with an HTTP status."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error, self.description, self.status = error, description, status

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


class BadAuthorizeRequest(Exception):
    """The client or redirect URI cannot be trusted: show an error page, never redirect."""


@dataclass
class Transaction:
    client: Client
    redirect_uri: str
    state: str | None
    scope: tuple[str, ...]
    connection: str
    challenge: str | None
    nonce: str | None
    expires: float


@dataclass
class Code:
    client_id: str
    redirect_uri: str
    challenge: str | None
    scope: tuple[str, ...]
    collector: str
    nonce: str | None
    expires: float
    family: str | None = None


@dataclass
class TenantState:
    transactions: dict[str, Transaction] = field(default_factory=dict)
    codes: dict[str, Code] = field(default_factory=dict)


def redirect_with(uri: str, params: dict[str, str | None]) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{uri}{'&' if '?' in uri else '?'}{query}"


def pkce_challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def _scopes(requested: str | None, client: Client) -> tuple[str, ...]:
    """The granted scopes; omitted means all the client may have."""
    if requested is None or not requested.strip():
        return client.scopes
    wanted = tuple(dict.fromkeys(requested.split()))
    refused = [s for s in wanted if s not in client.scopes]
    if refused:
        raise OAuthError("invalid_scope", f"Scope not allowed for this client: {' '.join(refused)}", 400)
    return wanted


class Tenant:
    """Authorization server logic; routes turn its results and OAuthErrors into HTTP."""

    def __init__(self, signer: Signer, settings: Settings, store: Store) -> None:
        self.signer, self.settings, self.store = signer, settings, store
        self.clock = signer.clock
        self.state = TenantState()

    def reset(self) -> None:
        self.state = TenantState()

    # --- /authorize -------------------------------------------------------------------------------------
    def begin(self, query: dict[str, str]) -> tuple[str, Transaction]:
        """Check an authorize request; raises BadAuthorizeRequest, or OAuthError to send to redirect_uri."""
        client = CLIENTS.get(query.get("client_id", ""))
        if client is None or "authorization_code" not in client.grants:
            raise BadAuthorizeRequest("Unknown client.")
        redirect_uri = query.get("redirect_uri", "")
        if not client.redirect_allowed(redirect_uri):
            raise BadAuthorizeRequest("The redirect_uri is not registered for this client.")
        if query.get("response_type") != "code":
            raise OAuthError("unsupported_response_type", "Only response_type=code is supported.")
        connection = query.get("connection") or CONNECTIONS[0]
        if connection not in CONNECTIONS:
            raise OAuthError("invalid_request", f"Unknown connection: {connection}")
        audience = query.get("audience")
        if audience not in (None, "", AUDIENCE):
            raise OAuthError("access_denied", f"Service not found: {audience}")
        challenge = query.get("code_challenge")
        method = query.get("code_challenge_method")
        if challenge or client.public:
            if not challenge:
                raise OAuthError("invalid_request", "PKCE code_challenge is required for this client.")
            if method != "S256":
                raise OAuthError("invalid_request", "code_challenge_method must be S256.")
        scope = _scopes(query.get("scope"), client)
        self._forget_expired()
        txn = secrets.token_urlsafe(16)
        transaction = Transaction(
            client,
            redirect_uri,
            query.get("state"),
            scope,
            connection,
            challenge,
            query.get("nonce"),
            self.clock.time() + TRANSACTION_TTL,
        )
        self.state.transactions[txn] = transaction
        return txn, transaction

    def _forget_expired(self) -> None:
        """Drop abandoned sign-ins and stale codes so a long-running sandbox does not grow."""
        now = self.clock.time()
        state = self.state
        state.transactions = {k: t for k, t in state.transactions.items() if t.expires > now}
        state.codes = {k: c for k, c in state.codes.items() if c.expires > now or c.family is not None}

    def transaction(self, txn: str) -> Transaction | None:
        transaction = self.state.transactions.get(txn)
        return transaction if transaction and transaction.expires > self.clock.time() else None

    def login(self, txn: str, form: dict[str, str]) -> str | None:
        """Check the credentials; the redirect URL (a code, or the blocked error), or None when wrong.

        The 10th consecutive failure for one collector blocks its logins until `POST /_sandbox/reset`
        or `DELETE /_sandbox/blocks`; a success before that starts the count again."""
        transaction = self.state.transactions[txn]
        if transaction.connection == CONNECTIONS[0]:
            row = self.store.member_by_email(form.get("email", ""))
            ok = row is not None and row["password_hash"] == secret_hash(form.get("password", ""))
        else:
            number = normalise_collector_number(form.get("collectorNumber", ""))
            row = self.store.get(number) if number else None
            ok = row is not None and row["pin_hash"] == secret_hash(form.get("pin", ""))
        if row is not None and self.store.failures(row["number"]) >= MAX_FAILED_LOGINS:
            return self._blocked(txn)
        if not ok or row is None or row["status"] != "ACTIVE":
            if row is not None and self.store.count_failure(row["number"]) >= MAX_FAILED_LOGINS:
                return self._blocked(txn)
            return None
        self.store.clear_failures(row["number"])
        del self.state.transactions[txn]
        code = secrets.token_urlsafe(24)
        self.state.codes[code] = Code(
            transaction.client.client_id,
            transaction.redirect_uri,
            transaction.challenge,
            transaction.scope,
            row["number"],
            transaction.nonce,
            self.clock.time() + self.settings.code_ttl,
        )
        return redirect_with(transaction.redirect_uri, {"code": code, "state": transaction.state})

    def _blocked(self, txn: str) -> str:
        """Back to the application with Auth0's answer for a blocked user (brute-force protection)."""
        transaction = self.state.transactions.pop(txn)
        return redirect_with(
            transaction.redirect_uri,
            {"error": "unauthorized", "error_description": BLOCKED, "state": transaction.state},
        )

    def cancel(self, txn: str) -> str:
        transaction = self.state.transactions.pop(txn)
        return redirect_with(
            transaction.redirect_uri,
            {
                "error": "access_denied",
                "error_description": "The user cancelled the sign-in.",
                "state": transaction.state,
            },
        )

    # --- /oauth/token ------------------------------------------------------------------------------------
    def authenticate(self, client_id: str | None, secret: str | None) -> Client:
        client = CLIENTS.get(client_id or "")
        if client is None:
            raise OAuthError("invalid_client", "Unknown client or wrong credentials.", 401)
        if not client.public and not client.secret_matches(secret):
            raise OAuthError("invalid_client", "Unknown client or wrong credentials.", 401)
        return client

    def token(self, form: dict[str, str], client_id: str | None, secret: str | None) -> dict[str, Any]:
        grant = form.get("grant_type")
        if not grant:
            raise OAuthError("invalid_request", "Missing grant_type.")
        if grant not in ("authorization_code", "refresh_token", "client_credentials"):
            raise OAuthError("unsupported_grant_type", f"Unsupported grant type: {grant}")
        client = self.authenticate(client_id, secret)
        if grant not in client.grants:
            raise OAuthError("unauthorized_client", f"This client may not use the {grant} grant.")
        if grant == "client_credentials":
            return self._client_credentials(client, form)
        if grant == "authorization_code":
            return self._authorization_code(client, form)
        return self._refresh(client, form)

    def _client_credentials(self, client: Client, form: dict[str, str]) -> dict[str, Any]:
        audience = form.get("audience")
        if audience not in (None, "", AUDIENCE):
            raise OAuthError("access_denied", f"Service not found: {audience}", 403)
        scope = " ".join(_scopes(form.get("scope"), client))
        ttl = self.settings.access_token_ttl
        token = self.signer.access_token(
            subject=f"{client.client_id}@clients", client_id=client.client_id, scope=scope, ttl=ttl
        )
        return {"access_token": token, "token_type": "Bearer", "expires_in": ttl, "scope": scope}

    def _authorization_code(self, client: Client, form: dict[str, str]) -> dict[str, Any]:
        code_value = form.get("code")
        if not code_value:
            raise OAuthError("invalid_request", "Missing code.")
        code = self.state.codes.get(code_value)
        if code is None or code.client_id != client.client_id:
            raise OAuthError("invalid_grant", "Invalid authorization code.")
        if code.family is not None:
            self.store.revoke_family(code.family)
            raise OAuthError("invalid_grant", "Authorization code has already been used.")
        if code.expires <= self.clock.time():
            raise OAuthError("invalid_grant", "Authorization code has expired.")
        if form.get("redirect_uri") != code.redirect_uri:
            raise OAuthError("invalid_grant", "redirect_uri does not match the authorization request.")
        verifier = form.get("code_verifier")
        if code.challenge is not None:
            if not verifier:
                raise OAuthError("invalid_request", "Missing code_verifier.")
            if not _VERIFIER_RE.fullmatch(verifier) or pkce_challenge(verifier) != code.challenge:
                raise OAuthError("invalid_grant", "Failed to verify code_verifier.")
        code.family = secrets.token_urlsafe(12)
        return self._member_tokens(client, code.scope, code.collector, code.family, code.nonce)

    def _refresh(self, client: Client, form: dict[str, str]) -> dict[str, Any]:
        value = form.get("refresh_token")
        if not value:
            raise OAuthError("invalid_request", "Missing refresh_token.")
        record = self.store.refresh_token(value)
        if record is None or record.client_id != client.client_id:
            raise OAuthError("invalid_grant", "Unknown or invalid refresh token.")
        if self.store.family_revoked(record.family):
            raise OAuthError("invalid_grant", "Unknown or invalid refresh token.")
        if record.used:
            self.store.revoke_family(record.family)
            raise OAuthError("invalid_grant", "Refresh token reuse detected: the token family is revoked.")
        if record.expires <= self.clock.time():
            raise OAuthError("invalid_grant", "Expired refresh token.")
        scope = record.scope
        if form.get("scope"):
            wanted = tuple(dict.fromkeys(form["scope"].split()))
            if any(s not in record.scope for s in wanted):
                raise OAuthError("invalid_scope", "A refresh cannot widen the granted scope.")
            scope = wanted
        self.store.use_refresh_token(value)
        return self._member_tokens(
            client, scope, record.collector, record.family, None, keep_scope=record.scope
        )

    def _member_tokens(
        self,
        client: Client,
        scope: tuple[str, ...],
        collector: str,
        family: str,
        nonce: str | None,
        keep_scope: tuple[str, ...] | None = None,
    ) -> dict[str, Any]:
        ttl = self.settings.access_token_ttl
        subject = f"auth0|{collector}"
        scope_text = " ".join(scope)
        body: dict[str, Any] = {
            "access_token": self.signer.access_token(
                subject=subject,
                client_id=client.client_id,
                scope=scope_text,
                ttl=ttl,
                collector_number=collector,
            ),
            "token_type": "Bearer",
            "expires_in": ttl,
            "scope": scope_text,
        }
        granted = keep_scope or scope
        if "offline_access" in granted:
            refresh = secrets.token_urlsafe(32)
            now = self.clock.time()
            record = RefreshRecord(
                family, client.client_id, granted, collector, now + self.settings.refresh_token_ttl, False
            )
            self.store.keep_refresh_token(refresh, record, dropped_before=now)
            body["refresh_token"] = refresh
        if "openid" in scope:
            body["id_token"] = self._id_token(client, subject, collector, scope, nonce, ttl)
        return body

    def _id_token(
        self,
        client: Client,
        subject: str,
        collector: str,
        scope: tuple[str, ...],
        nonce: str | None,
        ttl: int,
    ) -> str:
        now = int(self.clock.time())
        claims: dict[str, Any] = {
            "iss": self.signer.issuer,
            "sub": subject,
            "aud": client.client_id,
            "iat": now,
            "exp": now + ttl,
        }
        row = self.store.get(collector)
        if row is not None and "email" in scope:
            claims.update(email=row["email"], email_verified=True)
        if row is not None and "profile" in scope:
            name = " ".join(p for p in (row["first_name"], row["last_name"]) if p)
            if name:
                claims["name"] = name
        if nonce:
            claims["nonce"] = nonce
        return self.signer.sign(claims)

    # --- /oauth/revoke -----------------------------------------------------------------------------------
    def revoke(self, form: dict[str, str], client_id: str | None, secret: str | None) -> None:
        client = self.authenticate(client_id, secret)
        token = form.get("token")
        if not token:
            raise OAuthError("invalid_request", "Missing token.")
        record = self.store.refresh_token(token)
        if record is not None and record.client_id == client.client_id:
            self.store.revoke_family(record.family)
