"""The one secure path for secrets: the OS keyring, or session memory when there is none.

Refresh tokens and remembered partner secrets go through a :class:`SecretStore`. When the
keyring is missing (common on headless Linux) or locked, values are kept in memory for this
session only and :attr:`SecretStore.persistent` turns ``False`` so the UI can say so.
Nothing is ever written to a plain file.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backends import fail, null
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE = "collector-console"


class SecretStore:
    """Secrets namespaced per environment, in the keyring or (fallback) in session memory."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service
        self._memory: dict[str, str] = {}
        self._persistent = not isinstance(keyring.get_keyring(), fail.Keyring | null.Keyring)

    @property
    def persistent(self) -> bool:
        """True while secrets reach the OS keyring; False once they live in memory only."""
        return self._persistent

    def get(self, env_name: str, key: str) -> str | None:
        name = _name(env_name, key)
        if self._persistent:
            try:
                return keyring.get_password(self._service, name)
            except KeyringError as exc:
                self._fall_back(exc)
        return self._memory.get(name)

    def set(self, env_name: str, key: str, value: str) -> None:
        name = _name(env_name, key)
        if self._persistent:
            try:
                keyring.set_password(self._service, name, value)
                return
            except KeyringError as exc:
                self._fall_back(exc)
        self._memory[name] = value

    def delete(self, env_name: str, key: str) -> None:
        name = _name(env_name, key)
        self._memory.pop(name, None)
        if self._persistent:
            try:
                keyring.delete_password(self._service, name)
            except PasswordDeleteError:
                pass  # nothing stored under that name
            except KeyringError as exc:
                self._fall_back(exc)

    def _fall_back(self, exc: KeyringError) -> None:
        self._persistent = False
        log.info("OS keyring unavailable (%s); secrets are kept for this session only", type(exc).__name__)

    def __repr__(self) -> str:
        return f"<SecretStore service={self._service!r} persistent={self._persistent}>"


def _name(env_name: str, key: str) -> str:
    if not env_name or not key:
        raise ValueError("environment name and key must not be empty")
    return f"{env_name}/{key}"
