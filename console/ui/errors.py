"""Errors from the API layer in words a person can act on, in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from console.api import errors


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def wait_text(seconds: float | None) -> str:
    """ "Try again in N seconds." for a Retry-After, or "in a moment" without one."""
    if not seconds:
        return _tr("Try again in a moment.")
    count = max(1, round(seconds))
    if count == 1:
        return _tr("Try again in 1 second.")
    return _tr("Try again in %1 seconds.").replace("%1", str(count))


# Most specific first: the first class that matches gives the sentence.
_SENTENCES: tuple[tuple[type[Exception], object], ...] = (
    (errors.CollectorNotFound, QT_TRANSLATE_NOOP("Errors", "No member has this collector number.")),
    (
        errors.CollectorNumberNotAllowed,
        QT_TRANSLATE_NOOP("Errors", "A member sign-in can only read the signed-in member."),
    ),
    (
        errors.InsufficientScope,
        QT_TRANSLATE_NOOP("Errors", "These credentials lack the permission for this."),
    ),
    (errors.PermissionDenied, QT_TRANSLATE_NOOP("Errors", "These credentials are not allowed to do this.")),
    (
        errors.DuplicateCollector,
        QT_TRANSLATE_NOOP("Errors", "An active member already uses this email address."),
    ),
    (
        errors.IdempotencyInProgress,
        QT_TRANSLATE_NOOP("Errors", "This enrollment is still being processed. Try again in a moment."),
    ),
    (
        errors.IdempotencyKeyReused,
        QT_TRANSLATE_NOOP("Errors", "This enrollment was already sent with different details."),
    ),
    (errors.UnknownEnvironment, QT_TRANSLATE_NOOP("Errors", "No environment of that name is set up.")),
    (
        errors.SandboxUnavailable,
        QT_TRANSLATE_NOOP("Errors", "The embedded sandbox could not start. The log has the details."),
    ),
    (
        errors.PartnerSecretMissing,
        QT_TRANSLATE_NOOP(
            "Errors", "No partner secret for this environment: remember one in the console or set "
            "COLLECTOR_CLIENT_SECRET."
        ),
    ),
    (errors.InvalidCollectorNumber, QT_TRANSLATE_NOOP("Errors", "This is not a valid collector number.")),
    (errors.MissingCollectorNumber, QT_TRANSLATE_NOOP("Errors", "This is not a valid collector number.")),
    (errors.ValidationFailed, QT_TRANSLATE_NOOP("Errors", "The service refused some of the details.")),
    (
        errors.CapabilityMissing,
        QT_TRANSLATE_NOOP("Errors", "This environment looks up members by collector number only."),
    ),
    (
        errors.OutcomeUnknown,
        QT_TRANSLATE_NOOP(
            "Errors", "We don't know yet whether this was saved. Check again before sending anew."
        ),
    ),
    (errors.WrongCredentials, QT_TRANSLATE_NOOP("Errors", "Wrong client id or secret.")),
    (errors.SignInCancelled, QT_TRANSLATE_NOOP("Errors", "Sign-in cancelled.")),
    (
        errors.LoginBlocked,
        QT_TRANSLATE_NOOP(
            "Errors",
            "This member's sign-in is blocked after too many failed attempts in a row. "
            "It stays blocked until the block is lifted.",
        ),
    ),
    (
        errors.SignInTimedOut,
        QT_TRANSLATE_NOOP("Errors", "The browser did not come back in time. Try again."),
    ),
    (
        errors.BrowserUnavailable,
        QT_TRANSLATE_NOOP("Errors", "No web browser could be opened for the sign-in."),
    ),
    (
        errors.StateMismatch,
        QT_TRANSLATE_NOOP("Errors", "The browser's answer did not belong to this sign-in and was refused."),
    ),
    (
        errors.SignInNotOffered,
        QT_TRANSLATE_NOOP("Errors", "This environment does not offer that way of signing in."),
    ),
    (errors.SessionExpired, QT_TRANSLATE_NOOP("Errors", "The sign-in is no longer valid. Sign in again.")),
    (
        errors.AuthenticationFailed,
        QT_TRANSLATE_NOOP("Errors", "The sign-in is no longer valid. Sign in again."),
    ),
    (errors.RequestTimedOut, QT_TRANSLATE_NOOP("Errors", "The service did not answer in time. Try again.")),
    (
        errors.TransportError,
        QT_TRANSLATE_NOOP("Errors", "The service cannot be reached. Check the connection and try again."),
    ),
    (
        errors.InvalidResponse,
        QT_TRANSLATE_NOOP("Errors", "The service sent an answer the console cannot read."),
    ),
)


def error_text(error: Exception) -> str:
    """One sentence of the interface's catalogue for `error`, in the interface language.

    The only way an error reaches the screen: never `str(error)` nor its `message` (the API layer's
    English). Field-level messages of a refused enrollment are shown beside their fields instead.
    """
    if isinstance(error, errors.RateLimited):
        return _tr("Too many requests.") + " " + wait_text(error.retry_after)
    if isinstance(error, errors.ServiceUnavailable):
        return _tr("The service is unavailable right now.") + " " + wait_text(error.retry_after)
    for kind, sentence in _SENTENCES:
        if isinstance(error, kind):
            return _tr(str(sentence))
    if isinstance(error, errors.ServerError):
        return _tr("The service had an internal error. Try again.")
    if isinstance(error, errors.OAuthError):
        return _tr("The sign-in service refused the sign-in (%1).").replace("%1", error.error)
    if isinstance(error, errors.TokenServiceError):
        return _tr("The sign-in service gave an unexpected answer (%1).").replace("%1", str(error.status))
    if isinstance(error, errors.SignInError):
        return _tr("Sign-in failed.")
    if isinstance(error, errors.ApiError):
        detail = error.response_code or str(error.status)
        return _tr("The service refused the request (%1).").replace("%1", detail)
    return _tr("Something went wrong. The log has the details.")
