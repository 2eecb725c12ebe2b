"""The enrollment form: a widget per field spec (`services.enrollment_fields`), checked as the user types.

The form knows nothing of the network. `state()` reads the widgets and runs the specs' checks (the
same ones the headless import runs) into a `FormState`; `show_server_errors()` puts the service's
`errors[]` back on the fields they name. Hidden fields (not in the chosen use-case profile) are never
sent. A phone row's path here is `contactDetails.phones[i]` (its number and type together).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
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
from console.field_profiles import FieldProfile, ProfileSet
from console.services import enrollment_fields as fields
from console.ui.enroll import texts
from console.ui.enroll.consents import ConsentSection
from console.ui.enroll.widgets import DateEntry, FieldBox

MAX_PHONES = fields.MAX_PHONES
_ROW = re.compile(r"contactDetails\.phones\[(\d+)\]")
_INPUT_WIDTHS = {"personalDetails.suffix": 140, "addressDetails.city": 300, "addressDetails.postalCode": 110}
_PHONE_WIDTH = 200
BIRTH = "personalDetails.dateOfBirth"


@dataclass
class _Field:
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


def _form_path(input_path: str) -> str:
    """A phone's number or type belongs to its row."""
    match = _ROW.match(input_path)
    return match[0] if match else input_path


