"""The enrollment page's header: title, the environment (Production unmistakable), the use case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from console.field_profiles import ProfileSet
from console.ui import theme

if TYPE_CHECKING:
    from console.api.environments import Environment


def _tr(text: str) -> str:
    return QCoreApplication.translate("EnrollPage", text)


class EnrollHeader(QWidget):
    """Title, environment label and the use-case chooser."""

    sig_use_case_chosen = Signal(str)
    """(profile name): the user chose another use case."""

    def __init__(
        self, profiles: ProfileSet, chosen: str, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        title = QLabel(_tr("Enroll a member"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.environment_label = QLabel(self)
        self.profile_combo = QComboBox(self)
        self.profile_combo.setAccessibleName(_tr("Use case"))
        self.profile_combo.setToolTip(_tr("Which fields this use case collects (agreed with AIR MILES)"))
        for name, profile in profiles.profiles.items():
            self.profile_combo.addItem(profile.label(language), name)
        self.profile_combo.setCurrentIndex(self.profile_combo.findData(chosen))
        self.profile_combo.currentIndexChanged.connect(self._chosen)
        use_case = QLabel(_tr("&Use case:"), self)
        use_case.setBuddy(self.profile_combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addSpacing(16)
        layout.addWidget(self.environment_label)
        layout.addStretch(1)
        layout.addWidget(use_case)
        layout.addWidget(self.profile_combo)

    def _chosen(self) -> None:
        name = self.profile_combo.currentData()
        if isinstance(name, str):  # None while the combo is emptied or destroyed
            self.sig_use_case_chosen.emit(name)

    def show_environment(self, env: Environment | None) -> None:
        if env is None:
            self.environment_label.setText(_tr("No environment"))
            self.environment_label.setStyleSheet("")
        elif env.is_production:
            self.environment_label.setText(_tr("PRODUCTION: %1").replace("%1", env.label))
            self.environment_label.setStyleSheet(theme.text_style("error", bold=True))
        else:
            self.environment_label.setText(_tr("Environment: %1").replace("%1", env.label))
            self.environment_label.setStyleSheet("")
