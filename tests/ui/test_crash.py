"""The crash path: reports are redacted, saved, and shown without closing the console."""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from console.ui.crash import CrashDialog, CrashHandler


def _raise_with_pii() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise ValueError("lookup failed for jane.doe@example.com, collector 80000000007, phone 4165550123")
    except ValueError:
        return sys.exc_info()  # type: ignore[return-value]


@pytest.mark.allow_log_warnings
def test_report_is_redacted_and_saved(tmp_path: Path, qtbot: QtBot) -> None:
    handler = CrashHandler(tmp_path, show_dialogs=False)
    handler.install()
    try:
        assert sys.excepthook == handler.handle
        with qtbot.waitSignal(handler.sig_crashed) as blocker:
            handler.handle(*_raise_with_pii())
    finally:
        handler.uninstall()
    assert sys.excepthook != handler.handle
    report = blocker.args[0]
    assert "ValueError" in report
    assert "jane.doe@example.com" not in report
    assert "80000000007" not in report
    assert "4165550123" not in report
    saved = list(tmp_path.glob("crash-*.txt"))
    assert len(saved) == 1
    assert saved[0].read_text(encoding="utf-8") == report


def test_a_hard_crash_leaves_its_trace_in_the_log_folder(tmp_path: Path) -> None:
    child = (
        "import ctypes, sys\n"
        "from pathlib import Path\n"
        "from console.ui.crash import CrashHandler\n"
        "CrashHandler(Path(sys.argv[1]), show_dialogs=False).install()\n"
        "def doomed():\n"
        "    ctypes.string_at(0)\n"  # a segmentation fault
        "doomed()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    result = subprocess.run([sys.executable, "-c", child, str(tmp_path)], env=env, capture_output=True,  # noqa: S603
                            text=True, timeout=60, check=False)
    assert result.returncode != 0
    trace = (tmp_path / "faulthandler.log").read_text(encoding="utf-8")
    assert "Segmentation fault" in trace and "doomed" in trace


def test_the_test_runners_faulthandler_stays_on(tmp_path: Path) -> None:
    assert faulthandler.is_enabled()  # pytest's, writing to its own stderr
    handler = CrashHandler(tmp_path, show_dialogs=False)
    handler.install()
    handler.uninstall()
    assert faulthandler.is_enabled()  # a crash in a later test still prints its trace
    assert not (tmp_path / "faulthandler.log").exists()


@pytest.mark.allow_log_warnings
def test_dialog_shows_copyable_details(tmp_path: Path, qtbot: QtBot) -> None:
    handler = CrashHandler(tmp_path, show_dialogs=True)
    handler.handle(*_raise_with_pii())
    dialogs = [w for w in QGuiApplication.topLevelWindows() if w.isVisible()]
    assert dialogs, "a crash dialog is shown"
    dialog = handler._dialog
    assert isinstance(dialog, CrashDialog)
    qtbot.addWidget(dialog)
    assert not dialog.isModal()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == handler.last_report
    assert "jane.doe@example.com" not in QGuiApplication.clipboard().text()
