"""The main window: the shell (pages, Production band, menus, toolbar, status bar) and navigation.

Built in two steps so the first paint does not wait for the API layer: the shell needs only Qt;
`attach(sessions)` then adds the pages and the environments. The window is put together from
`WindowMenus` (actions, menus, toolbar), `StatusItems` (the status bar, which follows the session),
`SessionControl` (environment switch, sign-in, sign-out) and `ToolDialogs`. What happens when an
environment is switched or a session signs in lives in `console.services.sessions`; the window asks for
it and renders what the registry announces (through `ConsoleContext`). The API layer is imported lazily.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore  # QtCore.Qt where used: the first paint needs none of its enums
from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QEventLoop, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from console.ui.context import ConsoleContext
from console.ui.keyboard import ScrollFocusGuard, next_pane, no_scroll_tab_stops
from console.ui.session_control import SessionControl
from console.ui.status_bar import StatusItems
from console.ui.texts import environment_label
from console.ui.tool_dialogs import ToolDialogs
from console.ui.widgets import PlaceholderPage, ProductionBand
from console.ui.window_menus import WindowMenus

if TYPE_CHECKING:
    import asyncio

    from console.api.session import EnvironmentSession
    from console.services.sessions import Sessions
    from console.ui.enroll import EnrollPage
    from console.ui.idle import IdleWarning, IdleWatcher, LockScreen
    from console.ui.inspector import RequestInspector
    from console.ui.lookup import MemberPage, SearchPage
    from console.ui.outbox_view import OutboxView
    from console.ui.signin import SignInDialog

BrowserOpener = Callable[[str], object]


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
        self.open_browser = open_browser
        self._history: list[QWidget] = []
        self._painted = False
        self.idle_watcher: IdleWatcher | None = None
        self.idle_warning: IdleWarning | None = None
        self.lock_screen: LockScreen | None = None
        self.search_page: SearchPage | None = None
        self.request_inspector: RequestInspector | None = None
        self.member_page: MemberPage | None = None
        self.enroll_page: EnrollPage | None = None
        self.outbox_view: OutboxView | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self.setWindowTitle(self.tr("Collector Console"))
        self.resize(1100, 720)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            ScrollFocusGuard.install(app)

        self._build_shell()
        self.session_control = SessionControl(self)
        self.tools = ToolDialogs(self)
        self.menus = WindowMenus(self)
        self.status = StatusItems(self.statusBar())

        context.sig_session_changed.connect(self._on_session_changed)
        context.sig_locked.connect(self._on_locked)
        context.sig_unlocked.connect(self._on_unlocked)
        context.sig_call_ended.connect(self._on_call_ended)
        self._page_before_lock: QWidget | None = None
        self._on_session_changed(None)
        self.status.follow(context)
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
        if self.open_browser is None:
            self.open_browser = system_browser
        self.menus.environment_button.set_environments(
            (name, environment_label(env.label)) for name, env in sessions.environments.items())
        self.search_page = SearchPage(self.context)
        self.member_page = MemberPage(self.context)
        self.enroll_page = EnrollPage(self.context)
        self.lock_screen = LockScreen(self.context, open_browser=self.open_browser)
        self.lock_screen.sig_sign_in_requested.connect(self.session_control.sign_in_as_someone_else)
        for page in (self.search_page, self.member_page, self.enroll_page, self.lock_screen):
            self.pages.addWidget(page)
        self.search_page.sig_open_member.connect(self.open_member)
        self.search_page.sig_enroll_requested.connect(self.enroll_with)
        self.enroll_page.sig_open_member.connect(self.open_member)
        self.pages.setCurrentWidget(self.search_page)
        self.pages.removeWidget(self.starting_page)
        self.starting_page.deleteLater()
        self.request_inspector = RequestInspector(self.context, self)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.BottomDockWidgetArea, self.request_inspector)
        self.request_inspector.hide()
        no_scroll_tab_stops(self)
        self.outbox_view = OutboxView(
            self.context, self.statusBar(), self._outbox_client, self._environment_label
        )
        self.menus.add_page_actions(self.request_inspector, self.outbox_view)

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
        from console.ui.tasks import run_task  # asyncio stays out of the first paint

        task = run_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

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

    # Environments and sign-in (SessionControl does the work) -------------------------------------------
    def request_environment(self, name: str) -> None:
        self.session_control.request_environment(name)

    def confirm_production(self) -> bool:
        return self.session_control.confirm_production()

    async def switch_environment(self, name: str, *, offer_sign_in: bool = True) -> EnvironmentSession | None:
        return await self.session_control.switch_environment(name, offer_sign_in=offer_sign_in)

    async def start(self, name: str, *, auto_sign_in: bool = False) -> None:
        await self.session_control.start(name, auto_sign_in=auto_sign_in)

    def open_sign_in(self) -> SignInDialog:
        return self.session_control.open_sign_in()

    @property
    def signin_dialog(self) -> SignInDialog | None:
        return self.session_control.signin_dialog

    async def sign_out(self) -> None:
        await self.session_control.sign_out()

    def show_notice(self, text: str) -> None:
        self.status.show_notice(text)

    def _on_session_changed(self, session: EnvironmentSession | None) -> None:
        """The environment menu, the title, the Production band and sign in / out follow the session."""
        chosen = self.sessions.chosen if self.sessions is not None else None
        env = session.env if session is not None else chosen
        label = environment_label(env.label) if env is not None else None
        self.menus.environment_button.show_current(env.name if env is not None else None, label)
        self.status.show_environment(env, starting=session is None and env is not None)
        self.production_band.setVisible(env is not None and env.is_production)
        if env is not None:
            prefix = self.tr("PRODUCTION") + " — " if env.is_production else ""
            self.setWindowTitle(prefix + self.tr("Collector Console — %1").replace("%1", label or ""))
        unlocked = not self.context.locked
        self.menus.sign_in_action.setEnabled(session is not None and unlocked)
        self.menus.sign_out_action.setEnabled(session is not None and session.signed_in and unlocked)

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
        self.menus.back_action.setEnabled(bool(self._history))
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
        self.menus.back_action.setEnabled(bool(self._history))
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
            (target or page).setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

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
            target.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

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
        self.menus.set_locked(True)
        if self.signin_dialog is not None and self.signin_dialog.isVisible():
            self.session_control.close_sign_in()

    def _on_call_ended(self) -> None:
        """Someone else (or another environment): after the lock the console starts clean."""
        self._page_before_lock = None
        if self.context.locked:
            self._history.clear()

    def _on_unlocked(self) -> None:
        self.menus.set_locked(False)
        self._on_session_changed(self.context.session)
        page, self._page_before_lock = self._page_before_lock, None
        if page is None:
            self._history.clear()
            page = self.search_page
        self.menus.back_action.setEnabled(bool(self._history))
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
        self.session_control.close_sign_in()
        self.status.stop()
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
