"""The enrollment form: every field of the contract, grouped, checked as the user types.

The form knows nothing of the network. `state()` reads it into an `FormState` (the body to send,
the consent answers and every problem); `show_server_errors()` puts the service's `errors[]`
back on the fields they name. Hidden fields (not in the chosen use-case profile) are never sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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
from console.field_profiles import CONSENT_TYPES, FieldProfile, ProfileSet
from console.ui.enroll import validation as v
from console.ui.enroll.widgets import DateEntry, FieldBox, MessageLabel

MAX_PHONES = 3
_PHONE_PATH = re.compile(r"contactDetails\.phones\[(\d+)\](?:\.(\w+))?")
_CONSENT_PATH = re.compile(r"consents(?:\[\d+\].*)?")
PERSONAL_REQUIRED = ("personalDetails.firstName", "personalDetails.lastName", "personalDetails.dateOfBirth")


@dataclass
class _Field:
    """One labelled row of the form."""

    path: str
    label: QLabel
    box: FieldBox
    editor: QWidget
    caption: str
    touched: bool = False
    server_problem: v.Problem | None = None


@dataclass
class FormState:
    """What the form holds right now."""

    body: dict[str, Any]
    """The enrollment request on the wire (camelCase), without consents."""
    consents: list[tuple[str, bool]]
    consent_language: str
    channel: str | None
    problems: dict[str, v.Problem] = field(default_factory=dict)
    phone_rows: list[int] = field(default_factory=list)
    """For each phone sent, the form row it came from."""

    @property
    def valid(self) -> bool:
        return not any(not problem.warning for problem in self.problems.values())

    def blocking(self) -> list[str]:
        return [path for path, problem in self.problems.items() if not problem.warning]


class EnrollForm(QWidget):
    """The fields, in sections, for one enrollment."""

    sig_changed = Signal()
    """Something in the form was edited (content or profile)."""

    def __init__(self, profiles: ProfileSet, language: str = "EN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profiles = profiles
        self.profile: FieldProfile = profiles.profiles[profiles.default]
        self.ui_language = language.upper()
        self.min_age = v.DEFAULT_MIN_AGE
        self.today: date | None = None  # None: the real date (tests may pin it)
        self._fields: dict[str, _Field] = {}
        self._sections: list[tuple[QGroupBox, QFormLayout, list[str]]] = []
        self._order: list[QWidget] = []
        self._show_all = False

        column = QVBoxLayout(self)
        column.setSpacing(12)
        column.addWidget(self._personal_section())
        column.addWidget(self._contact_section())
        column.addWidget(self._address_section())
        column.addWidget(self._preferences_section())
        column.addWidget(self._consent_section())
        column.addStretch(1)
        self.set_profile(self.profile.name)

    # Building ----------------------------------------------------------------------------------
    def _section(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title, self)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._sections.append((group, form, []))
        return group, form

    def _add(self, form: QFormLayout, path: str, caption: str, editor: QWidget, *extra: QWidget) -> _Field:
        box = FieldBox(editor, *extra, parent=form.parentWidget())
        label = QLabel(caption, form.parentWidget())
        label.setBuddy(editor)
        form.addRow(label, box)
        editor.setAccessibleName(caption.replace("&", ""))
        item = _Field(path, label, box, editor, caption)
        self._fields[path] = item
        self._sections[-1][2].append(path)
        self._order.extend([editor, *extra])
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, p=path: self._edited(p))
            editor.editingFinished.connect(lambda p=path: self._finished(p))
        elif isinstance(editor, QComboBox):
            editor.activated.connect(lambda _i, p=path: self._finished(p))
            editor.currentIndexChanged.connect(lambda _i, p=path: self._edited(p))
        return item

    def _line(self, max_length: int, placeholder: str = "", width: int = 420) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaximumWidth(width)
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        return edit

    def _combo(self, items: list[tuple[str, str]], blank: str | None = "—") -> QComboBox:
        combo = QComboBox(self)
        if blank is not None:
            combo.addItem(blank, "")
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _personal_section(self) -> QGroupBox:
        group, form = self._section(self.tr("Personal details"))
        titles = [
            (self.tr("Mr."), "MR"),
            (self.tr("Mrs."), "MRS"),
            (self.tr("Ms."), "MS"),
            (self.tr("Miss"), "MISS"),
            (self.tr("Dr."), "DR"),
            (self.tr("Mx."), "MX"),
        ]
        self._add(form, "personalDetails.title", self.tr("Title"), self._combo(titles))
        self._add(form, "personalDetails.firstName", self.tr("&First name"), self._line(v.NAME_MAX))
        self._add(form, "personalDetails.middleName", self.tr("Middle name"), self._line(v.NAME_MAX))
        self._add(form, "personalDetails.lastName", self.tr("&Last name"), self._line(v.NAME_MAX))
        self._add(
            form,
            "personalDetails.suffix",
            self.tr("Suffix"),
            self._line(v.SUFFIX_MAX, self.tr("e.g. Jr, Sr, III"), 140),
        )
        self.birth = DateEntry(self)
        item = self._add(
            form, "personalDetails.dateOfBirth", self.tr("Date of &birth"), self.birth.edit, self.birth.button
        )
        item.box.layout().itemAt(0).layout().setSpacing(4)
        self.birth.sig_picked.connect(lambda: self._finished("personalDetails.dateOfBirth"))
        genders = [
            (self.tr("Female"), "FEMALE"),
            (self.tr("Male"), "MALE"),
            (self.tr("Another gender"), "OTHER"),
            (self.tr("Prefers not to say"), "UNDISCLOSED"),
        ]
        self._add(form, "personalDetails.gender", self.tr("Gender"), self._combo(genders))
        return group

    def _contact_section(self) -> QGroupBox:
        group, form = self._section(self.tr("Contact"))
        email = self._add(
            form,
            "contactDetails.email",
            self.tr("&Email"),
            self._line(formats.MAX_EMAIL_LENGTH, self.tr("name@example.com")),
        )
        email.editor.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        types = [(self.tr("Mobile"), "Mobile"), (self.tr("Home"), "Home"), (self.tr("Business"), "Business")]
        for row in range(MAX_PHONES):
            kind = self._combo(types, blank=None)
            kind.setAccessibleName(self.tr("Phone %1 type").replace("%1", str(row + 1)))
            number = self._line(20, self.tr("e.g. 416-555-0123"), 200)
            number.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
            caption = self.tr("Phone %1").replace("%1", str(row + 1))
            item = self._add(form, f"contactDetails.phones[{row}]", caption, number, kind)
            number.setAccessibleName(self.tr("Phone %1 number").replace("%1", str(row + 1)))
            kind.currentIndexChanged.connect(lambda _i, p=item.path: self._edited(p))
            item.kind = kind  # type: ignore[attr-defined]
        self.add_phone = QPushButton(self.tr("Add another phone"), group)
        self.add_phone.setAccessibleName(self.tr("Add another phone"))
        self.add_phone.clicked.connect(self._show_next_phone)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_phone)
        add_row.addStretch(1)
        form.addRow("", add_row)
        self._order.append(self.add_phone)
        self._phones_shown = 1
        return group

    def _address_section(self) -> QGroupBox:
        group, form = self._section(self.tr("Address"))
        self._add(
            form,
            "addressDetails.addressLine1",
            self.tr("Address line 1"),
            self._line(v.ADDRESS_LINE_MAX, self.tr("Number and street")),
        )
        self._add(
            form,
            "addressDetails.addressLine2",
            self.tr("Address line 2"),
            self._line(v.ADDRESS_LINE_MAX, self.tr("Apartment, suite, unit")),
        )
        self._add(form, "addressDetails.city", self.tr("City"), self._line(v.CITY_MAX, "", 300))
        self._add(form, "addressDetails.province", self.tr("Province"), self._combo(self._province_items()))
        self._add(
            form, "addressDetails.postalCode", self.tr("Postal code"), self._line(7, self.tr("A1A 1A1"), 110)
        )
        return group

    def _province_items(self) -> list[tuple[str, str]]:
        items = []
        for code, (english, french) in formats.PROVINCES.items():
            names = english if english == french else f"{english} / {french}"
            if self.ui_language == "FR" and english != french:
                names = f"{french} / {english}"
            items.append((f"{code}  {names}", code))
        return items

    def _preferences_section(self) -> QGroupBox:
        group, form = self._section(self.tr("Preferences"))
        languages = [("English", "EN"), ("Français", "FR")]
        self._add(form, "preferences.language", self.tr("Preferred language"), self._combo(languages))
        self.channel = self._combo([])
        self._add(form, "enrollmentChannel", self.tr("Enrollment channel"), self.channel)
        self.field("preferences.language").currentIndexChanged.connect(self._update_consent_texts)
        return group

    def _consent_section(self) -> QGroupBox:
        group, form = self._section(self.tr("Marketing consent (optional)"))
        self.consent_intro = intro = QLabel(
            self.tr(
                "Read each question to the customer and tick a box only if they say yes. These consents are "
                "separate from the AIR MILES program terms: joining does not depend on them."
            ),
            group,
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.consent_boxes: dict[str, QCheckBox] = {}
        self.consent_texts: dict[str, QLabel] = {}
        for consent_type in CONSENT_TYPES:
            box = QCheckBox(group)
            box.setChecked(False)
            text = QLabel(group)
            text.setWordWrap(True)
            text.setBuddy(box)
            form.addRow(box, text)
            box.toggled.connect(self._consent_toggled)
            self.consent_boxes[consent_type] = box
            self.consent_texts[consent_type] = text
            self._order.append(box)
        self.wording_note = QLabel(group)
        self.wording_note.setStyleSheet("color: palette(placeholder-text);")
        form.addRow(self.wording_note)
        self.consent_message = MessageLabel(group)
        form.addRow(self.consent_message)
        self._consent_group = group
        self._update_consent_texts()
        return group

    def _consent_toggled(self) -> None:
        self.consent_message.show_problem(None)  # the service's verdict was about the old answers
        self.sig_changed.emit()

    # Profile and language ----------------------------------------------------------------------
    def set_profile(self, name: str) -> None:
        """Show the fields of profile `name`, marking the required ones; content of hidden fields is kept."""
        self.profile = self.profiles.profiles[name]
        for group, form, paths in self._sections:
            visible_any = False
            for path in paths:
                shown = self.profile.shows(self._profile_key(path))
                if path.startswith("contactDetails.phones["):
                    shown = shown and int(path[-2]) < self._phones_shown
                item = self._fields[path]
                form.setRowVisible(item.box, shown)
                required = (
                    self.profile.requires(self._profile_key(path))
                    and not path.endswith("[1]")
                    and not path.endswith("[2]")
                )
                item.label.setText(item.caption + (" *" if required else ""))
                visible_any = visible_any or shown
            if group is not self._consent_group:
                group.setVisible(visible_any)
        self._consent_group.setVisible(self.profile.shows("consents"))
        phones = self.profile.shows("contactDetails.phones")
        self.add_phone.setVisible(phones and self._phones_shown < MAX_PHONES)
        self._fill_channels()
        self.revalidate()
        self.sig_changed.emit()

    def _fill_channels(self) -> None:
        names = {
            "CALL_CENTRE": self.tr("Call centre"),
            "IN_STORE": self.tr("In store"),
            "EVENT": self.tr("Event"),
            "ONLINE": self.tr("Online"),
        }
        current = self.channel.currentData()
        self.channel.blockSignals(True)
        self.channel.clear()
        channels = self.profile.channels
        if len(channels) > 1:
            self.channel.addItem("—", "")
        for channel in channels:
            self.channel.addItem(names[channel], channel)
        index = self.channel.findData(current)
        self.channel.setCurrentIndex(max(index, 0))
        self.channel.blockSignals(False)

    @staticmethod
    def _profile_key(path: str) -> str:
        return "contactDetails.phones" if path.startswith("contactDetails.phones[") else path

    @property
    def consent_language(self) -> str:
        """The language the consent wordings are shown in: the customer's, else the console's."""
        return self.field("preferences.language").currentData() or self.ui_language

    def _update_consent_texts(self) -> None:
        language = self.consent_language
        partner = self.profiles.partner_name(language)
        short = {
            "EMAIL_MARKETING": self.tr("Email offers"),
            "PARTNER_OFFERS": self.tr("Partner offers"),
            "SMS_MARKETING": self.tr("Text messages"),
        }
        for consent_type, box in self.consent_boxes.items():
            wording = self.profiles.consents[consent_type].text(language, partner)
            asker = self.profiles.asker_name(consent_type, language)
            box.setText(short[consent_type])
            box.setAccessibleName(short[consent_type])
            box.setAccessibleDescription(wording)
            self.consent_texts[consent_type].setText(
                f"{wording}\n" + self.tr("Asked by: %1").replace("%1", asker)
            )
        note = self.tr("Wording version %1, shown in %2.").replace("%1", self.profiles.wording_version)
        self.wording_note.setText(note.replace("%2", "English" if language == "EN" else "français"))

    # Phones --------------------------------------------------------------------------------------
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
        return self._fields[f"contactDetails.phones[{row}]"].kind  # type: ignore[attr-defined]

    def message(self, path: str) -> str:
        """The message shown beside `path`, '' when none (for tests and screen readers)."""
        label = self.consent_message if path == "consents" else self._fields[path].box.message
        return "" if label.isHidden() else label.text()

    def captions(self, paths: list[str]) -> list[str]:
        """The labels of `paths`, in the order of the form."""
        return [item.caption.replace("&", "") for path, item in self._fields.items() if path in paths]

    def _shown(self, path: str) -> bool:
        if path.startswith("contactDetails.phones["):
            return self.profile.shows("contactDetails.phones") and int(path[-2]) < self._phones_shown
        return self.profile.shows(path)

    def _text(self, path: str) -> str:
        editor = self._fields[path].editor
        if isinstance(editor, QComboBox):
            return editor.currentData() or ""
        return editor.text()

    # Editing -----------------------------------------------------------------------------------
    def _edited(self, path: str) -> None:
        item = self._fields[path]
        item.server_problem = None
        self.revalidate()
        self.sig_changed.emit()

    def _finished(self, path: str) -> None:
        item = self._fields[path]
        item.touched = True
        check = self._checks().get(path)
        if check is not None and check.value and check.problem is None and isinstance(item.editor, QLineEdit):
            shown = None
            if path == "addressDetails.postalCode":
                shown = check.value
            elif path.startswith("contactDetails.phones["):
                shown = v.format_phone(check.value)
            if shown and item.editor.text() != shown:
                item.editor.setText(shown)
            if path == "addressDetails.postalCode":
                self._suggest_province(check.value)
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
            item.touched = False
            item.server_problem = None
        for row in range(MAX_PHONES):
            self.phone_type(row).setCurrentIndex(0)
        for box in self.consent_boxes.values():
            box.setChecked(False)
        self.consent_message.show_problem(None)
        self._phones_shown = 1
        self._show_all = False
        self.blockSignals(False)
        self.set_profile(self.profile.name)

    def set_read_only(self, read_only: bool) -> None:
        """Lock the inputs (content kept) while a submission is unresolved."""
        for item in self._fields.values():
            item.box.setEnabled(not read_only)
        for box in self.consent_boxes.values():
            box.setEnabled(not read_only)
        self.add_phone.setEnabled(not read_only)

    # Checking ----------------------------------------------------------------------------------
    def _checks(self) -> dict[str, v.Check]:
        req = self.profile.requires
        today = self.today
        checks: dict[str, v.Check] = {
            "personalDetails.title": v.check_choice(
                self._text("personalDetails.title"), required=req("personalDetails.title")
            ),
            "personalDetails.firstName": v.check_name(
                self._text("personalDetails.firstName"), required=req("personalDetails.firstName")
            ),
            "personalDetails.middleName": v.check_name(
                self._text("personalDetails.middleName"), required=req("personalDetails.middleName")
            ),
            "personalDetails.lastName": v.check_name(
                self._text("personalDetails.lastName"), required=req("personalDetails.lastName")
            ),
            "personalDetails.suffix": v.check_name(
                self._text("personalDetails.suffix"),
                required=req("personalDetails.suffix"),
                max_length=v.SUFFIX_MAX,
            ),
            "personalDetails.dateOfBirth": v.check_date_of_birth(
                self._text("personalDetails.dateOfBirth"),
                required=req("personalDetails.dateOfBirth"),
                today=today,
                min_age=self.min_age,
            ),
            "personalDetails.gender": v.check_choice(
                self._text("personalDetails.gender"), required=req("personalDetails.gender")
            ),
            "contactDetails.email": v.check_email(self._text("contactDetails.email")),
            "addressDetails.addressLine1": v.check_text(
                self._text("addressDetails.addressLine1"),
                max_length=v.ADDRESS_LINE_MAX,
                required=req("addressDetails.addressLine1"),
            ),
            "addressDetails.addressLine2": v.check_text(
                self._text("addressDetails.addressLine2"),
                max_length=v.ADDRESS_LINE_MAX,
                required=req("addressDetails.addressLine2"),
            ),
            "addressDetails.city": v.check_text(
                self._text("addressDetails.city"), max_length=v.CITY_MAX, required=req("addressDetails.city")
            ),
            "addressDetails.province": v.check_choice(
                self._text("addressDetails.province"), required=req("addressDetails.province")
            ),
            "addressDetails.postalCode": v.check_postal_code(
                self._text("addressDetails.postalCode"), required=req("addressDetails.postalCode")
            ),
            "preferences.language": v.check_choice(
                self._text("preferences.language"), required=req("preferences.language")
            ),
            "enrollmentChannel": v.check_choice(
                self._text("enrollmentChannel"), required=req("enrollmentChannel")
            ),
        }
        for row in range(MAX_PHONES):
            path = f"contactDetails.phones[{row}]"
            checks[path] = v.check_phone(self._text(path), required=row == 0 and req("contactDetails.phones"))
        return {path: check for path, check in checks.items() if self._shown(path)}

    def state(self) -> FormState:
        """Read the form: the body to send, the consent answers and every problem."""
        checks = self._checks()
        problems = {path: check.problem for path, check in checks.items() if check.problem is not None}
        value = {path: check.value for path, check in checks.items() if check.value is not None}

        personal_keys = [p for p in value if p.startswith("personalDetails.")]
        if personal_keys:
            for path in PERSONAL_REQUIRED:
                if self._shown(path) and path not in value and path not in problems:
                    problems[path] = v.Problem(self.tr("Required when other personal details are given."))

        postal, province = value.get("addressDetails.postalCode"), value.get("addressDetails.province")
        warning = v.check_postal_province(postal, province, self.ui_language)
        if warning is not None and "addressDetails.postalCode" not in problems:
            problems["addressDetails.postalCode"] = warning

        body: dict[str, Any] = {}

        for path in checks:
            if path in value and not path.startswith("contactDetails.phones["):
                section, _dot, name = path.rpartition(".")
                (body.setdefault(section, {}) if section else body)[name] = value[path]
        phones, phone_rows = [], []
        for row in range(MAX_PHONES):
            path = f"contactDetails.phones[{row}]"
            if path in value:
                phones.append({"type": self.phone_type(row).currentData(), "number": value[path]})
                phone_rows.append(row)
        if phones:
            body.setdefault("contactDetails", {})["phones"] = phones
        if "addressDetails" in body:
            body["addressDetails"]["country"] = "CA"

        for path, item in self._fields.items():
            if item.server_problem is not None and path in checks:
                problems.setdefault(path, item.server_problem)
        consents: list[tuple[str, bool]] = []
        if self.profile.shows("consents"):
            consents = [(kind, box.isChecked()) for kind, box in self.consent_boxes.items()]
        return FormState(
            body, consents, self.consent_language, value.get("enrollmentChannel"), problems, phone_rows
        )

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
            item.box.message.show_problem(problem if show and self._shown(path) else None)
            required = self.tr("Required") if item.label.text().endswith("*") else ""
            item.editor.setAccessibleDescription(problem.message if problem and show else required)
        return state

    def show_server_errors(self, errors: list[Any], phone_rows: list[int]) -> list[Any]:
        """Put each server field error on its field; return those that name no field of the form."""
        unplaced = []
        consent_messages = []
        for error in errors:
            path = self._form_path(error.field or "", phone_rows)
            message = error.message or error.code or self.tr("Refused by the service.")
            if path == "consents":
                consent_messages.append(message)
            elif path is not None and path in self._fields and self._shown(path):
                self._fields[path].server_problem = v.Problem(message)
            else:
                unplaced.append(error)
        self.consent_message.show_problem(v.Problem(" ".join(consent_messages)) if consent_messages else None)
        self.revalidate()
        first = next((p for p in self._fields if self._fields[p].server_problem is not None), None)
        if first is not None:
            self._fields[first].editor.setFocus()
        return unplaced

    def _form_path(self, server_path: str, phone_rows: list[int]) -> str | None:
        match = _PHONE_PATH.fullmatch(server_path)
        if match:
            index = int(match[1])
            row = phone_rows[index] if index < len(phone_rows) else 0
            return f"contactDetails.phones[{row}]"
        if server_path == "contactDetails.phones":
            return "contactDetails.phones[0]"
        if _CONSENT_PATH.fullmatch(server_path):
            return "consents"
        if server_path == "personalDetails":
            return "personalDetails.firstName"
        return server_path if server_path in self._fields else None
