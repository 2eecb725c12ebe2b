"""The member view's panels on their own: masking, balances, the checklist."""

from datetime import UTC, date, datetime

from PySide6.QtCore import QLocale

from console.api.models import Profile, Summary
from console.ui.lookup.profile_panel import ProfilePanel
from console.ui.lookup.summary_panel import SummaryPanel
from console.ui.lookup.verification import VerificationBox

JANE = Profile.model_validate({
    "collectorNumber": "80000000007",
    "status": "ACTIVE",
    "enrollmentDate": "2019-04-01",
    "personalDetails": {
        "firstName": "Jane", "lastName": "Doe", "dateOfBirth": "1985-06-15", "gender": "FEMALE"},
    "contactDetails": {
        "email": "jane.doe@example.com", "phones": [{"type": "Mobile", "number": "4165550123"}]},
    "addressDetails": {
        "addressLine1": "1 Front St W", "city": "Toronto", "province": "ON", "postalCode": "M5J 2X6"},
    "preferences": {"language": "EN"},
})
EMAIL_ONLY = Profile(collector_number="80000000039", status="ACTIVE",
                     contact_details={"email": "partial@example.com"})


def shown(panel: ProfilePanel, field: str) -> str:
    return panel.fields[field].label.text()


def test_profile_starts_masked_and_reveals_one_field(qtbot) -> None:
    panel = ProfilePanel()
    qtbot.addWidget(panel)
    panel.set_profile(JANE)
    secrets = [("name", "Jane"), ("email", "jane.doe"), ("phones", "555-0123"), ("postalCode", "2X6"),
               ("dateOfBirth", "1985-06-15"), ("address", "Front"), ("collectorNumber", "80000000007")]
    for field, secret in secrets:
        assert secret not in shown(panel, field), field
    assert shown(panel, "name") == "•••"  # no initials
    assert shown(panel, "postalCode") == "•••"  # no half postal code
    assert panel.plain["status"].text() == "Active"
    assert panel.plain["city"].text() == "Toronto ON"
    assert panel.plain["language"].text() == "English"
    panel.reveal("email")
    assert shown(panel, "email") == "jane.doe@example.com"
    assert "email" not in panel.masked_fields()
    assert "name" in panel.masked_fields()
    panel.set_profile(JANE)
    assert "email" in panel.masked_fields()


def test_missing_fields_read_not_on_file(qtbot) -> None:
    panel = ProfilePanel()
    qtbot.addWidget(panel)
    panel.set_profile(EMAIL_ONLY)
    assert shown(panel, "name") == "Not on file"
    assert panel.masked_fields() == ["collectorNumber", "email"]


def test_summary_shows_tier_by_name_and_both_balances(qtbot) -> None:
    panel = SummaryPanel()
    qtbot.addWidget(panel)
    panel.set_summary(Summary(
        collector_number="80000000007", first_name="Jane", tier="G", cash_balance=1234, dream_balance=56789,
        status="ACTIVE", as_of=datetime(2026, 1, 2, 3, 4, tzinfo=UTC)))
    assert panel.tier.text() == "Gold tier"
    assert panel.cash.amount.text() == "1,234 Miles"
    assert panel.dream.amount.text() == "56,789 Miles"
    assert "cannot be moved" in panel.rule.text()
    assert panel.as_of.text().startswith("As of 2026-01-0")
    panel.set_summary(Summary(
        collector_number="80000000007", tier="O", cash_balance=0, dream_balance=56789, status="ACTIVE",
        as_of=datetime(2026, 1, 2, 3, 4, tzinfo=UTC)), "FR")
    assert panel.dream.amount.text() == f"{QLocale('fr_CA').toString(56789)} Miles"
    assert panel.tier_name("O") == "Onyx"
    assert panel.tier_name("B") == "Blue"


def test_checklist_ticks_itself_on_a_match_and_verifies(qtbot) -> None:
    box = VerificationBox()
    qtbot.addWidget(box)
    box.set_profile(JANE)
    name, postal = box.inputs
    assert [b.text() for b in box.checkboxes] == ["Name confirmed", "Postal code confirmed"]
    name.setText("jane doe")
    assert box.checkboxes[0].isChecked()
    assert not box.verified
    with qtbot.waitSignal(box.sig_verified):
        postal.setText("m5j2x6")
    assert box.verified


def test_checklist_falls_back_to_email_and_allows_a_manual_tick(qtbot) -> None:
    box = VerificationBox()
    qtbot.addWidget(box)
    box.set_profile(EMAIL_ONLY)
    assert [b.text() for b in box.checkboxes] == ["Email confirmed"]
    box.inputs[0].setText("wrong@example.com")
    assert not box.checkboxes[0].isChecked()
    with qtbot.waitSignal(box.sig_verified):
        box.checkboxes[0].setChecked(True)


def test_date_of_birth_is_a_date() -> None:
    assert JANE.personal_details.date_of_birth == date(1985, 6, 15)
