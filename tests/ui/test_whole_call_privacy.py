"""A whole call for each fixed test member, in the window against the real sandbox: search, open, a wrong then
a right answer, reveal, refresh, enroll. Then everything a user could see or copy without verifying is
scanned for the member's names, email, phones, date of birth, street and postal code: the screen's texts
before verification (and hints there too: initials, year of birth, half a postal code, the city), the request
inspector's rows and details, cURL, exports, the log file and the audit file.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from console.audit import AuditLog
from console.sandbox.seed import Member, fixed_members
from console.services.verification import Answer, OverrideReason
from console.ui.app import setup_logging
from console.ui.context import ConsoleContext
from console.ui.main_window import MainWindow
from tests.support.privacy_scan import (
    exchange_texts,
    find,
    fixed_member_hints,
    fixed_member_values,
    widget_texts,
)
from tests.support.qt import run
from tests.support.window import MakeWindow, started
from tests.ui.enroll.conftest import fill_in_person

WAIT = 15_000


def said(member: Member) -> dict[Answer, str | None]:
    """What a genuine caller answers, as they would say it."""
    name = " ".join(x for x in (member.first_name, member.last_name) if x) or None
    return {Answer.NAME: name, Answer.POSTAL_CODE: member.postal_code,
            Answer.DATE_OF_BIRTH: member.date_of_birth, Answer.EMAIL: member.email}


def answer(window: MainWindow, which: Answer, text: str) -> None:
    assert window.member_page is not None
    line = window.member_page.verification.line(which)
    line.setText(text)
    line.editingFinished.emit()


def verify(qtbot: QtBot, window: MainWindow, context: ConsoleContext, member: Member) -> None:
    """The right answers; an override with a reason where nothing on file can match."""
    call = context.verifications.current
    assert call is not None and call.collector_number == member.number
    answers = said(member)
    if call.answers and all(answers[a] for a in call.answers):
        for which in call.answers:
            answer(window, which, str(answers[which]))
    else:
        context.verifications.override(OverrideReason.SUPERVISOR_APPROVED)
    qtbot.waitUntil(lambda: context.verifications.is_verified(member.number), timeout=WAIT)


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    """The console's log file, as the application sets it up, at its most talkative level."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    path = setup_logging("DEBUG", tmp_path / "logs")
    yield path
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.NOTSET)
    logging.getLogger("httpcore").setLevel(logging.NOTSET)


@pytest.mark.slow
@pytest.mark.parametrize("member", fixed_members(), ids=lambda member: member.number)
def test_a_whole_call_shows_nothing_personal_without_verification(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext, tmp_path: Path, log_file: Path,
        member: Member) -> None:
    context.audit = AuditLog(tmp_path / "audit.jsonl")
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.signin_dialog.hide()
    search, page, inspector = window.search_page, window.member_page, window.request_inspector
    assert search is not None and page is not None and window.enroll_page is not None
    seen: list[tuple[str, str]] = []  # the whole window
    near: list[tuple[str, str]] = []  # the search and member pages, where hints of this member could show

    def look() -> None:
        seen.extend(widget_texts(window))
        near.extend(widget_texts(search) + widget_texts(page))

    # Search by the name the caller gives, then by their email, and open the member.
    window.menus.search_action.trigger()
    if member.last_name:
        search.search_box.setText(member.last_name)
        with qtbot.waitSignal(search.sig_results_shown, timeout=WAIT):
            search.run_search()
        assert search.model.rowCount() >= 1
        look()
    search.search_box.setText(member.email)
    with qtbot.waitSignal(search.sig_results_shown, timeout=WAIT):
        search.run_search()
    assert search.model.rowCount() == 1
    look()
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        search.table.sig_open_row.emit(0)
    look()

    # A wrong answer, then the right ones: nothing may show until the caller is verified.
    call = context.verifications.current
    assert call is not None
    if call.answers:
        answer(window, call.answers[0], "Nobody Atall" if call.answers[0] is Answer.NAME else "x")
        assert not context.verifications.is_verified(member.number)
        look()
    before = list(seen)
    verify(qtbot, window, context, member)

    # Reveal everything, in the member view and in the inspector; refresh the summary; enroll someone.
    page.reveal_all()
    values = fixed_member_values()[member.number]
    assert find(values, widget_texts(page))  # verified and revealed: the scan does find them on screen
    profile_row = next(row for row in range(inspector.model.rowCount())
                       if inspector.model.exchange(row).collector_number == member.number)
    inspector.table.selectRow(profile_row)
    inspector.reveal_selected()
    with qtbot.waitSignal(page.sig_loaded, timeout=WAIT):
        page.summary_panel.refresh_button.click()
    window.menus.enroll_action.trigger()
    enroll = window.enroll_page
    fill_in_person(enroll, email=f"whole.call.{member.number}@example.com")
    enroll.submit_button.click()
    qtbot.waitUntil(lambda: enroll.stack.currentWidget() is enroll.success, timeout=WAIT)

    # The call ends; what is left to see or copy without verifying.
    context.verifications.end_call()
    exchanges = [inspector.model.exchange(row) for row in range(inspector.model.rowCount())]
    assert len(exchanges) >= 6
    after: list[tuple[str, str]] = widget_texts(inspector)
    for row in range(len(exchanges)):
        inspector.table.selectRow(row)
        after.append((f"inspector detail {row}", inspector.detail.toPlainText()))
        inspector.copy_as_curl()
        after.append((f"clipboard {row}", QGuiApplication.clipboard().text()))
    after += exchange_texts(e for e in exchanges if e is not None)
    for handler in logging.getLogger().handlers:
        handler.flush()
    after.append(("log file", log_file.read_text(encoding="utf-8")))
    after.append(("audit file", context.audit.path.read_text(encoding="utf-8")))

    assert "log file" in dict(after) and dict(after)["log file"]  # the call was logged
    findings = find(values, before) + find(fixed_member_hints()[member.number], near) + find(values, after)
    assert not findings, "\n".join(f"{f.value!r} in {f.where}: …{f.excerpt}…" for f in findings[:10])
