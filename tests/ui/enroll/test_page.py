"""The enrollment page against the real sandbox: submit, field errors, duplicates, faults, Production."""

from __future__ import annotations

import json

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from console.api.session import EnvironmentSession
from console.ui.enroll import EnrollPage
from tests.test_audit import CONSENT_KEYS
from tests.ui.enroll.conftest import choose, fill_in_person, run
from tests.ui.enroll.keys import type_text

WAIT = 15_000


def submit(qtbot, page: EnrollPage) -> None:
    assert page.submit_button.isEnabled(), page.hint.text()
    page.submit_button.click()


def wait_for_success(qtbot, page: EnrollPage) -> str:
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.success, timeout=WAIT)
    return page.success.collector_number


def wait_for_panel(qtbot, page: EnrollPage, button: str) -> None:
    qtbot.waitUntil(lambda: page.status.isVisible() and page.status.has_button(button), timeout=WAIT)


def test_fill_and_submit_end_to_end_then_the_profile_holds_the_same_data(
    qtbot, page, control, audit, context
):
    fill_in_person(page)
    page.form.consent_boxes["EMAIL_MARKETING"].setChecked(True)
    submit(qtbot, page)
    number = wait_for_success(qtbot, page)

    profile = control.get("/collectors/profile", number)
    assert profile["personalDetails"] == {
        "firstName": "Ève-Marie",
        "lastName": "O'Neil",
        "dateOfBirth": "1988-03-14",
    }
    assert profile["contactDetails"] == {
        "email": "eve-marie.oneil@example.com",
        "phones": [{"type": "Mobile", "number": "4385550299"}],
    }
    assert profile["addressDetails"] == {
        "city": "Montréal",
        "province": "QC",
        "postalCode": "H2X 1Y4",
        "country": "CA",
    }
    assert profile["preferences"] == {"language": "FR"}
    posts = control.enrollments()
    assert len(posts) == 1 and posts[0]["status"] == 201 and posts[0]["idempotencyKey"]

    # The success view: number, copy, what was sent (masked).
    assert page.success.number.text() == number
    page.success.copy_button.click()
    assert QGuiApplication.clipboard().text() == number
    shown = "\n".join(
        page.success.sent.itemAt(i).widget().text()
        for i in range(page.success.sent.count())
        if page.success.sent.itemAt(i).widget() is not None
    )
    assert "Email\n•••" in shown and "•••-•••-0299" not in shown and "1988" not in shown
    assert "eve-marie.oneil" not in shown and "4385550299" not in shown and "1988-03-14" not in shown
    assert "H2X" not in shown and "Montréal" not in shown  # no half postal code, no city

    # Consent evidence: one record per purpose, the evidence only.
    records = audit.read_all()
    assert [(r["consentType"], r["granted"]) for r in records] == [
        ("EMAIL_MARKETING", True),
        ("PARTNER_OFFERS", False),
        ("SMS_MARKETING", False),
    ]
    assert {r["collectorNumber"] for r in records} == {number}
    assert {r["language"] for r in records} == {"FR"}
    assert {r["channel"] for r in records} == {"EVENT"}
    assert {r["environment"] for r in records} == {"sandbox"}
    assert {r["staff"] for r in records} == {context.staff_identity()}
    assert {r["wordingVersion"] for r in records} == {page.profiles.wording_version}

    opened = []
    page.sig_open_member.connect(opened.append)
    page.success.open_button.click()
    assert opened == [number]
    page.success.another_button.click()
    assert page.stack.currentIndex() == 0
    assert page.form.field("personalDetails.firstName").text() == ""
    assert page.flow.submission.key is None


def test_consent_record_holds_no_other_personal_data(qtbot, page, audit):
    fill_in_person(page)
    page.form.consent_boxes["SMS_MARKETING"].setChecked(True)
    submit(qtbot, page)
    wait_for_success(qtbot, page)
    text = audit.path.read_text(encoding="utf-8")
    for personal in ("Ève", "O'Neil", "oneil", "example.com", "4385550299", "555", "1988", "H2X", "Montréal"):
        assert personal not in text, personal
    keys = {key for line in text.splitlines() for key in json.loads(line)}
    assert keys == CONSENT_KEYS


