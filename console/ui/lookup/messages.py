"""Errors of the lookup pages in words an agent can act on."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication

from console.api import errors
from console.ui.errors import error_text


class Action(Enum):
    """What the page was doing; the scope message depends on it."""

    SEARCH = "search"
    PROFILE = "profile"
    SUMMARY = "summary"


def _tr(text: str) -> str:
    return QCoreApplication.translate("LookupMessages", text)


def describe_error(error: Exception, action: Action) -> str:
    """One sentence for a failed search, profile or summary call."""
    if isinstance(error, errors.InsufficientScope):
        return {
            Action.SEARCH: _tr("These credentials cannot search for members."),
            Action.PROFILE: _tr("These credentials cannot read profiles."),
            Action.SUMMARY: _tr("These credentials cannot read summaries."),
        }[action]
    return error_text(error)
