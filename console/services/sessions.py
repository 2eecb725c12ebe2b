"""The sessions registry: one session per environment, the current one, switching, sign-in helpers, the lock.

Qt-free. The window and the headless commands use the same registry. It announces every change that
matters to what the screen may show (an environment switch starting, a new current session, the current
session signing in or out or renewing its token, the console locking and unlocking) to its subscribers;
the UI adapts these to Qt signals in one place (`console.ui.context`). It also says when the call in
progress ends (CALL_ENDED): the lock keeps the call for the identity that locked it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from console.api.environments import Environment, EnvironmentConfigError, load_environments
from console.api.errors import CollectorError, PartnerSecretMissing, SandboxUnavailable, UnknownEnvironment
from console.api.session import PARTNER_SECRET_KEY, EnvironmentSession, SessionChange

if TYPE_CHECKING:
    from console.api.models import Health
    from console.sandbox import EmbeddedSandbox

log = logging.getLogger(__name__)

DEFAULT_ENVIRONMENT = "sandbox"
SECRET_VARIABLE = "COLLECTOR_CLIENT_SECRET"  # noqa: S105 - the name of an environment variable
"""Where a headless command finds the partner secret when the keyring holds none."""

SessionFactory = Callable[[Environment], EnvironmentSession]
SandboxStarter = Callable[[], "EmbeddedSandbox"]


class Change(StrEnum):
    """What the registry announces."""

    SWITCHING = "switching"
    """Another environment was chosen: member data of the old one must leave the screen now."""
    CURRENT = "current"
    """A session became current (`Sessions.current`; None when the environment could not be opened)."""
    SIGNED_IN = SessionChange.SIGNED_IN.value
    SIGNED_OUT = SessionChange.SIGNED_OUT.value
    TOKEN_RENEWED = SessionChange.TOKEN_RENEWED.value
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    CALL_ENDED = "call_ended"
    """The call in progress (member shown, its verification, recent members) must be forgotten: the
    environment changed or someone signed in or out; while locked this waits for the unlock, and happens
    only when the console unlocks as another identity (or in another environment)."""


SESSION_CHANGES = frozenset({Change.SWITCHING, Change.CURRENT, Change.SIGNED_IN, Change.SIGNED_OUT})


Listener = Callable[[Change], None]


@dataclass(frozen=True)
class LoadedEnvironments:
    """The environments to offer, and whether the user's file had to be ignored."""

    environments: dict[str, Environment]
    ignored_file: Path | None = None


def load_all(user_file: str | Path | None) -> LoadedEnvironments:
    """The bundled environments with the user's file merged over them; a broken user file is ignored."""
    if not user_file:
        return LoadedEnvironments(load_environments())
    path = Path(user_file).expanduser()
    try:
        return LoadedEnvironments(load_environments(path))
    except EnvironmentConfigError as exc:
        log.warning("Ignoring the user environments file: %s", exc)
        return LoadedEnvironments(load_environments(), ignored_file=path)


