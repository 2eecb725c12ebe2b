"""The crash path: an excepthook and faulthandler writing to files, and a dialog with redacted details.

Expected API errors (`CollectorError`) are caught and shown where they happen; anything that reaches this
hook is a bug. The console keeps running after one (qasync routes every failed `@asyncSlot` here).
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import logging
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import console
from console.api.redaction import redact_text

log = logging.getLogger(__name__)


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """A redacted, copyable report: versions and the traceback."""
    from PySide6 import __version__ as pyside_version

    lines = [
        f"Collector Console {console.__version__}",
        f"Python {platform.python_version()} on {platform.platform()}; PySide6 {pyside_version}",
        f"Time: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return redact_text("".join(line if line.endswith("\n") else line + "\n" for line in lines))


class CrashDialog(QDialog):
    """Shows a crash report that the user can copy; does not block the window."""

    def __init__(self, details: str, report_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = QLabel(self.tr(
            "The console hit an unexpected error. Your work is still open; you can keep going.\n"
            "The details below hold no secrets or full personal data; copy them into a bug report."))
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Error details"))
        self.details.setMinimumSize(560, 260)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details)
        if report_file is not None:
            saved = QLabel(self.tr("Saved to %1").replace("%1", str(report_file)))
            saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(saved)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class CrashHandler(QObject):
    """Installs the excepthook and faulthandler; writes each report to `folder`, shows it unless disabled."""

    sig_crashed = Signal(str)
    """(report): an unexpected exception was caught; the report is redacted."""

    def __init__(self, folder: Path, *, show_dialogs: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.show_dialogs = show_dialogs
        self.last_report: str | None = None
        self._previous_hook = sys.excepthook
        self._fault_file: IO[str] | None = None
        self._dialog: CrashDialog | None = None

    def install(self) -> None:
        """Route uncaught exceptions here, and a hard crash's trace to `faulthandler.log` in `folder`.

        A faulthandler already enabled (PYTHONFAULTHANDLER, a test runner's) is left as it is, and stays
        enabled after `uninstall`: turning it off would silence the trace of a later crash.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        if not faulthandler.is_enabled():
            self._fault_file = (self.folder / "faulthandler.log").open("a", encoding="utf-8")
            faulthandler.enable(file=self._fault_file, all_threads=True)
        self._previous_hook = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        report = crash_report(exc_type, exc, tb)
        self.last_report = report
        log.error("Unexpected error: %s", report.rstrip().rsplit("\n", 1)[-1])
        report_file = self._save(report)
        self.sig_crashed.emit(report)
        if self.show_dialogs and QGuiApplication.instance() is not None:
            self._dialog = CrashDialog(report, report_file)
            self._dialog.show()
        else:
            sys.stderr.write(report)

    def _save(self, report: str) -> Path | None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.folder / f"crash-{stamp}.txt"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path.write_text(report, encoding="utf-8")
        except OSError:
            log.exception("Could not save the crash report")
            return None
        return path