def test_server_field_errors_are_shown_on_their_fields(qtbot, page, control):
    control.settings(minAge=18)  # the console checks 13; only the service knows this partner's 18
    fill_in_person(page)
    dob = page.form.field("personalDetails.dateOfBirth")
    dob.clear()
    type_text(dob, "2012-01-15")
    submit(qtbot, page)
    qtbot.waitUntil(lambda: page.form.message("personalDetails.dateOfBirth") != "", timeout=WAIT)
    assert page.status.kind == "error"
    assert page.stack.currentIndex() == 0
    assert page.form.field("personalDetails.firstName").text() == "Ève-Marie"  # nothing typed is lost
    assert page.form.state().blocking() == ["personalDetails.dateOfBirth"]
    dob.clear()
    type_text(dob, "1990-01-15")
    assert page.form.message("personalDetails.dateOfBirth") == ""
    submit(qtbot, page)
    wait_for_success(qtbot, page)


class PhoneTypeRewriter(httpx.AsyncBaseTransport):
    """The real transport; the first enrollment's second phone goes out with a type only the service refuses.

    No valid form input makes the sandbox refuse one phone of several, so the body is changed on its way.
    """

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.rewritten = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.startswith("/collectors") and not self.rewritten:
            body = json.loads(request.content)
            body["contactDetails"]["phones"][1]["type"] = "Fax"
            request = httpx.Request(
                request.method, request.url, headers=request.headers, content=json.dumps(body).encode()
            )
            request.headers["content-length"] = str(len(request.content))
            self.rewritten = True
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def test_server_error_on_a_phone_lands_on_the_right_phone_row(qtbot, make_page, no_search, control):
    rewriter = PhoneTypeRewriter()
    page = make_page(no_search, rewriter)
    fill_in_person(page)
    form = page.form
    form.add_phone.click()
    type_text(form.field("contactDetails.phones[1]"), "438-555-0298")
    choose(form.phone_type(1), "Home")
    submit(qtbot, page)
    qtbot.waitUntil(lambda: form.message("contactDetails.phones[1]") != "", timeout=WAIT)
    assert "not allowed" in form.message("contactDetails.phones[1]")
    assert form.message("contactDetails.phones[0]") == ""
    assert control.enrollments()[0]["status"] == 400
    choose(form.phone_type(1), "Business")
    assert form.message("contactDetails.phones[1]") == ""
    submit(qtbot, page)
    number = wait_for_success(qtbot, page)
    phones = control.get("/collectors/profile", number)["contactDetails"]["phones"]
    assert phones == [
        {"type": "Mobile", "number": "4385550299"},
        {"type": "Business", "number": "4385550298"},
    ]


@pytest.mark.allow_log_warnings
def test_commit_then_drop_shows_outcome_unknown_and_check_again_finds_exactly_one(
    qtbot, make_page, control, context
):
    page = make_page(max_attempts=1)  # no quiet retry in the client: the page must cope
    control.faults(commitThenDrop={"next": 5})
    fill_in_person(page, email="dropped.once@example.com")
    submit(qtbot, page)
    wait_for_panel(qtbot, page, "check_again")
    assert "don't know yet whether this member was created" in page.status.title.text()
    assert page.form.field("personalDetails.lastName").text() == "O'Neil"
    assert not page.form.field("personalDetails.lastName").isEnabled()  # locked until resolved
    context.set_session(context.session)  # the same session announced again: still unresolved
    assert page.status.has_button("check_again")
    for _ in range(3):
        if page.stack.currentWidget() is page.success:
            break
        page.status.button("check_again").click()
        qtbot.waitUntil(
            lambda: (
                page.stack.currentWidget() is page.success
                or (page.status.has_button("check_again") and not page._sending)
            ),
            timeout=WAIT,
        )
    number = wait_for_success(qtbot, page)
    found = control.get("/collectors/search", email="dropped.once@example.com")["items"]
    assert [item["collectorNumber"] for item in found] == [number]
    keys = {item["idempotencyKey"] for item in control.enrollments()}
    assert len(keys) == 1


