"""The member view's header: the masked number, whether the caller is verified (or by override), Show all,
and the two lines under it (a banner for an inactive or closed account, a notice for a problem)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.ui import theme

INACTIVE_STATUSES = ("INACTIVE", "CLOSED")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MemberPage", text)


class MemberHeader(QWidget):
    """Title, verified badge, override badge and Show all in a row; the banner and the notice below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("memberTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.verified_label = QLabel(_tr("✓ Caller verified"))
        self.verified_label.setObjectName("callerVerified")
        self.verified_label.setStyleSheet(theme.text_style("success", bold=True))
        self.verified_label.hide()
        self.override_label = QLabel()
        self.override_label.setObjectName("verifiedByOverride")
        background, foreground = theme.panel_style("warning")
        self.override_label.setStyleSheet(
            f"background: {background}; color: {foreground}; font-weight: bold; padding: 4px 8px; "
            f"border: 1px solid {theme.colours().notice_border};")
        self.override_label.hide()
        self.reveal_all_button = QPushButton(_tr("Show all"))
        self.reveal_all_button.setAccessibleName(_tr("Show every masked field"))
        self.banner = QLabel()
        self.banner.setObjectName("memberBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(theme.notice_box_style())
        self.banner.hide()
        self.notice = QLabel()
        self.notice.setObjectName("memberNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(theme.text_style("error"))
        self.notice.hide()
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.verified_label)
        row.addWidget(self.override_label)
        row.addWidget(self.reveal_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)

    def show_member(self, status: str | None, *, verified: bool, overridden: bool) -> None:
        """The account's status when it cannot collect (banner), and how the caller was verified."""
        if status in INACTIVE_STATUSES:
            self.banner.setText(
                _tr("This member is inactive: the account cannot collect or redeem Miles.")
                if status == "INACTIVE" else
                _tr("This member's account is closed: it cannot collect or redeem Miles."))
            self.banner.show()
        self.verified_label.setVisible(verified)
        self.override_label.setText(_tr("⚠ Verified by override"))
        self.override_label.setToolTip(_tr("No answer check: an override with a reason, in the audit file."))
        self.override_label.setVisible(overridden)

    def hide_member(self) -> None:
        self.banner.hide()
        self.verified_label.hide()
        self.override_label.hide()
