"""Fixtures shared by the whole suite: offscreen Qt and the real sandbox on loopback."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator  # noqa: E402

import httpx  # noqa: E402
import pytest  # noqa: E402

from console.sandbox import EmbeddedSandbox, SandboxConfig, start_embedded  # noqa: E402


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[EmbeddedSandbox]:
    """One sandbox for the session, on a free loopback port, with the default data."""
    with start_embedded(SandboxConfig()) as server:
        yield server


@pytest.fixture
def sandbox(sandbox_server: EmbeddedSandbox) -> EmbeddedSandbox:
    """The session's sandbox, reset to its seeded state, faults off and log cleared."""
    httpx.post(f"{sandbox_server.base_url}/_sandbox/reset").raise_for_status()
    return sandbox_server


@pytest.fixture
def sandbox_url(sandbox: EmbeddedSandbox) -> str:
    return sandbox.base_url
