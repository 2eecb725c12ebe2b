"""The enrollment form being typed, kept as an encrypted draft so a crash or a kill loses nothing.

One file beside the outbox, written whole (temporary file, fsync, rename) so it is either the old or
the new draft, never half of one. Encrypted like the outbox (`outbox_crypto`); without a keyring no
draft is written at all (the window says personal data stays in memory).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from console.services.outbox import OutboxOpener, default_path
from console.services.outbox_crypto import PersonalDataCipher

FILE_NAME = "draft.bin"
T = TypeVar("T")


class Drafts:
    """Save, load and clear the one form draft."""

    def __init__(self, path: Path, cipher: PersonalDataCipher) -> None:
        self.path = path
        self._cipher = cipher
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drafts")
        """One thread, so a clear after a save always lands after it."""

    @property
    def persistent(self) -> bool:
        return self._cipher.persistent

    async def save(self, document: dict[str, Any]) -> bool:
        """Replace the draft with `document`; False when drafts cannot be kept (no keyring)."""
        sealed = self._cipher.seal(document)
        if sealed is None:
            return False
        await self._io(lambda: self._write(sealed))
        return True

    async def load(self) -> dict[str, Any] | None:
        """The draft left by an earlier run, or None."""
        sealed = await self._io(self._read)
        return self._cipher.open_sealed(sealed)

    async def clear(self) -> None:
        await self._io(self._remove)

    async def _io(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._worker, work)

    def _write(self, sealed: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        with temporary.open("wb") as file:
            file.write(sealed)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)

    def _read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def _remove(self) -> None:
        self.path.unlink(missing_ok=True)


class DraftsOpener:
    """The drafts, opened when first needed, sealed with the outbox's key."""

    def __init__(self, outbox: OutboxOpener, path: Path | None = None) -> None:
        self._outbox = outbox
        self.path = path
        self._drafts: Drafts | None = None

    def exists(self) -> bool:
        """Is there a draft file? (One stat call: cheap enough for the UI thread.)"""
        return (self.path or default_path().with_name(FILE_NAME)).exists()

    async def get(self) -> Drafts:
        if self._drafts is None:
            box = await self._outbox.get()
            self._drafts = Drafts(self.path or default_path().with_name(FILE_NAME), box.cipher)
        return self._drafts
