"""Tools → Environments…: the user's own environments, edited in a form and saved to their file.

List, add, duplicate, edit and remove; every field is checked before saving (https required except for
loopback hosts) and a problem is shown next to its field's name. "Test connection" asks the service's
health and, with a partner secret typed for the test only (never saved), a token. The file is the one
the settings name; without one, the console creates it in the user configuration folder and names it in
the settings. Saving a Production-kind environment needs PRODUCTION typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.ui import theme
from console.ui.confirm_word import ask_for_word
from console.ui.tasks import PageTasks

if TYPE_CHECKING:
    from console.services.user_environments import UserEnvironments
    from console.ui.context import ConsoleContext

CONFIRM_WORD = "PRODUCTION"


class EnvironmentEditor(QDialog):
    """The user environments file as a list and a form."""

    sig_saved = Signal()
    """The file was written: the console reloads its environments."""

    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from console.services.user_environments import KINDS, UserEnvironments, default_path

        self.setObjectName("environmentEditor")
        self.context = context
        self.tasks = PageTasks(self)
        self.setWindowTitle(self.tr("Environments"))
        self.resize(860, 600)
        named = context.settings.environments_file
        self.path = Path(named).expanduser() if named else default_path()
        self.store: UserEnvironments = UserEnvironments(self.path)
        self._current: str | None = None

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Your environments"))
        self.list.currentTextChanged.connect(self._show)
        self.inputs: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = self._line(form, "name", self.tr("&Name"))
        self.label_edit = self._line(form, "label", self.tr("&Label"))
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(self.tr("Kind"))
        for kind in KINDS:
            titles = {"certification": self.tr("Certification"), "production": self.tr("Production"),
                      "custom": self.tr("Custom")}
            self.kind_box.addItem(titles[kind], kind)
        form.addRow(self.tr("&Kind"), self.kind_box)
        for key, label in (("api_base", self.tr("&API base")), ("auth_base", self.tr("A&uth base")),
                           ("audience", self.tr("Au&dience")),
                           ("partner_client_id", self.tr("&Partner client id")),
                           ("member_client_id", self.tr("&Member client id")),
                           ("email_connection", self.tr("&Email connection")),
                           ("pin_connection", self.tr("P&IN connection")),
                           ("test_collector", self.tr("&Test collector"))):
            self._line(form, key, label)
        self.search_box = QCheckBox(self.tr("Offers searc&h"))
        self.search_box.setAccessibleName(self.tr("Offers search"))
        form.addRow("", self.search_box)
        self.secret_edit = self._line(form, "secret", self.tr("Partner secret (for the test, not saved)"))
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2 + 4)
        self.message.setAccessibleName(self.tr("Environment editor message"))
        self.file_label = QLabel(self.tr("File: %1").replace("%1", str(self.path)))
        self.file_label.setWordWrap(True)
        self.file_label.setStyleSheet(theme.text_style("muted"))

        row = QHBoxLayout()
        self.add_button = self._button(row, self.tr("Ne&w"), self.add)
        self.duplicate_button = self._button(row, self.tr("Dupli&cate"), self.duplicate)
        self.remove_button = self._button(row, self.tr("&Remove"), self.remove)
        self.test_button = self._button(row, self.tr("Test c&onnection"),
                                        lambda: self.tasks.start("test", self.test_connection()))
        self.save_button = self._button(row, self.tr("&Save"), self.save)
        self.save_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        side = QHBoxLayout()
        side.addWidget(self.list, 1)
        side.addLayout(form, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(side)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self._reload(None)

    def _line(self, form: QFormLayout, key: str, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(label.replace("&", ""))
        form.addRow(label, edit)
        self.inputs[key] = edit
        return edit

    def _button(self, row: QHBoxLayout, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # --- the list and the form ------------------------------------------------------------------------

    def _reload(self, select: str | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems(sorted(self.store.entries))
        self.list.blockSignals(False)
        names = sorted(self.store.entries)
        chosen = select if select in names else (names[0] if names else None)
        if chosen is not None:
            self.list.setCurrentRow(names.index(chosen))
        self._show(chosen)

    def _show(self, name: str | None) -> None:
        self._current = name or None
        entry = self.store.entries.get(name or "", {})
        connections = entry.get("connections", {}) if isinstance(entry.get("connections"), dict) else {}
        values = {"name": name or "", "email_connection": connections.get("email", ""),
                  "pin_connection": connections.get("pin", ""), "secret": ""}
        for key, edit in self.inputs.items():
            edit.setText(str(values.get(key, entry.get(key, "")) or ""))
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(entry.get("kind", "custom"))))
        self.search_box.setChecked("search" in entry.get("capabilities", []))
        for button in (self.duplicate_button, self.remove_button):
            button.setEnabled(self._current is not None)

    def entry(self) -> dict[str, Any]:
        """The form as an environments-file entry (empty fields left out)."""
        text = {key: edit.text().strip() for key, edit in self.inputs.items()}
        entry: dict[str, Any] = {key: text[key] for key in ("label", "api_base", "auth_base", "audience",
                                                            "partner_client_id", "member_client_id",
                                                            "test_collector") if text[key]}
        entry["kind"] = self.kind_box.currentData()
        entry["capabilities"] = ["search"] if self.search_box.isChecked() else []
        connections = {key: text[f"{key}_connection"] for key in ("email", "pin")
                       if text[f"{key}_connection"]}
        if connections:
            entry["connections"] = connections
        return entry

    # --- actions ------------------------------------------------------------------------------------

    def add(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.name_edit.setFocus()

    def duplicate(self) -> None:
        if self._current is not None:
            copy = self.store.duplicate(self._current)
            self._reload(copy)
            self._say(self.tr("Copied as %1 (not saved yet).").replace("%1", copy), ok=True)
            self.name_edit.setFocus()

    def remove(self) -> None:
        if self._current is not None:
            self.store.remove(self._current)
            self._write(self.tr("Removed."), select=None)

    def save(self) -> bool:
        """Check the form, keep it, write the file; False (and the problem shown) when something is wrong."""
        from console.services.user_environments import InvalidEnvironment

        name = self.name_edit.text().strip()
        entry = self.entry()
        if entry["kind"] == "production":
            confirmed = ask_for_word(
                self, self.tr("Production environment"),
                self.tr("This environment holds live member data. Type %1 to save it.")
                .replace("%1", CONFIRM_WORD), CONFIRM_WORD)
            if not confirmed:
                self._say(self.tr("Not saved: %1 was not typed.").replace("%1", CONFIRM_WORD), ok=False)
                return False
        try:
            self.store.put(name, entry, replacing=self._current)
        except InvalidEnvironment as exc:
            problem = exc.problems[0]
            text = self.tr("Not saved. %1: %2").replace("%1", problem.field)
            self._say(text.replace("%2", problem.message), ok=False)
            field = {"name": "name", "api_base": "api_base", "auth_base": "auth_base"}.get(problem.field)
            (self.inputs[field] if field else self.name_edit).setFocus()
            return False
        return self._write(self.tr("Saved to %1.").replace("%1", str(self.path)), select=name)

    def _write(self, done: str, select: str | None) -> bool:
        try:
            self.store.save()
        except OSError:
            self._say(self.tr("The environments file could not be written: %1").replace("%1", str(self.path)),
                      ok=False)
            return False
        settings = self.context.settings
        if settings.environments_file != str(self.path):
            settings.environments_file = str(self.path)
        self._reload(select)
        self._say(done, ok=True)
        self.sig_saved.emit()
        self.list.setFocus()
        return True

    async def test_connection(self) -> None:
        """Health, then (with a secret typed) a partner token, of the environment in the form."""
        from console.api.errors import CollectorError
        from console.services.user_environments import InvalidEnvironment, test_connection
        from console.ui.errors import error_text

        try:
            env = self.store.validate(self.name_edit.text().strip() or "test", self.entry())
        except InvalidEnvironment as exc:
            problem = exc.problems[0]
            self._say(self.tr("%1: %2").replace("%1", problem.field).replace("%2", problem.message), ok=False)
            return
        self._say(self.tr("Testing…"), ok=True)
        try:
            token = await test_connection(env, self.secret_edit.text())
        except CollectorError as exc:
            self._say(error_text(exc), ok=False)
            return
        if token:
            self._say(self.tr("The service is up and the partner token was issued."), ok=True)
        else:
            self._say(self.tr("The service is up (type a partner secret to test a token too)."), ok=True)

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(theme.text_style("success" if ok else "error"))
