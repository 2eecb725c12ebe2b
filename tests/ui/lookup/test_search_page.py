"""The search page against a sandbox with 10 000 members."""

from __future__ import annotations

from typing import Any

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console import formats
from console.ui.lookup import SearchPage
from console.ui.lookup.results_model import NUMBER_ROLE
from console.ui.lookup.search_page import EXAMPLES, PAGE_SIZE
from tests.ui.lookup.conftest import READONLY, Sessions

JANE = "80000000007"
ELISE = "80000000014"


def search(qtbot: Any, page: SearchPage, text: str) -> None:
    """Type `text` (set directly: keyClicks cannot send accents) and press Enter; wait for the answer."""
    page.search_box.setText(text)
    page.search_box.setFocus()
    with qtbot.waitSignal(page.sig_results_shown, timeout=15_000):
        QTest.keyClick(page.search_box, Qt.Key.Key_Return)


def numbers(page: SearchPage) -> list[str]:
    model = page.model
    return [model.data(model.index(row, 0), NUMBER_ROLE) for row in range(model.rowCount())]


def column(page: SearchPage, index: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, index)) for row in range(model.rowCount())]


def test_collector_number_opens_the_member_directly(qtbot, search_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search_page.search_box.setText("8000-000 0007")
    assert "Enter opens the member" in search_page.hint.text()
    with qtbot.waitSignal(search_page.sig_open_member) as opened:
        QTest.keyClick(search_page.search_box, Qt.Key.Key_Return)
    assert opened.args == [JANE]
    assert search_page.model.rowCount() == 0


def test_check_digit_warning_still_opens(qtbot, search_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search_page.search_box.setText("8000 000 0008")
    assert "check digit does not match" in search_page.hint.text()
    with qtbot.waitSignal(search_page.sig_open_member) as opened:
        QTest.keyClick(search_page.search_box, Qt.Key.Key_Return)
    assert opened.args == ["80000000008"]
    assert "looked it up anyway" in search_page.message.text()


def test_search_by_email(qtbot, search_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search(qtbot, search_page, "JANE.DOE@example.com")
    assert numbers(search_page) == [JANE]
    assert column(search_page, 0) == ["8•••••••007"]
    assert column(search_page, 1) == ["ON"]
    assert search_page.privacy_note.isVisible()
    assert search_page.table.hasFocus()


def test_search_by_phone(qtbot, search_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search(qtbot, search_page, "+1 (416) 555-0102")
    assert JANE in numbers(search_page)  # test numbers are 555-01XX: others may share it


def test_search_by_last_and_first_name(qtbot, search_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search(qtbot, search_page, "Tremblay, Élise")
    assert ELISE in numbers(search_page)
    assert "Tremblay" not in column(search_page, 0) + column(search_page, 1)  # not even what was typed


def test_search_by_last_name_and_postal_code(qtbot, search_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search(qtbot, search_page, "doe m5x1a9")
    assert numbers(search_page) == [JANE]


def test_no_match_says_what_was_searched_and_offers_to_enroll(qtbot, search_page, context,
                                                              sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search(qtbot, search_page, "nobody.here@example.com")
    assert search_page.model.rowCount() == 0
    assert search_page.message.text() == "No member has email “nobody.here@example.com”."
    search(qtbot, search_page, "Nobody-Here, Zoë h3g1p1")
    assert search_page.message.text() == (
        "No member has last name “Nobody-Here” and first name “Zoë” and postal code H3G 1P1. "
        "Names match ignoring case and accents.")
    assert search_page.enroll_button.isVisible()
    with qtbot.waitSignal(search_page.sig_enroll_requested) as asked:
        search_page.enroll_button.click()
    assert asked.args == [{"personalDetails.lastName": "Nobody-Here", "personalDetails.firstName": "Zoë",
                           "addressDetails.postalCode": "H3G 1P1"}]
    search(qtbot, search_page, "Doe")
    assert not search_page.enroll_button.isVisible()


def test_every_example_under_the_box_finds_a_seeded_member(qtbot, search_page, context,
                                                           sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    assert all(example in search_page.hint.text() for example in EXAMPLES)
    for example in EXAMPLES:
        if example.replace(" ", "").isdigit() and len(example.replace(" ", "")) == 11:
            with qtbot.waitSignal(search_page.sig_open_member) as opened:
                search_page.search_box.setText(example)
                search_page.run_search()
            assert opened.args == [JANE]
            continue
        search(qtbot, search_page, example)
        assert {JANE, ELISE} & set(numbers(search_page)), example


def test_one_member_found_is_said_in_the_singular(qtbot, search_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search(qtbot, search_page, "jane.doe@example.com")
    assert search_page.count_label.text() == "1 member found."


def test_paging_with_load_more_until_the_end(qtbot, search_page, context, sessions: Sessions) -> None:
    session = sessions.partner()
    context.set_session(session)
    search(qtbot, search_page, "Smith")
    assert search_page.model.rowCount() == PAGE_SIZE
    assert search_page.load_more_button.isVisible()
    assert "more are available" in search_page.count_label.text()
    first_page = numbers(search_page)
    pages = 1
    while search_page.load_more_button.isVisible():
        before = numbers(search_page)
        with qtbot.waitSignal(search_page.sig_results_shown, timeout=15_000):
            search_page.load_more_button.click()
        assert numbers(search_page)[: len(before)] == before, "Load more appends below, never reorders"
        pages += 1
    found = numbers(search_page)
    assert found[:PAGE_SIZE] == first_page
    assert pages >= 3
    assert len(found) == len(set(found)) > 2 * PAGE_SIZE
    log = httpx.get(f"{session.env.api_base}/_sandbox/requests", params={"path": "/collectors/search"}).json()
    assert sum(1 for item in log["items"] if item["status"] == 200) >= pages
    assert search_page.count_label.text() == f"{len(found)} members found."


def test_sorting_and_enter_opens_the_current_row(qtbot, search_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search(qtbot, search_page, "Tremblay")
    model = search_page.model
    selected = model.data(search_page.table.currentIndex(), NUMBER_ROLE)
    search_page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # province
    provinces = ["" if province == "—" else province for province in column(search_page, 1)]  # "—": none
    assert provinces == sorted(provinces, reverse=True)
    assert len(set(provinces)) > 1
    assert model.data(search_page.table.currentIndex(), NUMBER_ROLE) == selected  # the selection follows
    search_page.table.selectRow(0)
    QTest.keyClick(search_page.table, Qt.Key.Key_Down)
    row = search_page.table.currentIndex().row()
    assert row == 1
    with qtbot.waitSignal(search_page.sig_open_member) as opened:
        QTest.keyClick(search_page.table, Qt.Key.Key_Return)
    assert opened.args == [model.data(model.index(row, 0), NUMBER_ROLE)]


def test_environment_without_search_looks_up_by_number_only(qtbot, search_page, context, sessions: Sessions,
                                                             environment) -> None:
    plain = environment.model_copy(update={"capabilities": set()})
    context.set_session(sessions.make(plain))
    search_page.search_box.setText("Doe")
    assert "collector number only" in search_page.hint.text()
    QTest.keyClick(search_page.search_box, Qt.Key.Key_Return)
    assert search_page.message.text() == "This environment looks up members by collector number only."
    assert not search_page.is_searching


def test_read_only_client_cannot_search(qtbot, search_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner(READONLY))
    search(qtbot, search_page, "Doe")
    assert search_page.message.text() == "These credentials cannot search for members."


def test_rate_limited_says_how_long_to_wait(qtbot, search_page, context, sessions: Sessions,
                                            sandbox_faults) -> None:
    context.set_session(sessions.partner(max_attempts=1))
    fault = {"errors": {"next": 1, "statuses": [429], "retryAfter": 7}}
    httpx.put(sandbox_faults, json=fault).raise_for_status()
    search(qtbot, search_page, "Doe")
    assert search_page.message.text() == "Too many requests. Try again in 7 seconds."


def test_bad_entries_are_explained_without_a_request(qtbot, search_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    for text, words in [("12345", "Not a collector number"), ("jane@", "email address is not valid"),
                        ("Doe, J4ne", "first name")]:
        search_page.search_box.setText(text)
        QTest.keyClick(search_page.search_box, Qt.Key.Key_Return)
        assert words in search_page.message.text()
        assert not search_page.is_searching


def test_search_is_cleared_on_environment_switch_and_lock(qtbot, search_page, context,
                                                          sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search(qtbot, search_page, "Doe")
    assert search_page.model.rowCount() > 0
    context.lock()
    assert search_page.model.rowCount() == 0
    assert search_page.search_box.text() == ""
    context.unlock()
    search(qtbot, search_page, "Doe")
    context.set_session(None)
    assert search_page.model.rowCount() == 0


def test_focus_search_and_accessible_names(search_page) -> None:
    search_page.search_box.setText("Doe")
    search_page.focus_search()
    assert search_page.search_box.hasFocus()
    assert search_page.search_box.selectedText() == "Doe"
    for widget in (search_page.search_box, search_page.table, search_page.recent_list):
        assert widget.accessibleName()


def test_the_sandbox_numbers_pass_the_check_digit() -> None:
    assert formats.collector_number_checks(JANE)


def test_load_more_after_sorting_keeps_the_sorted_rows_in_place(qtbot, search_page, context,
                                                                sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    search(qtbot, search_page, "Smith")
    header = search_page.table.horizontalHeader()
    assert header.sortIndicatorSection() == -1, "the service's order until the agent sorts"
    search_page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    sorted_rows = numbers(search_page)
    with qtbot.waitSignal(search_page.sig_results_shown, timeout=15_000):
        search_page.load_more_button.click()
    assert numbers(search_page)[:PAGE_SIZE] == sorted_rows
    assert len(numbers(search_page)) > PAGE_SIZE
    assert header.sortIndicatorSection() == -1, "the new rows are not sorted: the header says so"
