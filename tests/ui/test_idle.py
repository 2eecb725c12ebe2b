"""Idle lock: the watcher locks a signed-in console after the idle time; input postpones it."""

from __future__ import annotations

import time
from types import SimpleNamespace

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from console.ui.context import ConsoleContext
from console.ui.idle import IdleWatcher
from tests.support.qt import stand_in_session


def _signed_in(context: ConsoleContext) -> None:
    env = SimpleNamespace(is_production=False)
    context.set_session(stand_in_session(env=env, signed_in=True, identity=None))


def test_locks_after_idle_time(context: ConsoleContext, qtbot: QtBot) -> None:
    _signed_in(context)
    watcher = IdleWatcher(context)
    watcher.set_limit_seconds(0.2)
    with qtbot.waitSignal(context.sig_locked, timeout=2000):
        pass
    assert context.locked
    watcher.stop()


def test_input_postpones_the_lock(context: ConsoleContext, qtbot: QtBot) -> None:
    _signed_in(context)
    widget = QWidget()
    qtbot.addWidget(widget)
    watcher = IdleWatcher(context)
    watcher.set_limit_seconds(0.4)
    end = time.monotonic() + 0.8
    while time.monotonic() < end:
        event = QMouseEvent(QEvent.Type.MouseMove, QPointF(QPoint(5, 5)), QPointF(QPoint(5, 5)),
                            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)
        qtbot.wait(50)
    assert not context.locked
    qtbot.waitUntil(lambda: context.locked, timeout=2000)
    watcher.stop()


def test_nothing_to_hide_when_signed_out_or_disabled(context: ConsoleContext, qtbot: QtBot) -> None:
    watcher = IdleWatcher(context)
    watcher.set_limit_seconds(0.1)
    qtbot.wait(300)
    assert not context.locked
    _signed_in(context)
    context.settings.idle_lock_minutes = 0
    watcher.set_limit_seconds(None)
    qtbot.wait(200)
    assert not context.locked
    watcher.stop()
