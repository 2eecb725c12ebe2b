"""Tools → Token…: the current access token of this environment, read, never shown.

The JWT header and claims (issuer, audience, scopes, azp, expiry with a live countdown, the member's
collector number masked), whether a refresh token is held (never its value), the signing key's id against
the tenant's JWKS, and after a member sign-in the ID token's claims (personal values masked). "Renew now"
asks for a new token; "Sign out and revoke" ends the session and revokes its refresh token.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.ui import theme
from console.ui.tasks import PageTasks

if TYPE_CHECKING:
    from console.api.tokens import TokenFacts
    from console.ui.context import ConsoleContext

COLLECTOR_CLAIM = "https://airmiles.ca/collectorNumber"


def _masked_claims(claims: dict[str, Any]) -> dict[str, Any]:
    """Claims with personal values masked: names and email whole, and anything personal-looking inside the
    others (the subject `auth0|<collector number>` keeps the number's last 3 digits only)."""
    from console.api.redaction import MASK, mask_collector_number, redact_text

    personal = {"email", "name", "given_name", "family_name", "nickname", "phone_number", "birthdate"}
    shown: dict[str, Any] = {}
    for name, value in claims.items():
        if name == COLLECTOR_CLAIM and isinstance(value, str):
            shown[name] = mask_collector_number(value)
        elif name in personal:
            shown[name] = MASK
        elif isinstance(value, str):
            shown[name] = redact_text(value)
        else:
            shown[name] = value
    return shown


class TokenView(QDialog):
    """The current session's token facts, refreshed every second while open."""

    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenView")
        self.context = context
        self.tasks = PageTasks(self)
        self.setWindowTitle(self.tr("Token"))
        self.resize(640, 560)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        rows = (("identity", self.tr("Signed in as")), ("issuer", self.tr("Issuer")),
                ("audience", self.tr("Audience")), ("scopes", self.tr("Scopes")),
                ("azp", self.tr("Authorized party (azp)")), ("member", self.tr("Member's collector number")),
                ("expires", self.tr("Expires")), ("refresh", self.tr("Refresh token")),
                ("key", self.tr("Signing key")))
        for key, label in rows:
            value = QLabel()
            value.setWordWrap(True)
            value.setAccessibleName(label)
            form.addRow(label, value)
            self.fields[key] = value
        self.claims = QPlainTextEdit()
        self.claims.setReadOnly(True)
        self.claims.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.claims.setAccessibleName(self.tr("Token header and claims"))
        self.notice = QLabel()
        self.notice.setAccessibleName(self.tr("Token notice"))
        self.notice.setStyleSheet(theme.text_style("error"))
        buttons = QDialogButtonBox()
        self.renew_button = QPushButton(self.tr("&Renew now"))
        self.renew_button.setAccessibleName(self.tr("Renew the token now"))
        self.renew_button.clicked.connect(lambda: self.tasks.start("renew", self._renew()))
        self.revoke_button = QPushButton(self.tr("Sign &out and revoke"))
        self.revoke_button.setAccessibleName(self.tr("Sign out and revoke the refresh token"))
        self.revoke_button.clicked.connect(lambda: self.tasks.start("revoke", self._sign_out()))
        for button in (self.renew_button, self.revoke_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.claims, 1)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._show_expiry)
        self._timer.start()
        context.sig_session_changed.connect(self.refresh)
        context.sig_token_renewed.connect(self.refresh)
        self.refresh()

    def facts(self) -> TokenFacts | None:
        session = self.context.session
        return session.facts() if session is not None and session.signed_in else None

    def refresh(self, *_args: object) -> None:
        """Show the current token (after a sign-in, a renewal, a switch of environment)."""
        facts = self.facts()
        signed_in = facts is not None
        self.renew_button.setEnabled(signed_in)
        self.revoke_button.setEnabled(signed_in)
        if facts is None:
            for label in self.fields.values():
                label.setText("—")
            self.claims.setPlainText(self.tr("Not signed in."))
            return
        session = self.context.session
        assert session is not None
        identity = session.identity
        method = self.tr("partner") if facts.method == "partner" else self.tr("member")
        shown = identity.display if identity is not None else ""
        self.fields["identity"].setText(f"{method}: {shown}" if shown else method)
        self.fields["issuer"].setText(facts.issuer or "—")
        self.fields["audience"].setText(", ".join(facts.audience) or "—")
        self.fields["scopes"].setText(" ".join(facts.scopes) or "—")
        self.fields["azp"].setText(facts.client_id or "—")
        number = facts.collector_number
        self.fields["member"].setText(_masked_claims({COLLECTOR_CLAIM: number})[COLLECTOR_CLAIM] if number
                                      else self.tr("none (not a member token)"))
        self.fields["refresh"].setText(self.tr("held (its value is never shown)") if facts.refresh_token_held
                                       else self.tr("none"))
        self.fields["key"].setText(self.tr("%1, checking the tenant's keys…").replace(
            "%1", str(facts.header.get("kid", "—"))))
        document: dict[str, Any] = {"header": facts.header, "claims": _masked_claims(facts.claims)}
        if facts.id_claims:
            document["id_token_claims"] = _masked_claims(facts.id_claims)
        self.claims.setPlainText(json.dumps(document, indent=2, ensure_ascii=False, default=str))
        self._show_expiry()
        self.tasks.start("key", self._check_key())

    def _show_expiry(self) -> None:
        facts = self.facts()
        if facts is None:
            return
        label = self.fields["expires"]
        if facts.expires_at is None:
            label.setText(self.tr("far in the future (beyond the calendar)"))
            return
        left = facts.expires_in
        when = facts.expires_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if left <= 0 and facts.expires_at <= datetime.now(UTC):
            label.setText(self.tr("%1 (expired)").replace("%1", when))
            return
        hours, rest = divmod(left, 3600)
        countdown = f"{hours} h {rest // 60:02d} min {rest % 60:02d} s" if hours < 10_000 else f"{hours} h"
        label.setText(self.tr("%1 (in %2)").replace("%1", when).replace("%2", countdown))

    async def _check_key(self) -> None:
        from console.services.token_info import signing_key

        session = self.context.session
        if session is None:
            return
        key = await signing_key(session)
        kid = key.kid or "—"
        if key.published is None:
            text = self.tr("%1 (the tenant's keys could not be read)")
        elif key.published:
            text = self.tr("%1, published in the tenant's JWKS")
        else:
            text = self.tr("%1, NOT in the tenant's JWKS")
        self.fields["key"].setText(text.replace("%1", kid))

    async def _renew(self) -> None:
        from console.api.errors import CollectorError
        from console.ui.errors import error_text

        session = self.context.session
        if session is None:
            return
        self.notice.clear()
        try:
            await session.renew_token()
        except CollectorError as exc:
            self.notice.setText(error_text(exc))
        self.refresh()
        self.renew_button.setFocus()

    async def _sign_out(self) -> None:
        from console.api.errors import CollectorError
        from console.ui.errors import error_text

        session = self.context.session
        if session is None:
            return
        self.notice.clear()
        try:
            await session.sign_out()
        except CollectorError as exc:
            self.notice.setText(error_text(exc))
        self.refresh()
