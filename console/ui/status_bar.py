"""The main window's status bar: environment, signed-in identity, token lifetime, connection, notices.

`StatusItems.follow(context)` keeps it current: the identity and token countdown of the current session,
and the connection state each exchange reports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from console.ui import theme
from console.ui.texts import environment_label
from console.ui.widgets import BusyIndicator

if TYPE_CHECKING:
    from console.api.environments import Environment
    from console.api.exchange import Exchange
    from console.api.session import EnvironmentSession
    from console.services.sessions import Sessions
    from console.ui.context import ConsoleContext

CONNECTION_STATES = ("online", "unreachable", "busy", "maintenance", "failed")


def connection_state(exchange: Exchange) -> str:
    """What one exchange says of the connection: no answer is "unreachable"; 429 "busy"; 503 "maintenance"."""
    if exchange.status is None:
        return "unreachable"
    if exchange.status == 429:
        return "busy"
    if exchange.status == 503:
        return "maintenance"
    return "online"


class StatusItems(QObject):
    """The labels of the status bar, filled from the session's state."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.environment = QLabel()
        self.identity = QLabel()
        self.token = QLabel()
        self.connection = QLabel()
        self.notice = QLabel()
        self.busy = BusyIndicator()
        self._state = ""
        names = ((self.environment, self.tr("Environment")), (self.identity, self.tr("Signed-in identity")),
                 (self.token, self.tr("Token lifetime")), (self.connection, self.tr("Connection state")),
                 (self.notice, self.tr("Notice")))
        for label, name in names:
            label.setAccessibleName(name)
            label.setStyleSheet(theme.status_item_style())
            bar.addWidget(label)
        self.notice.setStyleSheet(theme.text_style("warning") + theme.status_item_style())
        bar.addPermanentWidget(self.busy)
        self._context: ConsoleContext | None = None
        self._unsubscribe_exchanges: Callable[[], None] | None = None
        self._token_timer = QTimer(self)
        self._token_timer.setInterval(1000)
        self._token_timer.timeout.connect(self._update_token_lifetime)

    def follow(self, context: ConsoleContext) -> None:
        """Render `context`'s current session from now on (identity, token lifetime, connection, busy)."""
        self._context = context
        context.sig_session_changed.connect(self._on_session_changed)
        context.sig_busy_changed.connect(self.busy.set_busy)
        self._on_session_changed(context.session)

    def stop(self) -> None:
        """The window closes: no more countdown, no more exchanges followed."""
        self._token_timer.stop()
        self._follow_exchanges(None)

    def _on_session_changed(self, session: EnvironmentSession | None) -> None:
        self._follow_exchanges(session)
        if session is None:
            self.show_connection(None)
        self.show_identity(session)
        self._update_token_lifetime()
        if session is not None and session.signed_in:
            self._token_timer.start()
        else:
            self._token_timer.stop()

    def _follow_exchanges(self, session: EnvironmentSession | None) -> None:
        if self._unsubscribe_exchanges is not None:
            self._unsubscribe_exchanges()
            self._unsubscribe_exchanges = None
        if session is not None:
            self._unsubscribe_exchanges = session.exchange_log.subscribe(self._on_exchange)

    def _on_exchange(self, exchange: Exchange) -> None:
        self.show_connection(connection_state(exchange))

    def _update_token_lifetime(self) -> None:
        session = self._context.session if self._context is not None else None
        facts = session.facts() if session is not None and session.signed_in else None
        self.show_token_lifetime(int(facts.expires_in) if facts is not None else None)

    async def check_health(self, sessions: Sessions, session: EnvironmentSession) -> None:
        """Ask the service's health endpoint and show what it says, if `session` is still current."""
        from console.api.errors import CollectorError, RateLimited, ServiceUnavailable, TransportError

        try:
            await sessions.health(session)
        except CollectorError as exc:
            state = ("maintenance" if isinstance(exc, ServiceUnavailable) else "busy"
                     if isinstance(exc, RateLimited) else "unreachable" if isinstance(exc, TransportError)
                     else "online")
        else:
            state = "online"
        if self._context is not None and self._context.session is session:
            self.show_connection(state)

    def show_environment(self, env: Environment | None, *, starting: bool = False) -> None:
        if env is None:
            self.environment.clear()
        elif starting:
            self.environment.setText(self.tr("%1 (starting…)").replace("%1", environment_label(env.label)))
        else:
            self.environment.setText(environment_label(env.label))

    def show_identity(self, session: EnvironmentSession | None) -> None:
        identity = session.identity if session is not None else None
        if identity is None:
            self.identity.setText(self.tr("Not signed in"))
            return
        method = self.tr("partner") if identity.method == "partner" else self.tr("member")
        self.identity.setText(self.tr("%1 (%2)").replace("%1", identity.display).replace("%2", method))

    def show_token_lifetime(self, seconds: int | None) -> None:
        if seconds is None:
            self.token.clear()
        else:
            self.token.setText(self.tr("Token: %1 left").replace("%1", _duration(max(0, seconds))))

    def show_connection(self, state: str | None) -> None:
        """One of CONNECTION_STATES, or None to clear; restyled only when the state changes."""
        state = state or ""
        if state == self._state:
            return  # every exchange reports; restyling a label for nothing costs a relayout
        self._state = state
        texts = {"online": self.tr("Online"), "unreachable": self.tr("Unreachable"), "busy": self.tr("Busy"),
                 "maintenance": self.tr("Maintenance"), "failed": self.tr("Cannot start")}
        self.connection.setText(texts.get(state, ""))
        role = "text" if state in ("online", "") else "error"
        self.connection.setStyleSheet(theme.text_style(role) + theme.status_item_style())

    @property
    def connection_state(self) -> str:
        return self._state

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)


def _duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
