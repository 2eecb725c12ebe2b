"""Sign-in and token errors beyond the base ones in ``errors.py``; every one is a SignInError.

The base branch (SignInError, WrongCredentials, SignInCancelled, SignInTimedOut, SignInRefused,
SessionExpired) lives in ``console.api.errors`` and is re-exported here so sign-in code has one
import.
"""

from __future__ import annotations

from console.api.errors import (
    SessionExpired,
    SignInCancelled,
    SignInError,
    SignInRefused,
    SignInTimedOut,
    WrongCredentials,
)

__all__ = [
    "BrowserUnavailable",
    "NotSignedIn",
    "OAuthError",
    "SessionExpired",
    "SignInCancelled",
    "SignInError",
    "SignInNotOffered",
    "SignInRefused",
    "SignInTimedOut",
    "StateMismatch",
    "TokenServiceError",
    "WrongCredentials",
]


class NotSignedIn(SessionExpired):
    """A token was needed but nobody is signed in to this environment (or the session was closed).

    A kind of SessionExpired, so the UI's "sign in again" handling covers it.
    """

    default_message = "Not signed in. Sign in to continue."


class SignInNotOffered(SignInError):
    """The environment does not offer this sign-in method or connection."""

    default_message = "This environment does not offer that way of signing in."


class BrowserUnavailable(SignInError):
    """No browser could be opened (``webbrowser.open`` returned False); ``url`` can be opened by hand."""

    default_message = "No web browser could be opened for the sign-in."

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


class OAuthError(SignInRefused):
    """The authorization server answered with an OAuth ``error`` (and maybe ``error_description``)."""

    def __init__(self, error: str, description: str | None = None) -> None:
        detail = f": {description}" if description else "."
        super().__init__(f"The sign-in service refused the sign-in ({error}){detail}")
        self.error = error
        self.description = description


class StateMismatch(SignInRefused):
    """The browser came back with a ``state`` this sign-in did not send: refused as a possible forgery."""

    default_message = "The answer from the browser did not belong to this sign-in and was refused."


class TokenServiceError(SignInError):
    """The authorization server answered with neither a token nor an OAuth error."""

    def __init__(self, status: int) -> None:
        super().__init__(f"The sign-in service answered with an unexpected status ({status}).")
        self.status = status
