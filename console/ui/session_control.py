"""What the window's environment menu, sign-in and sign-out ask for: the switch, the sign-in dialog, sign-out.

The registry (`console.services.sessions`) does the work; this turns the user's request into its calls,
asks for the typed Production confirmation first, and shows what went wrong in the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from console.api.session import EnvironmentSession
    from console.ui.main_window import MainWindow
    from console.ui.signin import SignInDialog

PRODUCTION_WORD = "PRODUCTION"


class SessionControl(QObject):
    """Switches the window's environment and signs its user in and out."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.signin_dialog: SignInDialog | None = None

    # Environments ------------------------------------------------------------------------------------
    def request_environment(self, name: str) -> None:
        """Switch to `name` after the typed confirmation Production needs (the menu follows the result).

        Runs the modal confirmation outside any coroutine, then the switch as a task.
        """
        window = self.window
        assert window.sessions is not None
        env = window.context.environment
        if env is not None and env.name == name:
            window.focus_page()
            return
        if window.sessions.environments[name].is_production and not window.confirm_production():
            window.menus.environment_button.show_current(env.name if env is not None else None)
            window.focus_page()
            return
        window.spawn(self.switch_environment(name))
        window.focus_page()

    def confirm_production(self) -> bool:
        """True once PRODUCTION was typed exactly (a wrong word is told what is expected)."""
        from console.ui.confirm_word import ask_for_word

        return ask_for_word(
            self.window, self.tr("Switch to Production"),
            self.tr("Production holds live member data. Every write will ask again.\n"
                    "Type %1 to switch.").replace("%1", PRODUCTION_WORD),
            PRODUCTION_WORD)

    async def switch_environment(self, name: str, *, offer_sign_in: bool = True) -> EnvironmentSession | None:
        """Make `name` current (member data leaves the screen at once), resume its sign-in, check health."""
        from console.api.errors import CollectorError
        from console.ui.errors import error_text

        window = self.window
        sessions = window.sessions
        assert sessions is not None
        self._clear_keyring_notice()
        try:
            with window.context.busy():
                session = await sessions.switch(name)
        except CollectorError as exc:
            window.status.show_connection("failed")
            window.show_notice(error_text(exc))
            return None
        if session is None:
            return None  # another switch started meanwhile
        window.context.settings.last_environment = name
        window.spawn(window.status.check_health(sessions, session))
        with window.context.busy():
            await sessions.resume(session)
        if offer_sign_in and not session.signed_in and window.context.session is session:
            window.open_sign_in()
        return session

    async def start(self, name: str, *, auto_sign_in: bool = False) -> None:
        """Open the first environment; sign in as the sandbox demo partner when asked, else offer sign-in."""
        from console.api.errors import CollectorError
        from console.ui.errors import error_text

        window = self.window
        assert window.sessions is not None
        session = await window.switch_environment(name, offer_sign_in=False)
        if session is None:
            return
        if auto_sign_in:
            try:
                with window.context.busy():
                    await window.sessions.sign_in_demo(session)
            except CollectorError as exc:
                window.show_notice(error_text(exc))
        if window.outbox_view is not None and window.outbox_view.background is None:
            window.spawn(window.outbox_view.start())  # resumes what a crash left in the outbox
        if not session.signed_in:
            window.open_sign_in()
        window.show_search()
        window.sig_ready.emit()

    # Sign-in -----------------------------------------------------------------------------------------
    def open_sign_in(self) -> SignInDialog:
        """Show the (non-modal) sign-in dialog for the current environment."""
        window = self.window
        assert window.sessions is not None
        if self.signin_dialog is None:
            from console.ui.signin import SignInDialog, system_browser

            opener = window.open_browser or system_browser
            self.signin_dialog = SignInDialog(window.context, window.sessions.environments,
                                              open_browser=opener, parent=window)
            self.signin_dialog.sig_environment_requested.connect(self.request_environment)
            self.signin_dialog.sig_signed_in.connect(self._on_signed_in)
        self.signin_dialog.show()
        self.signin_dialog.raise_()
        self.signin_dialog.activateWindow()
        return self.signin_dialog

    def close_sign_in(self) -> None:
        """Stop a member sign-in under way and hide the dialog (the lock, the window closing)."""
        if self.signin_dialog is not None:
            self.signin_dialog.cancel_member_sign_in()
            self.signin_dialog.hide()

    def _on_signed_in(self) -> None:
        session = self.window.context.session
        dialog = self.signin_dialog
        if (session is not None and dialog is not None and dialog.remember.isChecked()
                and not session.secret_persistent):
            self.window.show_notice(self._keyring_notice_text())
        if self.window.context.locked:
            self.window.context.unlock()

    def _keyring_notice_text(self) -> str:
        return self.tr("No system keyring: the secret is kept for this session only.")

    def _clear_keyring_notice(self) -> None:
        if self.window.status.notice.text() == self._keyring_notice_text():
            self.window.status.notice.clear()

    def sign_in_as_someone_else(self) -> None:
        """From the lock screen: sign the current user out, then offer the sign-in dialog."""
        self.window.spawn(self._sign_out_then_sign_in())

    async def _sign_out_then_sign_in(self) -> None:
        await self.sign_out()
        self.window.open_sign_in()

    async def sign_out(self) -> None:
        from console.api.errors import CollectorError
        from console.ui.errors import error_text

        session = self.window.context.session
        if session is None:
            return
        try:
            with self.window.context.busy():
                await session.sign_out()
        except CollectorError as exc:  # revocation failed: tokens are dropped locally anyway
            notice = self.tr("Signed out here; the server was not told: %1")
            self.window.show_notice(notice.replace("%1", error_text(exc)))
