"""Keyring backends for tests: never the real system keyring, never keyrings.alt."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, NoKeyringError, PasswordDeleteError

from tests.support.log_scan import watch


class MemoryKeyring(KeyringBackend):
    """A working keyring that keeps everything in a dict; what it stores is watched by the log scan."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        watch(password)
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class FailingKeyring(KeyringBackend):
    """A keyring whose every method raises ``error`` (NoKeyringError or KeyringLocked)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, error: type[Exception]) -> None:
        super().__init__()
        self.error = error
        self.calls = 0

    def _raise(self, *args: object) -> None:
        self.calls += 1
        raise self.error("keyring not available in this test")

    get_password = set_password = delete_password = _raise  # type: ignore[assignment]


@contextmanager
def using(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """Install ``backend`` as the process keyring for the block, then restore the previous one."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


UNAVAILABLE = (NoKeyringError, KeyringLocked)