def test_duplicate_warning_offers_open_or_enroll_anyway(qtbot, page, control):
    fill_in_person(page, email="JANE.DOE@example.com")
    submit(qtbot, page)
    wait_for_panel(qtbot, page, "enroll_anyway")
    assert "may already be a member" in page.status.title.text()
    rows = [
        page.status.rows.itemAt(i).layout().itemAt(0).widget().text() for i in range(page.status.rows.count())
    ]
    assert any("8•••••••007" in row and "same email" in row and "Jane D." in row for row in rows)
    assert not any("80000000007" in row or "Doe" in row for row in rows)
    assert control.enrollments() == []

    opened = []
    page.sig_open_member.connect(opened.append)
    page.status.button("open_80000000007").click()
    assert opened == ["80000000007"]

    page.status.button("enroll_anyway").click()  # the service still refuses an active member's email
    wait_for_panel(qtbot, page, "find_existing")
    assert "Already a member" in page.status.title.text()
    page.status.button("find_existing").click()
    wait_for_panel(qtbot, page, "open_80000000007")
    assert page.form.field("contactDetails.email").text() == "JANE.DOE@example.com"


def test_duplicate_by_last_name_and_postal_code(qtbot, page, control):
    jane = control.get("/collectors/profile", "80000000007")
    fill_in_person(page, email="someone.new@example.com")
    page.form.field("personalDetails.lastName").clear()
    type_text(page.form.field("personalDetails.lastName"), "Doe")
    choose(page.form.field("addressDetails.province"), "ON")
    page.form.field("addressDetails.postalCode").clear()
    type_text(page.form.field("addressDetails.postalCode"), jane["addressDetails"]["postalCode"])
    submit(qtbot, page)
    wait_for_panel(qtbot, page, "enroll_anyway")
    assert page.status.has_button("open_80000000007")
    page.status.button("enroll_anyway").click()
    wait_for_success(qtbot, page)


def test_duplicate_by_phone(qtbot, page, control):
    fill_in_person(page, email="another.person@example.com")
    phone = page.form.field("contactDetails.phones[0]")
    phone.clear()
    type_text(phone, "416 555 0101")  # Jane Doe's mobile
    submit(qtbot, page)
    wait_for_panel(qtbot, page, "open_80000000007")
    rows = [
        page.status.rows.itemAt(i).layout().itemAt(0).widget().text() for i in range(page.status.rows.count())
    ]
    assert any("same phone •••" in row and "0101" not in row for row in rows)
    page.status.button("back").click()
    assert not page.status.isVisible()
    assert control.enrollments() == []


