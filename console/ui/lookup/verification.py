"""Caller verification: a short checklist the agent completes before personal data can be shown.

The agent types what the caller says; a match ticks the item by itself, and the agent may tick an
item by hand (for example after a spelling check). Nothing on file is shown while verifying.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLineEdit, QWidget

from console import formats


def _plain(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.replace(",", " ").split())


def name_matches(said: str, first: str | None, last: str | None) -> bool:
    """True when the caller gave the first and last name on file, in either order."""
    if not last:
        return False
    if not first:
        return _plain(said) == _plain(last)
    said_words = sorted(_plain(said).split())
    return said_words == sorted(_plain(f"{first} {last}").split())


def postal_matches(said: str, on_file: str | None) -> bool:
    normalise = formats.normalise_postal_code
    return bool(on_file) and normalise(said) == normalise(on_file or "")


def email_matches(said: str, on_file: str | None) -> bool:
    return bool(on_file) and said.strip().casefold() == (on_file or "").strip().casefold()


class VerificationBox(QGroupBox):
    """Two checks picked from what is on file: name and postal code, or the email when they are missing."""

    sig_verified = Signal()
    """Every item of the checklist is ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Verify the caller before showing personal data"), parent)
        self._grid = QGridLayout(self)
        self._items: list[tuple[QLineEdit, QCheckBox, Any]] = []
        self.verified = False

    @property
    def inputs(self) -> list[QLineEdit]:
        return [line for line, _box, _check in self._items]

    @property
    def checkboxes(self) -> list[QCheckBox]:
        return [box for _line, box, _check in self._items]

    def set_profile(self, profile: Any) -> None:
        """Build the checklist for this member; nothing is ticked."""
        self._clear()
        personal, contact = profile.personal_details, profile.contact_details
        address = profile.address_details
        if personal and personal.last_name:
            self._add(self.tr("Full name the caller gives"), self.tr("Name confirmed"),
                      lambda said: name_matches(said, personal.first_name, personal.last_name))
        if address and address.postal_code:
            self._add(self.tr("Postal code the caller gives"), self.tr("Postal code confirmed"),
                      lambda said: postal_matches(said, address.postal_code))
        if len(self._items) < 2 and contact and contact.email:
            self._add(self.tr("Email the caller gives"), self.tr("Email confirmed"),
                      lambda said: email_matches(said, contact.email))
        if not self._items:
            self._add("", self.tr("Caller identity confirmed"), None)

    def _add(self, prompt: str, confirm: str, check: Any) -> None:
        row = len(self._items)
        line = QLineEdit()
        line.setPlaceholderText(prompt)
        line.setAccessibleName(prompt or confirm)
        box = QCheckBox(confirm)
        box.setAccessibleName(confirm)
        if check is None:
            line.hide()
        else:
            line.textChanged.connect(lambda said: box.setChecked(True) if check(said) else None)
        box.toggled.connect(self._update)
        self._grid.addWidget(line, row, 0)
        self._grid.addWidget(box, row, 1)
        self._items.append((line, box, check))

    def _clear(self) -> None:
        self.verified = False
        for line, box, _check in self._items:
            line.deleteLater()
            box.deleteLater()
        self._items = []

    def _update(self) -> None:
        if not self.verified and self._items and all(box.isChecked() for box in self.checkboxes):
            self.verified = True
            self.sig_verified.emit()
