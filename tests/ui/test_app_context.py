"""The shared context and the typed settings."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from console.ui.context import ConsoleContext
from console.ui.settings import Settings
from tests.support.qt import stand_in_session


def _session(production: bool, identity: object = None) -> SimpleNamespace:
    return stand_in_session(env=SimpleNamespace(is_production=production, name="x"), identity=identity)


def test_settings_defaults_and_descriptions(settings: Settings) -> None:
    assert settings.connect_timeout == 5.0
    assert settings.read_timeout == 15.0
    assert settings.idle_lock_minutes == 10
    assert settings.language == "EN"
    assert settings.last_environment == ""
    assert settings.verification_policy == "strict"
    assert settings.verification_lock_minutes == 15
    for _name, option in Settings.options():
        assert Settings.describe(option)


def test_settings_persist_and_signal(settings: Settings, qtbot: QtBot) -> None:
    with qtbot.waitSignal(settings.sig_changed) as blocker:
        settings.idle_lock_minutes = 3
    assert blocker.args == ["security/idle_lock_minutes"]
    settings.verification_policy = "lenient"
    settings.sync()
    again = Settings()
    assert again.idle_lock_minutes == 3
    assert again.verification_policy == "lenient"


def test_settings_reject_bad_values_and_ignore_corrupt_ones(settings: Settings) -> None:
    with pytest.raises(ValueError):
        settings.language = "DE"
    with pytest.raises(ValueError):
        settings.idle_lock_minutes = -1
    store = QSettings(settings.file_name, QSettings.Format.IniFormat)
    store.setValue("network/read_timeout", "not a number")
    store.sync()
    assert Settings().read_timeout == 15.0


def test_reset_restores_defaults(settings: Settings) -> None:
    settings.language = "FR"
    settings.reset()
    assert settings.language == "EN"


def test_busy_counts_nested_requests(context: ConsoleContext, qtbot: QtBot) -> None:
    seen: list[bool] = []
    context.sig_busy_changed.connect(seen.append)
    with context.busy():
        with context.busy():
            assert context.is_busy
        assert context.is_busy
    assert not context.is_busy
    assert seen == [True, False]


def test_busy_is_released_on_error(context: ConsoleContext) -> None:
    with pytest.raises(RuntimeError), context.busy():
        raise RuntimeError("boom")
    assert not context.is_busy


def test_confirm_write_asks_only_in_production(context: ConsoleContext, modal_answers) -> None:
    context.set_session(_session(production=False))
    assert context.confirm_write(None, "enroll")
    assert modal_answers.calls == []
    context.set_session(_session(production=True))
    assert not context.confirm_write(None, "enroll")
    modal_answers.question = QMessageBox.StandardButton.Yes
    assert context.confirm_write(None, "enroll")
    assert modal_answers.kinds() == ["question", "question"]


def test_lock_signals_once(context: ConsoleContext, qtbot: QtBot) -> None:
    locked: list[str] = []
    context.sig_locked.connect(lambda: locked.append("locked"))
    context.sig_unlocked.connect(lambda: locked.append("unlocked"))
    context.lock()
    context.lock()
    assert context.locked
    context.unlock()
    assert locked == ["locked", "unlocked"]


def test_session_change_is_announced_and_staff_identity_names_the_sign_in(
        context: ConsoleContext, qtbot: QtBot) -> None:
    identity = SimpleNamespace(method="partner", display="sandbox-partner")
    session = _session(production=False, identity=identity)
    with qtbot.waitSignal(context.sig_session_changed) as blocker:
        context.set_session(session)
    assert blocker.args == [session]
    assert context.staff_identity().endswith("(partner: sandbox-partner)")


def test_confirm_write_async_asks_outside_the_running_task(
        context: ConsoleContext, modal_answers, qasync_loop, qtbot: QtBot) -> None:
    import asyncio

    context.set_session(_session(production=True))
    modal_answers.question = QMessageBox.StandardButton.Yes
    tasks_when_asked: list[object] = []
    original = context.confirm_write

    def recording(parent, action):
        tasks_when_asked.append(asyncio.current_task())
        return original(parent, action)

    context.confirm_write = recording
    task = asyncio.ensure_future(context.confirm_write_async(None, "enroll"))
    qtbot.waitUntil(task.done)
    assert task.result() is True
    assert tasks_when_asked == [None]  # no task was executing while the (modal) box ran
    assert modal_answers.kinds() == ["question"]