class Sessions:
    """One `EnvironmentSession` per environment, made on first use; the current one; the console lock.

    An embedded environment starts its sandbox (in a worker thread) the first time it is used.
    """

    def __init__(self, environments: dict[str, Environment], factory: SessionFactory, *,
                 start_sandbox: SandboxStarter | None = None) -> None:
        self.environments = environments
        self._factory = factory
        self._start_sandbox = start_sandbox or _start_default_sandbox
        self._sessions: dict[str, EnvironmentSession] = {}
        self._sandbox: EmbeddedSandbox | None = None
        self._sandbox_starting: asyncio.Future[EmbeddedSandbox] | None = None
        self._listeners: list[Listener] = []
        self._generation = 0
        self._unsubscribe_current: Callable[[], None] | None = None
        self.current: EnvironmentSession | None = None
        self.chosen: Environment | None = None
        """The environment chosen last (set at once, while its session may still be starting)."""
        self.locked = False
        self._locked_as: tuple[str, object] | None = None

    # --- announcements ------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` on every change; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)
        if change in SESSION_CHANGES and not self.locked:
            self._announce(Change.CALL_ENDED)

    # --- the sessions -------------------------------------------------------------------------------

    @property
    def sandbox(self) -> EmbeddedSandbox | None:
        return self._sandbox

    def existing(self, name: str) -> EnvironmentSession | None:
        return self._sessions.get(name)

    async def get(self, name: str) -> EnvironmentSession:
        """The session of environment `name`; may start the sandbox first.

        Raises UnknownEnvironment for a name not configured and SandboxUnavailable when the embedded
        sandbox cannot start.
        """
        if name in self._sessions:
            return self._sessions[name]
        if name not in self.environments:
            raise UnknownEnvironment(name)
        env = self.environments[name]
        if env.embedded and not env.ready:
            sandbox = await self._ensure_sandbox()
            env = env.with_base(sandbox.base_url)
        if name not in self._sessions:  # another caller may have made it while we awaited
            session = self._factory(env)
            await session.load()
            self._sessions.setdefault(name, session)
        return self._sessions[name]

    async def switch(self, name: str) -> EnvironmentSession | None:
        """Make `name` current: the old one's data is cleared at once (SWITCHING), then its session opens.

        Returns the session, or None when another switch started meanwhile. A session opened from the
        keyring signs itself in again (see `resume`). Raises like `get`.
        """
        self._generation += 1
        generation = self._generation
        self.chosen = self.environments.get(name)
        self._make_current(None)
        self._announce(Change.SWITCHING)
        try:
            session = await self.get(name)
        except CollectorError:
            if generation == self._generation:
                self._announce(Change.CURRENT)
            raise
        if generation != self._generation:
            return None
        self._make_current(session)
        self._announce(Change.CURRENT)
        return session

    def make_current(self, session: EnvironmentSession | None) -> None:
        """Make `session` current without a switch (a page shown on its own) and announce it."""
        self._generation += 1
        self._make_current(session)
        self._announce(Change.CURRENT)

    def _make_current(self, session: EnvironmentSession | None) -> None:
        if self._unsubscribe_current is not None:
            self._unsubscribe_current()
            self._unsubscribe_current = None
        self.current = session
        if session is not None:
            self._unsubscribe_current = session.subscribe(lambda change: self._announce(Change(change.value)))

    async def resume(self, session: EnvironmentSession) -> bool:
        """Sign in again from what the keyring kept for that environment; False when nothing usable was kept.

        A failure to reach the service is logged and counts as not resumed: the user signs in by hand.
        """
        if session.signed_in:
            return True
        try:
            return await session.resume()
        except CollectorError as exc:
            log.info("Could not resume the %s session: %s", session.env.name, type(exc).__name__)
            return False

    async def sign_in_demo(self, session: EnvironmentSession) -> bool:
        """Sign in as the sandbox's demo partner where the environment has one; True when signed in."""
        demo = session.env.demo_partner
        if demo is None:
            return session.signed_in
        if not session.signed_in:
            await session.sign_in_partner(demo[0], demo[1], remember=False)
        return True

    async def health(self, session: EnvironmentSession) -> Health:
        """The service's health (no sign-in needed); raises the client's errors."""
        return await session.client.health()

    # --- the lock -----------------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide member data: the console locked after idle time (the sessions stay signed in)."""
        if not self.locked:
            self.locked = True
            self._locked_as = self._who()
            self._announce(Change.LOCKED)

    def unlock(self) -> None:
        """Show member data again: the same identity gets its call back; anyone else starts clean."""
        if self.locked:
            self.locked = False
            if self._who() != self._locked_as or self._locked_as is None:
                self._announce(Change.CALL_ENDED)
            self._locked_as = None
            self._announce(Change.UNLOCKED)

    def _who(self) -> tuple[str, object] | None:
        """The environment and identity signed in now (None when signed out)."""
        session = self.current
        if session is None or not session.signed_in or session.identity is None:
            return None
        return session.env.name, session.identity

    # --- the embedded sandbox and closing ------------------------------------------------------------

    async def _ensure_sandbox(self) -> EmbeddedSandbox:
        if self._sandbox is not None:
            return self._sandbox
        if self._sandbox_starting is None:
            self._sandbox_starting = asyncio.get_running_loop().run_in_executor(None, self._start_sandbox)
        try:
            self._sandbox = await asyncio.shield(self._sandbox_starting)
        except Exception as exc:  # a port or disk problem: logged, and said in words by the UI
            self._sandbox_starting = None
            log.exception("The embedded sandbox did not start")
            raise SandboxUnavailable() from exc
        log.info("Embedded sandbox at %s", self._sandbox.base_url)
        return self._sandbox

    async def aclose(self) -> None:
        """Close every session's connections and stop the sandbox (in a worker thread)."""
        self._make_current(None)
        sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            try:
                await asyncio.wait_for(session.aclose(), 5)
            except Exception:
                log.exception("Closing the %s session failed", session.env.name)
        starting = self._sandbox_starting
        if self._sandbox is None and starting is not None:
            with contextlib.suppress(Exception):
                self._sandbox = await starting
        if self._sandbox is not None:
            sandbox, self._sandbox = self._sandbox, None
            await asyncio.get_running_loop().run_in_executor(None, sandbox.stop)


def _start_default_sandbox() -> EmbeddedSandbox:
    """The console's own sandbox, keeping its data in the console's data folder."""
    from console.sandbox import SandboxConfig, start_embedded
    from console.sandbox.config import embedded_db_path

    return start_embedded(SandboxConfig(db=str(embedded_db_path())))


@contextlib.asynccontextmanager
async def partner_session(
    env_name: str,
    *,
    environments_file: str | Path | None = None,
    factory: SessionFactory | None = None,
    start_sandbox: SandboxStarter | None = None,
) -> AsyncIterator[EnvironmentSession]:
    """A session of `env_name` signed in as a partner, for headless commands; closed (sandbox too) after.

    The client id is the environment's `partner_client_id`; the secret comes from the keyring (a partner
    remembered in the console), else from the `COLLECTOR_CLIENT_SECRET` variable; the embedded sandbox
    signs in as its demo partner. Raises EnvironmentConfigError for a broken `environments_file`,
    UnknownEnvironment, PartnerSecretMissing, and the sign-in's own errors.
    """
    path = Path(environments_file) if environments_file else None
    environments = await asyncio.to_thread(load_environments, path.expanduser() if path else None)
    registry = Sessions(environments, factory or EnvironmentSession, start_sandbox=start_sandbox)
    try:
        session = await registry.get(env_name)
        if not await registry.sign_in_demo(session):
            client_id, secret, remembered = await _partner_credentials(session)
            await session.sign_in_partner(client_id, secret, remember=remembered)
        yield session
    finally:
        await registry.aclose()


async def _partner_credentials(session: EnvironmentSession) -> tuple[str, str, bool]:
    """Client id, secret, and whether they are the ones the keyring remembers (so they stay remembered)."""
    env = session.env
    remembered = session.remembered_partner
    if remembered is not None:
        secret = await session.secrets.read(env.name, PARTNER_SECRET_KEY)
        if secret:
            return remembered, secret, True
    client_id = env.partner_client_id
    secret = os.environ.get(SECRET_VARIABLE, "")
    if not client_id or not secret:
        raise PartnerSecretMissing(env.label)
    return client_id, secret, False
