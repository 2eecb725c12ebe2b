"""Sessions whose HTTP work runs on the network thread, used from the UI loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from console.api.environments import load_environments
from console.api.secrets import SecretStore
from console.api.session import EnvironmentSession
from console.sandbox import EmbeddedSandbox
from console.ui.network import NetworkThread, ThreadedSession
from tests.ui.helpers import run

Threaded = tuple[ThreadedSession, NetworkThread]


@pytest.fixture
def threaded(qasync_loop: Any, sandbox: EmbeddedSandbox, qtbot: QtBot,
             network: NetworkThread) -> Iterator[Threaded]:
    env = load_environments()["sandbox"].with_base(sandbox.base_url)
    session = ThreadedSession(EnvironmentSession(env, secrets=SecretStore()), network)
    yield session, network
    run(qtbot, network.drain())
    run(qtbot, session.aclose())


def test_requests_run_on_the_network_thread_and_exchanges_reach_the_ui_thread(
        threaded: Threaded, qtbot: QtBot) -> None:
    session, _network = threaded
    seen: list[str] = []
    session.exchange_log.subscribe(lambda exchange: seen.append(threading.current_thread().name))
    run(qtbot, session.sign_in_partner("sandbox-partner", "sandbox-partner-secret"))
    assert session.signed_in
    assert session.identity.method == "partner"
    summary = run(qtbot, session.client.get_summary("80000000007"))
    assert summary.collector_number == "80000000007"
    qtbot.waitUntil(lambda: bool(seen))
    assert set(seen) == {threading.main_thread().name}


def test_cancelling_on_the_ui_cancels_the_request(threaded: Threaded,
                                                  qtbot: QtBot, sandbox: EmbeddedSandbox) -> None:
    session, network = threaded
    run(qtbot, session.sign_in_partner("sandbox-partner", "sandbox-partner-secret"))
    httpx.put(f"{sandbox.base_url}/_sandbox/faults", json={"latencyMs": 5000}).raise_for_status()
    task = asyncio.ensure_future(session.client.get_summary("80000000007"))
    qtbot.waitUntil(lambda: bool(asyncio.all_tasks(network.loop)))
    task.cancel()
    qtbot.waitUntil(task.done)
    assert task.cancelled()
    qtbot.waitUntil(lambda: not asyncio.all_tasks(network.loop), timeout=2000)
