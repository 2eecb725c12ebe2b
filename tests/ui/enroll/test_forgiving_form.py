"""A forgiving enrollment form: dates as people write them, nothing cut, the channel preselected."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from console.field_profiles import load_field_profiles
from console.services import enrollment_fields as fields
from console.ui.enroll.form import EnrollForm

BIRTH = "personalDetails.dateOfBirth"


@pytest.fixture
def form(qtbot) -> EnrollForm:
    widget = EnrollForm(load_field_profiles())
    widget.today = date(2026, 11, 27)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize(("typed", "expected", "guessed"), [
    ("1990-04-25", (1990, 4, 25), False),
    ("25/04/1990", (1990, 4, 25), False),
    ("25-04-1990", (1990, 4, 25), False),
    ("05/04/1990", (1990, 4, 5), True),
    ("04/25/1990", (1990, 4, 25), True),
    ("25 April 1990", (1990, 4, 25), False),
    ("April 25, 1990", (1990, 4, 25), False),
    ("25 avril 1990", (1990, 4, 25), False),
    ("1er août 1990", (1990, 8, 1), False),
    ("le 3 févr. 1985", (1985, 2, 3), False),
    ("3 Dec 1985", (1985, 12, 3), False),
])
def test_dates_are_read_as_people_write_them(typed: str, expected: tuple[int, int, int],
                                             guessed: bool) -> None:
    assert fields.parse_date(typed) == (expected, guessed)


@pytest.mark.parametrize("typed", ["19900425", "25 ju 1990", "avril 1990", "25 avril", "soon"])
def test_what_is_not_a_date_is_not_guessed(typed: str) -> None:
    assert fields.parse_date(typed) is None


def test_the_form_sends_the_date_meant_and_says_how_it_read_a_guess(form: EnrollForm) -> None:
    edit = form.field(BIRTH)
    edit.setText("25 avril 1990")
    edit.editingFinished.emit()
    assert form.state().values[BIRTH] == "1990-04-25"
    assert form.message(BIRTH) == ""
    edit.setText("05/04/1990")
    edit.editingFinished.emit()
    state = form.state()
    assert state.values[BIRTH] == "1990-04-05" and BIRTH not in state.blocking()
    assert form.message(BIRTH).endswith("Read as 5 April 1990 (day first). Check it with the customer.")
    edit.setText("the fifth")
    edit.editingFinished.emit()
    assert form.message(BIRTH).endswith("Type a date such as 1990-04-25, 25/04/1990 or 25 April 1990.")


def test_the_calendar_opens_near_the_year_typed(form: EnrollForm) -> None:
    form.field(BIRTH).setText("1985")
    form.birth._prepare_calendar()
    assert form.birth.calendar.selectedDate() == QDate(1985, 1, 1)
    form.field(BIRTH).setText("")
    form.birth._prepare_calendar()
    assert form.birth.calendar.selectedDate().year() == date.today().year - 30


def test_too_long_a_name_is_kept_whole_and_refused_with_a_message(form: EnrollForm) -> None:
    edit = form.field("personalDetails.firstName")
    limit = fields.SPECS["personalDetails.firstName"].max_length
    long_name = "A" * (limit + 5)
    edit.setText(long_name)
    edit.editingFinished.emit()
    assert edit.text() == long_name, "never cut"
    assert form.message("personalDetails.firstName").endswith(f"At most {limit} characters.")
    assert "personalDetails.firstName" in form.state().blocking()


def test_the_use_case_preselects_the_channel(form: EnrollForm) -> None:
    form.set_profile("in_person")
    assert form.channel.currentData() == "EVENT"
