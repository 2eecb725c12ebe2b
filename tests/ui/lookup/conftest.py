"""Lookup fixtures: a sandbox with 10 000 members for this folder, signed-in sessions, the pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtWidgets import QLabel, QWidget

from console.api.client import ClientSettings
from console.api.environments import Environment, load_environments
from console.api.session import EnvironmentSession
from console.audit import AuditLog
from console.sandbox import EmbeddedSandbox, SandboxConfig, start_embedded
from console.ui.context import ConsoleContext
from console.ui.lookup import MemberPage, SearchPage
from tests.support.browser import SandboxBrowser
from tests.support.qt import run

MEMBERS = 10_000
PARTNER = ("sandbox-partner", "sandbox-partner-secret")
READONLY = ("sandbox-readonly", "sandbox-readonly-secret")


@pytest.fixture(scope="module")
def big_sandbox() -> Iterator[EmbeddedSandbox]:
    """A sandbox seeded with 10 000 members, shared by the tests of one module."""
    with start_embedded(SandboxConfig(members=MEMBERS)) as server:
        yield server


@pytest.fixture
def sandbox_faults(big_sandbox: EmbeddedSandbox) -> Iterator[str]:
    """The faults URL; every fault is switched off again after the test."""
    url = f"{big_sandbox.base_url}/_sandbox/faults"
    yield url
    httpx.put(url, json={}).raise_for_status()


@pytest.fixture
def environment(big_sandbox: EmbeddedSandbox) -> Environment:
    return load_environments()["sandbox"].with_base(big_sandbox.base_url)


class Sessions:
    """Makes signed-in sessions and closes them all at teardown."""

    def __init__(self, qtbot: Any, environment: Environment) -> None:
        self.qtbot = qtbot
        self.environment = environment
        self.made: list[EnvironmentSession] = []

    def make(self, environment: Environment | None = None, **settings: Any) -> EnvironmentSession:
        session = EnvironmentSession(
            environment or self.environment,
            settings=ClientSettings(**settings) if settings else None,
        )
        self.made.append(session)
        return session

    def partner(self, credentials: tuple[str, str] = PARTNER, **kwargs: Any) -> EnvironmentSession:
        session = self.make(**kwargs)
        run(self.qtbot, session.sign_in_partner(*credentials))
        return session

    def member(self, **browser: str) -> EnvironmentSession:
        session = self.make()
        run(self.qtbot, session.sign_in_member("email", SandboxBrowser(**browser), timeout=20))
        return session

    def close(self) -> None:
        for session in self.made:
            run(self.qtbot, session.aclose())


@pytest.fixture
def sessions(qtbot: Any, qasync_loop: Any, environment: Environment) -> Iterator[Sessions]:
    made = Sessions(qtbot, environment)
    yield made
    made.close()


@pytest.fixture
def audit(tmp_path: Path) -> AuditLog:
    return AuditLog(tmp_path / "audit.jsonl")


def _shown(page: QWidget) -> Iterator[QWidget]:
    """Show a page; at teardown cancel its requests while it still exists, then delete it."""
    page.resize(1100, 700)
    page.show()
    yield page
    page.clear()
    page.close()
    page.deleteLater()


@pytest.fixture
def search_page(qasync_loop: Any, context: ConsoleContext) -> Iterator[SearchPage]:
    yield from _shown(SearchPage(context))


@pytest.fixture
def member_page(qasync_loop: Any, context: ConsoleContext, audit: AuditLog) -> Iterator[MemberPage]:
    yield from _shown(MemberPage(context, audit=audit))


def shown_texts(widget: QWidget) -> str:
    """Every label text under `widget`, for asserting what a person could read."""
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))
