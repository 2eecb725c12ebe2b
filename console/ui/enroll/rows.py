"""The enrollment form's rows: one labelled input per field spec, in sections, and what the form reads.

`FieldRows` makes the widgets from `services.enrollment_fields.FIELDS` (a line, a choice, the date of
birth with its calendar, three phone rows of number and type); `EnrollForm` gives them behaviour.
Their texts keep the "EnrollForm" translation context.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console import formats
from console.services import enrollment_fields as fields
from console.ui.enroll import texts
from console.ui.enroll.widgets import DateEntry, FieldBox

MAX_PHONES = fields.MAX_PHONES
BIRTH = "personalDetails.dateOfBirth"
PHONE_ROW = re.compile(r"contactDetails\.phones\[(\d+)\]")
_INPUT_WIDTHS = {"personalDetails.suffix": 140, "addressDetails.city": 300, "addressDetails.postalCode": 110}
_PHONE_WIDTH = 200


def _tr(text: str) -> str:
    return QCoreApplication.translate("EnrollForm", text)


def form_path(input_path: str) -> str:
    """A phone's number or type belongs to its row."""
    match = PHONE_ROW.match(input_path)
    return match[0] if match else input_path


@dataclass
class FieldRow:
    """One labelled row of the form."""

    path: str
    label: QLabel
    box: FieldBox
    editor: QLineEdit | QComboBox
    caption: str
    kind: QComboBox | None = None
    """A phone row's type."""
    touched: bool = False
    server_problem: fields.Problem | None = None


@dataclass
class Section:
    """A titled group of rows."""

    group: QGroupBox
    form: QFormLayout
    paths: list[str] = field(default_factory=list)


@dataclass
class FormState:
    """What the form holds right now: the specs' reading, the consent answers, the problems by form path."""

    reading: fields.Reading
    consents: list[tuple[str, bool]]
    consent_language: str
    problems: dict[str, fields.Problem] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, str]:
        """Normalised values by input path (`contactDetails.phones[0].number`, ...)."""
        return self.reading.values

    @property
    def channel(self) -> str | None:
        return self.reading.values.get("enrollmentChannel")

    @property
    def phone_rows(self) -> list[int]:
        return self.reading.phone_rows

    @property
    def valid(self) -> bool:
        return not self.blocking()

    def blocking(self) -> list[str]:
        return [path for path, problem in self.problems.items() if not problem.warning]


class FieldRows:
    """Builds every section and row into `column`; `edited(path)` and `finished(path)` follow the user."""

    def __init__(
        self,
        owner: QWidget,
        column: QVBoxLayout,
        language: str,
        edited: Callable[[str], None],
        finished: Callable[[str], None],
    ) -> None:
        self._owner = owner
        self._language = language
        self._edited = edited
        self._finished = finished
        self.rows: dict[str, FieldRow] = {}
        self.sections: list[Section] = []
        self.order: list[QWidget] = []
        """Every input in tab order."""
        titles = {
            "personalDetails": _tr("Personal details"),
            "contactDetails": _tr("Contact"),
            "addressDetails": _tr("Address"),
            "preferences": _tr("Preferences"),
            "enrollmentChannel": "",
        }
        for spec in fields.FIELDS:
            prefix = spec.path.split(".")[0]
            if titles.get(prefix):
                column.addWidget(self._section(titles.pop(prefix)))
            if spec is fields.PHONE_NUMBER:
                self._add_phones()
            elif spec is not fields.PHONE_TYPE:
                self._add_spec(spec)

    def _section(self, title: str) -> QGroupBox:
        group = QGroupBox(title, self._owner)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.sections.append(Section(group, form))
        return group

    def _add(self, path: str, caption: str, editor: QLineEdit | QComboBox, *extra: QWidget) -> FieldRow:
        section = self.sections[-1]
        box = FieldBox(editor, *extra, parent=section.group)
        label = QLabel(caption, section.group)
        label.setBuddy(editor)
        section.form.addRow(label, box)
        editor.setAccessibleName(caption.replace("&", ""))
        row = FieldRow(path, label, box, editor, caption)
        self.rows[path] = row
        section.paths.append(path)
        self.order.extend([editor, *extra])
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, p=path: self._edited(p))
            editor.editingFinished.connect(lambda p=path: self._finished(p))
        else:
            editor.activated.connect(lambda _i, p=path: self._finished(p))
            editor.currentIndexChanged.connect(lambda _i, p=path: self._edited(p))
        return row

    def _line(self, placeholder: str, width: int) -> QLineEdit:
        """A line with no length cap: too long a text is kept whole and the field says so (never cut)."""
        edit = QLineEdit(self._owner)
        edit.setPlaceholderText(placeholder)
        edit.setMaximumWidth(max(width, edit.fontMetrics().horizontalAdvance(placeholder) + 24))  # text size
        return edit

    def _combo(self, items: list[tuple[str, str]], blank: str | None = "—") -> QComboBox:
        combo = QComboBox(self._owner)
        if blank is not None:
            combo.addItem(blank, "")
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _add_spec(self, spec: fields.FieldSpec) -> None:
        caption = texts.label(spec)
        if spec.check is fields.check_date_of_birth:
            self.birth = DateEntry(self._owner)
            row = self._add(spec.path, caption, self.birth.edit, self.birth.button)
            row.box.row.setSpacing(4)
            self.birth.sig_picked.connect(lambda: self._finished(spec.path))
        elif spec.check is fields.check_choice:
            self._add(spec.path, caption, self._combo(self._choice_items(spec)))
        else:
            edit = self._line(texts.hint(spec), _INPUT_WIDTHS.get(spec.path, 420))
            if spec.check is fields.check_email:
                edit.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
            self._add(spec.path, caption, edit)

    def _choice_items(self, spec: fields.FieldSpec) -> list[tuple[str, str]]:
        if spec.path == "addressDetails.province":
            return self._province_items()
        if spec.path == "preferences.language":
            return [("English", "EN"), ("Français", "FR")]
        if spec.path == "enrollmentChannel":
            return []  # filled per profile
        return texts.choice_labels(spec)

    def _add_phones(self) -> None:
        kinds = texts.choice_labels(fields.PHONE_TYPE)
        for index in range(MAX_PHONES):
            kind = self._combo(kinds, blank=None)
            kind.setAccessibleName(texts.label(fields.PHONE_TYPE).replace("%1", str(index + 1)))
            edit = self._line(texts.hint(fields.PHONE_NUMBER), _PHONE_WIDTH)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
            caption = texts.label(fields.PHONE_NUMBER).replace("%1", str(index + 1))
            row = self._add(f"contactDetails.phones[{index}]", caption, edit, kind)
            edit.setAccessibleName(_tr("Phone %1 number").replace("%1", str(index + 1)))
            kind.currentIndexChanged.connect(lambda _i, p=row.path: self._edited(p))
            row.kind = kind
        section = self.sections[-1]
        self.add_phone = QPushButton(_tr("Add another phone"), section.group)
        self.add_phone.setAccessibleName(_tr("Add another phone"))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_phone)
        add_row.addStretch(1)
        section.form.addRow("", add_row)
        self.order.append(self.add_phone)

    def _province_items(self) -> list[tuple[str, str]]:
        items = []
        for code, (english, french) in formats.PROVINCES.items():
            names = english if english == french else f"{english} / {french}"
            if self._language == "FR" and english != french:
                names = f"{french} / {english}"
            items.append((f"{code}  {names}", code))
        return items
