"""The panels around the form: the status of a submission, and the success view.

The status panel never takes more than a third of its window's height: its rows (possible
duplicates, problems to fix) scroll inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.api.models import EnrollmentRequest, EnrollmentResult
from console.api.redaction import MASK
from console.ui import theme
from console.ui.lookup.results_model import status_text

_LANGUAGES = {"EN": "English", "FR": "Français"}
_PANEL_OF_KIND = {"busy": "info", "info": "info", "warning": "warning", "error": "error"}
HEIGHT_SHARE = 3
"""The status panel is at most 1/HEIGHT_SHARE of its window's height."""


@dataclass(frozen=True)
class Action:
    """A button of a panel: `name` finds it again (tests, focus), `primary` makes it the default."""

    name: str
    text: str
    callback: Callable[[], object]
    primary: bool = False


class StatusPanel(QFrame):
    """A coloured panel with a title, an explanation, optional rows (each with buttons) and buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPanel")
        self.kind = ""
        self.topic = ""
        """What the panel shows now, as named by whoever showed it ("problems", "duplicates", ...)."""
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rows = QWidget()
        rows.setObjectName("statusRows")
        self.rows = QVBoxLayout(rows)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(4)
        self.rows_scroll = QScrollArea(self)
        self.rows_scroll.setObjectName("statusRowsScroll")
        self.rows_scroll.setWidgetResizable(True)
        self.rows_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.rows_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows_scroll.setWidget(rows)
        self.rows_scroll.hide()
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.rows_scroll, 1)
        layout.addLayout(self.buttons)
        self._buttons: dict[str, QPushButton] = {}
        self._row_labels: list[QLabel] = []
        self._row_buttons: list[QPushButton] = []
        self.hide()

    def show_state(
        self,
        kind: str,
        title: str,
        text: str = "",
        actions: list[Action] | tuple[Action, ...] = (),
        rows: list[tuple[str, list[Action]]] | None = None,
        *,
        topic: str = "",
    ) -> None:
        """Show the panel in `kind` ("busy", "info", "warning", "error") with its content."""
        self.kind = kind
        self.topic = topic
        background, colour = theme.panel_style(_PANEL_OF_KIND[kind])
        self.setStyleSheet(
            f"#statusPanel {{ background: {background}; border: 1px solid {colour}; border-radius: 6px; }}"
            f"#statusPanel QLabel {{ color: {colour}; }}"
            "#statusRowsScroll, #statusRows { background: transparent; }"
        )
        self.title.setText(title)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        self._clear()
        for row_text, row_actions in rows or []:
            line = QHBoxLayout()
            label = QLabel(row_text, self)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            line.addWidget(label, 1)
            self._row_labels.append(label)
            for action in row_actions:
                button = self._button(action)
                self._row_buttons.append(button)
                line.addWidget(button)
            self.rows.addLayout(line)
        self.rows_scroll.setVisible(bool(rows))
        self.rows_scroll.setMaximumHeight(self.rows.sizeHint().height())  # never taller than its rows
        self.rows_scroll.verticalScrollBar().setValue(0)
        for action in actions:
            self.buttons.addWidget(self._button(action))
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
        self.show()
        primary = next((a for a in actions if a.primary), None)
        if primary is not None:
            self._buttons[primary.name].setFocus()

    def button(self, name: str) -> QPushButton:
        return self._buttons[name]

    def row_texts(self) -> list[str]:
        """The text of each row, top to bottom."""
        return [label.text() for label in self._row_labels]

    def first_row_button(self) -> QPushButton | None:
        """The first button of the rows, if any row has one."""
        return self._row_buttons[0] if self._row_buttons else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def fit(self) -> None:
        """At most a third of the window's height (the owner calls this when it is resized); the rows
        scroll when they need more."""
        self.setMaximumHeight(max(self.window().height() // HEIGHT_SHARE, 1))

    def has_button(self, name: str) -> bool:
        return name in self._buttons

    def hide_state(self) -> None:
        self.kind = ""
        self.topic = ""
        self._clear()
        self.hide()

    def _button(self, action: Action) -> QPushButton:
        button = QPushButton(action.text, self)
        button.setObjectName(action.name)
        button.setAccessibleName(action.text.replace("&", ""))
        button.setAutoDefault(action.primary)
        button.clicked.connect(lambda _checked=False, cb=action.callback: cb())
        self._buttons[action.name] = button
        return button

    def _clear(self) -> None:
        self._buttons.clear()
        self._row_labels.clear()
        self._row_buttons.clear()
        while self.rows.count():
            _discard(self.rows.takeAt(0))
        while self.buttons.count() > 1:
            _discard(self.buttons.takeAt(1))


def _discard(item: QLayoutItem | None) -> None:
    """Delete a layout item taken out of its layout: its widget, or its layout and all inside it."""
    if item is None:
        return
    if (widget := item.widget()) is not None:
        widget.deleteLater()
    elif (layout := item.layout()) is not None:
        while layout.count():
            _discard(layout.takeAt(0))
        layout.deleteLater()


class SuccessView(QWidget):
    """The new member's number with a Copy button, what was sent (masked), and what to do next."""

    sig_open_member = Signal(str)
    """(collector number): the user wants to see the new member."""
    sig_enroll_another = Signal()
    """The user wants an empty form for the next enrollment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.collector_number = ""
        heading = QLabel("✔ " + self.tr("Member enrolled"), self)
        heading.setStyleSheet(theme.text_style("success"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        self.heading = heading
        self.number = QLabel(self)
        number_font = QFont("monospace")
        number_font.setStyleHint(QFont.StyleHint.Monospace)
        number_font.setPointSizeF(self.font().pointSizeF() * 2)
        number_font.setBold(True)
        self.number.setFont(number_font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setAccessibleName(self.tr("New collector number"))
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.copy_button.setAccessibleName(self.tr("Copy the collector number"))
        self.copy_button.clicked.connect(self._copy)
        self.copied = QLabel(self)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.sent = QFormLayout()
        self.sent.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(theme.text_style("warning"))
        self.open_button = QPushButton(self.tr("&Open member"), self)
        self.open_button.setAccessibleName(self.tr("Open member"))
        self.open_button.clicked.connect(lambda: self.sig_open_member.emit(self.collector_number))
        self.another_button = QPushButton(self.tr("Enroll &another"), self)
        self.another_button.setAccessibleName(self.tr("Enroll another"))
        self.another_button.setDefault(True)
        self.another_button.clicked.connect(self.sig_enroll_another.emit)

        number_row = QHBoxLayout()
        number_row.addWidget(self.number)
        number_row.addWidget(self.copy_button)
        number_row.addWidget(self.copied)
        number_row.addStretch(1)
        sent_title = QLabel(self.tr("What was sent (masked)"), self)
        bold = sent_title.font()
        bold.setBold(True)
        sent_title.setFont(bold)
        buttons = QHBoxLayout()
        buttons.addWidget(self.another_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(number_row)
        layout.addWidget(self.details)
        layout.addSpacing(12)
        layout.addWidget(sent_title)
        layout.addLayout(self.sent)
        layout.addWidget(self.note)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_result(self, result: EnrollmentResult, request: EnrollmentRequest, environment: str) -> None:
        self.collector_number = result.collector_number
        self.number.setText(result.collector_number)
        self.copied.clear()
        self.details.setText(
            self.tr("Status %1, enrolled %2, in %3.")
            .replace("%1", status_text(result.status))
            .replace("%2", result.enrollment_date.isoformat())
            .replace("%3", environment)
        )
        while self.sent.rowCount():
            self.sent.removeRow(0)
        for label, value in self._summary(request):
            shown = QLabel(value, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.sent.addRow(label, shown)
        self.note.hide()
        self.another_button.setFocus()

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()

    def _summary(self, request: EnrollmentRequest) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        person = request.personal_details
        if person is not None:
            rows.append((self.tr("Name"), f"{person.first_name} {person.last_name[:1]}."))
            rows.append((self.tr("Date of birth"), MASK))
        rows.append((self.tr("Email"), MASK))
        kinds = {"Mobile": self.tr("Mobile"), "Home": self.tr("Home"), "Business": self.tr("Business")}
        for phone in request.contact_details.phones:
            kind = kinds.get(phone.type or "", "")
            rows.append((self.tr("Phone"), f"{MASK} ({kind})"))
        address = request.address_details
        if address is not None:
            rows.append((self.tr("Address"), " ".join(x for x in (MASK, address.province) if x)))
        if request.preferences is not None and request.preferences.language:
            rows.append((self.tr("Language"), _LANGUAGES.get(request.preferences.language, "")))
        if request.enrollment_channel:
            channels = {
                "CALL_CENTRE": self.tr("Call centre"),
                "IN_STORE": self.tr("In store"),
                "EVENT": self.tr("Event"),
                "ONLINE": self.tr("Online"),
            }
            rows.append((self.tr("Channel"), channels[request.enrollment_channel]))
        purposes = {
            "EMAIL_MARKETING": self.tr("Email offers"),
            "PARTNER_OFFERS": self.tr("Partner offers"),
            "SMS_MARKETING": self.tr("Text messages"),
        }
        for consent in request.consents:
            answer = self.tr("yes") if consent.granted else self.tr("no")
            wording = self.tr("wording %1").replace("%1", consent.wording_version or "")
            rows.append((purposes[consent.type], f"{answer} ({wording})"))
        return rows

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.collector_number)
        self.copied.setText(self.tr("Copied."))
