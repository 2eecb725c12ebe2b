"""Possible duplicates on the status panel: one masked line per member, why it matched, what to do."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from console.api.client import SEARCH
from console.api.errors import CollectorError, DuplicateCollector
from console.api.models import SearchItem
from console.api.redaction import MASK, mask_collector_number
from console.services.enrollment import DUPLICATE_LIMIT, Duplicate, Match
from console.ui.enroll.panels import Action, StatusPanel
from console.ui.errors import error_text
from console.ui.lookup.results_model import status_text
from console.ui.tasks import ui_slot

if TYPE_CHECKING:
    from console.api.session import EnvironmentSession


def _tr(text: str) -> str:
    return QCoreApplication.translate("EnrollPage", text)


def reasons(found: Duplicate) -> str:
    """ "same email •••, same last name and postal code"."""
    words = {
        Match.EMAIL: _tr("same email %1"),
        Match.PHONE: _tr("same phone %1"),
        Match.NAME_AND_POSTAL_CODE: _tr("same last name and postal code"),
        Match.NAME_AND_BIRTH_DATE: _tr("same last name and date of birth"),
    }
    return ", ".join(words[c.match].replace("%1", c.masked) for c in found.matches)


def describe(item: SearchItem, why: str) -> str:
    """Masked number, first name and initial, place, status, and why it matched."""
    name = " ".join(x for x in (item.first_name, (item.last_name or "")[:1] + ".") if x and x != ".")
    place = ", ".join(x for x in (item.city, item.province) if x)
    parts = [mask_collector_number(item.collector_number), name, place, status_text(item.status)]
    return " · ".join(p for p in parts if p) + f"  ({why})"


def with_ref(text: str, exc: CollectorError) -> str:
    """`text`, and the call's correlation id on its own line when there is one."""
    ref = getattr(exc, "correlation_id", None)
    return text + ("\n" + _tr("Reference: %1").replace("%1", ref) if ref else "")


class DuplicateViews:
    """The status panel's duplicate states: members found, check failed, already a member."""

    def __init__(
        self,
        status: StatusPanel,
        open_member: Callable[[str], None],
        enroll_anyway: Callable[[], None],
        search_failed: Callable[[CollectorError], None],
        *,
        back: Callable[[], None],
    ) -> None:
        self._status = status
        self._back = back
        self._open_member = open_member
        self._enroll_anyway = enroll_anyway
        self._search_failed = search_failed

    def show_found(self, duplicates: Sequence[Duplicate]) -> None:
        rows = [(describe(found.member, reasons(found)), self._open(found.member)) for found in duplicates]
        self._status.show_state(
            "warning",
            _tr("This person may already be a member"),
            _tr("Ask the customer whether one of these is them. Open the member instead of enrolling twice."),
            [
                Action("back", _tr("Back to the form"), self._back),
                Action("enroll_anyway", _tr("Enroll &anyway"), self._enroll_anyway),
            ],
            rows,
            topic="duplicates",
        )
        first = self._status.first_row_button()  # the first member found: Tab goes down the list
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_check_failed(self, error: CollectorError) -> None:
        self._status.show_state(
            "warning",
            _tr("Could not check for existing members"),
            with_ref(error_text(error), error),
            [Action("enroll_anyway", _tr("Enroll &anyway"), self._enroll_anyway, primary=True)],
        )

    def show_already_member(self, session: EnvironmentSession, exc: DuplicateCollector, email: str) -> None:
        text = _tr("An active member already uses %1. Nothing new was created.").replace("%1", MASK)
        actions = []
        if SEARCH in session.env.capabilities:
            find = Action(
                "find_existing", _tr("&Find that member"), lambda: self._find(session, email), primary=True
            )
            actions.append(find)
        else:
            text += " " + _tr("Look the member up by email on the Search page.")
        self._status.show_state("error", _tr("Already a member"), with_ref(text, exc), actions)

    @ui_slot
    async def _find(self, session: EnvironmentSession, email: str) -> None:
        try:
            page = await session.client.search(email=email, limit=DUPLICATE_LIMIT)
        except CollectorError as exc:
            self._search_failed(exc)
            return
        rows = [(describe(item, _tr("same email")), self._open(item)) for item in page.items]
        self._status.show_state(
            "error",
            _tr("Already a member"),
            _tr("This is the member who uses that email:")
            if rows
            else _tr("No active member was found with that email."),
            rows=rows,
        )

    def _open(self, item: SearchItem) -> list[Action]:
        number = item.collector_number
        return [Action(f"open_{number}", _tr("Open"), lambda: self._open_member(number))]
