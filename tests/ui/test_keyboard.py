"""Keyboard first: environment selector, Esc and Back, F6, scroll areas, shortcut sheet, access keys."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from console.ui.context import ConsoleContext
from console.ui.settings_dialog import SettingsDialog
from console.ui.shortcut_sheet import ShortcutSheet
from tests.support.qt import run
from tests.support.window import MakeWindow, started

_KEY = re.compile(r"&([^&])")


def _ready(qtbot: QtBot, make_window: MakeWindow) -> Any:
    window = make_window()
    started(qtbot, window)
    assert run(qtbot, window.signin_dialog.sign_in())
    window.signin_dialog.hide()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_environment_selector_ignores_stray_keys_and_wheel_and_gives_focus_back(
        qtbot: QtBot, make_window: MakeWindow, context: ConsoleContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = _ready(qtbot, make_window)
    # Not signed in there, the new environment offers its sign-in dialog, which takes the focus whenever it
    # opens before the check below: this test is about the selector, so the offer stays out of the way.
    monkeypatch.setattr(window, "open_sign_in", lambda *args, **kwargs: None)
    button = window.menus.environment_button
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    window.menus.search_action.trigger()
    qtbot.keyClicks(window.search_page.search_box, "Smith")
    qtbot.keyClick(window.search_page.search_box, Qt.Key.Key_Down)
    wheel = QWheelEvent(QPointF(5, 5), QPointF(button.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(button, wheel)
    assert context.environment.name == "sandbox"
    assert window.search_page.search_box.text() == "Smith"
    choices = {a.data(): a for a in button.environment_actions()}
    choices["second"].trigger()
    qtbot.waitUntil(lambda: context.environment is not None and context.environment.name == "second")
    assert button.text() == "Environment: Second"
    assert window.windowTitle() == "Collector Console — Second"
    window.signin_dialog.hide()  # offered there: nobody is signed in to Second yet
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.search_page.search_box.setText("Smith")
    choices["sandbox"].trigger()
    qtbot.waitUntil(lambda: context.session is not None and context.session.signed_in)
    box = window.search_page.search_box
    assert QApplication.focusWidget() is box, "focus back on the page, not on the selector"


def test_esc_never_leaves_the_form_and_leaving_it_asks(
        qtbot: QtBot, make_window: MakeWindow, modal_answers: Any) -> None:
    window = _ready(qtbot, make_window)
    window.menus.search_action.trigger()
    window.search_page.search_box.setText("Tremblay")
    window.menus.enroll_action.trigger()
    first = window.enroll_page.form.field("personalDetails.firstName")
    first.setText("Ève")
    window.menus.escape_action.trigger()
    assert window.pages.currentWidget() is window.enroll_page
    assert modal_answers.kinds() == []
    modal_answers.question = QMessageBox.StandardButton.No
    window.menus.back_action.trigger()
    window.menus.search_action.trigger()
    assert window.pages.currentWidget() is window.enroll_page
    assert modal_answers.kinds() == ["question", "question"]
    modal_answers.question = QMessageBox.StandardButton.Yes
    window.menus.back_action.trigger()
    assert window.pages.currentWidget() is window.search_page
    box = window.search_page.search_box
    assert QApplication.focusWidget() is box and box.selectedText() == "Tremblay"
    window.menus.enroll_action.trigger()
    assert first.text() == "Ève", "leaving the form keeps what was typed"


def test_esc_goes_back_from_the_member_page(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = _ready(qtbot, make_window)
    window.search_page.search_box.setText("8000 000 0007")
    window.search_page.run_search()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.member_page)
    qtbot.waitUntil(lambda: not window.member_page.is_loading)  # while loading, Esc cancels the load
    window.menus.escape_action.trigger()
    assert window.pages.currentWidget() is window.search_page
    assert QApplication.focusWidget() is window.search_page.search_box


def test_f6_cycles_the_panes_of_the_page(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = _ready(qtbot, make_window)
    page = window.search_page
    page.search_box.setText("Tremblay")
    page.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    page.focus_search()
    seen = []
    for _ in range(3):
        window.menus.next_pane_action.trigger()
        seen.append(QApplication.focusWidget())
    assert seen == [page.table, page.recent_list, page.search_box]
    window.menus.previous_pane_action.trigger()
    assert QApplication.focusWidget() is page.recent_list
    window.menus.requests_action.trigger()
    qtbot.waitUntil(window.request_inspector.isVisible)
    assert window.request_inspector.isAncestorOf(QApplication.focusWidget())  # it opens with the focus
    window.menus.next_pane_action.trigger()
    assert not window.request_inspector.isAncestorOf(QApplication.focusWidget())
    window.menus.previous_pane_action.trigger()
    assert window.request_inspector.isAncestorOf(QApplication.focusWidget())


def test_scroll_areas_are_never_tab_stops(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = _ready(qtbot, make_window)
    window.menus.enroll_action.trigger()
    areas = window.findChildren(QScrollArea)
    assert areas, "the enrollment form scrolls"
    assert all(area.focusPolicy() == Qt.FocusPolicy.NoFocus for area in areas)
    late = QScrollArea(window.enroll_page)
    late.show()
    late.setFocus(Qt.FocusReason.TabFocusReason)  # built after the window, it passes the focus on
    assert QApplication.focusWidget() is not late


def test_every_menu_action_is_on_the_shortcut_sheet(qtbot: QtBot, make_window: MakeWindow,
                                                     modal_answers: Any) -> None:
    window = _ready(qtbot, make_window)
    window.menus.shortcuts_action.trigger()
    assert "exec:ShortcutSheet" in modal_answers.kinds()
    sheet = ShortcutSheet(window)
    qtbot.addWidget(sheet)
    rows = sheet.rows()
    for expected in [("View", "Back", "Alt+Left"), ("View", "Search", "Ctrl+F"),
                     ("Edit", "Settings", "Ctrl+,"),
                     ("Help", "Keyboard shortcuts", "F1"), ("View", "Next pane", "F6"),
                     ("File", "Quit", "Ctrl+Q"), ("View", "Requests", "Ctrl+Shift+R")]:
        assert expected in rows
    assert ("On every page", "Enroll the person in the form", "Ctrl+Enter") in rows
    shortcut_actions = [a for a in window.findChildren(type(window.menus.back_action)) if a.shortcuts()
                        and a is not window.menus.escape_action and a.parent() is window]
    listed = {action for _menu, action, _keys in rows}
    missing = [a.text() for a in shortcut_actions if a.text().replace("&", "").rstrip("…") not in listed]
    assert not missing, f"actions with a shortcut missing from the menu bar: {missing}"


# Access keys ----------------------------------------------------------------------------------------
def _keys_of(texts: list[str]) -> list[str]:
    return [m.lower() for text in texts for m in _KEY.findall(text.replace("&&", ""))]


def _widget_keys(root: QWidget) -> list[str]:
    """The access keys of every button, buddy label and checkable group shown under `root`."""
    texts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        buddy = widget.buddy() if isinstance(widget, QLabel) else None
        if isinstance(widget, QAbstractButton) or (buddy is not None and buddy.isVisibleTo(root)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts.append(widget.title())
    return _keys_of(texts)


def _duplicates(keys: list[str]) -> list[str]:
    return sorted({key for key in keys if keys.count(key) > 1})


def _menus(menu: QMenu) -> list[QMenu]:
    found = [menu]
    for action in menu.actions():
        if action.menu() is not None:
            found += _menus(action.menu())
    return found


def test_access_keys_are_unique_in_every_window_and_dialog(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = _ready(qtbot, make_window)
    bar_keys = _keys_of([a.text() for a in window.menuBar().actions() if a.isVisible()])
    assert not _duplicates(bar_keys), "menu bar"
    for top in window.menuBar().actions():
        for menu in _menus(top.menu()):
            keys = _keys_of([a.text() for a in menu.actions() if a.isVisible()])
            assert not _duplicates(keys), f"menu {menu.title()}: {_duplicates(keys)}"
    for page in (window.search_page, window.member_page, window.enroll_page):
        window.pages.setCurrentWidget(page)
        keys = bar_keys + _widget_keys(page)
        assert not _duplicates(keys), f"{page.objectName() or type(page).__name__}: {_duplicates(keys)}"
    dialogs = [window.open_sign_in(), SettingsDialog(window.context.settings, window), ShortcutSheet(window)]
    for dialog in dialogs:
        dialog.show()
        keys = _widget_keys(dialog)
        assert not _duplicates(keys), f"{type(dialog).__name__}: {_duplicates(keys)}"
        dialog.hide()


def test_enroll_this_person_carries_the_searched_values_into_the_form(
        qtbot: QtBot, make_window: MakeWindow) -> None:
    window = _ready(qtbot, make_window)
    page = window.search_page
    page.search_box.setText("Nobody-Here, Zoë k1a0b1")
    with qtbot.waitSignal(page.sig_results_shown, timeout=15_000):
        page.run_search()
    assert page.enroll_button.isVisible()
    page.enroll_button.click()
    assert window.pages.currentWidget() is window.enroll_page
    form = window.enroll_page.form
    assert form.field("personalDetails.lastName").text() == "Nobody-Here"
    assert form.field("personalDetails.firstName").text() == "Zoë"
    assert form.field("addressDetails.postalCode").text() == "K1A 0B1"
