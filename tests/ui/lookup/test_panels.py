"""The member view's panels on their own: masking, balances, the verification step."""

from datetime import UTC, date, datetime

from PySide6.QtCore import QLocale

from console.api.models import Profile, Summary
from console.audit import AuditLog
from console.services.verification import Answer, OnFile, OverrideReason, State, Verifications
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


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def verification_box(qtbot, tmp_path, profile: Profile, **kwargs) -> tuple[VerificationBox, Verifications]:
    verifications = Verifications(AuditLog(tmp_path / "audit.jsonl"), **kwargs)
    box = VerificationBox(verifications)
    qtbot.addWidget(box)
    call = verifications.open(profile.collector_number, OnFile.from_profile(profile),
                              environment="sandbox", staff="agent")
    box.start(call)
    return box, verifications


def answer(box: VerificationBox, which: Answer, text: str) -> None:
    """Type an answer and leave the field."""
    box.line(which).setText(text)
    box.line(which).editingFinished.emit()


def test_the_step_says_only_what_to_ask_and_marks_each_answer(qtbot, tmp_path) -> None:
    box, verifications = verification_box(qtbot, tmp_path, JANE)
    assert box.ask.text() == "Ask for: full name, postal code"
    assert [line.accessibleName() for line in box.inputs] == [
        "Caller's answer: Full name", "Caller's answer: Postal code"]
    answer(box, Answer.NAME, "jane doe")
    assert box.result_label(Answer.NAME).text() == "✓ Matches"
    assert box.line(Answer.NAME).accessibleDescription() == "✓ Matches"
    answer(box, Answer.POSTAL_CODE, "M5J 2X7")
    assert box.result_label(Answer.POSTAL_CODE).text() == "✗ Does not match"
    assert box.strikes.text() == "Answers that did not match: 1 of 3."
    with qtbot.waitSignal(box.sig_verified):
        answer(box, Answer.POSTAL_CODE, "m5j2x6")
    assert verifications.is_verified("80000000007")


def test_lenient_policy_and_email_fallback_are_asked_in_words(qtbot, tmp_path) -> None:
    box, _ = verification_box(qtbot, tmp_path, JANE, policy="lenient")
    assert box.ask.text() == "Ask for: full name, postal code or date of birth"
    box, _ = verification_box(qtbot, tmp_path, EMAIL_ONLY)
    assert box.ask.text() == "Ask for: email"


def test_three_mismatches_lock_with_the_time_left(qtbot, tmp_path) -> None:
    clock = Clock()
    box, _ = verification_box(qtbot, tmp_path, JANE, clock=clock, lock_seconds=900)
    for wrong in ("a b", "c d", "e f"):
        answer(box, Answer.NAME, wrong)
    assert box.lock_message.text() == (
        "Verification is locked for this member: 3 answers did not match. Try again in 15 min 00 s.")
    assert not box.line(Answer.NAME).isEnabled() and not box.override_button.isEnabled()
    clock.now = 900 - 41.5
    box.refresh()
    assert box.lock_message.text().endswith("Try again in 42 s.")
    clock.now = 900
    box.refresh()
    assert box.lock_message.isHidden() and box.line(Answer.NAME).isEnabled()
    assert box.result_label(Answer.NAME).text() == ""


def test_the_override_needs_a_reason(qtbot, tmp_path) -> None:
    box, verifications = verification_box(qtbot, tmp_path, JANE)
    dialog = box.open_override()
    assert not dialog.ok_button.isEnabled()
    dialog.choices[OverrideReason.OTHER].setChecked(True)
    assert not dialog.ok_button.isEnabled()  # "other" needs typed text
    dialog.other.setText("Confirmed by the branch")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(box.sig_verified):
        dialog.ok_button.click()
    assert verifications.current.state is State.OVERRIDDEN
    record = verifications.audit.read_all()[-1]
    assert record["method"] == "override" and record["reason"] == "Confirmed by the branch"
    cancelled, other = verification_box(qtbot, tmp_path, EMAIL_ONLY)
    cancelled.open_override().reject()
    assert not other.is_verified("80000000039")


def test_date_of_birth_is_a_date() -> None:
    assert JANE.personal_details.date_of_birth == date(1985, 6, 15)
