"""Tools → Check this environment: the contract check (`console.services.check`) with a live list.

Each check appears when the run is planned and its row fills in as it ends: result, time, correlation
id. The selected check's failure and drifts (operation, JSON path, what the contract expected) show
below. The check needs a partner sign-in; with a member signed in the dialog says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.ui import theme
from console.ui.tasks import PageTasks

if TYPE_CHECKING:
    from console.services.check import CheckReport, CheckResult, ContractCheck
    from console.ui.context import ConsoleContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckDialog", text)


def check_title(name: str) -> str:
    """A check's name in words."""
    titles = {
        "health": _tr("Service health"),
        "token": _tr("Partner token and its claims"),
        "profile": _tr("Profile of the test collector"),
        "summary": _tr("Summary of the test collector"),
        "search": _tr("Search"),
        "no-token": _tr("No token: 401 with the error envelope"),
        "malformed-body": _tr("Malformed body: 400 naming the field"),
        "unknown-collector": _tr("Unknown collector: 404"),
        "enroll": _tr("Enrollment of a generated test person"),
        "replay": _tr("Same request and key: replayed"),
    }
    return titles.get(name, name)


def outcome_text(outcome: str) -> str:
    return {
        "running": _tr("Running…"), "passed": _tr("Passed"), "failed": _tr("Failed"),
        "skipped": _tr("Skipped"), "error": _tr("Not reached"),
    }.get(outcome, outcome)


_OUTCOME_COLOURS = {"passed": "success", "failed": "error", "error": "error", "skipped": "muted"}


class CheckDialog(QDialog):
    """Runs the contract check on the current environment and lists the checks as they run."""

    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkDialog")
        self.context = context
        self.tasks = PageTasks(self)
        self.report: CheckReport | None = None
        self._items: dict[str, QTreeWidgetItem] = {}
        self._results: dict[str, CheckResult] = {}
        self.setWindowTitle(self.tr("Check this environment"))
        self.resize(760, 520)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.write_box = QCheckBox(self.tr("Also &enroll one generated test person and replay it"))
        self.write_box.setAccessibleName(self.tr("Include an enrollment"))
        self.checks = QTreeWidget()
        self.checks.setAccessibleName(self.tr("Checks"))
        self.checks.setRootIsDecorated(False)
        self.checks.setHeaderLabels([self.tr("Check"), self.tr("Result"), self.tr("Time (ms)"),
                                     self.tr("Correlation id")])
        self.checks.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checks.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.checks.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.checks.currentItemChanged.connect(self._show_detail)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.detail.setAccessibleName(self.tr("Failures and drifts of the selected check"))
        self.detail.setPlaceholderText(self.tr("Select a check to see what differed from the contract."))
        self.detail.setMaximumHeight(140)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Check summary"))
        buttons = QDialogButtonBox()
        self.run_button = QPushButton(self.tr("&Run the checks"))
        self.run_button.setAccessibleName(self.tr("Run the checks"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start)
        buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (self.intro, self.write_box, self.checks, self.detail, self.summary, buttons):
            layout.addWidget(widget)
        self._refresh_intro()

    def _refresh_intro(self) -> None:
        session = self.context.session
        env = session.env if session is not None else None
        identity = session.identity if session is not None else None
        partner = identity is not None and identity.method == "partner"
        if env is None:
            text = self.tr("Open an environment first.")
        elif not partner:
            text = self.tr("Sign in as a partner to check %1 against the contract.").replace("%1", env.label)
        else:
            text = self.tr("Checks %1 against the contract: every answer is held to its status, headers and "
                           "schema.").replace("%1", env.label)
        self.intro.setText(text)
        production = env is not None and env.is_production
        self.write_box.setEnabled(not production)
        self.write_box.setToolTip(self.tr("Never in Production") if production else "")
        if production:
            self.write_box.setChecked(False)
        self.run_button.setEnabled(partner and not self.tasks.running())

    def start(self) -> None:
        """Run the checks (again); the list fills in as they end."""
        session = self.context.session
        if session is None or session.identity is None or session.identity.method != "partner":
            self._refresh_intro()
            return
        from console.services.check import ContractCheck

        check = ContractCheck(session, write=self.write_box.isChecked(), listener=self._on_result)
        self.checks.clear()
        self._items.clear()
        self._results.clear()
        self.detail.clear()
        for name in check.planned:
            item = QTreeWidgetItem([check_title(name), "", "", ""])
            item.setData(0, Qt.ItemDataRole.UserRole, name)
            self.checks.addTopLevelItem(item)
            self._items[name] = item
        self.checks.setCurrentItem(self._items[check.planned[0]])
        self.checks.setFocus()
        self.summary.setText(self.tr("Running…"))
        self.run_button.setEnabled(False)
        self.tasks.start("check", self._run(check))

    async def _run(self, check: ContractCheck) -> None:
        try:
            self.report = await check.run()
        finally:
            self.run_button.setEnabled(True)
        self._show_summary()

    def _on_result(self, result: CheckResult) -> None:
        item = self._items.get(result.name)
        if item is None:
            return
        self._results[result.name] = result
        item.setText(1, outcome_text(result.outcome.value))
        role = _OUTCOME_COLOURS.get(result.outcome.value)
        if role is not None:
            item.setForeground(1, QBrush(theme.qcolor(role)))
        if result.outcome.value != "running":
            item.setText(2, f"{result.duration_ms:.0f}")
        item.setText(3, result.correlation_id or "")
        if item is self.checks.currentItem():
            self._show_detail(item)

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        result = self._results.get(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None
        if result is None or result.outcome.value in ("running", "passed"):
            self.detail.setPlainText("" if result is None else outcome_text(result.outcome.value))
            return
        lines = result.problems if result.outcome.value != "skipped" else [result.detail]
        self.detail.setPlainText("\n".join(lines))

    def _show_summary(self) -> None:
        results = list(self._results.values())

        def count(outcome: str) -> int:
            return sum(result.outcome.value == outcome for result in results)

        self.summary.setText(self.tr("%1 passed, %2 failed, %3 skipped, %4 not reached")
                             .replace("%1", str(count("passed"))).replace("%2", str(count("failed")))
                             .replace("%3", str(count("skipped"))).replace("%4", str(count("error"))))
        first_problem = next((name for name, result in self._results.items()
                              if result.outcome.value in ("failed", "error")), None)
        if first_problem is not None:
            self.checks.setCurrentItem(self._items[first_problem])
        self.checks.setFocus()
