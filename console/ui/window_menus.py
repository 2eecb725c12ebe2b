"""The main window's actions, its menu bar (File, Edit, View, Tools, Help) and its toolbar.

Every action lives in a menu with its shortcut (the shortcut sheet lists them from there); Esc alone is
on the window only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from console.ui.environment_menu import EnvironmentButton

if TYPE_CHECKING:
    from console.ui.inspector import RequestInspector
    from console.ui.main_window import MainWindow
    from console.ui.outbox_view import OutboxView


class WindowMenus(QObject):
    """The window's actions (`search_action`, `back_action`, ...), menus (`menu_file`, ...) and toolbar."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._build_actions()
        self._build_menus()
        self._build_toolbar()

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None = None,
                tip: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:  # not setShortcut(): its overloads build the `Qt` namespace's enums (15 ms)
            action.setShortcuts([QKeySequence(shortcut)])
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        window, tools = self.window, self.window.tools
        self.search_action = self._action(self.tr("&Search"), window.show_search, "Ctrl+F",
                                          self.tr("Find a member (Ctrl+F)"))
        self.enroll_action = self._action(self.tr("&Enroll"), window.show_enroll, "Ctrl+N",
                                          self.tr("Enroll a new member (Ctrl+N)"))
        self.back_action = self._action(self.tr("&Back"), window.go_back, "Alt+Left",
                                        self.tr("Back (Alt+Left)"))
        self.back_action.setEnabled(False)
        self.escape_action = self._action(self.tr("Cancel or go back"), window.escape, "Esc")
        window.addAction(self.escape_action)  # not in a menu: Esc is listed on the shortcut sheet
        self.next_pane_action = self._action(self.tr("Ne&xt pane"), lambda: window.cycle_panes(), "F6")
        self.previous_pane_action = self._action(self.tr("Pre&vious pane"),
                                                 lambda: window.cycle_panes(backwards=True), "Shift+F6")
        self.settings_action = self._action(self.tr("&Settings…"), tools.open_settings, "Ctrl+,")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), tools.show_shortcuts, "F1")
        self.sign_in_action = self._action(self.tr("Sign &in…"), window.open_sign_in)
        self.sign_out_action = self._action(self.tr("Sign &out"), lambda: window.spawn(window.sign_out()))
        self.quit_action = self._action(self.tr("&Quit"), window.close, "Ctrl+Q")
        self.about_action = self._action(self.tr("&About Collector Console"), tools.show_about)

    def _build_menus(self) -> None:
        """File, Edit, View, Tools and Help; features add their actions to `menu_tools` and the others."""
        bar = self.window.menuBar()
        self.menu_file = QMenu(self.tr("&File"), self.window)
        self.menu_edit = QMenu(self.tr("E&dit"), self.window)
        self.menu_view = QMenu(self.tr("&View"), self.window)
        self.menu_tools = QMenu(self.tr("&Tools"), self.window)
        self.menu_help = QMenu(self.tr("&Help"), self.window)
        for menu in (self.menu_file, self.menu_edit, self.menu_view, self.menu_tools, self.menu_help):
            bar.addMenu(menu)
        self.menu_file.addActions([self.sign_in_action, self.sign_out_action])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.quit_action)
        self.menu_edit.addAction(self.settings_action)
        self.menu_view.addActions([self.back_action, self.search_action, self.enroll_action])
        self._view_panes_separator = self.menu_view.addSeparator()  # the environments go above it
        self.menu_view.addActions([self.next_pane_action, self.previous_pane_action])
        self.menu_view.addSeparator()
        self.menu_help.addActions([self.shortcuts_action, self.about_action])
        self.menu_tools.menuAction().setVisible(False)  # shown once a tool is added: add_tool()

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        self.window.addToolBar(toolbar)
        for action in (self.back_action, self.search_action, self.enroll_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        self.environment_button = EnvironmentButton()
        self.environment_button.sig_chosen.connect(self.window.request_environment)
        toolbar.addWidget(self.environment_button)
        toolbar.addAction(self.sign_in_action)
        toolbar.addAction(self.sign_out_action)
        toolbar.addSeparator()  # the request inspector's toggle follows, once `add_page_actions` has run
        self.toolbar = toolbar

    def add_tool(self, action: QAction) -> None:
        """Put `action` in the Tools menu."""
        self.menu_tools.addAction(action)
        self.menu_tools.menuAction().setVisible(True)

    def add_page_actions(self, inspector: RequestInspector, outbox_view: OutboxView) -> None:
        """Second build step (`MainWindow.attach`): the environments, the tools, the inspector, the outbox."""
        tools = self.window.tools
        self.menu_view.insertMenu(self._view_panes_separator, self.environment_button.menu_environments)
        self.import_action = self._action(self.tr("Import e&nrollments…"), tools.open_import,
                                          tip=self.tr("Enroll the people listed in a CSV file"))
        self.add_tool(self.import_action)
        self.requests_action = inspector.toggleViewAction()
        self.requests_action.setText(self.tr("&Requests"))
        self.requests_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.requests_action.setToolTip(self.tr("Requests sent and their answers, redacted (Ctrl+Shift+R)"))
        self.toolbar.addAction(self.requests_action)
        self.menu_view.addAction(self.requests_action)
        self.check_action = self._action(self.tr("&Check this environment…"), tools.open_check)
        self.add_tool(self.check_action)
        self.token_action = self._action(self.tr("To&ken…"), tools.open_token_view)
        self.add_tool(self.token_action)
        self.environments_action = self._action(self.tr("&Environments…"), tools.open_environment_editor)
        self.add_tool(self.environments_action)
        self.outbox_action = self._action(self.tr("Enrollments &waiting…"), outbox_view.show_list)
        self.menu_view.addAction(self.outbox_action)

    def set_locked(self, locked: bool) -> None:
        """While locked nothing navigates, signs in or out, or switches environments."""
        for action in (self.search_action, self.enroll_action):
            action.setEnabled(not locked)
        if locked:
            for action in (self.back_action, self.sign_in_action, self.sign_out_action):
                action.setEnabled(False)
        self.environment_button.setEnabled(not locked)
        self.environment_button.menu_environments.setEnabled(not locked)
