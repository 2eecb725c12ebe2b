"""Personal data at rest: Fernet (AES-128-CBC + HMAC-SHA256) with a key kept in the OS keyring.

Without a working keyring there is no key to keep, so the outbox holds personal data in memory only
(`persistent` False) and never writes it to disk, in plain text or otherwise.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from console.api.secrets import SecretStore

log = logging.getLogger(__name__)

KEY_OWNER = "local"
KEY_NAME = "outbox-key"


class PersonalDataCipher:
    """Encrypts and decrypts JSON documents; `persistent` False means: keep them in memory only."""

    def __init__(self, fernet: Fernet | None) -> None:
        self._fernet = fernet

    @property
    def persistent(self) -> bool:
        return self._fernet is not None

    @classmethod
    async def open(cls, secrets: SecretStore) -> PersonalDataCipher:
        """The keyring's outbox key, made and stored on first use; memory-only when no keyring works."""
        key = await secrets.read(KEY_OWNER, KEY_NAME)
        if key is None and secrets.persistent:
            key = Fernet.generate_key().decode("ascii")
            await secrets.write(KEY_OWNER, KEY_NAME, key)
        if key is None or not secrets.persistent:
            log.info("No OS keyring: enrollment details waiting to be sent are kept in memory only")
            return cls(None)
        return cls(Fernet(key.encode("ascii")))

    def seal(self, document: dict[str, Any]) -> bytes | None:
        """The encrypted document, or None when personal data may not leave memory."""
        if self._fernet is None:
            return None
        return self._fernet.encrypt(json.dumps(document, ensure_ascii=False).encode("utf-8"))

    def open_sealed(self, token: bytes | None) -> dict[str, Any] | None:
        """The document back, or None (nothing stored, or sealed with a key this machine no longer has)."""
        if token is None or self._fernet is None:
            return None
        try:
            return json.loads(self._fernet.decrypt(token))
        except (InvalidToken, ValueError):
            log.warning("an outbox entry cannot be decrypted with this machine's key")
            return None
