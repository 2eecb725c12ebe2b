"""Errors of the lookup pages in words an agent can act on."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication

from console.api import errors


class Action(Enum):
    """What the page was doing; the scope message depends on it."""

    SEARCH = "search"
    PROFILE = "profile"
    SUMMARY = "summary"


def _tr(text: str) -> str:
    return QCoreApplication.translate("LookupMessages", text)


def _wait(seconds: float | None) -> str:
    if not seconds:
        return _tr("Try again in a moment.")
    count = max(1, round(seconds))
    if count == 1:
        return _tr("Try again in 1 second.")
    return _tr("Try again in %1 seconds.").replace("%1", str(count))


def describe_error(error: Exception, action: Action) -> str:
    """One sentence for a failed search, profile or summary call."""
    if isinstance(error, errors.CollectorNotFound):
        return _tr("No member has this collector number.")
    if isinstance(error, errors.InsufficientScope):
        return {
            Action.SEARCH: _tr("These credentials cannot search for members."),
            Action.PROFILE: _tr("These credentials cannot read profiles."),
            Action.SUMMARY: _tr("These credentials cannot read summaries."),
        }[action]
    if isinstance(error, errors.CollectorNumberNotAllowed):
        return _tr("A member sign-in can only read the signed-in member.")
    if isinstance(error, errors.PermissionDenied):
        return _tr("These credentials are not allowed to do this.")
    if isinstance(error, errors.RateLimited):
        return _tr("Too many requests.") + " " + _wait(error.retry_after)
    if isinstance(error, errors.ServiceUnavailable):
        return _tr("The service is unavailable right now.") + " " + _wait(error.retry_after)
    if isinstance(error, errors.AuthenticationFailed | errors.SessionExpired):
        return _tr("The sign-in is no longer valid. Sign in again.")
    if isinstance(error, errors.InvalidCollectorNumber | errors.MissingCollectorNumber):
        return _tr("This is not a valid collector number.")
    if isinstance(error, errors.CapabilityMissing):
        return _tr("This environment looks up members by collector number only.")
    if isinstance(error, errors.RequestTimedOut):
        return _tr("The service did not answer in time. Try again.")
    if isinstance(error, errors.TransportError):
        return _tr("The service cannot be reached. Check the connection and try again.")
    if isinstance(error, errors.ServerError):
        return _tr("The service had an internal error. Try again.")
    message = getattr(error, "message", None) or str(error)
    return message or _tr("Something went wrong.")
