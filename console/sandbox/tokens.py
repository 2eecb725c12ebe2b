"""RS256 signing key, JWT issuing and cached verification."""

from __future__ import annotations

import json
import secrets
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from console.sandbox.clock import Clock
from console.sandbox.config import AUDIENCE
from console.sandbox.store import Store

COLLECTOR_CLAIM = "https://airmiles.ca/collectorNumber"
_CACHE_LIMIT = 10_000


class Signer:
    """The tenant's key pair (kept in the store, so tokens outlive a restart); signs and verifies tokens,
    caching verified access tokens until exp."""

    def __init__(self, issuer: str, clock: Clock, store: Store) -> None:
        self.issuer, self.clock = issuer, clock
        made = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = made.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        kept = store.keep_meta("signing_key", f"{secrets.token_urlsafe(8)} {pem}")
        self.kid, _, pem = kept.partition(" ")
        key = serialization.load_pem_private_key(pem.encode(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise TypeError("the stored signing key is not an RSA key")
        self._key = key
        self._public = self._key.public_key()
        self._verified: dict[str, dict[str, Any]] = {}

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._public))
        jwk.update(kid=self.kid, use="sig", alg="RS256")
        return {"keys": [jwk]}

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self.kid})

    def access_token(
        self, *, subject: str, client_id: str, scope: str, ttl: int, collector_number: str | None = None
    ) -> str:
        now = int(self.clock.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": subject,
            "aud": AUDIENCE,
            "iat": now,
            "exp": now + ttl,
            "scope": scope,
            "azp": client_id,
            "jti": secrets.token_urlsafe(12),
        }
        if collector_number is None:
            claims["gty"] = "client-credentials"
        else:
            claims[COLLECTOR_CLAIM] = collector_number
        return self.sign(claims)

    def verify(self, token: str) -> dict[str, Any] | None:
        """The claims of a valid, unexpired access token for our audience, else None."""
        claims = self._verified.get(token)
        if claims is None:
            try:
                claims = jwt.decode(
                    token,
                    self._public,
                    algorithms=["RS256"],
                    audience=AUDIENCE,
                    issuer=self.issuer,
                    # Expiry is judged below by the sandbox clock, which a test may have moved on.
                    options={
                        "require": ["exp", "iat", "sub", "azp"],
                        "verify_exp": False,
                        "verify_iat": False,
                    },
                )
            except jwt.PyJWTError:
                return None
            if len(self._verified) >= _CACHE_LIMIT:
                self._verified.clear()
            self._verified[token] = claims
        return claims if claims["exp"] > self.clock.time() else None
