"""The sessions registry against the real sandbox: switching, announcements, resuming, the lock, headless."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from console.api.environments import Environment, EnvironmentConfigError, load_environments
from console.api.errors import PartnerSecretMissing, SandboxUnavailable, UnknownEnvironment, WrongCredentials
from console.api.session import EnvironmentSession
from console.sandbox import EmbeddedSandbox
from console.services.sessions import Change, Sessions, load_all, partner_session
from tests.support.keyrings import MemoryKeyring, using

PARTNER = ("sandbox-partner", "sandbox-partner-secret")


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[MemoryKeyring]:
    with using(MemoryKeyring()) as backend:
        yield backend  # type: ignore[misc]


@pytest.fixture
def environments(sandbox: EmbeddedSandbox) -> dict[str, Environment]:
    url = sandbox.base_url
    bundled = load_environments()
    second = bundled["certification"].model_copy(update={
        "name": "second", "label": "Second", "api_base": url, "auth_base": url,
        "partner_client_id": PARTNER[0], "kind": "custom"})
    return {**bundled, "second": second}


def registry(environments: dict[str, Environment], sandbox: EmbeddedSandbox) -> Sessions:
    return Sessions(environments, EnvironmentSession,
                    start_sandbox=lambda: SimpleNamespace(base_url=sandbox.base_url, stop=lambda: None))


async def test_a_switch_clears_at_once_then_announces_the_new_current_session(
        environments: dict[str, Environment], sandbox: EmbeddedSandbox) -> None:
    sessions = registry(environments, sandbox)
    seen: list[tuple[Change, str | None]] = []
    sessions.subscribe(lambda change: seen.append(
        (change, sessions.current.env.name if sessions.current else None)))
    try:
        first = await sessions.switch("sandbox")
        assert first is sessions.current and first.env.ready
        await sessions.switch("second")
        ended = (Change.CALL_ENDED, None)
        assert seen == [(Change.SWITCHING, None), ended, (Change.CURRENT, "sandbox"),
                        (Change.CALL_ENDED, "sandbox"),
                        (Change.SWITCHING, None), ended, (Change.CURRENT, "second"),
                        (Change.CALL_ENDED, "second")]
        assert sessions.existing("sandbox") is first  # one session per environment, kept
    finally:
        await sessions.aclose()


async def test_the_current_sessions_changes_are_announced_and_an_old_ones_are_not(
        environments: dict[str, Environment], sandbox: EmbeddedSandbox) -> None:
    sessions = registry(environments, sandbox)
    seen: list[Change] = []
    try:
        old = await sessions.switch("sandbox")
        assert old is not None
        current = await sessions.switch("second")
        assert current is not None
        sessions.subscribe(seen.append)
        await old.sign_in_partner(*PARTNER)  # not the current one: nothing to show
        await current.sign_in_partner(*PARTNER)
        await current.client.get_summary("80000000007")
        await current.sign_out()
        assert seen == [Change.TOKEN_RENEWED, Change.SIGNED_IN, Change.CALL_ENDED,
                        Change.SIGNED_OUT, Change.CALL_ENDED]
    finally:
        await sessions.aclose()


async def test_a_switch_that_was_overtaken_returns_none(
        environments: dict[str, Environment], sandbox: EmbeddedSandbox) -> None:
    import asyncio

    sessions = registry(environments, sandbox)
    try:
        slow, fast = await asyncio.gather(sessions.switch("sandbox"), sessions.switch("second"))
        assert slow is None
        assert fast is sessions.current and fast is not None and fast.env.name == "second"
    finally:
        await sessions.aclose()


@pytest.mark.allow_log_warnings
async def test_unknown_names_and_a_sandbox_that_cannot_start_are_errors_of_their_own(
        environments: dict[str, Environment]) -> None:
    def broken() -> SimpleNamespace:
        raise OSError("address in use")

    sessions = Sessions(environments, EnvironmentSession, start_sandbox=broken)
    seen: list[Change] = []
    sessions.subscribe(seen.append)
    with pytest.raises(UnknownEnvironment):
        await sessions.get("staging")
    with pytest.raises(SandboxUnavailable):
        await sessions.switch("sandbox")
    assert sessions.current is None
    assert seen == [Change.SWITCHING, Change.CALL_ENDED, Change.CURRENT, Change.CALL_ENDED]
    await sessions.aclose()


async def test_resume_signs_in_again_from_the_keyring(
        environments: dict[str, Environment], sandbox: EmbeddedSandbox) -> None:
    first_run = registry(environments, sandbox)
    session = await first_run.get("second")
    await session.sign_in_partner(*PARTNER, remember=True)
    await first_run.aclose()

    second_run = registry(environments, sandbox)
    try:
        again = await second_run.switch("second")
        assert again is not None and again.remembered_partner == PARTNER[0] and not again.signed_in
        assert await second_run.resume(again)
        assert again.identity is not None and again.identity.client_id == PARTNER[0]
    finally:
        await second_run.aclose()


async def test_the_demo_sign_in_is_for_the_sandbox_only(
        environments: dict[str, Environment], sandbox: EmbeddedSandbox) -> None:
    sessions = registry(environments, sandbox)
    try:
        demo = await sessions.get("sandbox")
        other = await sessions.get("second")
        assert await sessions.sign_in_demo(demo) and demo.signed_in
        assert not await sessions.sign_in_demo(other) and not other.signed_in
        assert (await sessions.health(other)).status == "UP"
    finally:
        await sessions.aclose()


def test_lock_and_unlock_are_announced_once() -> None:
    sessions = Sessions({}, EnvironmentSession)
    seen: list[Change] = []
    unsubscribe = sessions.subscribe(seen.append)
    sessions.lock()
    sessions.lock()
    assert sessions.locked
    sessions.unlock()
    unsubscribe()
    sessions.lock()
    assert seen == [Change.LOCKED, Change.CALL_ENDED, Change.UNLOCKED]  # nobody was signed in: no call kept


async def test_the_lock_keeps_the_call_for_the_same_identity_only(
        environments: dict[str, Environment], sandbox: EmbeddedSandbox) -> None:
    sessions = registry(environments, sandbox)
    seen: list[Change] = []
    try:
        session = await sessions.switch("sandbox")
        assert session is not None
        await session.sign_in_partner(*PARTNER)
        sessions.subscribe(lambda change: seen.append(change) if change != Change.TOKEN_RENEWED else None)
        sessions.lock()
        await session.sign_in_partner(*PARTNER)  # unlocking proves the same partner again
        sessions.unlock()
        assert seen == [Change.LOCKED, Change.SIGNED_IN, Change.UNLOCKED]
        seen.clear()
        sessions.lock()
        await session.sign_out()
        await session.sign_in_partner("sandbox-readonly", "sandbox-readonly-secret")
        sessions.unlock()
        assert seen == [Change.LOCKED, Change.SIGNED_OUT, Change.SIGNED_IN,
                        Change.CALL_ENDED, Change.UNLOCKED]
    finally:
        await sessions.aclose()


@pytest.mark.allow_log_warnings
def test_a_broken_user_file_is_ignored_and_named(tmp_path: Path) -> None:
    broken = tmp_path / "mine.json"
    broken.write_text("{not json", encoding="utf-8")
    loaded = load_all(broken)
    assert loaded.ignored_file == broken and "sandbox" in loaded.environments
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"environments": {"lab": {
        "label": "Lab", "kind": "custom", "api_base": "http://127.0.0.1:9", "auth_base": "http://127.0.0.1:9"}}}),
        encoding="utf-8")
    assert load_all(good).ignored_file is None and "lab" in load_all(good).environments
    assert load_all("").environments.keys() == load_environments().keys()


# Headless ----------------------------------------------------------------------------------------

def user_file(tmp_path: Path, sandbox: EmbeddedSandbox) -> Path:
    path = tmp_path / "environments.json"
    url = sandbox.base_url
    path.write_text(json.dumps({"environments": {"lab": {
        "label": "Lab", "kind": "custom", "api_base": url, "auth_base": url,
        "partner_client_id": PARTNER[0]}}}), encoding="utf-8")
    return path


async def test_headless_sign_in_on_the_embedded_sandbox_uses_its_demo_partner(
        sandbox: EmbeddedSandbox) -> None:
    stopped: list[bool] = []
    starter = lambda: SimpleNamespace(base_url=sandbox.base_url, stop=lambda: stopped.append(True))  # noqa: E731
    async with partner_session("sandbox", start_sandbox=starter) as session:
        assert session.identity is not None and session.identity.client_id == PARTNER[0]
        assert (await session.client.get_summary("80000000007")).tier == "G"
    assert stopped == [True]


async def test_headless_sign_in_takes_the_secret_from_the_environment_variable(
        tmp_path: Path, sandbox: EmbeddedSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    path = user_file(tmp_path, sandbox)
    monkeypatch.delenv("COLLECTOR_CLIENT_SECRET", raising=False)
    with pytest.raises(PartnerSecretMissing):
        async with partner_session("lab", environments_file=path):
            pass
    monkeypatch.setenv("COLLECTOR_CLIENT_SECRET", "not-the-secret")
    with pytest.raises(WrongCredentials):
        async with partner_session("lab", environments_file=path):
            pass
    monkeypatch.setenv("COLLECTOR_CLIENT_SECRET", PARTNER[1])
    async with partner_session("lab", environments_file=path) as session:
        assert session.signed_in and session.env.label == "Lab"


async def test_headless_sign_in_prefers_the_partner_the_console_remembers(
        tmp_path: Path, sandbox: EmbeddedSandbox, monkeypatch: pytest.MonkeyPatch,
        keyring_backend: MemoryKeyring) -> None:
    path = user_file(tmp_path, sandbox)
    monkeypatch.setenv("COLLECTOR_CLIENT_SECRET", "not-the-secret")
    env = load_environments(path)["lab"]
    console = EnvironmentSession(env)
    await console.sign_in_partner(*PARTNER, remember=True)
    await console.aclose()
    async with partner_session("lab", environments_file=path) as session:
        assert session.signed_in
    assert ("collector-console", "lab/partner.secret") in keyring_backend.items  # still remembered


async def test_headless_sign_in_reports_a_broken_file_and_an_unknown_name(
        tmp_path: Path, sandbox: EmbeddedSandbox) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("[]", encoding="utf-8")
    with pytest.raises(EnvironmentConfigError):
        async with partner_session("lab", environments_file=broken):
            pass
    with pytest.raises(UnknownEnvironment):
        async with partner_session("nowhere", environments_file=user_file(tmp_path, sandbox)):
            pass
