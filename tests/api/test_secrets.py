"""SecretStore: the keyring when there is one, session memory when it is missing or locked."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from console.api.secrets import SERVICE, SecretStore
from tests.support.keyrings import UNAVAILABLE, FailingKeyring, MemoryKeyring, using


async def test_secrets_go_to_the_keyring_namespaced_per_environment() -> None:
    with using(MemoryKeyring()) as backend:
        store = SecretStore()
        await store.write("sandbox", "partner.secret", "s3cret-a")
        await store.write("certification", "partner.secret", "s3cret-b")

        assert store.persistent
        assert backend.items == {
            (SERVICE, "sandbox/partner.secret"): "s3cret-a",
            (SERVICE, "certification/partner.secret"): "s3cret-b",
        }
        assert await store.read("sandbox", "partner.secret") == "s3cret-a"
        assert await store.read("production", "partner.secret") is None
        # A second store (a new console run) reads what the first one saved.
        assert await SecretStore().read("certification", "partner.secret") == "s3cret-b"


async def test_delete_removes_only_that_environment_and_tolerates_missing() -> None:
    with using(MemoryKeyring()) as backend:
        store = SecretStore()
        await store.write("sandbox", "k", "a")
        await store.write("certification", "k", "b")
        await store.remove("sandbox", "k")
        await store.remove("sandbox", "never-stored")

        assert await store.read("sandbox", "k") is None
        assert backend.items == {(SERVICE, "certification/k"): "b"}


@pytest.mark.parametrize("error", UNAVAILABLE)
async def test_missing_or_locked_keyring_keeps_secrets_for_the_session_only(
    error: type[Exception], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    with using(FailingKeyring(error)) as backend:
        store = SecretStore()
        assert store.persistent  # not known until the keyring is used
        await store.write("sandbox", "member.refresh_token", "rt-1")

        assert not store.persistent
        assert await store.read("sandbox", "member.refresh_token") == "rt-1"
        calls = backend.calls
        await store.write("sandbox", "other", "x")
        assert backend.calls == calls  # no more keyring attempts once known to be unavailable
        await store.remove("sandbox", "member.refresh_token")
        assert await store.read("sandbox", "member.refresh_token") is None
        # Session only: a new store does not see it, and nothing was written to disk.
        assert await SecretStore().read("sandbox", "other") is None
        assert not await asyncio.to_thread(lambda: list(tmp_path.rglob("*")))


async def test_the_platform_fail_backend_is_known_as_not_persistent_on_first_use() -> None:
    from keyring.backends import fail

    with using(fail.Keyring()):
        store = SecretStore()
        await store.write("sandbox", "k", "v")
        assert not store.persistent
        assert await store.read("sandbox", "k") == "v"


async def test_empty_names_are_refused() -> None:
    with using(MemoryKeyring()), pytest.raises(ValueError, match="must not be empty"):
        await SecretStore().write("", "k", "v")


async def test_repr_holds_no_secret() -> None:
    with using(MemoryKeyring()):
        store = SecretStore()
        await store.write("sandbox", "k", "very-secret-value")
        assert "very-secret-value" not in repr(store)
