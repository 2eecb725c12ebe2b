"""The member view against a sandbox with 10 000 members: loading, masking, audit, verification, errors."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from console import formats
from console.api.errors import InsufficientScope
from console.audit import AuditLog
from console.services.verification import Answer, OverrideReason
from console.ui.context import ConsoleContext
from console.ui.lookup import MemberPage, SearchPage
from console.ui.lookup.messages import Action, describe_error
from console.ui.lookup.recent import RecentMembers
from tests.support.sandbox_http import StaticBearer, machine_token
from tests.ui.lookup.conftest import READONLY, Sessions, shown_texts

JANE = "80000000007"
MARC_INACTIVE = "80000000021"


def open_member(qtbot: Any, page: MemberPage, number: str | None) -> None:
    with qtbot.waitSignal(page.sig_loaded, timeout=15_000):
        page.show_member(number)


def answer(page: MemberPage, which: Answer, text: str) -> None:
    """Type what the caller says and leave the field."""
    line = page.verification.line(which)
    line.setText(text)
    line.editingFinished.emit()


def verify_jane(page: MemberPage) -> None:
    answer(page, Answer.NAME, "Jane Doe")
    answer(page, Answer.POSTAL_CODE, "m5x 1a9")

# What the sandbox has on file for Jane; none of it may be on screen before verification, not even a part.
JANE_HINTS = ("Jane", "J•••", "Doe", "jane.doe", "1985", "0101", "0102", "M5X", "1A9", "King", "Toronto",
              "Gold", "1,250", "8,400", "Ms.", "Female", "inactive")


def unused_number() -> str:
    body = "8999999999"
    return body + str(formats.collector_check_digit(body))


def test_verification_first_nothing_on_file_before(qtbot, member_page, context, sessions: Sessions) -> None:
    session = sessions.partner()
    context.set_session(session)
    httpx.put(f"{session.env.api_base}/_sandbox/faults", json={"latencyMs": 300}).raise_for_status()
    try:
        member_page.show_member(JANE)
        assert member_page.profile_stack.is_loading and member_page.summary_stack.is_loading
        qtbot.waitUntil(lambda: not member_page.is_loading, timeout=5_000)
    finally:
        httpx.put(f"{session.env.api_base}/_sandbox/faults", json={}).raise_for_status()
    log = httpx.get(f"{session.env.api_base}/_sandbox/requests").json()["items"]
    calls = [item for item in log if item["path"] in ("/collectors/profile", "/collectors/summary")]
    assert len(calls) == 2
    assert member_page.verification.isVisible() and not member_page.body.isVisible()
    assert member_page.verification.ask.text() == "Ask for: full name, postal code"
    every_text = "\n".join(label.text() for label in member_page.findChildren(QLabel))  # hidden ones too
    for hint in (*JANE_HINTS, JANE):
        assert hint not in every_text, hint
    assert member_page.title.text() == "Member 8•••••••007"
    assert not member_page.reveal_all_button.isVisible()

    verify_jane(member_page)
    text = shown_texts(member_page)
    assert "Gold tier" in text
    assert "Cash Miles" in text and "Dream Miles" in text
    assert "cannot be moved between them" in text
    assert "As of" in member_page.summary_panel.as_of.text()
    for secret in ("jane.doe@example.com", "Jane Anne Doe", "1985-06-15", "M5X 1A9", "100 King", JANE):
        assert secret not in text, secret  # verified: masked until shown


def test_verification_gate_then_audited_reveal(qtbot, member_page, context, sessions: Sessions,
                                               audit: AuditLog) -> None:
    context.set_session(sessions.partner())
    open_member(qtbot, member_page, JANE)
    assert member_page.verification.isVisible()
    assert not member_page.profile_panel.fields["email"].button.isEnabled()
    assert member_page.reveal("email") is False
    assert audit.read_all() == []

    answer(member_page, Answer.NAME, "Jane Smith")
    assert member_page.verification.result_label(Answer.NAME).text() == "✗ Does not match"
    assert not member_page.body.isVisible()
    with qtbot.waitSignal(member_page.verification.sig_verified):
        verify_jane(member_page)
    assert not member_page.verification.isVisible()
    assert member_page.verified_label.isVisible() and not member_page.override_label.isVisible()
    assert QApplication.focusWidget() in (None, member_page.reveal_all_button)
    email = member_page.profile_panel.fields["email"]
    assert email.button.isEnabled()
    assert email.label.text() != "jane.doe@example.com"

    with qtbot.waitSignal(member_page.sig_revealed):
        email.button.click()
    assert email.label.text() == "jane.doe@example.com"
    assert member_page.profile_panel.fields["phones"].label.text() == "•••; •••"
    records = audit.read_all()
    assert [r["kind"] for r in records] == ["verification_failed", "caller_verified", "field_revealed"]
    assert records[1]["method"] == "match" and records[1]["attempts"] == 3
    record = records[-1]
    assert record["field"] == "email"
    assert record["collectorNumber"] == JANE
    assert record["staff"] == context.staff_identity()
    assert record["environment"] == "sandbox"
    assert record["recordedAt"]
    assert "jane.doe" not in audit.path.read_text()


def test_show_all_audits_each_field(qtbot, member_page, context, sessions: Sessions, audit: AuditLog) -> None:
    context.set_session(sessions.partner())
    open_member(qtbot, member_page, JANE)
    verify_jane(member_page)
    member_page.reveal_all_button.click()
    text = shown_texts(member_page)
    for value in ("jane.doe@example.com", "Ms. Jane Anne Doe", "1985-06-15", "M5X 1A9", "416-555-0101"):
        assert value in text, value
    fields = [record["field"] for record in audit.read_all() if record["kind"] == "field_revealed"]
    assert sorted(fields) == sorted(member_page.profile_panel.fields)
    assert not member_page.reveal_all_button.isEnabled()


def test_an_override_shows_differently_and_is_audited(qtbot, member_page, context, sessions: Sessions,
                                                       audit) -> None:
    context.set_session(sessions.partner())
    open_member(qtbot, member_page, MARC_INACTIVE)
    answer(member_page, Answer.POSTAL_CODE, "H0H 0H0")
    dialog = member_page.verification.open_override()
    dialog.choices[OverrideReason.SUPERVISOR_APPROVED].setChecked(True)
    dialog.ok_button.click()
    assert member_page.override_label.isVisible() and not member_page.verified_label.isVisible()
    assert member_page.override_label.text() == "⚠ Verified by override"
    assert member_page.banner.isVisible() and "inactive" in member_page.banner.text()
    record = audit.read_all()[-1]
    assert record["kind"] == "caller_verified" and record["method"] == "override"
    assert record["reasonCode"] == "supervisor_approved" and record["attempts"] == 1
    assert context.verifications.is_verified(MARC_INACTIVE)


def test_the_lock_message_after_three_mismatches(qtbot, member_page, context, sessions: Sessions,
                                                audit) -> None:
    context.set_session(sessions.partner())
    open_member(qtbot, member_page, JANE)
    for wrong in ("H0H 0H0", "H0H 0H1", "H0H 0H2"):
        answer(member_page, Answer.POSTAL_CODE, wrong)
    assert "locked for this member" in member_page.verification.lock_message.text()
    assert [r["kind"] for r in audit.read_all()][-1] == "verification_locked"
    open_member(qtbot, member_page, "80000000014")
    open_member(qtbot, member_page, JANE)  # opening again does not lift the lock
    assert "locked for this member" in member_page.verification.lock_message.text()
    assert not member_page.verification.line(Answer.NAME).isEnabled()


def test_a_new_member_is_masked_and_unverified_again(qtbot, member_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    open_member(qtbot, member_page, JANE)
    verify_jane(member_page)
    assert member_page.reveal("email")
    open_member(qtbot, member_page, "80000000014")
    assert member_page.verification.isVisible()
    assert not member_page.verified_label.isVisible()
    assert not context.verifications.is_verified(JANE)
    assert member_page.profile_panel.fields["email"].label.text() == ""
    assert member_page.summary_panel.tier.text() == ""
    open_member(qtbot, member_page, JANE)
    assert member_page.verification.isVisible()  # another member was opened: the call ended


def test_not_found_in_words(qtbot, member_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    open_member(qtbot, member_page, unused_number())
    assert member_page.profile_stack.has_error
    assert member_page.summary_stack.has_error
    assert member_page.profile_stack.error_label.text() == "No member has this collector number."
    assert not member_page.verification.isVisible()


def test_inactive_member_is_flagged(qtbot, member_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    open_member(qtbot, member_page, MARC_INACTIVE)
    assert not member_page.banner.isVisible()  # nothing on file before verification
    answer(member_page, Answer.NAME, "marc inactif")
    answer(member_page, Answer.POSTAL_CODE, "G1R4P5")
    assert member_page.banner.isVisible()
    assert "inactive" in member_page.banner.text()


def test_read_only_client_reads_but_cannot_search(qtbot, member_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner(READONLY))
    open_member(qtbot, member_page, JANE)
    assert not member_page.profile_stack.has_error and not member_page.summary_stack.has_error


def test_scope_messages_name_what_cannot_be_read() -> None:
    error = InsufficientScope(scope="collector:profile:read", status=403)
    assert describe_error(error, Action.PROFILE) == "These credentials cannot read profiles."
    assert describe_error(error, Action.SUMMARY) == "These credentials cannot read summaries."
    assert describe_error(error, Action.SEARCH) == "These credentials cannot search for members."


def test_summary_error_keeps_the_profile_and_retry_recovers(qtbot, member_page, context, sessions: Sessions,
                                                           sandbox_faults) -> None:
    context.set_session(sessions.partner(max_attempts=1))
    fault = {"errors": {"next": 1, "statuses": [503], "retryAfter": 3}}
    httpx.put(sandbox_faults, json=fault).raise_for_status()
    member_page.show_member(JANE)
    qtbot.waitUntil(lambda: not member_page.is_loading, timeout=15_000)
    failed = member_page.profile_stack if member_page.profile_stack.has_error else member_page.summary_stack
    assert failed.error_label.text() == "The service is unavailable right now. Try again in 3 seconds."
    failed.retry_button.click()
    qtbot.waitUntil(lambda: not member_page.is_loading, timeout=15_000)
    verify_jane(member_page)
    assert not member_page.profile_stack.has_error and not member_page.summary_stack.has_error


def test_summary_refresh(qtbot, member_page, context, sessions: Sessions) -> None:
    session = sessions.partner()
    context.set_session(session)
    open_member(qtbot, member_page, JANE)
    verify_jane(member_page)
    httpx.delete(f"{session.env.api_base}/_sandbox/requests").raise_for_status()
    member_page.summary_panel.refresh_button.click()
    qtbot.waitUntil(lambda: not member_page.is_loading, timeout=15_000)
    log = httpx.get(f"{session.env.api_base}/_sandbox/requests").json()["items"]
    assert [item["path"] for item in log] == ["/collectors/summary"]


def test_member_token_shows_the_signed_in_member(qtbot, member_page, context, sessions: Sessions,
                                                 audit) -> None:
    search = SearchPage(context)
    qtbot.addWidget(search)
    session = sessions.member()
    with qtbot.waitSignal(search.sig_open_member) as opened:
        context.set_session(session)
    assert opened.args == [JANE]
    open_member(qtbot, member_page, None)
    assert member_page.collector_number == JANE
    assert not member_page.verification.isVisible()
    assert "Gold tier" in member_page.summary_panel.tier.text()
    assert member_page.reveal("email")
    assert audit.read_all()[0]["collectorNumber"] == JANE
    open_member(qtbot, member_page, "80000000014")  # a member token reads only its own member
    assert member_page.collector_number == JANE
    assert not member_page.profile_stack.has_error
    assert "signed-in member" in member_page.notice.text()


def test_recent_members_kept_across_the_lock_and_cleared_on_switch(qtbot, member_page,
                                                                   context: ConsoleContext,
                                                                   sessions: Sessions) -> None:
    search = SearchPage(context)
    qtbot.addWidget(search)
    context.set_session(sessions.partner())
    open_member(qtbot, member_page, JANE)
    open_member(qtbot, member_page, "80000000014")
    assert [m.collector_number for m in RecentMembers.of(context).members] == ["80000000014", JANE]
    assert search.recent_list.count() == 2
    assert search.recent_list.item(0).text() == "8•••••••014"  # no initials
    with qtbot.waitSignal(search.sig_open_member) as opened:
        search.recent_list.itemActivated.emit(search.recent_list.item(1))
    assert opened.args == [JANE]
    context.lock()
    assert search.recent_list.count() == 2
    assert member_page.collector_number == "80000000014"
    context.unlock()
    assert search.recent_list.count() == 2
    context.set_session(sessions.partner())
    assert search.recent_list.count() == 0
    assert member_page.collector_number is None


def test_deleting_the_page_mid_load_cancels_quietly(qtbot, context, sessions: Sessions, audit,
                                                    sandbox_faults) -> None:
    context.set_session(sessions.partner())
    httpx.put(sandbox_faults, json={"latencyMs": 300}).raise_for_status()
    page = MemberPage(context, audit=audit)
    page.show_member(JANE)
    loads = list(page._tasks._tasks.values())
    assert len(loads) == 2
    shiboken6.delete(page)
    qtbot.waitUntil(lambda: all(task.done() for task in loads), timeout=5_000)
    assert all(task.cancelled() for task in loads)  # no answer reaches a deleted widget
    assert not context.is_busy


def test_keyboard_starts_in_the_verification_step(qtbot, member_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    member_page.activateWindow()
    open_member(qtbot, member_page, JANE)
    name = member_page.verification.line(Answer.NAME)
    postal = member_page.verification.line(Answer.POSTAL_CODE)
    assert QApplication.focusWidget() is name
    qtbot.keyClicks(name, "Jane Doe")
    qtbot.keyClick(name, Qt.Key.Key_Tab)  # leaving the field checks it
    assert member_page.verification.result_label(Answer.NAME).text() == "✓ Matches"
    assert QApplication.focusWidget() is postal
    qtbot.keyClicks(postal, "m5x 1a9")
    qtbot.keyClick(postal, Qt.Key.Key_Return)
    assert context.verifications.is_verified(JANE)
    assert QApplication.focusWidget() is member_page.reveal_all_button
    member_page.profile_panel.fields["name"].button.click()
    assert QApplication.focusWidget() is member_page.profile_panel.fields["dateOfBirth"].button


@pytest.mark.allow_log_warnings
def test_reveal_stays_masked_when_the_audit_cannot_be_written(qtbot, context, sessions: Sessions,
                                                              tmp_path) -> None:
    page = MemberPage(context, audit=AuditLog(tmp_path))  # a folder: appending to it fails
    qtbot.addWidget(page)
    context.set_session(sessions.partner())
    open_member(qtbot, page, JANE)
    answer(page, Answer.NAME, "Jane Doe")
    answer(page, Answer.POSTAL_CODE, "M5X 1A9")
    assert "audit file cannot be written" in page.verification.problem.text()
    assert not context.verifications.is_verified(JANE)
    context.audit = AuditLog(tmp_path / "audit.jsonl")
    answer(page, Answer.POSTAL_CODE, "M5X 1A9")  # left again once the audit works
    assert context.verifications.is_verified(JANE)
    context.audit = AuditLog(tmp_path)
    assert page.reveal("email") is False
    assert page.profile_panel.fields["email"].label.text() == "•••"
    assert "audit file cannot be written" in page.notice.text()


def test_a_token_without_the_profile_scope_says_so_and_still_shows_the_summary(
        qtbot, member_page, context, sessions: Sessions) -> None:
    session = sessions.partner()
    summary_only = machine_token(session.env.api_base, scope="collector:summary:read")
    session.client.auth = StaticBearer(summary_only)
    context.set_session(session)
    open_member(qtbot, member_page, JANE)
    text = shown_texts(member_page)
    assert "These credentials cannot read profiles." in text
    assert "The summary is shown once the caller is verified." in text
    assert "Gold" not in text


def test_show_moves_to_the_next_show_then_to_refresh_when_none_is_left(
        qtbot, member_page, context, sessions: Sessions) -> None:
    context.set_session(sessions.partner())
    member_page.activateWindow()
    open_member(qtbot, member_page, JANE)
    verify_jane(member_page)
    fields = member_page.profile_panel.fields
    masked = member_page.profile_panel.masked_fields()
    assert len(masked) > 2
    for field, following in itertools.pairwise(masked):
        fields[field].button.click()
        assert QApplication.focusWidget() is fields[following].button, field
    fields[masked[-1]].button.click()
    assert member_page.profile_panel.masked_fields() == []
    assert QApplication.focusWidget() is member_page.summary_panel.refresh_button


def test_refresh_brings_the_focus_back_where_it_was(qtbot, member_page, context, sessions: Sessions,
                                                   sandbox_faults) -> None:
    context.set_session(sessions.partner())
    member_page.activateWindow()
    open_member(qtbot, member_page, JANE)
    verify_jane(member_page)
    refresh = member_page.summary_panel.refresh_button
    httpx.put(sandbox_faults, json={"latencyMs": 200}).raise_for_status()
    refresh.setFocus()
    with qtbot.waitSignal(member_page.sig_loaded, timeout=15_000):
        refresh.click()
        assert not refresh.isEnabled() and QApplication.focusWidget() is not refresh  # loading
    assert QApplication.focusWidget() is refresh

    email = member_page.profile_panel.fields["email"].button
    email.setFocus()
    with qtbot.waitSignal(member_page.sig_loaded, timeout=15_000):
        qtbot.keyClick(email, Qt.Key.Key_F5)  # profile and summary again
        assert member_page.profile_stack.is_loading
    assert context.verifications.is_verified(JANE)
    assert QApplication.focusWidget() is email
