"""The request inspector's tester tools: filter rows, export as HAR 1.2 or JSON, send a GET again.

Kept apart from `inspector.py` (the table, the details and the privacy rule) so each stays small. The
filter hides rows of the inspector's table (text anywhere in the row, method, status class); the exports
take the selected request or every row shown, through the exchange log's redacted view.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from console.ui.tasks import PageTasks
from console.ui.widgets import with_clear_button

if TYPE_CHECKING:
    from console.api.exchange import Exchange
    from console.ui.inspector import RequestInspector

STATUS_CLASSES = ("2xx", "3xx", "4xx", "5xx", "none")


def status_class(exchange: Exchange) -> str:
    """'2xx'...'5xx', or 'none' when no answer came."""
    return f"{exchange.status // 100}xx" if exchange.status is not None else "none"


def matches(exchange: Exchange, text: str, method: str, klass: str) -> bool:
    """True when the exchange passes the filter (empty text, method or class match everything)."""
    if method and exchange.method != method:
        return False
    if klass and status_class(exchange) != klass:
        return False
    if not text:
        return True
    haystack = " ".join((exchange.method, exchange.url, str(exchange.status or ""), exchange.error or "",
                         exchange.correlation_id or "")).lower()
    return text.lower() in haystack


class InspectorTools(QWidget):
    """The filter row and the export and "Send again" buttons of one inspector."""

    def __init__(self, inspector: RequestInspector) -> None:
        super().__init__(inspector)
        self.inspector = inspector
        self.tasks = PageTasks(self)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Filter: path, status, correlation id…"))
        self.text.setAccessibleName(self.tr("Filter the requests by text"))
        with_clear_button(self.text)
        self.method = QComboBox()
        self.method.setAccessibleName(self.tr("Filter by method"))
        self.method.addItem(self.tr("Any method"), "")
        for verb in ("GET", "POST"):
            self.method.addItem(verb, verb)
        self.klass = QComboBox()
        self.klass.setAccessibleName(self.tr("Filter by status class"))
        self.klass.addItem(self.tr("Any status"), "")
        for klass in STATUS_CLASSES:
            self.klass.addItem(self.tr("No answer") if klass == "none" else klass, klass)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export"))
        self.export_button.setAccessibleName(self.tr("Export requests"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_actions: dict[tuple[str, bool], QAction] = {}
        for kind, selected, label in (("har", True, self.tr("Selected request as HAR…")),
                                      ("har", False, self.tr("Requests shown as HAR…")),
                                      ("json", True, self.tr("Selected request as JSON…")),
                                      ("json", False, self.tr("Requests shown as JSON…"))):
            action = menu.addAction(label)
            action.triggered.connect(self._exporter(kind, selected))
            self.export_actions[(kind, selected)] = action
        self.export_button.setMenu(menu)
        self.send_button = QPushButton(self.tr("Send again"))
        self.send_button.setAccessibleName(self.tr("Send the selected GET again"))
        self.send_button.setToolTip(self.tr("Send the selected GET again, with a fresh correlation id"))
        self.send_button.clicked.connect(self.send_again)
        self.copy_data_button = QPushButton(self.tr("Copy with data"))
        self.copy_data_button.setAccessibleName(self.tr("Copy as cURL with the member's data"))
        self.copy_data_button.setToolTip(self.tr("Only outside Production, for the verified member; "
                                                 "each copy is written to the audit file"))
        self.copy_data_button.clicked.connect(self.copy_with_data)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.method)
        row.addWidget(self.klass)
        row.addWidget(self.export_button)
        row.addWidget(self.send_button)
        row.addWidget(self.copy_data_button)
        self.text.textChanged.connect(self.apply)
        self.method.currentIndexChanged.connect(self.apply)
        self.klass.currentIndexChanged.connect(self.apply)
        inspector.model.rowsInserted.connect(self._on_rows_inserted)
        inspector.model.modelReset.connect(self.apply)
        self.update_controls()
        inspector.visibilityChanged.connect(self._on_opened)

    def _on_opened(self, visible: bool) -> None:
        """The inspector opened: the newest row shown is selected and scrolled to, with the focus in it."""
        if not visible:
            return
        table = self.inspector.table
        rows = [row for row in range(self.inspector.model.rowCount()) if not table.isRowHidden(row)]
        if rows:
            table.selectRow(rows[-1])
            table.scrollTo(self.inspector.model.index(rows[-1], 0))
        table.setFocus()

    # --- the filter ---------------------------------------------------------------------------------

    def apply(self, *_args: object) -> None:
        """Show only the rows that pass the filter."""
        model = self.inspector.model
        self._filter_rows(0, model.rowCount() - 1)
        self.update_controls()

    def _on_rows_inserted(self, _parent: QModelIndex | QPersistentModelIndex, first: int, last: int) -> None:
        self._filter_rows(first, last)

    def _filter_rows(self, first: int, last: int) -> None:
        model, table = self.inspector.model, self.inspector.table
        text, method, klass = self.text.text().strip(), self.method.currentData(), self.klass.currentData()
        for row in range(first, last + 1):
            exchange = model.exchange(row)
            table.setRowHidden(row, exchange is None or not matches(exchange, text, method, klass))

    def shown(self) -> list[Exchange]:
        """The exchanges of the rows the filter shows, oldest first."""
        model, table = self.inspector.model, self.inspector.table
        rows = (model.exchange(row) for row in range(model.rowCount()) if not table.isRowHidden(row))
        return [exchange for exchange in rows if exchange is not None]

    # --- export and send again ----------------------------------------------------------------------

    def update_controls(self) -> None:
        selected = self.inspector.selected_exchange()
        from console.services.resend import can_send_again

        self.send_button.setEnabled(selected is not None and self.inspector._session is not None
                                    and can_send_again(selected))
        production = self.inspector.context.is_production
        self.copy_data_button.setVisible(not production)
        self.copy_data_button.setEnabled(not production and selected is not None
                                         and self.inspector.reveals.is_revealed(selected))
        for (_kind, only_selected), action in self.export_actions.items():
            action.setEnabled(selected is not None if only_selected else bool(self.shown()))

    def _exporter(self, kind: str, selected: bool) -> Callable[[], object]:
        return lambda: self.export(kind, selected)

    def export(self, kind: str, selected: bool, path: str | None = None) -> Path | None:
        """Write the selected request (or every row shown) as HAR or JSON; the file written, or None."""
        from console.services import har

        chosen = self.inspector.selected_exchange()
        exchanges = ([chosen] if chosen is not None else []) if selected else self.shown()
        if not exchanges:
            return None
        if path is None:
            suffix = "har" if kind == "har" else "json"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export requests"), f"requests.{suffix}",
                                                  self.tr("HAR files (*.har)") if kind == "har"
                                                  else self.tr("JSON files (*.json)"))
            if not path:
                return None
        document = har.to_har(exchanges) if kind == "har" else har.to_json(exchanges)
        target = Path(path)
        try:
            target.write_text(har.dumps(document), encoding="utf-8")
        except OSError:
            self.inspector.summary.setText(self.tr("The file could not be written."))
            return None
        self.inspector.summary.setText(self.tr("Exported to %1.").replace("%1", target.name))
        return target

    def copy_with_data(self) -> None:
        """The selected request as cURL with the member's own values: outside Production, for the member
        verified and revealed in this call, after the copy is written to the audit file."""
        from PySide6.QtGui import QGuiApplication

        from console.services.curl import as_curl

        inspector = self.inspector
        exchange, env = inspector.selected_exchange(), inspector.context.environment
        if exchange is None or env is None or env.is_production:
            return
        if not inspector.reveals.is_revealed(exchange):
            return
        try:
            inspector.context.verifications.audit.record_reveal(
                staff=inspector.context.staff_identity(), collector_number=exchange.collector_number or "",
                field=f"curl:{exchange.operation_id or exchange.method}", environment=env.name)
        except OSError:
            inspector.summary.setText(self.tr("The audit file cannot be written, so nothing was copied."))
            return
        QGuiApplication.clipboard().setText(as_curl(exchange, reveal=True))
        inspector.summary.setText(self.tr("Copied as cURL with the member's data."))

    def send_again(self) -> None:
        exchange, session = self.inspector.selected_exchange(), self.inspector._session
        if exchange is not None and session is not None:
            self.tasks.start("send", self._send(session, exchange))

    async def _send(self, session: object, exchange: Exchange) -> None:
        from console.api.session import EnvironmentSession
        from console.services.resend import send_again

        assert isinstance(session, EnvironmentSession)
        status = await send_again(session, exchange)
        if status is None:
            self.inspector.summary.setText(self.tr("Sent again: no answer."))
        else:
            self.inspector.summary.setText(self.tr("Sent again: %1.").replace("%1", str(status)))
