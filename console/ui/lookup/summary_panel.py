"""The summary panel: tier by name, Cash and Dream balances side by side, as-of time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.ui import theme


class _Balance(QFrame):
    """One balance: its name, the Miles in large type, and what it is for."""

    def __init__(self, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: bold;")
        self.amount = QLabel()
        self.amount.setAccessibleName(title)
        self.amount.setStyleSheet("font-size: 22pt;")
        self.amount.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(purpose)
        note.setWordWrap(True)
        note.setStyleSheet(theme.text_style("muted"))
        for widget in (heading, self.amount, note):
            layout.addWidget(widget)
        layout.addStretch(1)  # the two cards stay aligned when one description wraps further


class SummaryPanel(QWidget):
    """Shows one `Summary`; Refresh asks the page to load it again."""

    sig_refresh = Signal()
    """The agent pressed Refresh."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.tier = QLabel()
        self.tier.setObjectName("tierBadge")
        self.tier.setAccessibleName(self.tr("Tier"))
        top.addWidget(self.tier)
        top.addStretch()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the summary"))
        self.refresh_button.clicked.connect(self.sig_refresh)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)

        balances = QHBoxLayout()
        self.cash = _Balance(self.tr("Cash Miles"), self.tr("Instant rewards at the till and online."))
        self.dream = _Balance(self.tr("Dream Miles"), self.tr("Travel, merchandise and events."))
        balances.addWidget(self.cash)
        balances.addWidget(self.dream)
        layout.addLayout(balances)
        self.rule = QLabel(
            self.tr("Cash and Dream are separate balances: Miles cannot be moved between them."))
        self.rule.setWordWrap(True)
        layout.addWidget(self.rule)
        self.as_of = QLabel()
        self.as_of.setAccessibleName(self.tr("Balances as of"))
        layout.addWidget(self.as_of)
        layout.addStretch()

    def tier_name(self, code: str | None) -> str:
        names = {"B": self.tr("Blue"), "G": self.tr("Gold"), "O": self.tr("Onyx")}
        return names.get(code or "", code or self.tr("No tier"))

    def set_summary(self, summary: Any, language: str = "EN") -> None:
        """Show a `Summary`; Miles are grouped the Canadian way for `language` (EN or FR)."""
        tier = str(summary.tier or "")
        self.tier.setText(self.tr("%1 tier").replace("%1", self.tier_name(tier)))
        self.tier.setStyleSheet(theme.tier_badge_style(tier))
        locale = QLocale("fr_CA" if language == "FR" else "en_CA")
        for box, miles in ((self.cash, summary.cash_balance), (self.dream, summary.dream_balance)):
            box.amount.setText(self.tr("%1 Miles").replace("%1", locale.toString(int(miles or 0))))
        self.as_of.setText(self.tr("As of %1").replace("%1", _local_time(summary.as_of)))

    def clear(self) -> None:
        for label in (self.tier, self.cash.amount, self.dream.amount, self.as_of):
            label.clear()


def _local_time(moment: datetime | str | None) -> str:
    if moment is None:
        return "—"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
