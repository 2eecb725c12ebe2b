"""The tenant's registered OAuth clients."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

SCOPE_ENROLL = "collector:enrollment:write"
SCOPE_PROFILE = "collector:profile:read"
SCOPE_SUMMARY = "collector:summary:read"
SCOPE_SEARCH = "collector:search:read"
COLLECTOR_SCOPES = (SCOPE_ENROLL, SCOPE_PROFILE, SCOPE_SUMMARY, SCOPE_SEARCH)
MEMBER_SCOPES = ("openid", "profile", "email", "offline_access", SCOPE_PROFILE, SCOPE_SUMMARY)
LOOPBACK_CALLBACK = re.compile(r"http://127\.0\.0\.1(:(?!0)\d{1,5})?/callback")


@dataclass(frozen=True)
class Client:
    """A registered client; `secret` is None for a public (native) client."""

    client_id: str
    secret: str | None
    grants: frozenset[str]
    scopes: tuple[str, ...]
    loopback_redirect: bool = False

    @property
    def public(self) -> bool:
        return self.secret is None

    def secret_matches(self, secret: str | None) -> bool:
        return (
            self.secret is not None
            and secret is not None
            and hmac.compare_digest(self.secret.encode(), secret.encode())
        )

    def redirect_allowed(self, uri: str) -> bool:
        """Only registered redirect URIs: any port of http://127.0.0.1/callback (RFC 8252)."""
        match = LOOPBACK_CALLBACK.fullmatch(uri) if self.loopback_redirect else None
        return match is not None and (match[1] is None or int(match[1][1:]) <= 65535)


CLIENTS: dict[str, Client] = {
    c.client_id: c
    for c in (
        Client(
            "sandbox-console",
            None,
            frozenset({"authorization_code", "refresh_token"}),
            MEMBER_SCOPES,
            loopback_redirect=True,
        ),
        Client(
            "sandbox-partner", "sandbox-partner-secret", frozenset({"client_credentials"}), COLLECTOR_SCOPES
        ),
        Client(
            "sandbox-readonly",
            "sandbox-readonly-secret",
            frozenset({"client_credentials"}),
            (SCOPE_PROFILE, SCOPE_SUMMARY),
        ),
        # A confidential web client: the authorization-code grant with a client secret.
        Client(
            "sandbox-web",
            "sandbox-web-secret",
            frozenset({"authorization_code", "refresh_token"}),
            MEMBER_SCOPES,
            loopback_redirect=True,
        ),
    )
}
