"""SecretStore: the keyring when there is one, session memory when it is missing or locked."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.api.secrets import SERVICE, SecretStore
from tests.api.keyrings import UNAVAILABLE, FailingKeyring, MemoryKeyring, using


def test_secrets_go_to_the_keyring_namespaced_per_environment() -> None:
    with using(MemoryKeyring()) as backend:
        store = SecretStore()
        store.set("sandbox", "partner.secret", "s3cret-a")
        store.set("certification", "partner.secret", "s3cret-b")

        assert store.persistent
        assert backend.items == {
            (SERVICE, "sandbox/partner.secret"): "s3cret-a",
            (SERVICE, "certification/partner.secret"): "s3cret-b",
        }
        assert store.get("sandbox", "partner.secret") == "s3cret-a"
        assert store.get("production", "partner.secret") is None
        # A second store (a new console run) reads what the first one saved.
        assert SecretStore().get("certification", "partner.secret") == "s3cret-b"


def test_delete_removes_only_that_environment_and_tolerates_missing() -> None:
    with using(MemoryKeyring()) as backend:
        store = SecretStore()
        store.set("sandbox", "k", "a")
        store.set("certification", "k", "b")
        store.delete("sandbox", "k")
        store.delete("sandbox", "never-stored")

        assert store.get("sandbox", "k") is None
        assert backend.items == {(SERVICE, "certification/k"): "b"}


@pytest.mark.parametrize("error", UNAVAILABLE)
def test_missing_or_locked_keyring_keeps_secrets_for_the_session_only(
    error: type[Exception], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    with using(FailingKeyring(error)) as backend:
        store = SecretStore()
        assert store.persistent  # not known until the keyring is used
        store.set("sandbox", "member.refresh_token", "rt-1")

        assert not store.persistent
        assert store.get("sandbox", "member.refresh_token") == "rt-1"
        calls = backend.calls
        store.set("sandbox", "other", "x")
        assert backend.calls == calls  # no more keyring attempts once known to be unavailable
        store.delete("sandbox", "member.refresh_token")
        assert store.get("sandbox", "member.refresh_token") is None
        # Session only: a new store does not see it, and nothing was written to disk.
        assert SecretStore().get("sandbox", "other") is None
        assert not any(tmp_path.rglob("*"))


def test_the_platform_fail_backend_is_known_as_not_persistent_at_once() -> None:
    from keyring.backends import fail

    with using(fail.Keyring()):
        store = SecretStore()
        assert not store.persistent
        store.set("sandbox", "k", "v")
        assert store.get("sandbox", "k") == "v"


def test_empty_names_are_refused() -> None:
    with using(MemoryKeyring()), pytest.raises(ValueError, match="must not be empty"):
        SecretStore().set("", "k", "v")


def test_repr_holds_no_secret() -> None:
    with using(MemoryKeyring()):
        store = SecretStore()
        store.set("sandbox", "k", "very-secret-value")
        assert "very-secret-value" not in repr(store)
