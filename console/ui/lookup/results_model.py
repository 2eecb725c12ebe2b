"""Search results as a table model: always masked (the member view reveals, audited), sortable, paged."""

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
_COLUMNS = ("collector_number", "last_name", "first_name", "city", "province", "status")
_HEADERS = ("Collector number", "Last name", "First name", "City", "Province", "Status")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResultsModel", text)


def status_text(status: str | None) -> str:
    """A member status in words."""
    words = {"ACTIVE": _tr("Active"), "INACTIVE": _tr("Inactive"), "CLOSED": _tr("Closed")}
    return words.get(status or "", status or "")


def _initial(name: str | None) -> str:
    return f"{name[0]}." if name else ""


class ResultsModel(QAbstractTableModel):
    """Rows of ``SearchItem``: collector numbers masked; names the agent did not type shown as initials."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # id(row) -> shown texts, made on first paint
        self._typed_last_name = False
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- content ----------------------------------------------------------------------------------
    def clear(self, *, typed_last_name: bool = False) -> None:
        """Drop every row; ``typed_last_name`` shows last names in full (the agent typed it)."""
        self.beginResetModel()
        self._rows = []
        self._texts = {}
        self._typed_last_name = typed_last_name
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
            texts = self._texts.get(id(item))
            if texts is None:
                texts = self._texts[id(item)] = tuple(self._display(item, column) for column in _COLUMNS)
            return texts[index.column()]
        if role == NUMBER_ROLE:
            return self._rows[index.row()].collector_number
        return None

    def _display(self, item: Any, column: str) -> str:
        value = getattr(item, column, None) or ""
        if column == "status":
            return status_text(value)
        if column in ("city", "province") and not value:
            return "—"  # partial-PII members have no address
        if column == "collector_number":
            return mask_collector_number(value)
        if column == "first_name" or (column == "last_name" and not self._typed_last_name):
            return _initial(value)
        return value

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the loaded rows (rows loaded later go below them); a negative column changes nothing."""
        if column < 0:
            self._sort = None
            return
        self._sort = (column, order)
        key = _COLUMNS[column]
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows.sort(
            key=lambda item: ((getattr(item, key, None) or "").casefold(), item.collector_number),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        position = {id(item): row for row, item in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            new_row = position[id(old[persistent.row()])]
            self.changePersistentIndex(persistent, self.index(new_row, persistent.column()))
        self.layoutChanged.emit()
