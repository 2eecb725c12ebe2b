"""The results model: nothing personal, sorted by what is shown, grown page by page."""

from PySide6.QtCore import QPersistentModelIndex, Qt

from console.api.models import SearchItem
from console.ui.lookup.results_model import NUMBER_ROLE, ResultsModel


def item(number: str, first: str, last: str, province: str = "ON") -> SearchItem:
    return SearchItem(collector_number=number, first_name=first, last_name=last, city="Toronto",
                      province=province, status="ACTIVE")


def texts(model: ResultsModel, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def every_text(model: ResultsModel) -> list[str]:
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
    return [str(model.data(model.index(row, column), role)) for row in range(model.rowCount())
            for column in range(model.columnCount()) for role in roles]


def test_nothing_personal_is_shown(qapp) -> None:
    model = ResultsModel()
    model.clear()
    model.append([item("80000000007", "Jane", "Doe")])
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Collector number", "Province", "Status"]
    assert texts(model, 0) == ["8•••••••007"]
    assert texts(model, 1) == ["ON"]
    assert texts(model, 2) == ["Active"]
    assert model.data(model.index(0, 0), NUMBER_ROLE) == "80000000007"
    shown = " ".join(every_text(model))
    for hint in ("Jane", "J.", "Doe", "D.", "Toronto", "80000000007"):
        assert hint not in shown


def test_sorting_follows_what_is_shown_not_the_hidden_digits(qapp) -> None:
    model = ResultsModel()
    model.append([item("81000000009", "a", "A"), item("80000000014", "b", "B")])
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert texts(model, 0) == ["8•••••••009", "8•••••••014"]  # 009 before 014, though 81… > 80…


def test_rows_of_a_later_page_go_below_and_nothing_moves(qapp) -> None:
    model = ResultsModel()
    model.append([item("80000000007", "a", "A", province="AB"), item("80000000014", "b", "B", province="QC")])
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert texts(model, 1) == ["QC", "AB"]
    assert model.sorted_by == (1, Qt.SortOrder.DescendingOrder)
    keep = QPersistentModelIndex(model.index(1, 0))
    model.append([item("80000000021", "c", "C", province="ON")])
    assert texts(model, 1) == ["QC", "AB", "ON"]
    assert keep.row() == 1
    assert model.data(model.index(keep.row(), 0), NUMBER_ROLE) == "80000000007"
    assert model.sorted_by is None
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Province"


def test_missing_address_reads_as_a_dash(qapp) -> None:
    model = ResultsModel()
    model.append([SearchItem(collector_number="80000000039", status="ACTIVE")])
    assert texts(model, 1) == ["—"]