def test_production_asks_first_naming_the_environment(qtbot, make_page, environment, modal_answers, control):
    production = environment.model_copy(update={"kind": "production", "label": "Production (rehearsal)"})
    page = make_page(production)
    assert "PRODUCTION" in page.environment_label.text()
    fill_in_person(page)
    modal_answers.question = QMessageBox.StandardButton.No
    submit(qtbot, page)
    qtbot.waitUntil(lambda: "question" in modal_answers.kinds(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.status.kind == "info", timeout=WAIT)
    assert "Production (rehearsal)" in " ".join(str(a) for a in modal_answers.calls[0][1])
    assert control.enrollments() == []
    assert page.form.field("personalDetails.firstName").text() == "Ève-Marie"

    modal_answers.question = QMessageBox.StandardButton.Yes
    submit(qtbot, page)
    wait_for_success(qtbot, page)
    assert len(control.enrollments()) == 1


def test_busy_service_shows_the_wait_and_retries_on_its_own(qtbot, make_page, no_search, control):
    page = make_page(no_search)  # the client's one retry loop reports its wait to the page
    control.faults(errors={"next": 1, "statuses": [503], "retryAfter": 1})
    fill_in_person(page)
    submit(qtbot, page)
    in_maintenance = "The service is in maintenance; trying again in 1 s."
    qtbot.waitUntil(lambda: page.status.text.text() == in_maintenance, timeout=WAIT)
    assert page.status.title.text() == "Service in maintenance"
    assert page.status.has_button("cancel")
    wait_for_success(qtbot, page)
    posts = control.enrollments()
    assert [p["status"] for p in posts] == [503, 201]
    assert len({p["idempotencyKey"] for p in posts}) == 1


def test_rate_limited_duplicate_check_waits_then_carries_on(qtbot, make_page, control):
    page = make_page()
    control.faults(errors={"next": 1, "statuses": [429], "retryAfter": 1})
    fill_in_person(page)
    submit(qtbot, page)
    qtbot.waitUntil(lambda: page.status.title.text() == "Service busy", timeout=WAIT)
    wait_for_success(qtbot, page)
    assert [p["status"] for p in control.enrollments()] == [201]


@pytest.mark.allow_log_warnings
def test_cancel_while_sending_then_check_again_never_duplicates(qtbot, page, control):
    control.faults(latencyMs=2000)
    fill_in_person(page, email="cancelled.once@example.com")
    submit(qtbot, page)
    qtbot.waitUntil(
        lambda: page.status.kind == "busy" and page.status.title.text() == "Enrolling…", timeout=WAIT
    )
    qtbot.wait(300)
    page.status.button("cancel").click()
    wait_for_panel(qtbot, page, "check_again")
    control.faults()
    page.status.button("check_again").click()
    number = wait_for_success(qtbot, page)
    found = control.get("/collectors/search", email="cancelled.once@example.com")["items"]
    assert [item["collectorNumber"] for item in found] == [number]


@pytest.mark.allow_log_warnings
def test_one_key_while_content_is_unchanged_and_a_new_one_when_it_changes(
    qtbot, make_page, no_search, control
):
    page = make_page(no_search, max_attempts=1)
    control.faults(errors={"next": 2, "statuses": [503], "retryAfter": 0})  # refused before any save
    fill_in_person(page)
    submit(qtbot, page)
    wait_for_panel(qtbot, page, "try_again")
    assert page.form.field("personalDetails.firstName").isEnabled()
    submit(qtbot, page)  # unchanged: the same logical enrollment, the same key
    qtbot.waitUntil(
        lambda: len(control.enrollments()) == 2 and page.status.has_button("try_again"), timeout=WAIT
    )
    type_text(page.form.field("addressDetails.city"), "-Nord")
    submit(qtbot, page)  # changed: a new logical enrollment; the old one never reached the service
    wait_for_success(qtbot, page)
    posts = control.enrollments()
    assert [p["status"] for p in posts] == [503, 503, 201]
    assert posts[0]["idempotencyKey"] == posts[1]["idempotencyKey"] != posts[2]["idempotencyKey"]
    assert page.context.outbox.current.unsettled() == []


@pytest.mark.allow_log_warnings
def test_check_again_failing_before_the_service_keeps_the_form_locked_and_never_makes_two(
    qtbot, make_page, no_search, control
):
    page = make_page(no_search, max_attempts=1)
    control.faults(commitThenDrop={"next": 1})
    fill_in_person(page, email="lost.answer@example.com")
    submit(qtbot, page)
    wait_for_panel(qtbot, page, "check_again")
    control.faults(errors={"next": 1, "statuses": [429], "retryAfter": 120})
    page.status.button("check_again").click()  # fails before reaching the service
    qtbot.waitUntil(lambda: len(control.enrollments()) == 2 and not page._sending, timeout=WAIT)
    wait_for_panel(qtbot, page, "check_again")
    assert "don't know yet" in page.status.title.text()  # never "Not enrolled"
    last_name = page.form.field("personalDetails.lastName")
    assert not last_name.isEnabled() and not page.submit_button.isEnabled()
    page._submit_clicked()  # no way round it: Enroll does nothing while the outcome is unknown
    assert len(control.enrollments()) == 2
    control.faults()
    page.status.button("check_again").click()
    number = wait_for_success(qtbot, page)
    found = control.get("/collectors/search", email="lost.answer@example.com")["items"]
    assert [item["collectorNumber"] for item in found] == [number]
    assert len({item["idempotencyKey"] for item in control.enrollments()}) == 1


@pytest.mark.allow_log_warnings
def test_save_and_send_later_keeps_the_enrollment_in_the_outbox_and_frees_the_form(
    qtbot, make_page, no_search, control
):
    page = make_page(no_search, max_attempts=1)
    control.faults(commitThenDrop={"next": 1})
    fill_in_person(page, email="later.please@example.com")
    submit(qtbot, page)
    wait_for_panel(qtbot, page, "send_later")
    page.status.button("send_later").click()
    assert page.form.field("personalDetails.lastName").isEnabled()
    assert page.form.field("personalDetails.lastName").text() == ""
    outbox = page.context.outbox.current
    [item] = outbox.unsettled()
    assert item.state == "unknown" and item.request.contact_details.email == "later.please@example.com"


def test_lock_hides_the_form_and_unlock_brings_it_back(qtbot, page, context):
    fill_in_person(page)
    context.lock()
    assert page.stack.currentWidget() is page._locked_page
    context.unlock()
    assert page.stack.currentIndex() == 0
    assert page.form.field("personalDetails.firstName").text() == "Ève-Marie"


def test_tab_order_follows_the_layout(qtbot, page):
    def tab_chain() -> list:
        chain, widget = [], page.profile_combo
        for _ in range(400):
            widget = widget.nextInFocusChain()
            if widget is page.submit_button:
                break
            focusable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            if focusable and widget.isVisibleTo(page) and widget.isEnabled():
                chain.append(widget)
        return chain

    form = page.form
    expected = [
        form.field("personalDetails.firstName"),
        form.field("personalDetails.lastName"),
        form.field("personalDetails.dateOfBirth"),
        form.birth.button,
        form.field("contactDetails.email"),
        form.field("contactDetails.phones[0]"),
        form.phone_type(0),
        form.add_phone,
        form.field("addressDetails.city"),
        form.field("addressDetails.province"),
        form.field("addressDetails.postalCode"),
        form.field("preferences.language"),
        form.field("enrollmentChannel"),
        *form.consent_boxes.values(),
        page.clear_button,
    ]
    chain = tab_chain()
    assert [w for w in chain if w in expected] == expected


def test_enroll_needs_a_signed_in_session(qtbot, qasync_loop, context, environment, audit):
    signed_out = EnvironmentSession(environment)
    context.set_session(signed_out)
    page = EnrollPage(context, audit=audit)
    qtbot.addWidget(page)
    fill_in_person(page)
    assert "sign in" in page.hint.text()
    page.submit_button.click()  # stays enabled: pressing it says why nothing happens
    qtbot.waitUntil(lambda: page.status.title.text() == "Not connected")
    run(qtbot, signed_out.sign_in_partner("sandbox-partner", "sandbox-partner-secret"))
    assert page.hint.text() == "Ready to enroll."
    context.set_session(None)
    assert "sign in" in page.hint.text()
    assert page.form.field("personalDetails.firstName").text() == "Ève-Marie"  # the customer's answers stay
    run(qtbot, signed_out.aclose())


def test_the_chosen_use_case_is_remembered(make_page, context) -> None:
    page = make_page()
    page.profile_combo.setCurrentIndex(page.profile_combo.findData("call_centre"))
    assert context.settings.enroll_use_case == "call_centre"
    again = make_page()
    assert again.profile_combo.currentData() == "call_centre"
    assert again.form.profile.name == "call_centre"
