"""The results model: masked by default, sorted, grown page by page."""

from PySide6.QtCore import QPersistentModelIndex, Qt

from console.api.models import SearchItem
from console.ui.lookup.results_model import NUMBER_ROLE, ResultsModel


def item(number: str, first: str, last: str, city: str = "Toronto") -> SearchItem:
    return SearchItem(collector_number=number, first_name=first, last_name=last, city=city, province="ON",
                      status="ACTIVE")


def texts(model: ResultsModel, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_masked_by_default(qapp) -> None:
    model = ResultsModel()
    model.clear()
    model.append([item("80000000007", "Jane", "Doe")])
    assert texts(model, 0) == ["8•••••••007"]
    assert texts(model, 1) == ["D."]
    assert texts(model, 2) == ["J."]
    assert texts(model, 5) == ["Active"]
    assert model.data(model.index(0, 0), NUMBER_ROLE) == "80000000007"


def test_typed_last_name_is_shown(qapp) -> None:
    model = ResultsModel()
    model.clear(typed_last_name=True)
    model.append([item("80000000007", "Jane", "Doe")])
    assert texts(model, 1) == ["Doe"]
    assert texts(model, 2) == ["J."]


def test_rows_of_a_later_page_go_below_and_nothing_moves(qapp) -> None:
    model = ResultsModel()
    model.append([item("80000000007", "a", "A", city="Albany"), item("80000000014", "b", "B", city="Zurich")])
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert texts(model, 3) == ["Zurich", "Albany"]
    assert model.sorted_by == (3, Qt.SortOrder.DescendingOrder)
    keep = QPersistentModelIndex(model.index(1, 0))
    model.append([item("80000000021", "c", "C", city="Montréal")])
    assert texts(model, 3) == ["Zurich", "Albany", "Montréal"]
    assert keep.row() == 1
    assert model.data(model.index(keep.row(), 0), NUMBER_ROLE) == "80000000007"
    assert model.sorted_by is None
    assert model.headerData(3, Qt.Orientation.Horizontal) == "City"


def test_missing_address_reads_as_a_dash(qapp) -> None:
    model = ResultsModel()
    model.append([SearchItem(collector_number="80000000039", status="ACTIVE")])
    assert texts(model, 3) == ["—"]
    assert texts(model, 4) == ["—"]
    assert texts(model, 2) == [""]
