"""The guard against PySide6 6.12's lost references to None and the bools (console/ui/refcount_guard.py)."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
from console.ui.refcount_guard import guard_refcounts
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

guard_refcounts()
app = QApplication([])
label = QLabel()

class Source(QObject):
    changed = Signal()

source = Source()
calls = 30_000  # None starts near 5 000 references, True and False near a few hundred
for _ in range(calls):
    label.setText("x")  # returns None without its reference on PySide6 6.12
    source.changed.connect(app.quit)
    source.changed.disconnect(app.quit)  # returns a bool without its reference on PySide6 6.12
print("survived", calls)
"""


def test_a_long_session_of_calls_that_lose_references_neither_aborts_nor_crashes_at_exit() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True,  # noqa: S603
                            timeout=120, check=False)
    assert "Fatal Python error" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("survived")


def test_the_guard_is_in_place_for_the_suite_and_calling_it_again_changes_nothing() -> None:
    from console.ui.refcount_guard import HEADROOM, guard_refcounts

    if sys.version_info >= (3, 12):
        return  # None and the bools are immortal: nothing to guard
    before = sys.getrefcount(None)
    guard_refcounts()
    assert before >= HEADROOM
    assert abs(sys.getrefcount(None) - before) < 64
