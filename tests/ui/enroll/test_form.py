"""The enrollment form on its own: profiles, checks as the user types, consents, server errors."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from console.api.models import FieldError
from console.field_profiles import load_field_profiles
from console.ui.enroll.form import EnrollForm
from tests.ui.enroll.keys import press, type_text


@pytest.fixture
def form(qtbot) -> EnrollForm:
    widget = EnrollForm(load_field_profiles())
    widget.today = date(2026, 11, 27)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def choose(combo: QComboBox, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_accented_names_typed_as_keys_are_kept(form):
    type_text(form.field("personalDetails.firstName"), "Ève-Marie")
    type_text(form.field("personalDetails.lastName"), "O'Neil")
    assert form.field("personalDetails.firstName").text() == "Ève-Marie"
    values = form.state().values
    assert (values["personalDetails.firstName"], values["personalDetails.lastName"]) == (
        "Ève-Marie",
        "O'Neil",
    )


def test_message_appears_when_leaving_a_bad_field_and_goes_as_it_is_fixed(form):
    email = form.field("contactDetails.email")
    type_text(email, "eve.example.com")
    assert form.message("contactDetails.email") == ""  # not while typing the first time
    press(email, Qt.Key.Key_Return)
    assert "needs an @" in form.message("contactDetails.email")
    email.setSelection(3, 1)
    type_text(email, "@")  # from now on checked live: fixed as the user types
    assert form.message("contactDetails.email") == ""
    assert form.state().values["contactDetails.email"] == "eve@example.com"


def test_postal_code_is_normalised_and_a_province_mismatch_only_warns(form):
    postal = form.field("addressDetails.postalCode")
    type_text(postal, "k1a0b1")
    press(postal, Qt.Key.Key_Return)
    assert postal.text() == "K1A 0B1"
    choose(form.field("addressDetails.province"), "QC")
    assert "Ontario" in form.message("addressDetails.postalCode")
    state = form.state()
    assert state.problems["addressDetails.postalCode"].warning
    assert "addressDetails.postalCode" not in state.blocking()
    assert (state.values["addressDetails.province"], state.values["addressDetails.postalCode"]) == (
        "QC",
        "K1A 0B1",
    )


def test_an_empty_province_is_filled_from_the_postal_code(form):
    postal = form.field("addressDetails.postalCode")
    type_text(postal, "h2x 1y4")
    press(postal, Qt.Key.Key_Return)
    assert form.field("addressDetails.province").currentData() == "QC"
    postal.clear()
    type_text(postal, "X0A 0H0")  # Nunavut or Northwest Territories: no guess
    choose(form.field("addressDetails.province"), "")
    press(postal, Qt.Key.Key_Return)
    assert form.field("addressDetails.province").currentData() == ""


def test_phone_is_sent_as_digits_with_its_type(form):
    number = form.field("contactDetails.phones[0]")
    type_text(number, "+1 (416) 555-0123")
    press(number, Qt.Key.Key_Return)
    assert number.text() == "416-555-0123"
    choose(form.phone_type(0), "Home")
    values = form.state().values
    assert (values["contactDetails.phones[0].type"], values["contactDetails.phones[0].number"]) == (
        "Home",
        "4165550123",
    )


def test_up_to_three_phones(form):
    assert not form.field("contactDetails.phones[1]").isVisible()
    form.add_phone.click()
    form.add_phone.click()
    assert form.field("contactDetails.phones[2]").isVisible()
    assert not form.add_phone.isVisible()
    type_text(form.field("contactDetails.phones[2]"), "5145550199")
    state = form.state()
    assert [key for key in state.values if key.startswith("contactDetails.phones")] == [
        "contactDetails.phones[2].number",
        "contactDetails.phones[2].type",
    ]
    assert state.values["contactDetails.phones[2].number"] == "5145550199"
    assert state.phone_rows == [2]


def test_profiles_show_and_require_their_fields_and_hidden_fields_are_not_sent(form):
    form.set_profile("full")
    type_text(form.field("addressDetails.addressLine1"), "1 Main St")
    assert form.state().values["addressDetails.addressLine1"] == "1 Main St"
    form.set_profile("call_centre")
    assert not form.field("addressDetails.addressLine1").isVisible()
    assert not any(key.startswith("addressDetails") for key in form.state().values)  # PIPEDA: not collected
    assert form.field("addressDetails.addressLine1").text() == "1 Main St"  # but not lost
    blocking = form.state().blocking()
    assert {"personalDetails.firstName", "personalDetails.dateOfBirth", "contactDetails.email"} <= set(
        blocking
    )
    assert form.channel.currentData() == "CALL_CENTRE"


def test_full_profile_needs_only_an_email_until_personal_details_start(form):
    form.set_profile("full")
    type_text(form.field("contactDetails.email"), "eve@example.com")
    assert form.state().valid
    type_text(form.field("personalDetails.middleName"), "Claire")
    blocking = form.state().blocking()
    assert blocking == [
        "personalDetails.firstName",
        "personalDetails.lastName",
        "personalDetails.dateOfBirth",
    ]


def test_date_of_birth_typed_or_picked(form):
    type_text(form.field("personalDetails.dateOfBirth"), "2015-01-01")
    form.show_all_problems()
    assert "at least 13" in form.message("personalDetails.dateOfBirth")
    form.birth._prepare_calendar()
    form.birth.calendar.setSelectedDate(form.birth.calendar.selectedDate().addYears(-10))
    form.birth.calendar.clicked.emit(form.birth.calendar.selectedDate())
    picked = form.field("personalDetails.dateOfBirth").text()
    assert form.state().values["personalDetails.dateOfBirth"] == picked
    assert form.message("personalDetails.dateOfBirth") == ""


def test_consents_start_unchecked_one_per_purpose_with_wording_in_the_customers_language(form):
    assert [box.isChecked() for box in form.consent_boxes.values()] == [False, False, False]
    assert [kind for kind, _granted in form.state().consents] == [
        "EMAIL_MARKETING",
        "PARTNER_OFFERS",
        "SMS_MARKETING",
    ]
    text = form.consent_texts["PARTNER_OFFERS"].text()
    assert "Sandbox Partner Inc." in text and "withdraw" in text and "Asked by" in text
    assert "separate from the AIR MILES program terms" in form.consent_intro.text()
    choose(form.field("preferences.language"), "FR")
    assert "retirer mon consentement" in form.consent_texts["EMAIL_MARKETING"].text()
    assert "français" in form.wording_note.text()
    assert form.state().consent_language == "FR"
    form.consent_boxes["SMS_MARKETING"].setChecked(True)
    assert ("SMS_MARKETING", True) in form.state().consents


def test_server_field_errors_land_on_their_fields_and_clear_when_edited(form):
    form.add_phone.click()
    type_text(form.field("contactDetails.phones[1]"), "4165550123")
    type_text(form.field("personalDetails.dateOfBirth"), "2010-01-01")
    errors = [
        FieldError(field="contactDetails.phones[0].number", code="INVALID_VALUE", message="Not in service."),
        FieldError(field="personalDetails.dateOfBirth", code="TOO_YOUNG", message="Too young (18)."),
        FieldError(field="consents[0].wordingVersion", code="INVALID_VALUE", message="Unknown wording."),
        FieldError(field="loyaltyTier", code="INVALID_VALUE", message="No such field."),
    ]
    unplaced = form.show_server_errors(errors, phone_rows=[1])
    assert [e.field for e in unplaced] == ["loyaltyTier"]
    assert "Not in service." in form.message("contactDetails.phones[1]")
    assert "Too young (18)." in form.message("personalDetails.dateOfBirth")
    assert "Unknown wording." in form.message("consents")
    assert not form.state().valid
    type_text(form.field("contactDetails.phones[1]"), "9")  # edited: the server's verdict no longer applies
    assert "Not in service." not in form.message("contactDetails.phones[1]")


def test_every_input_has_an_accessible_name(form):
    form.set_profile("full")
    inputs = form.findChildren(QLineEdit) + form.findChildren(QComboBox) + form.findChildren(QCheckBox)
    assert len(inputs) > 20
    own = [w for w in inputs if not w.objectName().startswith("qt_")]  # not Qt's calendar internals
    assert [w for w in own if not w.accessibleName()] == []


def test_clear_empties_everything(form):
    type_text(form.field("contactDetails.email"), "eve@example.com")
    form.consent_boxes["EMAIL_MARKETING"].setChecked(True)
    form.clear()
    assert form.field("contactDetails.email").text() == ""
    assert not form.consent_boxes["EMAIL_MARKETING"].isChecked()


def test_has_input_counts_what_was_typed_or_ticked_not_defaults(form):
    assert not form.has_input()
    form.field("personalDetails.dateOfBirth").setText("1990-01-01")
    assert form.has_input()
    form.clear()
    assert not form.has_input()
    next(iter(form.consent_boxes.values())).setChecked(True)
    assert form.has_input()
