"""The Settings dialog (Edit → Settings…, Ctrl+,): one row per option of `console.ui.settings.Settings`.

Built from the options themselves, so an option added there appears here with no other change: a check
box for a yes/no option, a list for one with choices, a spin box for numbers (with the option's range),
a line for text (and Browse… for a path). Each row carries the option's description; values are checked
with the option's own validation before anything is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.ui import theme
from console.ui.i18n import LANGUAGES
from console.ui.keyboard import with_access_key
from console.ui.settings import Option, Settings
from console.ui.widgets import InlineMessage, with_clear_button


def choice_text(option: Option[Any], choice: Any) -> str:
    """A choice as the dialog shows it: in words (a language by its own name), never the stored value."""
    if option is Settings.language:
        return LANGUAGES.get(str(choice), str(choice))
    return Settings.choice_caption(option, choice)


class SettingsDialog(QDialog):
    """Edit every option the settings file has; OK saves the valid values, Cancel changes nothing."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.editors: dict[str, QWidget] = {}
        self.messages: dict[str, InlineMessage] = {}
        self.changed: list[str] = []
        """Keys of the options OK changed."""
        form = QFormLayout()
        used_keys: set[str] = set()
        for name, option in settings.options():
            if option.remembered:
                continue
            editor = self._editor(option, settings.value(option))
            caption = Settings.caption(option)
            description = Settings.describe(option)
            editor.setAccessibleName(caption)
            editor.setAccessibleDescription(description)
            editor.setToolTip(description)
            label = QLabel(with_access_key(caption, used_keys))
            label.setBuddy(editor)
            note = QLabel(description)
            note.setWordWrap(True)
            note.setStyleSheet(theme.text_style("muted"))
            message = InlineMessage("error")
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(self._with_browse(option, editor, used_keys))
            column.addWidget(note)
            column.addWidget(message)
            form.addRow(label, column)
            self.editors[name] = editor
            self.messages[name] = message
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.file_label = QLabel(self.tr("Saved in %1").replace("%1", settings.file_name))
        self.file_label.setWordWrap(True)
        self.file_label.setStyleSheet(theme.text_style("muted"))
        body = QWidget()
        body.setLayout(form)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidget(body)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(self.file_label)
        layout.addWidget(self.buttons)
        self._fit_to_screen(body)

    def _fit_to_screen(self, body: QWidget) -> None:
        """As tall as the wrapped descriptions need at a readable width, within the screen (else scrolls)."""
        width = max(560, body.sizeHint().width(), self.fontMetrics().averageCharWidth() * 90)
        needed = body.heightForWidth(width) if body.hasHeightForWidth() else body.sizeHint().height()
        screen = self.screen().availableGeometry()
        extra = self.file_label.sizeHint().height() + self.buttons.sizeHint().height() + 48
        self.resize(min(width + 40, screen.width()), min(needed + extra, int(screen.height() * 0.9)))

    # Building --------------------------------------------------------------------------------------
    def _editor(self, option: Option[Any], value: Any) -> QWidget:
        if option.kind is bool:
            box = QCheckBox(self)
            box.setChecked(bool(value))
            return box
        if option.choices:
            combo = QComboBox(self)
            for choice in option.choices:
                combo.addItem(choice_text(option, choice), choice)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            return combo
        if option.kind in (int, float):
            spin: QSpinBox | QDoubleSpinBox = QSpinBox(self) if option.kind is int else QDoubleSpinBox(self)
            if isinstance(spin, QDoubleSpinBox):
                spin.setDecimals(1)
            spin.setRange(option.minimum if option.minimum is not None else -1e9,  # type: ignore[arg-type]
                          option.maximum if option.maximum is not None else 1e9)  # type: ignore[arg-type]
            spin.setValue(value)
            spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
            return spin
        line = QLineEdit(str(value), self)
        with_clear_button(line)
        return line

    def _with_browse(self, option: Option[Any], editor: QWidget, used_keys: set[str]) -> QWidget:
        if not option.path or not isinstance(editor, QLineEdit):
            return editor
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(editor, 1)
        browse = QPushButton(with_access_key(self.tr("Browse…"), used_keys), row)
        browse.setAccessibleName(self.tr("Browse for %1").replace("%1", Settings.caption(option)))
        browse.clicked.connect(lambda: self._browse(editor))
        layout.addWidget(browse)
        return row

    def _browse(self, line: QLineEdit) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), line.text(),
                                                    self.tr("JSON files (*.json);;All files (*)"))
        if path:
            line.setText(path)

    # Reading ---------------------------------------------------------------------------------------
    def value_of(self, name: str) -> Any:
        """What the editor of option `name` holds now (not yet checked)."""
        editor = self.editors[name]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def problems(self) -> dict[str, str]:
        """A sentence per option whose edited value cannot be saved, by option name."""
        found: dict[str, str] = {}
        options = dict(self.settings.options())
        for name in self.editors:
            option, value = options[name], self.value_of(name)
            try:
                option.validate(value)
            except (TypeError, ValueError):
                found[name] = self._invalid_text(option)
                continue
            if option.path and value and not Path(value).expanduser().is_file():
                found[name] = self.tr("No file at %1.").replace("%1", value)
        return found

    def _invalid_text(self, option: Option[Any]) -> str:
        if option.choices:
            return self.tr("Choose one of: %1.").replace(
                "%1", ", ".join(choice_text(option, choice) for choice in option.choices))
        if option.minimum is not None and option.maximum is not None:
            return (self.tr("Use a number from %1 to %2.").replace("%1", f"{option.minimum:g}")
                    .replace("%2", f"{option.maximum:g}"))
        return self.tr("This value cannot be used.")

    def _confirmed(self, option: Option[Any]) -> bool:
        """Ask for the option's confirmation word; True when it was typed exactly."""
        text, ok = QInputDialog.getText(
            self, Settings.caption(option),
            self.tr("%1\n\nType %2 to turn this on.").replace("%1", Settings.describe(option))
            .replace("%2", option.confirm_word),
            QLineEdit.EchoMode.Normal, "")
        return ok and text.strip() == option.confirm_word

    def accept(self) -> None:
        """Save when every value is valid; else say what is wrong beside each field and focus the first."""
        problems = self.problems()
        for name, message in self.messages.items():
            message.show_message(problems.get(name, ""))
        if problems:
            self.editors[next(iter(problems))].setFocus()
            return
        options = dict(self.settings.options())
        for name in self.editors:
            option = options[name]
            turned_on = (option.confirm_word and self.value_of(name) is True
                         and not self.settings.value(option))
            if turned_on and not self._confirmed(option):
                self.messages[name].show_message(
                    self.tr("Type %1 to turn this on.").replace("%1", option.confirm_word))
                self.editors[name].setFocus()
                return
        self.changed = []
        for name in self.editors:
            option = options[name]
            value = option.validate(self.value_of(name))
            if self.settings.value(option) != value:
                self.settings.set_value(option, value)
                self.changed.append(option.key)
        self.settings.sync()
        super().accept()

