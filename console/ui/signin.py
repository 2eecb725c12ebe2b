"""The sign-in dialog: partner (client id + secret) or member (system browser, PKCE). Never modal."""

from __future__ import annotations

import asyncio
import logging
import webbrowser
from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.api.environments import Environment
from console.api.errors import (
    CollectorError,
    SignInCancelled,
    SignInTimedOut,
    TransportError,
    WrongCredentials,
)
from console.api.session import EnvironmentSession
from console.ui.context import ConsoleContext
from console.ui.errors import error_text
from console.ui.tasks import ui_slot
from console.ui.texts import environment_label
from console.ui.widgets import InlineMessage

BrowserOpener = Callable[[str], object]
"""Opens a URL in the system browser; returning False or raising means no browser could be used."""

log = logging.getLogger(__name__)


def system_browser(url: str) -> bool:
    """Open `url` in the system browser (never an embedded web view); False when there is none."""
    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False


class SignInDialog(QDialog):
    """Signs the current environment's session in. Non-modal: the window stays usable behind it."""

    sig_environment_requested = Signal(str)
    """(environment name): the user picked another environment here; the window switches (and confirms)."""
    sig_signed_in = Signal()
    """The current session is now signed in."""
    _sig_no_browser = Signal(str)
    """(sign-in URL): no browser opened it (emitted from the opener's worker thread)."""

    PARTNER, MEMBER = 0, 1

    def __init__(self, context: ConsoleContext, environments: dict[str, Environment], *,
                 open_browser: BrowserOpener = system_browser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._environments = environments
        self._open_browser = open_browser
        self._member_task: asyncio.Future[None] | None = None
        self._user_cancelled = False
        self._shown_session: EnvironmentSession | None = None
        self._sig_no_browser.connect(self._show_link)
        self.setWindowTitle(self.tr("Sign in"))
        self.setModal(False)
        self.setMinimumWidth(440)

        self.environment = QComboBox()
        self.environment.setAccessibleName(self.tr("Environment"))
        for name, env in environments.items():
            self.environment.addItem(environment_label(env.label), name)
        self.environment.activated.connect(self._on_environment_activated)
        self.environment_message = InlineMessage()
        self.environment_message.setAccessibleName(self.tr("Connection problem"))

        self.partner_radio = QRadioButton(self.tr("&Partner (client id and secret)"))
        self.member_radio = QRadioButton(self.tr("&Member (in the browser)"))
        self.partner_radio.setAccessibleName(self.tr("Sign in as partner"))
        self.member_radio.setAccessibleName(self.tr("Sign in as member"))
        self._methods = QButtonGroup(self)
        self._methods.addButton(self.partner_radio, self.PARTNER)
        self._methods.addButton(self.member_radio, self.MEMBER)
        self._methods.idToggled.connect(self._on_method_toggled)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_partner_page())
        self.pages.addWidget(self._build_member_page())

        self.general_message = InlineMessage()
        self.sign_in_button = QPushButton(self.tr("&Sign in"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAutoDefault(True)
        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Environment:"), self.environment)
        form.addRow("", self.environment_message)
        methods = QHBoxLayout()
        methods.addWidget(self.partner_radio)
        methods.addWidget(self.member_radio)
        methods.addStretch(1)
        form.addRow(self.tr("Method:"), methods)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.pages)
        layout.addWidget(self.general_message)
        layout.addLayout(buttons)

        context.sig_session_changed.connect(self._on_session_changed)
        self._on_session_changed(context.session)

    # Building ----------------------------------------------------------------------------------------
    def _build_partner_page(self) -> QWidget:
        page = QWidget()
        self.client_id = QLineEdit()
        self.client_id.setAccessibleName(self.tr("Client id"))
        self.client_id.textEdited.connect(self._clear_messages)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Client secret"))
        self.secret.textEdited.connect(self._clear_messages)
        self.secret_message = InlineMessage()
        self.secret_message.setAccessibleName(self.tr("Secret problem"))
        self.remember = QCheckBox(self.tr("&Remember the secret in the system keyring"))
        self.remember.setAccessibleName(self.tr("Remember the secret in the system keyring"))
        self.keyring_notice = InlineMessage("warning")
        self.keyring_notice.setAccessibleName(self.tr("Keyring notice"))
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Client &id:"), self.client_id)
        form.addRow(self.tr("Secre&t:"), self.secret)
        form.addRow("", self.secret_message)
        form.addRow("", self.remember)
        form.addRow("", self.keyring_notice)
        return page

    def _build_member_page(self) -> QWidget:
        page = QWidget()
        self.email_radio = QRadioButton(self.tr("E&mail and password"))
        self.pin_radio = QRadioButton(self.tr("Collector number and &PIN"))
        self.email_radio.setAccessibleName(self.tr("Member signs in with email and password"))
        self.pin_radio.setAccessibleName(self.tr("Member signs in with collector number and PIN"))
        self.email_radio.setChecked(True)
        self.waiting = QWidget()
        self.waiting_label = QLabel(self.tr("Waiting for the browser… Finish signing in there."))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_member_sign_in)
        self.waiting_label.setWordWrap(True)
        self.link = QLineEdit()
        self.link.setReadOnly(True)
        self.link.setAccessibleName(self.tr("Sign-in link"))
        self.copy_button = QPushButton(self.tr("Cop&y link"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.setAccessibleDescription(self.tr("Copy the sign-in link to the clipboard"))
        self.copy_button.clicked.connect(self.copy_link)
        self.link_row = QWidget()
        link_row = QHBoxLayout(self.link_row)
        link_row.setContentsMargins(0, 0, 0, 0)
        link_row.addWidget(self.link, 1)
        link_row.addWidget(self.copy_button)
        self.link_row.hide()
        top = QHBoxLayout()
        top.addWidget(self.waiting_label, 1)
        top.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        waiting = QVBoxLayout(self.waiting)
        waiting.setContentsMargins(0, 0, 0, 0)
        waiting.addLayout(top)
        waiting.addWidget(self.link_row)
        self.waiting.hide()
        self.member_message = InlineMessage()
        self.member_message.setAccessibleName(self.tr("Member sign-in problem"))
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.email_radio)
        layout.addWidget(self.pin_radio)
        layout.addWidget(self.waiting)
        layout.addWidget(self.member_message)
        layout.addStretch(1)
        return page

    # State -------------------------------------------------------------------------------------------
    @property
    def method(self) -> int:
        return self._methods.checkedId()

    def choose_method(self, method: int) -> None:
        button = self._methods.button(method)
        if button.isEnabled():
            button.setChecked(True)

    def _on_session_changed(self, session: EnvironmentSession | None) -> None:
        if session is self._shown_session and session is not None:
            return  # the same session signed in or out: what the dialog holds still applies
        self._shown_session = session
        env = self._context.environment
        self.cancel_member_sign_in()
        self._clear_messages()
        if env is None:
            self.sign_in_button.setEnabled(False)
            return
        index = self.environment.findData(env.name)
        if index >= 0:
            self.environment.setCurrentIndex(index)
        self.partner_radio.setEnabled("partner" in env.sign_in_methods)
        self.member_radio.setEnabled("member" in env.sign_in_methods and bool(env.member_client_id))
        self.pin_radio.setEnabled("pin" in env.connections)
        self.email_radio.setEnabled("email" in env.connections)
        if self.method < 0 or not self._methods.button(self.method).isEnabled():
            self.choose_method(self.PARTNER if self.partner_radio.isEnabled() else self.MEMBER)
        self.client_id.setText(env.partner_client_id or "")
        self.secret.clear()
        if env.demo_partner is not None and env.kind == "sandbox":
            self.client_id.setText(env.demo_partner[0])
            self.secret.setText(env.demo_partner[1])
        remembered = session.remembered_partner if session is not None else None
        if remembered:
            self.client_id.setText(remembered)
        self.remember.setChecked(bool(remembered))
        persistent = session.secret_persistent if session is not None else True
        self._show_keyring_notice(persistent)
        self.sign_in_button.setEnabled(session is not None)
        self.sign_in_button.setFocus()

    def _show_keyring_notice(self, persistent: bool) -> None:
        if persistent:
            self.keyring_notice.clear_message()
        else:
            self.keyring_notice.show_message(self.tr(
                "No system keyring: the secret is kept for this session only."))

    def _on_method_toggled(self, method: int, checked: bool) -> None:
        if checked:
            self.pages.setCurrentIndex(method)
            self._clear_messages()

    def _on_environment_activated(self, index: int) -> None:
        name = self.environment.itemData(index)
        env = self._context.environment
        if env is None or name != env.name:
            self.sig_environment_requested.emit(name)
            # The window switches (or refuses); either way the combo follows the context.
            current = self._context.environment
            if current is not None:
                self.environment.setCurrentIndex(self.environment.findData(current.name))

    def _clear_messages(self) -> None:
        for message in (self.environment_message, self.secret_message, self.member_message,
                        self.general_message):
            message.clear_message()

    def _set_working(self, working: bool) -> None:
        self.sign_in_button.setEnabled(not working)
        self.environment.setEnabled(not working)
        self.partner_radio.setEnabled(not working and self._offers("partner"))
        self.member_radio.setEnabled(not working and self._offers("member"))

    def _offers(self, method: str) -> bool:
        env = self._context.environment
        return env is not None and method in env.sign_in_methods

    # Signing in --------------------------------------------------------------------------------------
    @ui_slot
    async def _on_sign_in_clicked(self) -> None:
        await self.sign_in()

    async def sign_in(self) -> bool:
        """Sign in with what the dialog holds; True on success. Errors are shown next to their cause."""
        session = self._context.session
        if session is None:
            return False
        self._clear_messages()
        if self.method == self.PARTNER:
            client_id, secret = self.client_id.text().strip(), self.secret.text()
            if not client_id or not secret:
                self.secret_message.show_message(self.tr("Enter the client id and the secret."))
                return False
        self._set_working(True)
        try:
            with self._context.busy():
                if self.method == self.PARTNER:
                    await session.sign_in_partner(client_id, secret, self.remember.isChecked())
                else:
                    await self._sign_in_member(session)
        except WrongCredentials:
            self.secret_message.show_message(self.tr("Wrong client id or secret."))
            self.secret.selectAll()
            self.secret.setFocus()
            return False
        except SignInCancelled:
            self.member_message.show_message(self.tr("Sign-in cancelled."))
            return False
        except SignInTimedOut:
            self.member_message.show_message(self.tr("The browser did not come back in time. Try again."))
            return False
        except TransportError as exc:
            host = urlsplit(session.env.auth_base).hostname or session.env.auth_base
            self.environment_message.show_message(
                self.tr("Cannot reach %1: %2").replace("%1", host).replace("%2", error_text(exc)))
            return False
        except CollectorError as exc:
            target = self.secret_message if self.method == self.PARTNER else self.member_message
            target.show_message(error_text(exc))
            return False
        finally:
            self._set_working(False)
            self._hide_waiting()
        if self.method == self.PARTNER and self.remember.isChecked():
            self._show_keyring_notice(session.secret_persistent)
        self.secret.clear()
        self.sig_signed_in.emit()
        self.accept()
        return True

    async def _sign_in_member(self, session: object) -> None:
        connection = "pin" if self.pin_radio.isChecked() else "email"
        self.waiting.show()
        self._user_cancelled = False
        self._member_task = asyncio.ensure_future(
            session.sign_in_member(connection, self._open_or_offer_link))  # type: ignore[attr-defined]
        try:
            await self._member_task
        except asyncio.CancelledError:
            if self._user_cancelled:
                raise SignInCancelled(self.tr("Sign-in cancelled.")) from None
            raise
        finally:
            self._member_task = None

    def _open_or_offer_link(self, url: str) -> bool:
        """Open the browser (worker thread); without one, offer the link here and keep waiting for it."""
        try:
            opened = self._open_browser(url)
        except Exception:  # any failure of the platform's browser launcher means "no browser"
            log.warning("The system browser could not be started", exc_info=True)
            opened = False
        if opened is False:
            self._sig_no_browser.emit(url)
        return True

    def _show_link(self, url: str) -> None:
        if self._member_task is None:
            return  # the sign-in ended meanwhile
        self.waiting_label.setText(self.tr(
            "No browser could be opened. Open this link in a browser on this computer and sign in there; "
            "this window waits for it."))
        self.link.setText(url)
        self.link.setCursorPosition(0)
        self.link_row.show()
        self.copy_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def copy_link(self) -> None:
        """Put the sign-in link on the clipboard."""
        QGuiApplication.clipboard().setText(self.link.text())
        self.waiting_label.setText(self.tr("Link copied. Open it in a browser on this computer and sign in "
                                           "there; this window waits for it."))

    def _hide_waiting(self) -> None:
        self.waiting.hide()
        self.link_row.hide()
        self.link.clear()
        self.waiting_label.setText(self.tr("Waiting for the browser… Finish signing in there."))

    def cancel_member_sign_in(self) -> None:
        """Stop waiting for the browser (the loopback listener closes)."""
        task = self._member_task
        if task is not None and not task.done():
            self._user_cancelled = True
            task.cancel()

    def done(self, result: int) -> None:
        self.cancel_member_sign_in()
        super().done(result)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._member_task is not None:
            self.cancel_member_sign_in()
            return
        super().keyPressEvent(event)
