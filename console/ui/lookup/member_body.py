"""The member view's body: the profile (scrolling) and the summary side by side, each loading or shown."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from console.ui.lookup.loading import LoadingStack
from console.ui.lookup.profile_panel import ProfilePanel
from console.ui.lookup.summary_panel import SummaryPanel


def _tr(text: str) -> str:
    return QCoreApplication.translate("MemberPage", text)


class MemberBody(QWidget):
    """`profile_panel` in `profile_stack` (three fifths), `summary_panel` in `summary_stack`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile_panel = ProfilePanel()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.profile_panel)
        self.profile_stack = LoadingStack(scroll, _tr("Loading the profile…"))
        self.summary_panel = SummaryPanel()
        self.summary_stack = LoadingStack(self.summary_panel, _tr("Loading the summary…"))
        profile_box = QGroupBox(_tr("Profile"))
        QVBoxLayout(profile_box).addWidget(self.profile_stack)
        summary_box = QGroupBox(_tr("Summary"))
        QVBoxLayout(summary_box).addWidget(self.summary_stack)
        panels = QHBoxLayout(self)
        panels.setContentsMargins(0, 0, 0, 0)
        panels.addWidget(profile_box, 3)
        panels.addWidget(summary_box, 2)
