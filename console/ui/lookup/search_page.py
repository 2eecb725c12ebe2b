"""The search page: one box for a collector number, email, phone or name; results page by page."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.errors import CollectorError
from console.api.redaction import mask_collector_number
from console.services.enrollment_fields import format_phone
from console.ui.lookup.messages import Action, describe_error
from console.ui.lookup.query import Problem, Query, QueryKind, parse_query
from console.ui.lookup.recent import RecentMembers
from console.ui.lookup.results_model import NUMBER_ROLE, ResultsModel
from console.ui.lookup.search_widgets import ResultsView, SearchBox
from console.ui.tasks import PageTasks, alive
from console.ui.waiting import WaitingLine
from console.ui.widgets import with_clear_button

PAGE_SIZE = 50
SEARCH_CAPABILITY = "search"
EXAMPLES = ("8000 000 0007", "jane.doe@example.com", "416 555 0101", "Tremblay, Élise", "Doe M5X 1A9")
"""Shown under the search box; each finds a member of the sandbox's seed (a test holds them to it)."""


class SearchPage(QWidget):
    """Find a member; a collector number opens the member at once, other keys search."""

    sig_open_member = Signal(str)
    """(collector_number): open this member in the member view."""
    sig_results_shown = Signal()
    """A page of results (or a message instead of results) is on screen."""
    sig_enroll_requested = Signal(dict)
    """(values by enrollment field path): nobody matched; enroll this person with what was typed."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPage")
        self._context = context
        self._tasks = PageTasks(self)
        self._query: Query | None = None
        self._cursor: str | None = None
        self._recent = RecentMembers.of(context)

        self.search_box = SearchBox()
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName(self.tr("Search members"))
        self.search_box.setPlaceholderText(
            self.tr("Collector number, email, phone, or Last name[, First name] [postal code]"))
        with_clear_button(self.search_box)
        self.search_box.returnPressed.connect(self.run_search)
        self.search_box.textChanged.connect(self._update_hint)
        self.search_box.sig_down.connect(self._focus_results)
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setAccessibleName(self.tr("Search"))
        self.search_button.clicked.connect(self.run_search)
        self.hint = QLabel()
        self.hint.setObjectName("searchHint")
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("searchMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-weight: bold;")
        self.enroll_button = QPushButton(self.tr("Enroll this &person"))
        self.enroll_button.setObjectName("enrollThisPerson")
        self.enroll_button.setAccessibleName(self.tr("Enroll this person"))
        self.enroll_button.setToolTip(self.tr("Open the enrollment form with what you searched for"))
        self.enroll_button.clicked.connect(self._enroll_this_person)
        self.enroll_button.hide()
        self.waiting = WaitingLine()
        self.waiting.sig_cancel.connect(self.cancel_operation)

        self.model = ResultsModel(self)
        self.table = ResultsView()
        self.table.setObjectName("searchResults")
        self.table.setAccessibleName(self.tr("Search results"))
        self.table.setModel(self.model)
        self.table.sig_open_row.connect(self._open_row)
        self.count_label = QLabel()
        self.privacy_note = QLabel(self.tr("Names and addresses show once you open a member and the caller "
                                           "is verified."))
        self.privacy_note.setObjectName("resultsPrivacyNote")
        self.privacy_note.setWordWrap(True)
        self.privacy_note.hide()
        self.table.setAccessibleDescription(self.privacy_note.text())
        self.load_more_button = QPushButton(self.tr("Load more"))
        self.load_more_button.setAccessibleName(self.tr("Load more results"))
        self.load_more_button.clicked.connect(self.load_more)
        self.load_more_button.hide()

        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentMembers")
        self.recent_list.setAccessibleName(self.tr("Recent members"))
        self.recent_list.itemActivated.connect(self._open_recent)
        self._recent.sig_changed.connect(self._show_recent)

        box_row = QHBoxLayout()
        box_row.addWidget(self.search_box, 1)
        box_row.addWidget(self.search_button)
        more_row = QHBoxLayout()
        more_row.addWidget(self.count_label, 1)
        more_row.addWidget(self.load_more_button)
        results = QVBoxLayout()
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.enroll_button, 0, Qt.AlignmentFlag.AlignTop)
        results.addLayout(message_row)
        results.addWidget(self.table, 1)
        results.addWidget(self.privacy_note)
        results.addLayout(more_row)
        recent_box = QGroupBox(self.tr("Recent members"))
        QVBoxLayout(recent_box).addWidget(self.recent_list)
        recent_box.setMaximumWidth(260)
        body = QHBoxLayout()
        body.addLayout(results, 1)
        body.addWidget(recent_box)
        layout = QVBoxLayout(self)
        layout.addLayout(box_row)
        layout.addWidget(self.hint)
        layout.addWidget(self.waiting)
        layout.addLayout(body, 1)

        QWidget.setTabOrder(self.search_box, self.search_button)
        QWidget.setTabOrder(self.search_button, self.waiting.cancel_button)
        QWidget.setTabOrder(self.waiting.cancel_button, self.enroll_button)
        QWidget.setTabOrder(self.enroll_button, self.table)
        QWidget.setTabOrder(self.table, self.load_more_button)
        QWidget.setTabOrder(self.load_more_button, self.recent_list)

        context.sig_session_changed.connect(self._on_session_changed)
        context.sig_locked.connect(self.clear)
        self._update_hint("")

    # -- public -----------------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def panes(self) -> list[QWidget]:
        """What F6 cycles through: the search box, the results, the recent members."""
        return [self.search_box, self.table, self.recent_list]

    def cancel_operation(self) -> bool:
        """Esc: stop a running search (True), the query stays in the box."""
        if not self.is_searching:
            return False
        self._cancel()
        self._show_message(self.tr("Search cancelled."), emit=False)
        self.focus_search()
        return True

    @property
    def can_search(self) -> bool:
        env = self._context.environment
        return env is not None and SEARCH_CAPABILITY in env.capabilities

    @property
    def is_searching(self) -> bool:
        return self._tasks.running()

    def clear(self, *_args: object) -> None:
        """Forget the query and results (environment switch, sign-out, lock)."""
        self._cancel()
        self.search_box.clear()
        self.model.clear()
        self._cursor = None
        self._query = None
        self.message.clear()
        self.enroll_button.hide()
        self.count_label.clear()
        self.privacy_note.hide()
        self.load_more_button.hide()

    def run_search(self) -> None:
        """Act on the search box: open a collector number, or start a search."""
        query = parse_query(self.search_box.text())
        if query.kind is QueryKind.EMPTY:
            return
        if not query.runnable:
            self._show_message(self._problem_text(query.problems[0]))
            return
        if query.kind is QueryKind.NUMBER:
            self._show_message(
                self.tr("The check digit does not match; looked it up anyway.")
                if Problem.CHECK_DIGIT in query.problems else "")
            self.sig_open_member.emit(query.collector_number)
            return
        if self._context.session is None:
            self._show_message(self.tr("Sign in first."))
            return
        if not self.can_search:
            self._show_message(self.tr("This environment looks up members by collector number only."))
            return
        self._cancel()
        self._query = query
        self._cursor = None
        self.model.clear()
        self.load_more_button.hide()
        self.count_label.clear()
        self.privacy_note.hide()
        self._show_message("", emit=False)
        self.waiting.start(self.tr("Searching…"))
        self._tasks.start("search", self._fetch(query, None))

    def load_more(self) -> None:
        """Fetch the next page of the current search."""
        if self._query is None or self._cursor is None or self.is_searching:
            return
        self.load_more_button.setEnabled(False)
        self.waiting.start(self.tr("Searching…"))
        self._tasks.start("search", self._fetch(self._query, self._cursor))

    def _on_session_changed(self, session: Any) -> None:
        """Forget everything; a member sign-in opens the signed-in member at once."""
        self.clear()
        identity = session.identity if session is not None else None
        if identity is not None and identity.method == "member" and identity.collector_number:
            number = identity.collector_number
            # After every page has handled the change (the member view clears itself on it too).
            QTimer.singleShot(0, lambda: self.sig_open_member.emit(number))

    # -- searching --------------------------------------------------------------------------------
    async def _fetch(self, query: Query, cursor: str | None) -> None:
        task = asyncio.current_task()
        session = self._context.session
        try:
            with self._context.busy():
                page = await session.client.search(
                    limit=PAGE_SIZE, cursor=cursor, on_wait=self.waiting.show_wait, **query.search_args())
        except CollectorError as error:
            if alive(self) and self._tasks.is_current(task):
                self.waiting.stop()
                self.load_more_button.setEnabled(True)
                self._show_message(describe_error(error, Action.SEARCH))
            return
        if not alive(self) or not self._tasks.is_current(task):
            return
        self.waiting.stop()
        self.load_more_button.setEnabled(True)
        first_page = cursor is None
        self.model.append(page.items)
        if self.model.sorted_by is None:  # a later page sits below the sorted rows: the header says so
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._cursor = page.next_cursor
        self.load_more_button.setVisible(self._cursor is not None)
        count = self.model.rowCount()
        if count == 0:
            self._show_message(self._no_match_text(query), emit=False)
            self.enroll_button.show()
            self.sig_results_shown.emit()
        else:
            self._show_message("", emit=False)
            self.count_label.setText(self._count_text(count))
            self.privacy_note.show()
            if first_page:
                self.table.selectRow(0)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.sig_results_shown.emit()

    def _cancel(self) -> None:
        self._tasks.cancel_all()
        self.waiting.stop()
        self.load_more_button.setEnabled(True)

    # -- helpers ----------------------------------------------------------------------------------
    def _open_row(self, row: int) -> None:
        number = self.model.data(self.model.index(row, 0), NUMBER_ROLE)
        if number:
            self.sig_open_member.emit(number)

    def _open_recent(self, item: QListWidgetItem) -> None:
        self.sig_open_member.emit(item.data(Qt.ItemDataRole.UserRole))

    def _focus_results(self) -> None:
        if self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0, QModelIndex()))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_recent(self) -> None:
        self.recent_list.clear()
        for member in self._recent.members:
            item = QListWidgetItem(mask_collector_number(member.collector_number))
            item.setData(Qt.ItemDataRole.UserRole, member.collector_number)
            self.recent_list.addItem(item)

    def _count_text(self, count: int) -> str:
        """ "1 member found." / "50 members shown; …": English by its two sources, French by the catalogue's
        plural forms (which also make 0 singular)."""
        if self._cursor:
            return (self.tr("%n member shown; more are available.", "", count) if count == 1 else
                    self.tr("%n members shown; more are available.", "", count))
        return (self.tr("%n member found.", "", count) if count == 1 else
                self.tr("%n members found.", "", count))

    def _no_match_text(self, query: Query) -> str:
        """What was searched, in words: "No member has last name “Roy” and first name “Élise”." """
        parts = []
        if query.email:
            parts.append(self.tr("email “%1”").replace("%1", query.email))
        if query.phone:
            parts.append(self.tr("phone %1").replace("%1", format_phone(query.phone)))
        if query.last_name:
            parts.append(self.tr("last name “%1”").replace("%1", query.last_name))
        if query.first_name:
            parts.append(self.tr("first name “%1”").replace("%1", query.first_name))
        if query.postal_code:
            parts.append(self.tr("postal code %1").replace("%1", query.postal_code))
        searched = self.tr(" and ").join(parts)
        text = self.tr("No member has %1.").replace("%1", searched)
        if query.last_name:
            text += " " + self.tr("Names match ignoring case and accents.")
        return text

    def _enroll_this_person(self) -> None:
        """Hand what was searched to the enrollment form (email, phone, names, postal code)."""
        query = self._query
        if query is None:
            return
        values = {
            "personalDetails.lastName": query.last_name,
            "personalDetails.firstName": query.first_name,
            "addressDetails.postalCode": query.postal_code,
            "contactDetails.email": query.email,
            "contactDetails.phones[0]": format_phone(query.phone) if query.phone else None,
        }
        self.sig_enroll_requested.emit({path: value for path, value in values.items() if value})

    def _show_message(self, text: str, *, emit: bool = True) -> None:
        self.enroll_button.hide()
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text and emit:
            self.sig_results_shown.emit()

    def _problem_text(self, problem: Problem) -> str:
        return {
            Problem.BAD_NUMBER: self.tr(
                "Not a collector number (11 digits starting with 8) or a phone number (10 digits)."),
            Problem.BAD_EMAIL: self.tr("This email address is not valid."),
            Problem.BAD_NAME: self.tr(
                "Type a last name, or Last name, First name, optionally with a postal code."),
            Problem.BAD_FIRST_NAME: self.tr("The first name after the comma is not valid."),
            Problem.CHECK_DIGIT: self.tr("The check digit does not match."),
        }[problem]

    def _update_hint(self, text: str) -> None:
        query = parse_query(text)
        if query.kind is QueryKind.EMPTY:
            hint = self.tr("Examples: %1").replace("%1", " · ".join(EXAMPLES))
        elif query.kind is QueryKind.INVALID:
            hint = self._problem_text(query.problems[0])
        elif query.kind is QueryKind.NUMBER:
            hint = (self.tr("Collector number: the check digit does not match. Enter looks it up anyway.")
                    if Problem.CHECK_DIGIT in query.problems else
                    self.tr("Collector number: Enter opens the member."))
        elif not self.can_search and self._context.session is not None:
            hint = self.tr("This environment looks up members by collector number only.")
        else:
            hint = {
                QueryKind.EMAIL: self.tr("Searches by email."),
                QueryKind.PHONE: self.tr("Searches by phone number."),
                QueryKind.NAME: self._name_hint(query),
            }[query.kind]
        self.hint.setText(hint)

    def _name_hint(self, query: Query) -> str:
        if query.first_name and query.postal_code:
            return self.tr("Searches by last name, first name and postal code.")
        if query.first_name:
            return self.tr("Searches by last name and first name.")
        if query.postal_code:
            return self.tr("Searches by last name and postal code.")
        return self.tr("Searches by last name.")
