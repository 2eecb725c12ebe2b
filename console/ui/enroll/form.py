"""The enrollment form: a widget per field spec (`services.enrollment_fields`), checked as the user types.

The form knows nothing of the network. `state()` reads the widgets and runs the specs' checks (the
same ones the headless import runs) into a `FormState`; `show_server_errors()` puts the service's
`errors[]` back on the fields they name. Hidden fields (not in the chosen use-case profile) are never
sent. A phone row's path here is `contactDetails.phones[i]` (its number and type together). The rows
themselves are made in `rows.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from console import formats
from console.field_profiles import FieldProfile, ProfileSet
from console.services import enrollment_fields as fields
from console.ui.enroll import texts
from console.ui.enroll.consents import ConsentSection
from console.ui.enroll.rows import BIRTH, MAX_PHONES, PHONE_ROW, FieldRows, FormState, form_path


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
        self._show_all = False
        self._phones_shown = 1

        column = QVBoxLayout(self)
        column.setSpacing(12)
        rows = FieldRows(self, column, self.ui_language, self._edited, self._finished)
        self._fields = rows.rows
        self._sections = rows.sections
        self._order = rows.order
        self.birth = rows.birth
        self.add_phone = rows.add_phone
        self.add_phone.clicked.connect(self._show_next_phone)
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

    # Profile and language ----------------------------------------------------------------------
    def set_profile(self, name: str) -> None:
        """Show the fields of profile `name`, marking the required ones; content of hidden fields is kept."""
        self.profile = self.profiles.profiles[name]
        for section in self._sections:
            visible_any = False
            for path in section.paths:
                shown = self._shown(path)
                item = self._fields[path]
                section.form.setRowVisible(item.box, shown)
                row = PHONE_ROW.fullmatch(path)
                required = self.profile.requires(self._profile_key(path)) and (row is None or row[1] == "0")
                item.label.setText(item.caption + (" *" if required else ""))
                visible_any = visible_any or shown
            section.group.setVisible(visible_any)
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
        return fields.PHONE_PROFILE_KEY if PHONE_ROW.fullmatch(path) else path

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

    def problem_lines(self, paths: Sequence[str]) -> list[tuple[str, str, str]]:
        """(path, label, what is wrong) for each of `paths` with a problem now, in the order of the form."""
        problems = self.state().problems
        return [
            (path, item.caption.replace("&", ""), texts.problem(problems[path], self.ui_language))
            for path, item in self._fields.items()
            if path in paths and path in problems
        ]

    def editor_of(self, path: str) -> QWidget:
        """The widget that takes the cursor for `path` (a phone row: its number)."""
        return self.consents if path == fields.CONSENTS else self._fields[path].editor

    def _shown(self, path: str) -> bool:
        row = PHONE_ROW.fullmatch(path)
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
        row = PHONE_ROW.fullmatch(path)
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
            problems.setdefault(form_path(path), problem)
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
            shown=lambda path: self._shown(form_path(path)) and form_path(path) in self._fields,
        )
        consent = placed.pop(fields.CONSENTS, None)
        self.consent_message.show_text(texts.problem(consent, self.ui_language) if consent else None)
        for path, problem in placed.items():
            self._fields[form_path(path)].server_problem = problem
        self.revalidate()
        first = next((p for p in self._fields if self._fields[p].server_problem is not None), None)
        if first is not None:
            self._fields[first].editor.setFocus()
        return unplaced
