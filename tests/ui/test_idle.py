"""Idle lock: a warning a minute before with "Continue working", then the lock; input postpones both.

The watcher reads an injected clock and is checked by hand: no test waits on the wall clock.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from console.ui.context import ConsoleContext
from console.ui.idle import WARNING_SECONDS, IdleWarning, IdleWatcher
from tests.support.qt import stand_in_session


class Clock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def _signed_in(context: ConsoleContext) -> None:
    env = SimpleNamespace(is_production=False, name="sandbox")
    context.set_session(stand_in_session(env=env, signed_in=True, identity=None))


def _move_mouse(widget: QWidget) -> None:
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(QPoint(5, 5)), QPointF(QPoint(5, 5)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_warns_a_minute_before_then_locks(context: ConsoleContext, qtbot: QtBot) -> None:
    _signed_in(context)
    clock = Clock()
    watcher = IdleWatcher(context, clock=clock)
    watcher.set_limit_seconds(600)
    warning = IdleWarning(watcher)
    qtbot.addWidget(warning)
    warning.show()
    warning.hide()
    clock.now += 600 - WARNING_SECONDS - 1
    watcher.check()
    assert not watcher.warning and warning.isHidden()
    clock.now += 1
    with qtbot.waitSignal(watcher.sig_warning) as warned:
        watcher.check()
    assert warned.args == [60.0]
    assert not warning.isHidden()
    assert warning.message.text() == (
        "No input for a while: the console locks in 60 seconds and hides member data.")
    clock.now += 59
    warning.refresh()
    assert "locks in 1 second and" in warning.message.text()
    assert not context.locked
    clock.now += 1
    with qtbot.waitSignal(context.sig_locked):
        watcher.check()
    assert context.locked and warning.isHidden()
    watcher.stop()


def test_continue_working_and_input_put_the_lock_off(context: ConsoleContext, qtbot: QtBot) -> None:
    _signed_in(context)
    clock = Clock()
    typing = QLineEdit()
    qtbot.addWidget(typing)
    watcher = IdleWatcher(context, clock=clock)
    watcher.set_limit_seconds(120)
    warning = IdleWarning(watcher)
    qtbot.addWidget(warning)
    clock.now += 70
    watcher.check()
    assert watcher.warning
    warning.continue_button.click()
    assert not watcher.warning and warning.isHidden()
    assert watcher.seconds_left() == 120
    clock.now += 119
    watcher.check()
    assert watcher.warning and not context.locked
    _move_mouse(typing)  # any input counts as working
    assert not watcher.warning and warning.isHidden()
    clock.now += 119
    watcher.check()
    assert not context.locked
    watcher.stop()


def test_nothing_to_hide_when_signed_out_or_disabled(context: ConsoleContext, qtbot: QtBot) -> None:
    clock = Clock()
    watcher = IdleWatcher(context, clock=clock)
    watcher.set_limit_seconds(10)
    clock.now += 1000
    watcher.check()
    assert not context.locked and not watcher.warning
    _signed_in(context)
    context.settings.idle_lock_minutes = 0
    watcher.set_limit_seconds(None)
    clock.now += 100_000
    watcher.check()
    assert not context.locked
    watcher.stop()


def test_the_timer_does_the_checking(context: ConsoleContext, qtbot: QtBot) -> None:
    """The real single-shot timer fires the same check (a limit of 50 ms: no assertion on elapsed time)."""
    _signed_in(context)
    watcher = IdleWatcher(context)
    watcher.set_limit_seconds(0.05)
    with qtbot.waitSignal(context.sig_locked, timeout=5000):
        pass
    watcher.stop()
