"""The outbox in the window: "3 enrollments waiting" in the status bar, the masked list, Send now.

It also runs the outbox's background sender: whatever waits is sent when its environment is signed in,
with backoff while the service does not answer, and at once after a sign-in or "Send now".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from console.api.redaction import MASK, mask_collector_number
from console.services import outbox as ob
from console.ui import theme

if TYPE_CHECKING:
    from console.services.outbox import Outbox, OutboxItem, OutboxSender
    from console.ui.context import ConsoleContext


def _t(text: str) -> str:
    return QCoreApplication.translate("OutboxView", text)


def count_text(waiting: int) -> str:
    if waiting == 1:
        return _t("1 enrollment waiting")
    return _t("%1 enrollments waiting").replace("%1", str(waiting))


def describe(item: OutboxItem, environment_label: str) -> str:
    """One masked line: when it was added, where to, and where it stands (with what to do)."""
    added = datetime.fromtimestamp(item.created_at).strftime("%H:%M")
    head = _t("Added %1 · %2 · %3").replace("%1", added).replace("%2", environment_label).replace("%3", MASK)
    return head + " — " + state_text(item)


def state_text(item: OutboxItem) -> str:
    state, reason = item.state, item.reason
    if state is ob.ItemState.ENROLLED:
        return _t("Enrolled: %1").replace("%1", mask_collector_number(item.collector_number or ""))
    if state is ob.ItemState.DUPLICATE:
        return _t(
            "Needs attention: an active member already uses this email. Look the member up on the Search "
            "page."
        )
    if state is ob.ItemState.REJECTED:
        fields = ", ".join(field for field, _code in item.field_errors) or "—"
        return _t(
            "Needs attention: the service refused some details (%1). Enroll this person again from the form "
            "with the details corrected."
        ).replace("%1", fields)
    if item.request is None:
        return _t(
            "Needs attention: the details were kept in memory only and are lost. Check on the Search page "
            "whether this person is a member."
        )
    if state is ob.ItemState.SENDING:
        return _t("Sending…")
    if reason == ob.REASON_SIGN_IN:
        return _t("Waiting: sign in to this environment to send it.")
    if state is ob.ItemState.UNKNOWN:
        return _t("Sent, answer not received yet: the console asks again with the same key.")
    if reason in (ob.REASON_RATE_LIMITED, ob.REASON_UNAVAILABLE) and item.retry_at:
        when = datetime.fromtimestamp(item.retry_at).strftime("%H:%M:%S")
        return _t("Waiting: the service asked to wait; the console tries again at %1.").replace("%1", when)
    return _t("Waiting: the console sends it when the service answers.")


class OutboxDialog(QDialog):
    """The masked list of what the outbox holds, with Send now."""

    def __init__(self, view: OutboxView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setWindowTitle(_t("Enrollments waiting to be sent"))
        self.resize(760, 360)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(theme.text_style("warning"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(_t("Enrollments in the outbox"))
        self.list.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.send_now = QPushButton(_t("&Send now"), self)
        self.send_now.setAccessibleName(_t("Send now"))
        buttons.addButton(self.send_now, QDialogButtonBox.ButtonRole.ActionRole)
        self.send_now.clicked.connect(view.send_now)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        box = self.view.outbox
        items = box.items() if box is not None else []
        self.list.clear()
        for item in items:
            self.list.addItem(describe(item, self.view.environment_label(item.environment)))
        if not items:
            self.list.addItem(_t("Nothing is waiting."))
        memory_only = box is not None and not box.personal_data_persistent
        self.note.setText(memory_only_text() if memory_only else "")
        self.note.setVisible(memory_only)
        self.send_now.setEnabled(any(item.sendable for item in items))


def memory_only_text() -> str:
    return _t(
        "No keyring works on this computer: enrollments waiting to be sent are kept in memory only and are "
        "lost if the console closes."
    )


class OutboxView(QObject):
    """The status-bar item and the background sender of the window."""

    def __init__(
        self,
        context: ConsoleContext,
        bar: QStatusBar,
        client_for: Callable[[str], Any | None],
        environment_label: Callable[[str], str],
    ) -> None:
        super().__init__(bar)
        self.context = context
        self.outbox: Outbox | None = None
        self.background: OutboxSender | None = None
        self._client_for = client_for
        self.environment_label = environment_label
        self.dialog: OutboxDialog | None = None
        self.button = QPushButton(bar)
        self.button.setFlat(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # out of the Tab chain; the View menu has it too
        self.button.setAccessibleName(_t("Enrollments waiting"))
        self.button.setToolTip(_t("Show the enrollments waiting to be sent"))
        self.button.clicked.connect(self.show_list)
        self.button.hide()
        bar.addPermanentWidget(self.button)
        context.sig_session_changed.connect(lambda _session: self.send_now())

    async def start(self) -> None:
        """Open the outbox (resuming what a crash left) and run its sender until the window closes."""
        self.background = ob.OutboxSender(await self.context.outbox.get(), self._client_for)
        self.outbox = self.background.outbox
        self.outbox.subscribe(lambda _item: self.refresh())
        self.refresh()
        await self.background.run()

    def refresh(self) -> None:
        box = self.outbox
        if box is None:
            return
        waiting = len(box.unsettled())
        attention = [item for item in box.items() if item.needs_attention]
        self.button.setVisible(waiting > 0 or bool(attention))
        self.button.setText(count_text(waiting))
        colour = "warning" if attention or not box.personal_data_persistent else "muted"
        self.button.setStyleSheet(theme.text_style(colour) + theme.status_item_style())
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.refresh()

    def send_now(self) -> None:
        if self.background is not None:
            self.background.wake()

    def show_list(self) -> None:
        if self.dialog is None:
            self.dialog = OutboxDialog(self, self.button.window())
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.list.setFocus(Qt.FocusReason.OtherFocusReason)
