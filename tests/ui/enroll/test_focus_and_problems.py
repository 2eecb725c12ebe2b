"""The enrollment page, keyboard first, against the sandbox: where focus lands after each state change,
Enroll listing what is missing, and the duplicate check by last name and date of birth."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget

from console.api.models import ContactDetails, EnrollmentRequest, PersonalDetails, Phone
from console.ui.enroll import EnrollPage
from console.ui.enroll.outcomes import PROBLEMS
from tests.ui.enroll.conftest import fill_in_person, run
from tests.ui.enroll.keys import type_text

WAIT = 15_000


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def in_view(page: EnrollPage, widget: QWidget) -> bool:
    """`widget` lies wholly inside the form's visible part."""
    viewport = page.form_scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(top_left) and viewport.rect().contains(
        top_left + QPoint(widget.width() - 1, widget.height() - 1)
    )


def activate(qtbot, page: EnrollPage) -> None:
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)


def test_enroll_stays_enabled_and_lists_the_problems_then_moves_to_the_first(qtbot, page):
    activate(qtbot, page)
    form = page.form
    assert page.submit_button.isEnabled()
    page.submit_button.click()
    qtbot.waitUntil(lambda: page.status.topic == PROBLEMS and page.status.isVisible())
    rows = page.status.row_texts()
    assert rows[0].startswith("First name: ")
    assert any(row.startswith("Email: ") for row in rows)
    assert page.status.title.text() == f"Fix {len(rows)} fields before enrolling"
    assert focused() is form.field("personalDetails.firstName")
    assert form.message("contactDetails.email") != ""  # and each field says it too

    type_text(form.field("personalDetails.firstName"), "Ève")  # the list follows the form
    assert not any(row.startswith("First name") for row in page.status.row_texts())
    assert focused() is form.field("personalDetails.firstName")  # typing is never interrupted
    qtbot.waitUntil(lambda: page.status.rows_scroll.height() <= page.status.rows.sizeHint().height())
    fill_in_person(page)
    assert not page.status.isVisible()  # nothing left to fix: the list is gone
    assert page.submit_button.isEnabled()


def test_the_first_problem_is_focused_and_scrolled_into_view(qtbot, page):
    page.resize(1000, 420)
    activate(qtbot, page)
    fill_in_person(page)
    postal = page.form.field("addressDetails.postalCode")
    postal.clear()
    type_text(postal, "H2X")
    page.form_scroll.verticalScrollBar().setValue(0)
    page.submit_button.click()
    qtbot.waitUntil(lambda: page.status.topic == PROBLEMS)
    assert page.status.row_texts() == ["Postal code: " + page.form.problem_lines([
        "addressDetails.postalCode"])[0][2]]
    assert page.status.title.text() == "Fix 1 field before enrolling"
    assert focused() is postal
    qtbot.waitUntil(lambda: in_view(page, postal))


def test_while_sending_the_focus_is_on_cancel(qtbot, page, control):
    activate(qtbot, page)
    fill_in_person(page, email="focus.on.cancel@example.com")
    control.faults(latencyMs=1500)
    page.submit_button.click()
    qtbot.waitUntil(lambda: page.status.title.text() == "Enrolling…", timeout=WAIT)
    assert focused() is page.status.button("cancel")
    control.faults()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.success, timeout=WAIT)
    assert focused() is page.success.another_button


def test_enroll_another_puts_the_cursor_in_the_first_field_scrolled_into_view(qtbot, page):
    page.resize(1000, 420)
    activate(qtbot, page)
    fill_in_person(page, email="enroll.another@example.com")
    last = list(page.form.consent_boxes.values())[-1]
    page.pane.focus(last)
    assert page.form_scroll.verticalScrollBar().value() > 0
    page.submit_button.click()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.success, timeout=WAIT)
    page.success.another_button.click()
    first = page.form.field("personalDetails.firstName")
    assert focused() is first and first.text() == ""
    qtbot.waitUntil(lambda: in_view(page, first))


def test_not_confirmed_in_production_gives_the_focus_back_to_enroll(
    qtbot, make_page, environment, modal_answers
):
    production = environment.model_copy(update={"kind": "production", "label": "Production (rehearsal)"})
    page = make_page(production)
    activate(qtbot, page)
    fill_in_person(page, email="not.confirmed@example.com")
    page.submit_button.click()
    qtbot.waitUntil(lambda: page.status.kind == "info", timeout=WAIT)
    assert focused() is page.submit_button


def test_duplicate_by_last_name_and_date_of_birth(qtbot, page, control):
    activate(qtbot, page)
    jane = control.get("/collectors/profile", "80000000007")
    fill_in_person(page, email="not.jane@example.com")  # another email, phone and postal code
    last_name = page.form.field("personalDetails.lastName")
    born = page.form.field("personalDetails.dateOfBirth")
    last_name.clear()
    type_text(last_name, "doe")
    born.clear()
    type_text(born, jane["personalDetails"]["dateOfBirth"])
    page.submit_button.click()
    qtbot.waitUntil(lambda: page.status.has_button("open_80000000007"), timeout=WAIT)
    [row] = [row for row in page.status.row_texts() if "8•••••••007" in row]
    assert "same last name and date of birth" in row and jane["personalDetails"]["dateOfBirth"] not in row
    assert focused() is page.status.button("open_80000000007")  # the first member found
    page.status.button("back").click()
    assert not page.status.isVisible()
    assert focused() is page.form.field("personalDetails.firstName")
    assert control.enrollments() == []


def many_alike(qtbot, page: EnrollPage, count: int) -> None:
    """`count` members named Pileup, born on the day `fill_in_person` types."""
    client = page.context.session.client
    for n in range(count):
        request = EnrollmentRequest(
            personal_details=PersonalDetails(
                first_name="Pat" + "abcdefghijklmnop"[n], last_name="Pileup", date_of_birth=date(1988, 3, 14)
            ),
            contact_details=ContactDetails(
                email=f"pileup.{n}@example.com", phones=[Phone(type="Home", number=f"90555501{n:02d}")]
            ),
            enrollment_channel="IN_STORE",
        )
        run(qtbot, client.enroll(request))


def test_the_duplicate_panel_scrolls_within_a_third_of_the_window(qtbot, page):
    many_alike(qtbot, page, 10)
    fill_in_person(page, email="pileup.new@example.com")
    last_name = page.form.field("personalDetails.lastName")
    last_name.clear()
    type_text(last_name, "Pileup")
    page.resize(900, 480)
    page.submit_button.click()
    qtbot.waitUntil(lambda: page.status.topic == "duplicates", timeout=WAIT)
    assert len(page.status.row_texts()) == 10
    qtbot.waitUntil(lambda: 0 < page.status.height() <= 480 // 3)
    scroll = page.status.rows_scroll
    assert scroll.isVisible() and scroll.verticalScrollBar().maximum() > 0  # the rows scroll
    assert page.form_scroll.height() > page.status.height()  # the form stays the larger part
    small = page.status.height()

    page.resize(1400, 1300)
    qtbot.waitUntil(lambda: page.status.height() > small)
    assert page.status.height() <= 1300 // 3
    assert page.status.button("enroll_anyway").isVisible()
