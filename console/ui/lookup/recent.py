"""The members opened in this call-centre session, newest first, by masked number only.

Forgotten when the call ends for good (environment switch, sign-in or sign-out, someone else unlocking);
the idle lock keeps them for the same identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from console.ui.context import ConsoleContext

MAX_RECENT = 10


@dataclass(frozen=True)
class RecentMember:
    """Only the number: nothing on file is shown for a member whose caller is not verified."""

    collector_number: str


class RecentMembers(QObject):
    """One list per console context, found with `RecentMembers.of(context)` (a child of the context)."""

    sig_changed = Signal()
    """The list changed (a member was added, or the list was cleared)."""

    def __init__(self, context: ConsoleContext) -> None:
        super().__init__(context)
        self.setObjectName("lookupRecentMembers")
        self._members: list[RecentMember] = []
        context.sig_call_ended.connect(self.clear)

    @classmethod
    def of(cls, context: ConsoleContext) -> RecentMembers:
        """The context's list, made on first use so that every page shares it."""
        found = context.findChild(cls, "lookupRecentMembers")
        return found if found is not None else cls(context)

    @property
    def members(self) -> list[RecentMember]:
        return list(self._members)

    def add(self, member: RecentMember) -> None:
        self._members = [member] + [m for m in self._members if m.collector_number != member.collector_number]
        del self._members[MAX_RECENT:]
        self.sig_changed.emit()

    def clear(self, *_args: object) -> None:
        if self._members:
            self._members = []
            self.sig_changed.emit()
