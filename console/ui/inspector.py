"""The request inspector: which requests the current environment sent and what came back, redacted.

For testers: a table of exchanges (newest at the bottom), the headers and bodies of the selected one, and
"Copy as cURL" (placeholders in place of secrets and personal values, so the command runs). Personal values
show only for the member whose caller is verified in this call, after the reveal is audited
(`console.services.inspection`); in Production only method, path, status, timing and correlation id show,
unless the user typed PRODUCTION to turn bodies on. (One module over 400 lines: the table model, the dock
and the text of one exchange are read together; the rule itself lives in the services.)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.api.redaction import Mode
from console.services.curl import as_curl
from console.services.inspection import AuditUnavailable, ExchangeReveals, bare_path, metadata_only
from console.ui import theme
from console.ui.confirm_word import ask_for_word
from console.ui.inspector_tools import InspectorTools
from console.ui.settings import Settings

if TYPE_CHECKING:
    from console.api.exchange import Exchange
    from console.api.session import EnvironmentSession
    from console.ui.context import ConsoleContext

HISTORY_LIMIT = 500
"""Rows the inspector keeps; the oldest go first."""
_NUMERIC_COLUMNS = (4, 5)


def request_target(url: str) -> str:
    """Path and query of a (redacted) URL, as a request line shows them."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class ExchangeModel(QAbstractTableModel):
    """The exchanges shown, oldest first, at most `limit` of them."""

    def __init__(self, limit: int = HISTORY_LIMIT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.paths_only = False
        """Show paths without their (masked) query strings (Production's metadata-only view)."""
        self._rows: list[Exchange] = []
        self._headers = (self.tr("Time"), self.tr("Method"), self.tr("Path"), self.tr("Status"),
                         self.tr("Duration (ms)"), self.tr("Attempt"), self.tr("Correlation id"))

    def exchange(self, row: int) -> Exchange | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def append(self, exchanges: Iterable[Exchange]) -> None:
        """Add exchanges at the bottom, dropping the oldest beyond the limit."""
        new = list(exchanges)[-self.limit:]
        if not new:
            return
        excess = len(self._rows) + len(new) - self.limit
        if excess > 0:
            self.beginRemoveRows(QModelIndex(), 0, excess - 1)
            del self._rows[:excess]
            self.endRemoveRows()
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self.endResetModel()

    def set_paths_only(self, paths_only: bool) -> None:
        if paths_only != self.paths_only:
            self.paths_only = paths_only
            if self._rows:  # the selection stays
                self.dataChanged.emit(self.index(0, 2), self.index(len(self._rows) - 1, 2))

    # -- Qt model ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        exchange = self.exchange(index.row())
        if exchange is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(exchange, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            url = bare_path(exchange) if self.paths_only else exchange.url
            return {2: url, 3: status_text(exchange), 6: exchange.correlation_id}.get(
                column, self._text(exchange, column))
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and failed(exchange):
            return QBrush(theme.qcolor("error"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, exchange: Exchange, column: int) -> str:
        if column == 0:
            return exchange.started_at.astimezone().strftime("%H:%M:%S.%f")[:-3]
        if column == 1:
            return exchange.method
        if column == 2:
            return bare_path(exchange) if self.paths_only else request_target(exchange.url)
        if column == 3:  # a transport error by its kind; the whole message is in the tooltip
            return status_text(exchange).split(":", 1)[0]
        if column == 4:
            return f"{exchange.duration_ms:.0f}"
        if column == 5:
            return str(exchange.attempt)
        return exchange.correlation_id or ""


def failed(exchange: Exchange) -> bool:
    return exchange.status is None or exchange.status >= 400


def status_text(exchange: Exchange) -> str:
    """The HTTP status, or the transport error when no answer came."""
    if exchange.status is not None:
        return str(exchange.status)
    return exchange.error or "—"


class RequestInspector(QDockWidget):
    """The current environment's exchange log: a table, the selected exchange in full, copy as cURL.

    Follows `context.sig_session_changed` (a new environment shows only its own log) and shows nothing
    while the console is locked.
    """

    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Requests"), parent)
        self.setObjectName("requestInspector")
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea)
        self.context = context
        self._session: EnvironmentSession | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._already_shown: set[Exchange] = set()  # by identity: Exchange compares by identity
        self.reveals = ExchangeReveals(context.verifications)
        self._build()
        context.sig_session_changed.connect(self._on_session_changed)
        context.sig_locked.connect(self._on_locked)
        context.sig_unlocked.connect(self._on_unlocked)
        context.sig_call_ended.connect(self._on_call_ended)
        context.settings.sig_changed.connect(self._on_setting_changed)
        self._stop_verifications = context.verifications.subscribe(self._on_verification_changed)
        self.destroyed.connect(self._stop_verifications)
        self._on_session_changed(context.session)

    def _build(self) -> None:
        self.model = ExchangeModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Requests sent"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        # Sizes set once from the font, never from the rows: they stay put across environment switches.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        advance = self.table.fontMetrics().horizontalAdvance
        for column, sample in enumerate(("00:00:00.000", "POST", "", "Connect", "00000", "0", "0" * 14)):
            if sample:
                header.resizeSection(column, max(advance(sample), advance(str(self.model.headerData(
                    column, Qt.Orientation.Horizontal)))) + 16)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.detail.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.detail.setAccessibleName(self.tr("Request and response details"))
        self.detail.setPlaceholderText(self.tr("Select a request to see its headers and bodies."))

        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Requests shown"))
        self.copy_button = QPushButton(self.tr("Copy as cURL"))
        self.copy_button.setAccessibleName(self.tr("Copy as cURL"))
        self.copy_button.setToolTip(self.tr("Copy the selected request as a cURL command (secrets redacted)"))
        self.copy_button.clicked.connect(self.copy_as_curl)
        self.reveal_button = QPushButton(self.tr("Show personal data"))
        self.reveal_button.setAccessibleName(self.tr("Show the personal data of the selected request"))
        self.reveal_button.clicked.connect(self.reveal_selected)
        self.bodies_button = QPushButton(self.tr("Show bodies in Production…"))
        self.bodies_button.setAccessibleName(self.tr("Show headers and bodies in Production"))
        self.bodies_button.setToolTip(self.tr("Asks you to type PRODUCTION first"))
        self.bodies_button.clicked.connect(self.turn_production_bodies_on)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear the requests"))
        self.clear_button.clicked.connect(self.clear)

        self.tools = InspectorTools(self)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.reveal_button)
        buttons.addWidget(self.bodies_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.clear_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.tools)
        layout.addWidget(self.splitter, 1)
        self.setWidget(body)
        self._update_controls()

    # Following the session ---------------------------------------------------------------------------
    def _on_session_changed(self, session: EnvironmentSession | None) -> None:
        if session is self._session and self._unsubscribe is not None:
            return  # a sign-in or sign-out in the same environment: the same log goes on
        self.reveals.forget()
        self._follow(session)
        self._render_policy()

    def _follow(self, session: EnvironmentSession | None) -> None:
        """Show `session`'s log only: what it kept so far, then each new exchange."""
        self._stop_following()
        self._session = session
        self._clear_view()
        if session is None or self.context.locked:
            return
        log = session.exchange_log
        self._unsubscribe = log.subscribe(self._on_exchange)
        kept = tuple(getattr(log, "recent", ()))
        self._already_shown = set(kept)
        self._add(kept)

    def _stop_following(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._already_shown = set()

    def _on_exchange(self, exchange: Exchange) -> None:
        if not shiboken6.isValid(self):  # the window is gone; its session may outlive it
            self._unsubscribe_quietly()
            return
        if exchange in self._already_shown:
            self._already_shown.discard(exchange)  # published while we read `recent`
            return
        self._add((exchange,))

    def _unsubscribe_quietly(self) -> None:
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        if unsubscribe is not None:
            unsubscribe()

    def _add(self, exchanges: Iterable[Exchange]) -> None:
        bar = self.table.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum()
        self.model.append(exchanges)
        if at_bottom:
            self.table.scrollToBottom()
        self._update_controls()

    def _on_locked(self) -> None:
        self.reveals.forget()
        self._stop_following()
        self._clear_view()
        self.detail.setPlaceholderText(self.tr("Hidden while the console is locked."))

    def _on_unlocked(self) -> None:
        self.detail.setPlaceholderText(self.tr("Select a request to see its headers and bodies."))
        self._follow(self.context.session)

    # Who may see what ---------------------------------------------------------------------------------
    @property
    def metadata_only(self) -> bool:
        """True in Production unless bodies were turned on: method, path, status, timing, correlation id."""
        return metadata_only(self.context.is_production, self.context.settings.inspector_bodies_in_production)

    def _on_call_ended(self) -> None:
        self.reveals.forget()
        self._refresh_detail()

    def _on_verification_changed(self) -> None:
        if shiboken6.isValid(self):
            self._refresh_detail()

    def _on_setting_changed(self, key: str) -> None:
        if key == Settings.inspector_bodies_in_production.key:
            self._render_policy()

    def _render_policy(self) -> None:
        self.model.set_paths_only(self.metadata_only)
        self.bodies_button.setVisible(self.metadata_only)
        self._refresh_detail()

    def turn_production_bodies_on(self) -> None:
        """Show headers and bodies in Production too, once the user typed the confirmation word."""
        word = Settings.inspector_bodies_in_production.confirm_word
        if ask_for_word(
            self, self.tr("Show bodies in Production"),
            self.tr("Production holds live member data. Personal values stay masked until the caller "
                    "is verified.\nType %1 to show headers and bodies.").replace("%1", word),
            word,
        ):
            self.context.settings.inspector_bodies_in_production = True

    def reveal_selected(self) -> None:
        """Show the selected exchange's personal values (verified member only), after auditing it."""
        exchange = self.selected_exchange()
        if exchange is None or self.metadata_only:
            return
        env = self.context.environment
        try:
            shown = self.reveals.reveal(exchange, staff=self.context.staff_identity(),
                                        environment=env.name if env is not None else "")
        except AuditUnavailable:
            self.summary.setText(self.tr("The audit file cannot be written, so the data stays masked."))
            return
        if shown:
            self._refresh_detail()
            self.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    # Actions -----------------------------------------------------------------------------------------
    def selected_exchange(self) -> Exchange | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.exchange(rows[0].row()) if rows else None

    def copy_as_curl(self) -> None:
        """Put the selected request on the clipboard as a cURL command (redacted like everything here)."""
        exchange = self.selected_exchange()
        if exchange is not None:
            QGuiApplication.clipboard().setText(as_curl(exchange))
            self.summary.setText(self.tr("Copied as cURL."))

    def clear(self) -> None:
        """Forget the requests shown, here and in the environment's log."""
        if self._session is not None:
            self._session.exchange_log.clear()
        self._already_shown = set()
        self._clear_view()

    def _clear_view(self) -> None:
        self.model.clear()
        self.detail.clear()
        self._update_controls()

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        exchange = self.selected_exchange()
        self.detail.setPlainText(self.describe(exchange) if exchange is not None else "")
        self._update_controls()

    def _update_controls(self) -> None:
        exchange = self.selected_exchange()
        self.copy_button.setEnabled(exchange is not None and not self.metadata_only)
        can_reveal = (exchange is not None and not self.metadata_only and self.reveals.can_reveal(exchange)
                      and not self.reveals.is_revealed(exchange))
        self.reveal_button.setEnabled(can_reveal)
        self.reveal_button.setToolTip(
            self.tr("Show this request's personal data (written to the audit file)") if can_reveal
            else self.tr("Only for the member whose caller is verified in this call"))
        self.clear_button.setEnabled(self.model.rowCount() > 0)
        self.tools.update_controls()
        count = self.model.rowCount()
        if count == 0:
            text = self.tr("No requests yet.")
        elif count == 1:
            text = self.tr("1 request")
        else:
            text = self.tr("%1 requests").replace("%1", str(count))
        self.summary.setText(text)

    # The selected exchange in full -------------------------------------------------------------------
    def describe(self, exchange: Exchange) -> str:
        """The exchange as text: request line, outcome, then headers and bodies (redacted unless revealed).

        In Production's metadata-only view: method, path, status, timing and correlation id only."""
        if exchange.status is not None:
            outcome = self.tr("Status %1").replace("%1", str(exchange.status))
        else:
            outcome = self.tr("No answer: %1").replace("%1", status_text(exchange))
        facts = (self.tr("%1 ms · attempt %2").replace("%1", f"{exchange.duration_ms:.0f}")
                 .replace("%2", str(exchange.attempt)))
        started = exchange.started_at.astimezone().isoformat(sep=" ", timespec="milliseconds")
        if self.metadata_only:
            return "\n".join([
                f"{exchange.method} {bare_path(exchange)}",
                f"{outcome} · {facts}",
                self.tr("Correlation id: %1").replace("%1", exchange.correlation_id or "—"),
                self.tr("Started: %1").replace("%1", started),
                "",
                self.tr("Production: headers and bodies are hidden."),
            ])
        revealed = self.reveals.is_revealed(exchange)
        view = exchange.view(Mode.MASK, reveal=revealed)
        lines = [
            f"{exchange.method} {view.url}",
            f"{outcome} · {facts}",
            self.tr("Correlation id: %1").replace("%1", exchange.correlation_id or "—"),
            self.tr("Started: %1").replace("%1", started),
            self.tr("Personal data shown (verified caller; written to the audit file).") if revealed
            else self.tr("Personal data masked."),
            "",
            _section(self.tr("Request headers")),
            *_header_lines(view.request_headers),
            "",
            _section(self.tr("Request body")),
            self._body_text(view.request_body),
        ]
        if exchange.status is not None:
            lines += [
                "",
                _section(self.tr("Response headers")),
                *_header_lines(view.response_headers),
                "",
                _section(self.tr("Response body")),
                self._body_text(view.response_body),
            ]
        return "\n".join(lines)

    def _body_text(self, body: Any) -> str:
        if body is None:
            return self.tr("(empty)")
        if isinstance(body, str):
            return body
        return json.dumps(body, indent=2, ensure_ascii=False)


def _section(title: str) -> str:
    return f"── {title} ──"


def _header_lines(headers: dict[str, str]) -> list[str]:
    return [f"{name}: {value}" for name, value in headers.items()] or ["—"]
