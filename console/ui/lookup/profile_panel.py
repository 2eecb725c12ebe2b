"""The profile panel: membership, personal, contact, address and preferences, masked by default."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from console.ui.lookup.masked import MASKERS, MaskedField
from console.ui.lookup.results_model import status_text

# (field, section, masker) for every maskable field, in display order.
_MASKED_FIELDS = (
    ("collectorNumber", "membership", "number"),
    ("name", "personal", "name"),
    ("dateOfBirth", "personal", "date"),
    ("gender", "personal", "text"),
    ("email", "contact", "email"),
    ("phones", "contact", "phone"),
    ("address", "address", "text"),
    ("postalCode", "address", "postal"),
)


LABEL_WIDTH = 130
NAME_PARTS = ("first_name", "middle_name", "last_name", "suffix")


def format_phone(number: str) -> str:
    return f"{number[:3]}-{number[3:6]}-{number[6:]}" if len(number) == 10 else number


def _join(*parts: Any) -> str:
    return " ".join(str(part) for part in parts if part)


def _form_label(text: str) -> QLabel:
    """A row label of one width in every section, so the values line up down the panel."""
    label = QLabel(text)
    label.setMinimumWidth(LABEL_WIDTH)
    return label


class ProfilePanel(QWidget):
    """Shows one `Profile`; personal fields stay masked until revealed one by one."""

    sig_reveal_requested = Signal(str)
    """(field): the agent asked to see a masked field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, MaskedField] = {}
        self.plain: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        sections = {
            "membership": self.tr("Membership"),
            "personal": self.tr("Personal"),
            "contact": self.tr("Contact"),
            "address": self.tr("Address"),
            "preferences": self.tr("Preferences"),
        }
        forms: dict[str, QFormLayout] = {}
        for key, title in sections.items():
            box = QGroupBox(title)
            forms[key] = QFormLayout(box)
            forms[key].setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(box)
        labels = {
            "collectorNumber": self.tr("Collector number"),
            "name": self.tr("Name"),
            "dateOfBirth": self.tr("Date of birth"),
            "gender": self.tr("Gender"),
            "email": self.tr("Email"),
            "phones": self.tr("Phones"),
            "address": self.tr("Street"),
            "postalCode": self.tr("Postal code"),
        }
        for field, section, masker in _MASKED_FIELDS:
            widget = MaskedField(field, labels[field])
            widget.setProperty("masker", masker)
            widget.sig_reveal_requested.connect(self.sig_reveal_requested)
            self.fields[field] = widget
            forms[section].addRow(_form_label(labels[field]), widget)
            if field == "collectorNumber":
                self._add_plain(forms[section], "status", self.tr("Status"))
                self._add_plain(forms[section], "enrollmentDate", self.tr("Enrolled on"))
            if field == "address":
                self._add_plain(forms[section], "city", self.tr("City"))
        self._add_plain(forms["preferences"], "language", self.tr("Language"))
        layout.addStretch()

    def _add_plain(self, form: QFormLayout, key: str, label: str) -> None:
        widget = QLabel()
        widget.setAccessibleName(label)
        self.plain[key] = widget
        form.addRow(_form_label(label), widget)

    # -- content ----------------------------------------------------------------------------------
    def set_profile(self, profile: Any) -> None:
        """Fill every field from a `Profile`; all masked fields start masked."""
        personal = profile.personal_details
        contact = profile.contact_details
        address = profile.address_details
        phones = [phone for phone in (contact.phones if contact else []) if phone.number]
        bare_name = _join(*(getattr(personal, part, None) for part in NAME_PARTS)) if personal else ""
        values = {
            "collectorNumber": profile.collector_number,
            "name": _join(self._title(personal.title), bare_name) if personal else "",
            "dateOfBirth": str(personal.date_of_birth) if personal and personal.date_of_birth else "",
            "gender": self._gender(personal.gender) if personal and personal.gender else "",
            "email": contact.email if contact else "",
            "phones": "; ".join(
                _join(self._phone_type(phone.type), format_phone(phone.number)) for phone in phones),
            "address": ", ".join(
                line for line in (address.address_line1, address.address_line2) if line
            ) if address else "",
            "postalCode": (address.postal_code or "") if address else "",
        }
        for field, widget in self.fields.items():
            value = values[field]
            if field == "phones":
                masked = "; ".join(MASKERS["phone"](phone.number) for phone in phones)
            elif field == "name":
                masked = MASKERS["name"](bare_name)  # the title would read as an initial
            else:
                masked = MASKERS[widget.property("masker")](value) if value else ""
            widget.set_value(value or self.tr("Not on file"), masked)
            if not value:
                widget.reveal()
        self.plain["status"].setText(status_text(profile.status))
        self.plain["enrollmentDate"].setText(str(profile.enrollment_date or ""))
        city = _join(address and address.city, address and address.province)
        self.plain["city"].setText(city or self.tr("Not on file"))
        language = profile.preferences.language if profile.preferences else None
        languages = {"EN": self.tr("English"), "FR": self.tr("French")}
        self.plain["language"].setText(languages.get(language or "", "—"))

    def clear(self) -> None:
        for widget in self.fields.values():
            widget.set_value("", "")
        for label in self.plain.values():
            label.clear()

    def _gender(self, gender: str) -> str:
        words = {"FEMALE": self.tr("Female"), "MALE": self.tr("Male"), "OTHER": self.tr("Other"),
                 "UNDISCLOSED": self.tr("Undisclosed")}
        return words.get(str(gender), str(gender))

    def _title(self, title: str | None) -> str:
        words = {"MR": self.tr("Mr."), "MRS": self.tr("Mrs."), "MS": self.tr("Ms."), "MISS": self.tr("Miss"),
                 "DR": self.tr("Dr."), "MX": self.tr("Mx.")}
        return words.get(str(title or ""), str(title or ""))

    def _phone_type(self, kind: str | None) -> str:
        words = {"Home": self.tr("Home"), "Mobile": self.tr("Mobile"), "Business": self.tr("Business")}
        return words.get(str(kind or ""), str(kind or ""))

    # -- reveal -----------------------------------------------------------------------------------
    def masked_fields(self) -> list[str]:
        """Fields with a value that is still masked."""
        return [field for field, widget in self.fields.items() if not widget.revealed]

    def reveal(self, field: str) -> None:
        self.fields[field].reveal()

    def set_revealable(self, allowed: bool, reason: str = "") -> None:
        for widget in self.fields.values():
            widget.set_revealable(allowed, reason)
