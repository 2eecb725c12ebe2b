"""What the token view shows beyond the token itself: whether its signing key is in the tenant's JWKS."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import jwt

from console.api.session import EnvironmentSession


@dataclass(frozen=True)
class SigningKey:
    kid: str | None
    published: bool | None
    """True when the tenant's JWKS lists the token's key id; None when the JWKS could not be read."""


async def signing_key(session: EnvironmentSession) -> SigningKey:
    """The current access token's key id, looked up in the environment's JWKS (no sign-in needed)."""
    facts = session.facts()
    kid = facts.header.get("kid") if facts is not None else None
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            answer = await http.get(session.env.auth_url("jwks"))
        keys = jwt.PyJWKSet.from_dict(answer.json()).keys
    except (httpx.HTTPError, ValueError, TypeError, AttributeError, jwt.PyJWTError):
        return SigningKey(kid, None)
    return SigningKey(kid, any(key.key_id == kid for key in keys))
