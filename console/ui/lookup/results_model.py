"""Search results as a table model, sortable and paged. Before the caller is verified nothing personal
shows: no name, no initial, no city; only the collector number's last 3 digits, the province and the
status (the member view reveals the rest, audited, once the caller is verified)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from console.api.redaction import mask_collector_number

NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role holding the row's full collector number (never displayed)."""

_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)})
_COLUMNS = ("collector_number", "province", "status")
_HEADERS = ("Collector number", "Province", "Status")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResultsModel", text)


def status_text(status: str | None) -> str:
    """A member status in words."""
    words = {"ACTIVE": _tr("Active"), "INACTIVE": _tr("Inactive"), "CLOSED": _tr("Closed")}
    return words.get(status or "", status or "")


class ResultsModel(QAbstractTableModel):
    """Rows of ``SearchItem``: the collector number masked, the province and the status; names and cities
    are never shown here."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # id(row) -> shown texts, made on first paint
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- content ----------------------------------------------------------------------------------
    def clear(self) -> None:
        """Drop every row."""
        self.beginResetModel()
        self._rows = []
        self._texts = {}
        self.endResetModel()

    def append(self, items: Iterable[Any]) -> None:
        items = list(items)
        if not items:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(items) - 1)
        self._rows.extend(items)
        self.endInsertRows()
        self._sort = None  # the new rows sit below the ones read before: nothing moves

    @property
    def sorted_by(self) -> tuple[int, Qt.SortOrder] | None:
        """The column and order the user last sorted by, until more rows arrive (None: service order)."""
        return self._sort

    # -- Qt model ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(_HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.row() < 0:
            return None
        if role in _TEXT_ROLES:
            item = self._rows[index.row()]
            return self._shown(item)[index.column()]
        if role == NUMBER_ROLE:
            return self._rows[index.row()].collector_number
        return None

    def _shown(self, item: Any) -> tuple[str, ...]:
        """The row's texts, made once (on first paint)."""
        texts = self._texts.get(id(item))
        if texts is None:
            texts = self._texts[id(item)] = (
                mask_collector_number(item.collector_number),
                item.province or "—",  # partial-PII members have no address
                status_text(item.status),
            )
        return texts

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the loaded rows (rows loaded later go below them); a column out of range changes nothing."""
        if not 0 <= column < len(_COLUMNS):
            self._sort = None
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows.sort(  # by what is shown (no address sorts as empty): hidden digits never decide the order
            key=lambda item: ((item.province or "") if column == 1 else self._shown(item)[column].casefold(),
                              self._shown(item)[0]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        position = {id(item): row for row, item in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            new_row = position[id(old[persistent.row()])]
            self.changePersistentIndex(persistent, self.index(new_row, persistent.column()))
        self.layoutChanged.emit()
