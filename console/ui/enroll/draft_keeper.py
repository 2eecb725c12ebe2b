"""Keeps the form being typed as an encrypted draft every few seconds, and offers it back after a crash."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QComboBox

from console.services.drafts import DraftsOpener
from console.ui.enroll.form import EnrollForm
from console.ui.enroll.panels import Action, StatusPanel
from console.ui.tasks import alive, run_task

SAVE_EVERY_MS = 3000
_PHONE = re.compile(r"contactDetails\.phones\[(\d+)\]\.(number|type)")


def _tr(text: str) -> str:
    return QCoreApplication.translate("DraftKeeper", text)


class DraftKeeper:
    """Saves `form` while `editing()` holds; offers a draft left by an earlier run on `status`."""

    def __init__(
        self, form: EnrollForm, status: StatusPanel, drafts: DraftsOpener, editing: Callable[[], bool]
    ) -> None:
        self._form = form
        self._status = status
        self._drafts = drafts
        self._editing = editing
        self._saved: dict[str, Any] | None = None
        self._offered: dict[str, Any] | None = None
        self._timer = QTimer(form)
        self._timer.setInterval(SAVE_EVERY_MS)
        self._timer.timeout.connect(self.save_soon)
        self._timer.start()
        self._on_disk = drafts.exists()
        """A draft file exists (left by an earlier run, or saved by this one)."""
        if self._on_disk:
            run_task(self._offer())

    def document(self) -> dict[str, Any]:
        form = self._form
        return {
            "profile": form.profile.name,
            "texts": form.raw_texts(),
            "consents": {kind: box.isChecked() for kind, box in form.consent_boxes.items()},
        }

    def save_soon(self) -> None:
        """Save the form if it changed since the last save (the timer calls this)."""
        if self._offered is not None or not self._editing() or not self._form.has_input():
            return
        document = self.document()
        if document != self._saved:
            self._saved = document
            self._on_disk = True
            run_task(self._save(document))

    def forget(self) -> None:
        """The form was enrolled, saved to the outbox or cleared: no draft to offer any more."""
        self._saved = None
        if self._on_disk:
            self._on_disk = False
            run_task(self._clear())

    async def _save(self, document: dict[str, Any]) -> None:
        await (await self._drafts.get()).save(document)

    async def _clear(self) -> None:
        await (await self._drafts.get()).clear()

    async def _offer(self) -> None:
        document = await (await self._drafts.get()).load()
        if document is None or not alive(self._status) or self._form.has_input():
            return
        self._offered = document
        self._status.show_state(
            "info",
            _tr("An unsent form was kept"),
            _tr("The console closed before these details were enrolled. Restore them into the form?"),
            [
                Action("discard_draft", _tr("&Discard"), self._discard),
                Action("restore_draft", _tr("&Restore"), self._restore, primary=True),
            ],
        )

    def _discard(self) -> None:
        self._offered = None
        self._status.hide_state()
        self.forget()

    def _restore(self) -> None:
        document, self._offered = self._offered, None
        self._status.hide_state()
        if document is not None:
            restore(self._form, document)


def restore(form: EnrollForm, document: dict[str, Any]) -> None:
    """Put a draft back into the form: its use case, its texts and choices, its consent answers."""
    profile = document.get("profile")
    if isinstance(profile, str):
        form.set_profile(profile)
    for path, value in document.get("texts", {}).items():
        phone = _PHONE.fullmatch(path)
        if phone is None:
            editor = form.field(path)
            if isinstance(editor, QComboBox):
                _choose(editor, value)
            else:
                editor.setText(value)
            continue
        row = int(phone[1])
        while value and row > 0 and not _shown(form, row) and form.add_phone.isVisible():
            form.add_phone.click()
        if phone[2] == "type":
            _choose(form.phone_type(row), value)
        else:
            form.field(f"contactDetails.phones[{row}]").setText(value)
    for kind, checked in document.get("consents", {}).items():
        box = form.consent_boxes.get(kind)
        if box is not None:
            box.setChecked(bool(checked))


def _shown(form: EnrollForm, row: int) -> bool:
    return form.field(f"contactDetails.phones[{row}]").isVisibleTo(form)


def _choose(combo: QComboBox, value: str) -> None:
    index = combo.findData(value) if value else 0
    combo.setCurrentIndex(max(index, 0))
