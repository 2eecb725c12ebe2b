"""Keep the references PySide6 6.12 loses on None, True and False from ever freeing them.

PySide6 / shiboken6 6.12.0 hands back None from many wrapped methods that return nothing
(`QLabel.setText`, `QWidget.hide`, `setAccessibleDescription`, `QTimer.start`, ...) without the
reference that goes with it, and does the same with a bool from `SignalInstance.disconnect`: each such
call takes one off the object's reference count (measured: -1.00 per call; 6.11.3 measured unaffected).
On Python 3.11 these objects are reference-counted like any other: about 5 000 `setText` calls after
start-up take None's count to zero and the process aborts ("Fatal Python error: none_dealloc", or
"bool_dealloc"), during a long session or at exit. Python 3.12 and later make them immortal, and the
lost references do no harm there.

`guard_refcounts()` gives each of them a reference count no session can use up. The running console
calls it once its window has painted (`console.__main__`: the first paint makes a few hundred such
calls, and ctypes stays out of it); the tests call it from tests/conftest.py.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 60
"""References added to each object: at a million lost per second, some 36 000 years of headroom."""

FALLBACK_REFERENCES = 4_000_000
"""Where the reference count cannot be reached directly: references held instead (32 MB each)."""

_held: dict[int, list[object]] = {}


def guard_refcounts() -> None:
    """Make None, True and False outlive any number of lost references (Python 3.11; a no-op later)."""
    if sys.version_info >= (3, 12):
        return  # immortal objects
    for singleton in (None, True, False):
        _raise_refcount(singleton)


def _raise_refcount(singleton: object) -> None:
    if sys.implementation.name == "cpython":
        count = ctypes.c_ssize_t.from_address(id(singleton))  # `ob_refcnt` opens every CPython object
        if count.value >= HEADROOM:
            return  # guarded already
        if abs(count.value - sys.getrefcount(singleton)) < 64:  # the layout is the one we know
            count.value += HEADROOM
            return
    if id(singleton) not in _held:  # otherwise never write: hold references instead
        _held[id(singleton)] = [singleton] * FALLBACK_REFERENCES
