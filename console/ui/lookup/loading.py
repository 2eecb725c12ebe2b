"""A panel that is loading, failed (with a retry), or showing its content."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStackedWidget, QVBoxLayout, QWidget


class LoadingStack(QStackedWidget):
    """Three pages: a busy bar, an error with Retry, and the content widget."""

    sig_retry = Signal()
    """The user asked to load again after an error."""

    def __init__(self, content: QWidget, loading_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = QWidget()
        layout = QVBoxLayout(self._loading)
        label = QLabel(loading_text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setMaximumHeight(6)
        layout.addStretch()
        layout.addWidget(label)
        layout.addWidget(bar)
        layout.addStretch()

        self._error = QWidget()
        error_layout = QVBoxLayout(self._error)
        self.error_label = QLabel()
        self.error_label.setObjectName("lookupError")
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.clicked.connect(self.sig_retry)
        error_layout.addStretch()
        error_layout.addWidget(self.error_label)
        error_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignCenter)
        error_layout.addStretch()

        self.content = content
        for page in (self._loading, self._error, content):
            self.addWidget(page)

    @property
    def is_loading(self) -> bool:
        return self.currentWidget() is self._loading

    @property
    def has_error(self) -> bool:
        return self.currentWidget() is self._error

    def show_loading(self) -> None:
        self.setCurrentWidget(self._loading)

    def show_error(self, message: str, *, retry: bool = True) -> None:
        """A message instead of content; `retry=False` for one that trying again cannot change."""
        self.error_label.setText(message)
        self.retry_button.setVisible(retry)
        self.setCurrentWidget(self._error)

    def show_content(self) -> None:
        self.setCurrentWidget(self.content)
