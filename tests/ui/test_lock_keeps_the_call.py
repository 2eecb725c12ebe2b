"""The idle lock keeps the call for the same identity and gives another identity a clean console."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from console.services.verification import Answer
from console.ui.context import ConsoleContext
from console.ui.lookup import MemberPage
from tests.support.qt import run
from tests.support.window import PARTNER_SECRET, MakeWindow, started
from tests.ui.lookup.conftest import shown_texts

JANE, ELISE = "80000000007", "80000000014"


def open_member(qtbot: QtBot, page: MemberPage, open_it) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.sig_loaded, timeout=15_000):
        open_it()


def answer(page: MemberPage, which: Answer, text: str) -> None:
    page.verification.line(which).setText(text)
    page.verification.line(which).editingFinished.emit()


def verified_call(qtbot: QtBot, make_window: MakeWindow):  # type: ignore[no-untyped-def]
    """A window signed in as the demo partner, Élise opened, then Jane opened, verified, her email shown."""
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.signin_dialog.hide()
    page = window.member_page
    open_member(qtbot, page, lambda: window.open_member(ELISE))
    open_member(qtbot, page, lambda: window.open_member(JANE))
    answer(page, Answer.NAME, "Jane Doe")
    answer(page, Answer.POSTAL_CODE, "M5X 1A9")
    assert page.reveal("email")
    return window


def test_the_same_identity_gets_the_call_back(qtbot: QtBot, make_window: MakeWindow,
                                              context: ConsoleContext) -> None:
    window = verified_call(qtbot, make_window)
    page = window.member_page
    context.lock()
    assert window.pages.currentWidget() is window.lock_screen
    for secret in ("jane.doe@example.com", "Gold", "1,250", "Jane"):
        assert secret not in shown_texts(page), secret
    assert page.profile_panel.fields["email"].label.text() == ""
    assert not window.menus.sign_in_action.isEnabled() and not window.menus.sign_out_action.isEnabled()
    assert not window.menus.search_action.isEnabled() and not window.menus.environment_button.isEnabled()
    window.menus.search_action.trigger()
    assert window.pages.currentWidget() is window.lock_screen

    window.lock_screen.secret.setText(PARTNER_SECRET)
    assert run(qtbot, window.lock_screen.unlock())
    assert window.pages.currentWidget() is page
    assert context.verifications.is_verified(JANE)
    assert page.verified_label.isVisible() and not page.verification.isVisible()
    assert page.profile_panel.fields["email"].label.text() == "jane.doe@example.com"
    assert "Gold tier" in page.summary_panel.tier.text()
    assert [window.search_page.recent_list.item(i).text() for i in range(2)] == ["8•••••••007", "8•••••••014"]
    assert window.menus.sign_out_action.isEnabled()


def test_another_identity_gets_a_clean_console(qtbot: QtBot, make_window: MakeWindow,
                                               context: ConsoleContext) -> None:
    window = verified_call(qtbot, make_window)
    context.lock()
    session = context.session
    run(qtbot, window.sign_out())
    assert not window.menus.sign_in_action.isEnabled()  # still locked: only the lock screen signs in
    run(qtbot, session.sign_in_partner("sandbox-readonly", "sandbox-readonly-secret"))
    assert not window.menus.sign_out_action.isEnabled()
    context.unlock()
    assert window.pages.currentWidget() is window.search_page
    assert context.verifications.current is None
    assert window.member_page.collector_number is None
    assert window.search_page.recent_list.count() == 0
    assert window.member_page.profile_panel.fields["email"].label.text() == ""
