"""The marketing consent section of the enrollment form (CASL: one unchecked box per purpose)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QWidget

from console.field_profiles import CONSENT_TYPES, ProfileSet
from console.ui import theme
from console.ui.enroll.widgets import MessageLabel


def _tr(text: str) -> str:
    return QCoreApplication.translate("EnrollForm", text)


class ConsentSection(QGroupBox):
    """One box per purpose, each with its wording in the customer's language and who asks."""

    sig_toggled = Signal()
    """A consent answer changed."""

    def __init__(self, profiles: ProfileSet, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Marketing consent (optional)"), parent)
        self.profiles = profiles
        form = QFormLayout(self)
        self.intro = QLabel(
            _tr(
                "Read each question to the customer and tick a box only if they say yes. These consents are "
                "separate from the AIR MILES program terms: joining does not depend on them."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        form.addRow(self.intro)
        self.boxes: dict[str, QCheckBox] = {}
        self.texts: dict[str, QLabel] = {}
        for consent_type in CONSENT_TYPES:
            box = QCheckBox(self)
            box.setChecked(False)
            text = QLabel(self)
            text.setWordWrap(True)
            text.setBuddy(box)
            form.addRow(box, text)
            box.toggled.connect(self._toggled)
            self.boxes[consent_type] = box
            self.texts[consent_type] = text
        self.wording_note = QLabel(self)
        self.wording_note.setStyleSheet(theme.text_style("muted"))
        form.addRow(self.wording_note)
        self.message = MessageLabel(self)
        form.addRow(self.message)

    def answers(self) -> list[tuple[str, bool]]:
        """(purpose, granted) for every purpose, in order."""
        return [(kind, box.isChecked()) for kind, box in self.boxes.items()]

    def show_language(self, language: str) -> None:
        """Show every wording in `language` ("EN" or "FR")."""
        partner = self.profiles.partner_name(language)
        short = {
            "EMAIL_MARKETING": _tr("Email offers"),
            "PARTNER_OFFERS": _tr("Partner offers"),
            "SMS_MARKETING": _tr("Text messages"),
        }
        for consent_type, box in self.boxes.items():
            wording = self.profiles.consents[consent_type].text(language, partner)
            asker = self.profiles.asker_name(consent_type, language)
            box.setText(short[consent_type])
            box.setAccessibleName(short[consent_type])
            box.setAccessibleDescription(wording)
            self.texts[consent_type].setText(f"{wording}\n" + _tr("Asked by: %1").replace("%1", asker))
        note = _tr("Wording version %1, shown in %2.").replace("%1", self.profiles.wording_version)
        self.wording_note.setText(note.replace("%2", "English" if language == "EN" else "français"))

    def clear(self) -> None:
        for box in self.boxes.values():
            box.setChecked(False)
        self.message.show_text(None)

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)

    def _toggled(self) -> None:
        self.message.show_text(None)  # the service's verdict was about the old answers
        self.sig_toggled.emit()
