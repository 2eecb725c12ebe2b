"""The main window: the shell (menus, toolbar, pages, status bar, Production band) and navigation.

Built in two steps so the first paint does not wait for the API layer: the shell needs only Qt;
`attach(sessions)` then adds the pages and the environments. What happens when an environment is
switched or a session signs in lives in `console.services.sessions`; the window asks for it and renders
what the registry announces (through `ConsoleContext`). This module imports the API layer lazily.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from console.ui.context import ConsoleContext
from console.ui.environment_menu import EnvironmentButton
from console.ui.keyboard import ScrollFocusGuard, next_pane, no_scroll_tab_stops
from console.ui.settings import Settings
from console.ui.status_bar import StatusItems, connection_state
from console.ui.tasks import run_task
from console.ui.texts import environment_label
from console.ui.widgets import PlaceholderPage, ProductionBand

if TYPE_CHECKING:
    import asyncio

    from console.api.exchange import Exchange
    from console.api.session import EnvironmentSession
    from console.services.sessions import Sessions
    from console.ui.enroll import EnrollPage
    from console.ui.idle import IdleWarning, IdleWatcher, LockScreen
    from console.ui.import_dialog import ImportDialog
    from console.ui.inspector import RequestInspector
    from console.ui.lookup import MemberPage, SearchPage
    from console.ui.outbox_view import OutboxView
    from console.ui.signin import SignInDialog

BrowserOpener = Callable[[str], object]

log = logging.getLogger(__name__)

PRODUCTION_WORD = "PRODUCTION"


class MainWindow(QMainWindow):
    """Search, Enroll and Member pages over one environment session at a time."""

    sig_closed = Signal()
    """The user closed the window: the application shuts down."""
    sig_first_paint = Signal()
    """The window painted for the first time (start-up benchmark)."""
    sig_ready = Signal()
    """Start-up finished: the environment is connected (and signed in when asked to)."""

    def __init__(self, context: ConsoleContext, sessions: Sessions | None = None, *,
                 open_browser: BrowserOpener | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.sessions: Sessions | None = None
        self.exit_code = 0
        self.restart_requested = False
        """Set when the user asked to restart (a new language): the process starts itself again."""
        self._open_browser = open_browser
        self._history: list[QWidget] = []
        self._painted = False
        self._unsubscribe_exchanges: Callable[[], None] | None = None
        self.signin_dialog: SignInDialog | None = None
        self.idle_watcher: IdleWatcher | None = None
        self.idle_warning: IdleWarning | None = None
        self.lock_screen: LockScreen | None = None
        self.search_page: SearchPage | None = None
        self.request_inspector: RequestInspector | None = None
        self.member_page: MemberPage | None = None
        self.enroll_page: EnrollPage | None = None
        self.outbox_view: OutboxView | None = None
        self.import_dialog: ImportDialog | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self.setWindowTitle(self.tr("Collector Console"))
        self.resize(1100, 720)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            ScrollFocusGuard.install(app)

        self._build_shell()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.status = StatusItems(self.statusBar())
        self.environment_label = self.status.environment
        self.identity_label = self.status.identity
        self.token_label = self.status.token
        self.connection_label = self.status.connection
        self.notice_label = self.status.notice
        self.busy_indicator = self.status.busy

        self._token_timer = QTimer(self)
        self._token_timer.setInterval(1000)
        self._token_timer.timeout.connect(self._update_token_lifetime)

        context.sig_session_changed.connect(self._on_session_changed)
        context.sig_busy_changed.connect(self.busy_indicator.set_busy)
        context.sig_locked.connect(self._on_locked)
        context.sig_unlocked.connect(self._on_unlocked)
        context.sig_call_ended.connect(self._on_call_ended)
        self._page_before_lock: QWidget | None = None
        self._on_session_changed(None)
        if sessions is not None:
            self.attach(sessions)

    def attach(self, sessions: Sessions) -> None:
        """Second build step: the environments and the pages (imports the API layer)."""
        from console.ui.enroll import EnrollPage
        from console.ui.idle import LockScreen
        from console.ui.inspector import RequestInspector
        from console.ui.lookup import MemberPage, SearchPage
        from console.ui.outbox_view import OutboxView
        from console.ui.signin import system_browser

        self.sessions = sessions
        self.context.attach(sessions)
        if self._open_browser is None:
            self._open_browser = system_browser
        self.environment_button.set_environments(
            (name, environment_label(env.label)) for name, env in sessions.environments.items())
        self.menu_view.insertMenu(self._view_panes_separator, self.environment_button.menu_environments)
        self.search_page = SearchPage(self.context)
        self.member_page = MemberPage(self.context)
        self.enroll_page = EnrollPage(self.context)
        self.lock_screen = LockScreen(self.context, open_browser=self._open_browser)
        self.lock_screen.sig_sign_in_requested.connect(self._on_sign_in_other)
        for page in (self.search_page, self.member_page, self.enroll_page, self.lock_screen):
            self.pages.addWidget(page)
        self.search_page.sig_open_member.connect(self.open_member)
        self.search_page.sig_enroll_requested.connect(self.enroll_with)
        self.enroll_page.sig_open_member.connect(self.open_member)
        self.pages.setCurrentWidget(self.search_page)
        self.pages.removeWidget(self.starting_page)
        self.starting_page.deleteLater()
        self.import_action = self._action(self.tr("Import e&nrollments…"), self.open_import,
                                          tip=self.tr("Enroll the people listed in a CSV file"))
        self.add_tool(self.import_action)
        self.request_inspector = RequestInspector(self.context, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.request_inspector)
        self.request_inspector.hide()
        self.requests_action = self.request_inspector.toggleViewAction()
        self.requests_action.setText(self.tr("&Requests"))
        self.requests_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.requests_action.setToolTip(self.tr("Requests sent and their answers, redacted (Ctrl+Shift+R)"))
        self.toolbar.addAction(self.requests_action)
        self.menu_view.addAction(self.requests_action)
        self.check_action = self._action(self.tr("&Check this environment…"), self.open_check)
        self.add_tool(self.check_action)
        self.token_action = self._action(self.tr("To&ken…"), self.open_token_view)
        self.add_tool(self.token_action)
        self.environments_action = self._action(self.tr("&Environments…"), self.open_environment_editor)
        self.add_tool(self.environments_action)
        no_scroll_tab_stops(self)
        self.outbox_view = OutboxView(
            self.context, self.statusBar(), self._outbox_client, self._environment_label
        )
        self.outbox_action = QAction(self.tr("Enrollments &waiting…"), self)
        self.outbox_action.triggered.connect(self.outbox_view.show_list)
        self.menu_view.addAction(self.outbox_action)

    def _outbox_client(self, environment: str) -> Any | None:
        """The client the outbox sends `environment`'s enrollments with: its session's, once signed in."""
        session = self.sessions.existing(environment) if self.sessions is not None else None
        return session.client if session is not None and session.signed_in else None

    def _environment_label(self, environment: str) -> str:
        env = self.sessions.environments.get(environment) if self.sessions is not None else None
        return env.label if env is not None else environment

    def restore_geometry(self) -> bool:
        """Size and place the window as it was when it last closed; False when nothing usable is stored."""
        stored = self.context.settings.window_geometry
        return bool(stored) and self.restoreGeometry(QByteArray.fromBase64(stored.encode("ascii")))

    def wait_for_first_paint(self, timeout: float = 1.0) -> None:
        """Process events until the window has painted once (at most `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while not self._painted and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run `coro` as a task the window cancels when it closes; a bug in it reaches the crash handler."""
        task = run_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # Building ----------------------------------------------------------------------------------------
    def _build_shell(self) -> None:
        self.production_band = ProductionBand()
        self.production_band.hide()
        self.pages = QStackedWidget()
        self.starting_page = PlaceholderPage(self.tr("Collector Console"), self.tr("Starting…"))
        self.pages.addWidget(self.starting_page)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.production_band)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None = None,
                tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.search_action = self._action(self.tr("&Search"), self.show_search, "Ctrl+F",
                                          self.tr("Find a member (Ctrl+F)"))
        self.enroll_action = self._action(self.tr("&Enroll"), self.show_enroll, "Ctrl+N",
                                          self.tr("Enroll a new member (Ctrl+N)"))
        self.back_action = self._action(self.tr("&Back"), self.go_back, "Alt+Left",
                                        self.tr("Back (Alt+Left)"))
        self.back_action.setEnabled(False)
        self.escape_action = self._action(self.tr("Cancel or go back"), self.escape, "Esc")
        self.addAction(self.escape_action)  # not in a menu: Esc is listed on the shortcut sheet
        self.next_pane_action = self._action(self.tr("Ne&xt pane"), lambda: self.cycle_panes(), "F6")
        self.previous_pane_action = self._action(self.tr("Pre&vious pane"),
                                                 lambda: self.cycle_panes(backwards=True), "Shift+F6")
        self.settings_action = self._action(self.tr("&Settings…"), self.open_settings, "Ctrl+,")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts, "F1")
        self.sign_in_action = self._action(self.tr("Sign &in…"), self.open_sign_in)
        self.sign_out_action = self._action(self.tr("Sign &out"), self._on_sign_out)
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")

    def _build_menus(self) -> None:
        """File, View, Tools and Help; features add their actions to `menu_tools` and the others."""
        bar = self.menuBar()
        self.menu_file = QMenu(self.tr("&File"), self)
        self.menu_edit = QMenu(self.tr("E&dit"), self)
        self.menu_view = QMenu(self.tr("&View"), self)
        self.menu_tools = QMenu(self.tr("&Tools"), self)
        self.menu_help = QMenu(self.tr("&Help"), self)
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
        self.about_action = self._action(self.tr("&About Collector Console"), self._show_about)
        self.menu_help.addActions([self.shortcuts_action, self.about_action])
        self.menu_tools.menuAction().setVisible(False)  # shown once a tool is added: add_tool()

    def open_check(self) -> None:
        """Tools → Check this environment: the contract check with its live list."""
        from console.ui.check_dialog import CheckDialog

        dialog = CheckDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.check_dialog = dialog

    def open_token_view(self) -> None:
        """Tools → Token…: the current access token's header and claims, renew, sign out and revoke."""
        from console.ui.token_view import TokenView

        dialog = TokenView(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.token_view = dialog

    def open_environment_editor(self) -> None:
        """Tools → Environments…: the user's environments file, edited in a form."""
        from console.api.environments import EnvironmentConfigError
        from console.ui.environment_editor import EnvironmentEditor

        try:
            dialog = EnvironmentEditor(self.context, self)
        except EnvironmentConfigError:
            self.show_notice(self.tr("The environments file named in the settings cannot be read."))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_saved.connect(self.reload_environments)
        dialog.open()
        self.environment_editor = dialog

    def reload_environments(self) -> None:
        """Offer the environments again after the user's file changed (sessions already open stay)."""
        from console.services.sessions import load_all

        if self.sessions is None:
            return
        loaded = load_all(self.context.settings.environments_file)
        for name, env in loaded.environments.items():
            if name not in self.sessions.environments or self.sessions.existing(name) is None:
                self.sessions.environments[name] = env
        for name in [name for name in self.sessions.environments if name not in loaded.environments]:
            if self.sessions.existing(name) is None:
                del self.sessions.environments[name]
        self.environment_button.set_environments(
            (name, environment_label(env.label)) for name, env in self.sessions.environments.items())

    def add_tool(self, action: QAction) -> None:
        """Put `action` in the Tools menu."""
        self.menu_tools.addAction(action)
        self.menu_tools.menuAction().setVisible(True)

    def open_import(self) -> ImportDialog:
        """Tools → Import enrollments…: one dialog, kept while the window lives (an import may be running)."""
        from console.ui.import_dialog import ImportDialog

        if self.import_dialog is None:
            self.import_dialog = ImportDialog(self.context, self)
        self.import_dialog.show()
        self.import_dialog.raise_()
        self.import_dialog.activateWindow()
        return self.import_dialog

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        for action in (self.back_action, self.search_action, self.enroll_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        self.environment_button = EnvironmentButton()
        self.environment_button.sig_chosen.connect(self.request_environment)
        toolbar.addWidget(self.environment_button)
        toolbar.addAction(self.sign_in_action)
        toolbar.addAction(self.sign_out_action)
        toolbar.addSeparator()  # the request inspector's toggle follows, once `attach` has built it
        self.toolbar = toolbar

    def _show_about(self) -> None:
        from console import __version__

        text = self.tr("Collector Console %1\nFor AIR MILES partner staff.").replace("%1", __version__)
        QMessageBox.about(self, self.tr("About Collector Console"), text)

    # Navigation --------------------------------------------------------------------------------------
    def _navigate(self, page: QWidget | None) -> None:
        if self.context.locked or page is None:
            return
        current = self.pages.currentWidget()
        if current is not page:
            if current is not None:
                self._history.append(current)
            del self._history[:-20]
            self.pages.setCurrentWidget(page)
        self.back_action.setEnabled(bool(self._history))
        page.setFocus()

    def show_search(self) -> None:
        if not self._may_leave_enrollment(self.search_page):
            return
        self._navigate(self.search_page)
        if self.search_page is not None and not self.context.locked:
            self.search_page.focus_search()

    def show_enroll(self) -> None:
        self._navigate(self.enroll_page)
        if self.enroll_page is not None:
            self.enroll_page.focus_first_field()

    def enroll_with(self, values: dict[str, str]) -> None:
        """The enrollment form with what the agent searched for filled in (empty fields only)."""
        if self.enroll_page is None:
            return
        self.show_enroll()
        self.enroll_page.form.prefill(values)
        self.enroll_page.focus_first_field()

    def open_member(self, collector_number: str | None) -> None:
        if self.member_page is not None:
            self.member_page.show_member(collector_number)
        self._navigate(self.member_page)

    def go_back(self) -> None:
        if self.context.locked or not self._history or not self._may_leave_enrollment(self._history[-1]):
            return
        page = self._history.pop()
        self.pages.setCurrentWidget(page)
        self.back_action.setEnabled(bool(self._history))
        self.focus_page()

    def escape(self) -> None:
        """Esc: cancel what the page is doing, else go back; never leaves the enrollment form."""
        page = self.pages.currentWidget()
        cancel = getattr(page, "cancel_operation", None)
        if callable(cancel) and cancel():
            return
        if page is not self.enroll_page:
            self.go_back()

    def focus_page(self) -> None:
        """Focus where the current page wants it: the search box (text selected), the first field, ..."""
        page = self.pages.currentWidget()
        if page is self.search_page and self.search_page is not None:
            self.search_page.focus_search()
        elif page is self.enroll_page and self.enroll_page is not None:
            self.enroll_page.focus_first_field()
        elif page is not None and not _holds(page, QApplication.focusWidget()):
            target = next_pane(self._panes(), None)
            (target or page).setFocus(Qt.FocusReason.OtherFocusReason)

    def _may_leave_enrollment(self, target: QWidget | None) -> bool:
        """Leaving a form with typed details asks first (the details stay in the form either way)."""
        if (self.pages.currentWidget() is not self.enroll_page or target is self.enroll_page
                or self.enroll_page is None or not self.enroll_page.has_unsent_input()):
            return True
        answer = QMessageBox.question(
            self, self.tr("Leave the enrollment"),
            self.tr("The enrollment form holds details that were not sent. Leave the form? "
                    "They stay there until you clear them or quit."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _panes(self) -> list[QWidget]:
        page = self.pages.currentWidget()
        panes_of = getattr(page, "panes", None)
        panes: list[QWidget] = list(panes_of()) if callable(panes_of) else [page] if page is not None else []
        if self.request_inspector is not None and self.request_inspector.isVisible():
            panes.append(self.request_inspector)
        return panes

    def cycle_panes(self, *, backwards: bool = False) -> None:
        """F6 / Shift+F6: focus the next (previous) pane of the page, then the request inspector."""
        target = next_pane(self._panes(), QApplication.focusWidget(), backwards)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # Dialogs -----------------------------------------------------------------------------------------
    def open_settings(self) -> None:
        from console.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.context.settings, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted and Settings.language.key in dialog.changed:
            self._offer_restart()

    def _offer_restart(self) -> None:
        """The language applies at the next start: offer to restart now."""
        answer = QMessageBox.question(
            self, self.tr("Language changed"),
            self.tr("The new language applies when Collector Console starts again. Restart now?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.restart_requested = True
            QTimer.singleShot(0, self.close)

    def show_shortcuts(self) -> None:
        from console.ui.shortcut_sheet import ShortcutSheet

        sheet = ShortcutSheet(self, self)
        sheet.exec()
        sheet.deleteLater()

    # Environments ------------------------------------------------------------------------------------
    def request_environment(self, name: str) -> None:
        """Switch to `name` after the typed confirmation Production needs (the combo follows the result).

        Runs the modal confirmation outside any coroutine, then the switch as a task.
        """
        assert self.sessions is not None
        env = self.context.environment
        if env is not None and env.name == name:
            self.focus_page()
            return
        if self.sessions.environments[name].is_production and not self.confirm_production():
            self.environment_button.show_current(env.name if env is not None else None)
            self.focus_page()
            return
        self.spawn(self.switch_environment(name))
        self.focus_page()

    def confirm_production(self) -> bool:
        text, ok = QInputDialog.getText(
            self, self.tr("Switch to Production"),
            self.tr("Production holds live member data. Every write will ask again.\n"
                    "Type %1 to switch.").replace("%1", PRODUCTION_WORD),
            QLineEdit.EchoMode.Normal, "")
        return ok and text.strip() == PRODUCTION_WORD

    async def switch_environment(self, name: str, *, offer_sign_in: bool = True) -> EnvironmentSession | None:
        """Make `name` current (member data leaves the screen at once), resume its sign-in, check health."""
        from console.api.errors import CollectorError
        from console.ui.errors import error_text

        assert self.sessions is not None
        self._clear_keyring_notice()
        try:
            with self.context.busy():
                session = await self.sessions.switch(name)
        except CollectorError as exc:
            self.status.show_connection("failed")
            self.show_notice(error_text(exc))
            return None
        if session is None:
            return None  # another switch started meanwhile
        self.context.settings.last_environment = name
        self.spawn(self._check_health(session))
        with self.context.busy():
            await self.sessions.resume(session)
        if offer_sign_in and not session.signed_in and self.context.session is session:
            self.open_sign_in()
        return session

    async def start(self, name: str, *, auto_sign_in: bool = False) -> None:
        """Open the first environment; sign in as the sandbox demo partner when asked, else offer sign-in."""
        from console.api.errors import CollectorError
        from console.ui.errors import error_text

        assert self.sessions is not None
        session = await self.switch_environment(name, offer_sign_in=False)
        if session is None:
            return
        if auto_sign_in:
            try:
                with self.context.busy():
                    await self.sessions.sign_in_demo(session)
            except CollectorError as exc:
                self.show_notice(error_text(exc))
        if self.outbox_view is not None and self.outbox_view.background is None:
            self.spawn(self.outbox_view.start())  # resumes what a crash left in the outbox
        if not session.signed_in:
            self.open_sign_in()
        self.show_search()
        self.sig_ready.emit()

    # Session state -----------------------------------------------------------------------------------
    def _on_session_changed(self, session: EnvironmentSession | None) -> None:
        if self._unsubscribe_exchanges is not None:
            self._unsubscribe_exchanges()
            self._unsubscribe_exchanges = None
        chosen = self.sessions.chosen if self.sessions is not None else None
        env = session.env if session is not None else chosen
        signed_in = session is not None and session.signed_in
        label = environment_label(env.label) if env is not None else None
        self.environment_button.show_current(env.name if env is not None else None, label)
        self.status.show_environment(env, starting=session is None and env is not None)
        self.production_band.setVisible(env is not None and env.is_production)
        if env is not None:
            prefix = self.tr("PRODUCTION") + " — " if env.is_production else ""
            self.setWindowTitle(prefix + self.tr("Collector Console — %1").replace("%1", label or ""))
        if session is not None:
            self._unsubscribe_exchanges = session.exchange_log.subscribe(self._on_exchange)
        else:
            self.status.show_connection(None)
        self.sign_in_action.setEnabled(session is not None and not self.context.locked)
        self.sign_out_action.setEnabled(signed_in and not self.context.locked)
        self.status.show_identity(session)
        self._update_token_lifetime()
        if signed_in:
            self._token_timer.start()
        else:
            self._token_timer.stop()

    def _update_token_lifetime(self) -> None:
        session = self.context.session
        facts = session.facts() if session is not None and session.signed_in else None
        self.status.show_token_lifetime(int(facts.expires_in) if facts is not None else None)

    def _on_exchange(self, exchange: Exchange) -> None:
        self.status.show_connection(connection_state(exchange))

    async def _check_health(self, session: EnvironmentSession) -> None:
        from console.api.errors import CollectorError, RateLimited, ServiceUnavailable, TransportError

        assert self.sessions is not None
        try:
            await self.sessions.health(session)
        except CollectorError as exc:
            state = ("maintenance" if isinstance(exc, ServiceUnavailable) else "busy"
                     if isinstance(exc, RateLimited) else "unreachable" if isinstance(exc, TransportError)
                     else "online")
        else:
            state = "online"
        if self.context.session is session:
            self.status.show_connection(state)

    def show_notice(self, text: str) -> None:
        self.status.show_notice(text)

    # Sign-in -----------------------------------------------------------------------------------------
    def open_sign_in(self) -> SignInDialog:
        """Show the (non-modal) sign-in dialog for the current environment."""
        assert self.sessions is not None
        if self.signin_dialog is None:
            from console.ui.signin import SignInDialog, system_browser

            self.signin_dialog = SignInDialog(self.context, self.sessions.environments,
                                              open_browser=self._open_browser or system_browser, parent=self)
            self.signin_dialog.sig_environment_requested.connect(self.request_environment)
            self.signin_dialog.sig_signed_in.connect(self._on_signed_in)
        self.signin_dialog.show()
        self.signin_dialog.raise_()
        self.signin_dialog.activateWindow()
        return self.signin_dialog

    def _on_signed_in(self) -> None:
        session = self.context.session
        dialog = self.signin_dialog
        if (session is not None and dialog is not None and dialog.remember.isChecked()
                and not session.secret_persistent):
            self.show_notice(self._keyring_notice_text())
        if self.context.locked:
            self.context.unlock()

    def _keyring_notice_text(self) -> str:
        return self.tr("No system keyring: the secret is kept for this session only.")

    def _clear_keyring_notice(self) -> None:
        if self.notice_label.text() == self._keyring_notice_text():
            self.notice_label.clear()

    def _on_sign_in_other(self) -> None:
        self.spawn(self._sign_out_then_sign_in())

    async def _sign_out_then_sign_in(self) -> None:
        await self.sign_out()
        self.open_sign_in()

    def _on_sign_out(self) -> None:
        self.spawn(self.sign_out())

    async def sign_out(self) -> None:
        from console.api.errors import CollectorError
        from console.ui.errors import error_text

        session = self.context.session
        if session is None:
            return
        try:
            with self.context.busy():
                await session.sign_out()
        except CollectorError as exc:  # revocation failed: tokens are dropped locally anyway
            notice = self.tr("Signed out here; the server was not told: %1")
            self.show_notice(notice.replace("%1", error_text(exc)))

    # Lock --------------------------------------------------------------------------------------------
    def watch_idle(self, watcher: IdleWatcher) -> None:
        """Lock after idle time, with the warning band over the pages a minute before."""
        from console.ui.idle import IdleWarning

        self.idle_watcher = watcher
        self.idle_warning = IdleWarning(watcher)
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.pages), self.idle_warning)

    def _on_locked(self) -> None:
        """Hide every member value (the pages keep their state) and everything that could sign in or out."""
        current = self.pages.currentWidget()
        if current is not self.lock_screen:
            self._page_before_lock = current
        if self.lock_screen is not None:
            self.pages.setCurrentWidget(self.lock_screen)
        for action in (self.search_action, self.enroll_action, self.back_action,
                       self.sign_in_action, self.sign_out_action):
            action.setEnabled(False)
        self.environment_button.setEnabled(False)
        self.environment_button.menu_environments.setEnabled(False)
        if self.signin_dialog is not None and self.signin_dialog.isVisible():
            self.signin_dialog.cancel_member_sign_in()
            self.signin_dialog.hide()

    def _on_call_ended(self) -> None:
        """Someone else (or another environment): after the lock the console starts clean."""
        self._page_before_lock = None
        if self.context.locked:
            self._history.clear()

    def _on_unlocked(self) -> None:
        for action in (self.search_action, self.enroll_action):
            action.setEnabled(True)
        self.environment_button.setEnabled(True)
        self.environment_button.menu_environments.setEnabled(True)
        self._on_session_changed(self.context.session)
        page, self._page_before_lock = self._page_before_lock, None
        if page is None:
            self._history.clear()
            page = self.search_page
        self.back_action.setEnabled(bool(self._history))
        if page is not None:
            self.pages.setCurrentWidget(page)
            page.setFocus()

    # Window events -----------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.UpdateRequest:
            result = super().event(event)
            self._painted = True
            self.sig_first_paint.emit()
            return result
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        unsent = self.enroll_page is not None and self.enroll_page.has_unsent_input()
        if unsent and not self._discard_enrollment():
            self.restart_requested = False
            event.ignore()
            return
        self.context.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        if self.signin_dialog is not None:
            self.signin_dialog.cancel_member_sign_in()
            self.signin_dialog.hide()
        self._token_timer.stop()
        if self._unsubscribe_exchanges is not None:
            self._unsubscribe_exchanges()
            self._unsubscribe_exchanges = None
        for task in list(self._tasks):
            task.cancel()
        event.accept()
        self.sig_closed.emit()

    def _discard_enrollment(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Quit Collector Console"),
            self.tr("The enrollment form holds details that were not sent. Quit and lose them?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def _holds(page: QWidget, widget: QWidget | None) -> bool:
    return widget is not None and (widget is page or page.isAncestorOf(widget))
