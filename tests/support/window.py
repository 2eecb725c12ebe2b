"""Fixtures for tests that drive the whole main window over the test sandbox."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from console.api.environments import load_environments
from console.api.secrets import SecretStore
from console.sandbox import EmbeddedSandbox
from console.services.sessions import Sessions
from console.ui.app import session_factory
from console.ui.context import ConsoleContext
from console.ui.main_window import MainWindow
from tests.support.browser import SandboxBrowser
from tests.support.qt import run

PARTNER_SECRET = "sandbox-partner-secret"
MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def environments_file(tmp_path: Path, sandbox: EmbeddedSandbox) -> Path:
    """Production and a second environment pointed at the loopback sandbox; one environment nobody serves."""
    url = sandbox.base_url
    path = tmp_path / "environments.json"
    path.write_text(json.dumps({"environments": {
        "production": {"api_base": url, "auth_base": url, "partner_client_id": "sandbox-partner"},
        "second": {"label": "Second", "api_base": url, "auth_base": url,
                   "partner_client_id": "sandbox-partner", "member_client_id": "sandbox-console",
                   "capabilities": ["search"]},
        "offline": {"label": "Offline", "api_base": "http://127.0.0.1:9", "auth_base": "http://127.0.0.1:9"},
    }}), encoding="utf-8")
    return path


@pytest.fixture
def make_window(qtbot: QtBot, qasync_loop: Any, context: ConsoleContext, sandbox: EmbeddedSandbox,
                environments_file: Path) -> Iterator[Callable[..., MainWindow]]:
    """Builds the window over the test sandbox (already running, so it is not stopped at the end).

    Sessions are made as the application makes them.
    """
    sessions_made: list[Sessions] = []

    def make(browser: Callable[[str], None] | None = None) -> MainWindow:
        environments = load_environments(environments_file)
        sessions = Sessions(
            environments,
            session_factory(context.settings, secrets=SecretStore()),
            start_sandbox=lambda: SimpleNamespace(base_url=sandbox.base_url, stop=lambda: None),
        )
        sessions_made.append(sessions)
        window = MainWindow(context, sessions, open_browser=browser or SandboxBrowser())
        qtbot.addWidget(window)
        window.show()
        return window

    yield make
    for sessions in sessions_made:
        run(qtbot, sessions.aclose())


def started(qtbot: QtBot, window: MainWindow, name: str = "sandbox") -> None:
    run(qtbot, window.start(name))