class EnrollForm(QWidget):
    """The fields, in sections, for one enrollment."""

    sig_changed = Signal()
    """Something in the form was edited (content or profile)."""

    def __init__(self, profiles: ProfileSet, language: str = "EN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profiles = profiles
        self.profile: FieldProfile = profiles.profiles[profiles.default]
        self.ui_language = language.upper()
        self.min_age = fields.DEFAULT_MIN_AGE
        self.today: date | None = None  # None: the real date (tests may pin it)
        self._fields: dict[str, _Field] = {}
        self._sections: list[tuple[QGroupBox, QFormLayout, list[str]]] = []
        self._order: list[QWidget] = []
        self._show_all = False
        self._phones_shown = 1

        column = QVBoxLayout(self)
        column.setSpacing(12)
        sections = {
            "personalDetails": self.tr("Personal details"),
            "contactDetails": self.tr("Contact"),
            "addressDetails": self.tr("Address"),
            "preferences": self.tr("Preferences"),
            "enrollmentChannel": "",
        }
        for spec in fields.FIELDS:
            prefix = spec.path.split(".")[0]
            if sections.get(prefix):
                column.addWidget(self._section(sections.pop(prefix)))
            if spec is fields.PHONE_NUMBER:
                self._add_phones()
            elif spec is not fields.PHONE_TYPE:
                self._add_spec(spec)
        self.channel: QComboBox = self.field("enrollmentChannel")
        self.consents = ConsentSection(profiles, self)
        self.consents.sig_toggled.connect(self.sig_changed)
        self.consent_boxes = self.consents.boxes
        self.consent_texts = self.consents.texts
        self.consent_intro = self.consents.intro
        self.wording_note = self.consents.wording_note
        self.consent_message = self.consents.message
        self._order.extend(self.consent_boxes.values())
        column.addWidget(self.consents)
        column.addStretch(1)
        self.field("preferences.language").currentIndexChanged.connect(self._update_consent_texts)
        self._update_consent_texts()
        self.set_profile(self.profile.name)

    # Building ----------------------------------------------------------------------------------
    def _section(self, title: str) -> QGroupBox:
        group = QGroupBox(title, self)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._sections.append((group, form, []))
        return group

    def _add(self, path: str, caption: str, editor: QLineEdit | QComboBox, *extra: QWidget) -> _Field:
        _group, form, paths = self._sections[-1]
        box = FieldBox(editor, *extra, parent=form.parentWidget())
        label = QLabel(caption, form.parentWidget())
        label.setBuddy(editor)
        form.addRow(label, box)
        editor.setAccessibleName(caption.replace("&", ""))
        item = _Field(path, label, box, editor, caption)
        self._fields[path] = item
        paths.append(path)
        self._order.extend([editor, *extra])
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, p=path: self._edited(p))
            editor.editingFinished.connect(lambda p=path: self._finished(p))
        elif isinstance(editor, QComboBox):
            editor.activated.connect(lambda _i, p=path: self._finished(p))
            editor.currentIndexChanged.connect(lambda _i, p=path: self._edited(p))
        return item

    def _line(self, placeholder: str, width: int) -> QLineEdit:
        """A line with no length cap: too long a text is kept whole and the field says so (never cut)."""
        edit = QLineEdit(self)
        edit.setMaximumWidth(width)
        edit.setPlaceholderText(placeholder)
        return edit

    def _combo(self, items: list[tuple[str, str]], blank: str | None = "—") -> QComboBox:
        combo = QComboBox(self)
        if blank is not None:
            combo.addItem(blank, "")
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _add_spec(self, spec: fields.FieldSpec) -> None:
        caption = texts.label(spec)
        if spec.check is fields.check_date_of_birth:
            self.birth = DateEntry(self)
            item = self._add(spec.path, caption, self.birth.edit, self.birth.button)
            item.box.row.setSpacing(4)
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
        for row in range(MAX_PHONES):
            number = fields.PHONE_NUMBER
            kind = self._combo(kinds, blank=None)
            kind.setAccessibleName(texts.label(fields.PHONE_TYPE).replace("%1", str(row + 1)))
            edit = self._line(texts.hint(number), _PHONE_WIDTH)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
            caption = texts.label(number).replace("%1", str(row + 1))
            item = self._add(f"contactDetails.phones[{row}]", caption, edit, kind)
            edit.setAccessibleName(self.tr("Phone %1 number").replace("%1", str(row + 1)))
            kind.currentIndexChanged.connect(lambda _i, p=item.path: self._edited(p))
            item.kind = kind
        group, form, _paths = self._sections[-1]
        self.add_phone = QPushButton(self.tr("Add another phone"), group)
        self.add_phone.setAccessibleName(self.tr("Add another phone"))
        self.add_phone.clicked.connect(self._show_next_phone)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_phone)
        add_row.addStretch(1)
        form.addRow("", add_row)
        self._order.append(self.add_phone)

    def _province_items(self) -> list[tuple[str, str]]:
        items = []
        for code, (english, french) in formats.PROVINCES.items():
            names = english if english == french else f"{english} / {french}"
            if self.ui_language == "FR" and english != french:
                names = f"{french} / {english}"
            items.append((f"{code}  {names}", code))
        return items

    # Profile and language ----------------------------------------------------------------------
    def set_profile(self, name: str) -> None:
        """Show the fields of profile `name`, marking the required ones; content of hidden fields is kept."""
        self.profile = self.profiles.profiles[name]
        for group, form, paths in self._sections:
            visible_any = False
            for path in paths:
                shown = self._shown(path)
                item = self._fields[path]
                form.setRowVisible(item.box, shown)
                row = _ROW.fullmatch(path)
                required = self.profile.requires(self._profile_key(path)) and (row is None or row[1] == "0")
                item.label.setText(item.caption + (" *" if required else ""))
                visible_any = visible_any or shown
            group.setVisible(visible_any)
        self.consents.setVisible(self.profile.shows(fields.CONSENTS))
        phones = self.profile.shows(fields.PHONE_PROFILE_KEY)
        self.add_phone.setVisible(phones and self._phones_shown < MAX_PHONES)
        self._fill_channels()
        self.revalidate()
        self.sig_changed.emit()

    def _fill_channels(self) -> None:
        names = dict((value, text) for text, value in texts.choice_labels(fields.SPECS["enrollmentChannel"]))
        current = self.channel.currentData()
        self.channel.blockSignals(True)
        self.channel.clear()
        channels = self.profile.channels
        if len(channels) > 1:
            self.channel.addItem("—", "")
        for channel in channels:
            self.channel.addItem(names[channel], channel)
        kept = self.channel.findData(current) if current else -1
        preselected = self.channel.findData(self.profile.channel) if self.profile.channel else -1
        self.channel.setCurrentIndex(kept if kept >= 0 else max(preselected, 0))
        self.channel.blockSignals(False)

    @staticmethod
    def _profile_key(path: str) -> str:
        return fields.PHONE_PROFILE_KEY if _ROW.fullmatch(path) else path

    @property
    def consent_language(self) -> str:
        """The language the consent wordings are shown in: the customer's, else the console's."""
        return self.field("preferences.language").currentData() or self.ui_language

    def _update_consent_texts(self) -> None:
        self.consents.show_language(self.consent_language)

    def _show_next_phone(self) -> None:
        if self._phones_shown >= MAX_PHONES:
            return
        self._phones_shown += 1
        self.set_profile(self.profile.name)
        self.field(f"contactDetails.phones[{self._phones_shown - 1}]").setFocus()

    # Access ------------------------------------------------------------------------------------
    def field(self, path: str) -> Any:
        """The input widget of `path` (e.g. "personalDetails.firstName", "contactDetails.phones[1]")."""
        return self._fields[path].editor

    def prefill(self, values: dict[str, str]) -> list[str]:
        """Put `values` (by form path) into the fields that are still empty; the paths filled."""
        filled = []
        for path, value in values.items():
            item = self._fields.get(path)
            if item is None or not isinstance(item.editor, QLineEdit) or item.editor.text().strip():
                continue
            item.editor.setText(value)
            item.touched = True
            filled.append(path)
        if filled:
            self.revalidate()
            self.sig_changed.emit()
        return filled

    def has_input(self) -> bool:
        """True once something is typed or a consent ticked (choices left at their defaults do not count)."""
        editors = [item.editor for item in self._fields.values()]
        return any(isinstance(edit, QLineEdit) and edit.text().strip() for edit in editors) or any(
            box.isChecked() for box in self.consent_boxes.values()
        )

    def inputs(self) -> list[QWidget]:
        """Every input in tab order (Qt skips the hidden ones when tabbing)."""
        return list(self._order)

    def phone_type(self, row: int) -> QComboBox:
        kind = self._fields[f"contactDetails.phones[{row}]"].kind
        assert kind is not None
        return kind

    def message(self, path: str) -> str:
        """The message shown beside `path`, '' when none (for tests and screen readers)."""
        label = self.consent_message if path == fields.CONSENTS else self._fields[path].box.message
        return "" if label.isHidden() else label.text()

    def captions(self, paths: list[str]) -> list[str]:
        """The labels of `paths`, in the order of the form."""
        return [item.caption.replace("&", "") for path, item in self._fields.items() if path in paths]

    def _shown(self, path: str) -> bool:
        row = _ROW.fullmatch(path)
        if row is not None:
            return self.profile.shows(fields.PHONE_PROFILE_KEY) and int(row[1]) < self._phones_shown
        return self.profile.shows(path)

    def raw_texts(self) -> dict[str, str]:
        """The raw input of every field, by input path (what `enrollment_fields.read` takes)."""
        raw: dict[str, str] = {}
        for path, item in self._fields.items():
            editor = item.editor
            if isinstance(editor, QComboBox):
                raw[path] = editor.currentData() or ""
            elif item.kind is not None:
                raw[fields.phone_path(int(path[-2]))] = editor.text()
                raw[fields.phone_path(int(path[-2]), "type")] = item.kind.currentData() or ""
            else:
                raw[path] = editor.text()
        parsed = fields.parse_date(raw.get(BIRTH, ""))
        if parsed is not None:  # 25/04/1990, 25 avril 1990...: checked as the date they mean
            raw[BIRTH] = "{:04d}-{:02d}-{:02d}".format(*parsed[0])
        return raw

    # Editing -----------------------------------------------------------------------------------
    def _edited(self, path: str) -> None:
        self._fields[path].server_problem = None
        self.revalidate()
        self.sig_changed.emit()

    def _finished(self, path: str) -> None:
        item = self._fields[path]
        item.touched = True
        state = self.state()
        row = _ROW.fullmatch(path)
        value = state.values.get(fields.phone_path(int(row[1])) if row else path)
        if value and path not in state.problems and isinstance(item.editor, QLineEdit):
            shown = (
                value if path == "addressDetails.postalCode" else fields.format_phone(value) if row else None
            )
            if shown and item.editor.text() != shown:
                item.editor.setText(shown)
            if path == "addressDetails.postalCode":
                self._suggest_province(value)
        self.revalidate()

    def _suggest_province(self, postal: str) -> None:
        """Fill an empty province from the postal code's first letter when only one province fits."""
        province = self.field("addressDetails.province")
        candidates = formats.POSTAL_FIRST_LETTER.get(postal[0], ())
        if not province.currentData() and len(candidates) == 1 and self._shown("addressDetails.province"):
            province.setCurrentIndex(province.findData(candidates[0]))

    def show_all_problems(self) -> None:
        """Show every problem, also on fields the user has not reached yet (after a submit attempt)."""
        self._show_all = True
        self.revalidate()

    def clear(self) -> None:
        """Empty every field and untick every consent; the profile stays."""
        self.blockSignals(True)
        for item in self._fields.values():
            if isinstance(item.editor, QLineEdit):
                item.editor.clear()
            elif isinstance(item.editor, QComboBox):
                item.editor.setCurrentIndex(0)
            if item.kind is not None:
                item.kind.setCurrentIndex(0)
            item.touched = False
            item.server_problem = None
        self.consents.clear()
        self._phones_shown = 1
        self._show_all = False
        self.blockSignals(False)
        self.set_profile(self.profile.name)

    def set_read_only(self, read_only: bool) -> None:
        """Lock the inputs (content kept) while a submission is unresolved."""
        for item in self._fields.values():
            item.box.setEnabled(not read_only)
        self.consents.set_read_only(read_only)
        self.add_phone.setEnabled(not read_only)

    # Checking ----------------------------------------------------------------------------------
    def state(self) -> FormState:
        """Read the form: the specs' reading, the consent answers and every problem."""
        reading = fields.read(
            self.raw_texts(),
            self.profile,
            today=self.today,
            min_age=self.min_age,
            phone_rows=self._phones_shown,
        )
        problems: dict[str, fields.Problem] = {}
        for path, problem in reading.problems.items():
            problems.setdefault(_form_path(path), problem)
        for path, item in self._fields.items():
            if item.server_problem is not None and self._shown(path):
                problems.setdefault(path, item.server_problem)
        self._explain_date(problems, reading)
        consents = self.consents.answers() if self.profile.shows(fields.CONSENTS) else []
        return FormState(reading, consents, self.consent_language, problems)

    def _explain_date(self, problems: dict[str, fields.Problem], reading: fields.Reading) -> None:
        """The forms a date may take when none fits; how a date with a guessed order was read."""
        problem = problems.get(BIRTH)
        if problem is not None and problem.code == "DATE_FORMAT":
            problems[BIRTH] = fields.Problem("DATE_FORMS")
        parsed = fields.parse_date(self.field(BIRTH).text())
        if problem is None and parsed is not None and parsed[1] and BIRTH in reading.values:
            problems[BIRTH] = fields.Problem("DATE_READ_AS", (reading.values[BIRTH],), warning=True)

    def revalidate(self) -> FormState:
        """Check every field and show the messages of those the user has reached."""
        state = self.state()
        for path, item in self._fields.items():
            problem = state.problems.get(path)
            show = (
                item.server_problem is not None
                or self._show_all
                or item.touched
                or (problem is not None and problem.warning)
            )
            text = texts.problem(problem, self.ui_language) if problem is not None else None
            visible = text if show and self._shown(path) else None
            item.box.message.show_text(visible, warning=problem is not None and problem.warning)
            required = self.tr("Required") if item.label.text().endswith("*") else ""
            item.editor.setAccessibleDescription(text if text is not None and show else required)
        return state

    def show_server_errors(self, errors: list[Any], phone_rows: list[int]) -> list[Any]:
        """Put each server field error on its field; return those that name no field of the form."""
        reading = fields.Reading(phone_rows=list(phone_rows))
        placed, unplaced = fields.place_server_errors(
            errors,
            reading,
            shown=lambda path: self._shown(_form_path(path)) and _form_path(path) in self._fields,
        )
        consent = placed.pop(fields.CONSENTS, None)
        self.consent_message.show_text(texts.problem(consent, self.ui_language) if consent else None)
        for path, problem in placed.items():
            self._fields[_form_path(path)].server_problem = problem
        self.revalidate()
        first = next((p for p in self._fields if self._fields[p].server_problem is not None), None)
        if first is not None:
            self._fields[first].editor.setFocus()
        return unplaced
