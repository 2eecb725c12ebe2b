"""The one secure path for secrets: the OS keyring, or session memory when there is none.

Refresh tokens and remembered partner secrets go through a :class:`SecretStore`. When the
keyring is missing (common on headless Linux) or locked, values are kept in memory for this
session only and :attr:`SecretStore.persistent` turns ``False`` so the UI can say so.
Nothing is ever written to a plain file.

Keyring calls can block (a desktop keyring may ask the user, D-Bus may be slow), so every
operation is a coroutine that runs the keyring in the store's own worker thread, never on the
caller's loop. The work is handed over as an argument-less closure on a plain executor, so no event
loop's debug log ever sees a secret as an argument or a result.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import keyring
from keyring.backends import fail, null
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE = "collector-console"
T = TypeVar("T")


class SecretStore:
    """Secrets namespaced per environment, in the keyring or (fallback) in session memory."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service
        self._memory: dict[str, str] = {}
        self._persistent: bool | None = None  # None: the keyring was not tried yet
        self._worker: ThreadPoolExecutor | None = None

    @property
    def persistent(self) -> bool:
        """True while secrets reach the OS keyring; False once they live in memory only."""
        return self._persistent is not False

    async def read(self, env_name: str, key: str) -> str | None:
        name = _name(env_name, key)
        if await self._use_keyring():
            try:
                return await self._off_loop(lambda: keyring.get_password(self._service, name))
            except KeyringError as exc:
                self._fall_back(exc)
        return self._memory.get(name)

    async def write(self, env_name: str, key: str, value: str) -> None:
        name = _name(env_name, key)
        if await self._use_keyring():
            try:
                await self._off_loop(lambda: keyring.set_password(self._service, name, value))
                return
            except KeyringError as exc:
                self._fall_back(exc)
        self._memory[name] = value

    async def remove(self, env_name: str, key: str) -> None:
        name = _name(env_name, key)
        self._memory.pop(name, None)
        if await self._use_keyring():
            try:
                await self._off_loop(lambda: keyring.delete_password(self._service, name))
            except PasswordDeleteError:
                pass  # nothing stored under that name
            except KeyringError as exc:
                self._fall_back(exc)

    async def _use_keyring(self) -> bool:
        if self._persistent is None:
            backend = await self._off_loop(keyring.get_keyring)
            self._persistent = not isinstance(backend, fail.Keyring | null.Keyring)
            if not self._persistent:
                log.info("No OS keyring; secrets are kept for this session only")
        return self._persistent

    async def _off_loop(self, work: Callable[[], T]) -> T:
        """Run `work` in the store's worker thread (one at a time: keyrings are not all thread-safe)."""
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="keyring")
        return await asyncio.get_running_loop().run_in_executor(self._worker, work)

    def _fall_back(self, exc: KeyringError) -> None:
        self._persistent = False
        log.info("OS keyring unavailable (%s); secrets are kept for this session only", type(exc).__name__)

    def __repr__(self) -> str:
        return f"<SecretStore service={self._service!r} persistent={self.persistent}>"


def _name(env_name: str, key: str) -> str:
    if not env_name or not key:
        raise ValueError("environment name and key must not be empty")
    return f"{env_name}/{key}"
