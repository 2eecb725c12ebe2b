"""Fixtures shared by the whole suite: offscreen Qt and the real sandbox on loopback."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import logging
from collections.abc import Iterator

import httpx
import pytest

from console.sandbox import EmbeddedSandbox, SandboxConfig, start_embedded
from console.ui.refcount_guard import guard_refcounts

guard_refcounts()  # PySide6 6.12 loses references to None and the bools: see console/ui/refcount_guard.py

pytest_plugins = ["tests.support.log_scan"]


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


class _WarningCollector(logging.Handler):
    """Collects WARNING and worse records logged while a test runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_warning_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that logs a WARNING it did not expect (mark it `allow_log_warnings` to expect them)."""
    collector = _WarningCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield
    finally:
        root.removeHandler(collector)
    if collector.records and request.node.get_closest_marker("allow_log_warnings") is None:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in collector.records)
        pytest.fail(f"unexpected warning logs:\n{lines}", pytrace=False)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the UI tests last: their qasync loop stays the running loop until the session ends,
    and pytest-asyncio cannot start a loop of its own after that."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/ui/"))
