"""Tools → Import enrollments…: a CSV file into the current environment, with progress and a safe stop.

The dialog renders the import service (`console.services.importing`), the one `collector-console import`
runs: same checks, same state file, same results file, and the window's own outbox, so a row left pending
is also sent by the outbox's sender. "Stop import" starts no more rows; the rows in flight finish or stay
pending with their key, so importing the same file again settles them.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.field_profiles import FieldProfile, ProfileSet, load_field_profiles
from console.services.import_columns import ColumnError
from console.services.import_csv import ImportFileError
from console.services.import_results import Counts, Status
from console.services.import_sending import DuplicateSearch
from console.services.import_state import StateError
from console.services.import_template import write_template
from console.services.importing import Importer, ImportOptions, ImportSummary, Progress
from console.ui import theme
from console.ui.context import ConsoleContext
from console.ui.tasks import PageTasks, alive

REFRESH_SECONDS = 0.1
"""The counts are redrawn at most this often while rows come in."""


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ImportDialog(QDialog):
    """Choose a file, import it into the current environment, watch it, stop it safely, read the summary."""

    sig_import_finished = Signal(object)
    """(ImportSummary): a run ended (finished, stopped or out of reach); its results file is written."""

    def __init__(
        self, context: ConsoleContext, parent: QWidget | None = None, *, profiles: ProfileSet | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.profiles = profiles if profiles is not None else load_field_profiles()
        self.tasks = PageTasks(self)
        self.importer: Importer | None = None
        self.summary: ImportSummary | None = None
        self._drawn = 0.0
        self._running = False
        self.setWindowTitle(self.tr("Import enrollments"))
        self.setMinimumWidth(620)
        self._build()
        self._set_running(False)
        context.sig_session_changed.connect(self._show_environment)
        self._show_environment()

    # Layout ----------------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Enroll the people listed in a CSV file (UTF-8, comma or semicolon separated). Columns are "
                "named by the contract's field paths or by the form's labels, in English or French. "
                "Every row "
                "gets the form's checks; a bad row is reported and not sent. Importing the same file again "
                "resumes: nobody is enrolled twice."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.environment_label = QLabel(self)
        layout.addWidget(self.environment_label)

        form = QFormLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("File to import"))
        self.path_edit.setPlaceholderText(self.tr("people.csv"))
        self.path_edit.textChanged.connect(self._path_changed)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.setAccessibleName(self.tr("Choose the file to import"))
        self.browse_button.clicked.connect(self._browse)
        self.template_button = QPushButton(self.tr("Save a &template…"), self)
        self.template_button.setAccessibleName(self.tr("Save an empty, documented template"))
        self.template_button.clicked.connect(self._save_template)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        row.addWidget(self.template_button)
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, row)
        self.profile_combo = QComboBox(self)
        self.profile_combo.setAccessibleName(self.tr("Use case"))
        language = self.context.settings.language
        for name, profile in self.profiles.profiles.items():
            self.profile_combo.addItem(profile.label(language), name)
        chosen = self.context.settings.enroll_use_case or self.profiles.default
        self.profile_combo.setCurrentIndex(max(0, self.profile_combo.findData(chosen)))
        profile_label = QLabel(self.tr("&Use case:"), self)
        profile_label.setBuddy(self.profile_combo)
        form.addRow(profile_label, self.profile_combo)
        self.duplicates_box = QCheckBox(self.tr("&Look for existing members first (a row that matches one is "
                                                "not sent)"), self)
        self.duplicates_box.setAccessibleName(self.tr("Look for existing members first"))
        form.addRow(self.duplicates_box)
        layout.addLayout(form)

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v of %m rows"))
        layout.addWidget(self.progress)
        self.counts_label = QLabel(self)
        self.counts_label.setAccessibleName(self.tr("Rows by outcome"))
        self.time_label = QLabel(self)
        self.time_label.setStyleSheet(theme.text_style("muted"))
        layout.addWidget(self.counts_label)
        layout.addWidget(self.time_label)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setAccessibleName(self.tr("Import outcome"))
        layout.addWidget(self.message_label)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start_button = QPushButton(self.tr("&Import"), self)
        self.start_button.setAccessibleName(self.tr("Start the import"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("&Stop import"), self)
        self.stop_button.setAccessibleName(self.tr("Stop the import"))
        self.stop_button.setToolTip(self.tr("Start no more rows; those being sent finish first"))
        self.stop_button.clicked.connect(self.stop)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.start_button, self.stop_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)

    # State -----------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """True from the start of a run until its results are written."""
        return self._running

    def _set_running(self, running: bool) -> None:
        self._running = running
        for widget in (self.path_edit, self.browse_button, self.template_button, self.profile_combo,
                       self.duplicates_box, self.close_button):
            widget.setEnabled(not running)
        self.stop_button.setVisible(running)
        self.stop_button.setEnabled(running)
        self.start_button.setVisible(not running)
        self._path_changed()

    def _path_changed(self) -> None:
        self.start_button.setEnabled(bool(self.path_edit.text().strip()) and not self.running)

    def _show_environment(self, *_args: object) -> None:
        env = self.context.environment
        if env is None:
            self.environment_label.setText(self.tr("No environment is open."))
            self.environment_label.setStyleSheet(theme.text_style("warning"))
        elif env.is_production:
            text = self.tr("Into PRODUCTION: %1 (live member data)").replace("%1", env.label)
            self.environment_label.setText(text)
            self.environment_label.setStyleSheet(theme.text_style("error", bold=True))
        else:
            self.environment_label.setText(self.tr("Into: %1").replace("%1", env.label))
            self.environment_label.setStyleSheet(theme.text_style("text", bold=True))

    def _say(self, text: str, role: str = "text") -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(theme.text_style(role))

    # Intent ----------------------------------------------------------------------------------------
    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import enrollments"), self.path_edit.text(),
            self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.path_edit.setText(path)
            self.start_button.setFocus()

    def _save_template(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save a template"), "enrollments.csv", self.tr("CSV files (*.csv)"))
        if not path:
            return
        try:
            write_template(Path(path), self._profile())
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self._say(self.tr("The template could not be saved: %1").replace("%1", reason), "error")
            return
        self.path_edit.setText(path)
        self._say(self.tr("Template saved. Fill in one person per row, save, then import it."), "success")

    def _profile(self) -> FieldProfile:
        return self.profiles.profiles[self.profile_combo.currentData() or self.profiles.default]

    def start(self) -> None:
        """Import the chosen file (after the Production question, where it applies)."""
        if self.running or not self.path_edit.text().strip():
            return
        path = Path(self.path_edit.text().strip()).expanduser()
        if self.context.is_production and not self.context.confirm_write(
                self, self.tr("import the enrollments of %1").replace("%1", path.name)):
            return
        self.tasks.start("import", self._run(path))

    def stop(self) -> None:
        """Start no more rows; the ones in flight finish (or stay pending with their key)."""
        if self.importer is not None and self.running:
            self.importer.cancel()
            self.stop_button.setEnabled(False)
            self._say(self.tr("Stopping: the rows being sent finish first…"), "warning")

    def reject(self) -> None:
        """Esc or Close: while importing, stop safely instead of closing."""
        if self.running:
            self.stop()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.stop()
            event.ignore()
            return
        super().closeEvent(event)

    # The run ---------------------------------------------------------------------------------------
    async def _run(self, path: Path) -> None:
        session = self.context.session
        if session is None or not session.signed_in:
            self._say(self.tr("Sign in to an environment first."), "error")
            return
        settings = self.context.settings
        check = self.duplicates_box.isChecked()
        if check and "search" not in session.env.capabilities:
            self._say(self.tr("%1 offers no member search: clear “Look for existing members first”.")
                      .replace("%1", session.env.label), "error")
            return
        options = ImportOptions(
            self._profile(), self.profiles.wording_version, check_duplicates=check,
            translate=QCoreApplication.translate, language=settings.language,
            staff=self.context.staff_identity())
        try:
            outbox = await self.context.outbox.get()
        except (OSError, sqlite3.Error):
            if alive(self):
                self._say(self.tr("The outbox cannot be opened, so nothing can be sent. Check that the "
                                  "console's data folder can be written to."), "error")
            return
        if not alive(self):
            return
        self.importer = Importer(path, outbox, session.client, session.env.name, options,
                                 duplicates=DuplicateSearch(session.client) if check else None,
                                 consents=self.context.audit)
        self.summary = None
        self._set_running(True)
        self.stop_button.setFocus()
        self._say(self.tr("Importing %1…").replace("%1", path.name))
        try:
            summary = await self.importer.run(self._progress)
        except (ImportFileError, ColumnError) as exc:
            if alive(self):
                self._say(exc.text(QCoreApplication.translate), "error")
            return
        except StateError:
            if alive(self):
                self._say(self.tr("The import's state file beside %1 cannot be written. Check the folder "
                                  "can be written to.").replace("%1", path.name), "error")
            return
        finally:
            if alive(self):
                self._set_running(False)
                self.path_edit.setFocus()
        if not alive(self):
            return
        self.summary = summary
        self._progress_now(summary.counts)
        self._show_summary(summary)
        self.close_button.setFocus()
        self.sig_import_finished.emit(summary)

    def _progress(self, progress: Progress) -> None:
        now = time.monotonic()
        counts = progress.counts
        if not alive(self) or (now - self._drawn < REFRESH_SECONDS and counts.done != counts.total):
            return
        self._drawn = now
        self._progress_now(counts)
        left = progress.seconds_left
        rate = self.tr("%1 rows a second").replace("%1", f"{progress.rate:.0f}")
        if left is not None:
            rate = self.tr("About %1 left · %2").replace("%1", _duration(left)).replace("%2", rate)
        self.time_label.setText(rate)

    def _progress_now(self, counts: Counts) -> None:
        by = counts.by_status
        self.progress.setRange(0, max(1, counts.total or 0))
        self.progress.setValue(counts.done)
        self.counts_label.setText(
            self.tr("Enrolled: %1 · Already members: %2 · Rejected: %3 · Pending: %4")
            .replace("%1", str(by[Status.ENROLLED])).replace("%2", str(by[Status.ALREADY_ENROLLED]))
            .replace("%3", str(by[Status.REJECTED])).replace("%4", str(by[Status.PENDING])))

    def _show_summary(self, summary: ImportSummary) -> None:
        results = self.tr("Results: %1").replace("%1", str(summary.results))
        if summary.stopped == "cancelled":
            head, role = self.tr("Stopped. The rows not sent are pending: import the same file again to "
                                 "finish."), "warning"
        elif not summary.settled:
            head, role = self.tr("Some rows are pending (the service could not be reached or did not answer "
                                 "for good). Import the same file again to settle them."), "warning"
        else:
            head, role = self.tr("Done: every row is settled."), "success"
        if summary.orphans:
            head += " " + self.tr("%n row(s) sent earlier changed or left the file before their outcome was "
                                  "known: put them back as they were and import again.", "", summary.orphans)
        self._say(f"{head}\n{results}", role)
