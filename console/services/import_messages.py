"""The import's sentences, as codes with English templates (catalogue context "ImportMessages").

Qt-free. Headless commands print the English; the window passes `QCoreApplication.translate` and gets
the interface language. `%1`, `%2`… are the arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

CONTEXT = "ImportMessages"

Translate = Callable[[str, str], str]
"""(catalogue context, English source) -> the text in the reader's language."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name the catalogue tool looks for
    """Mark `text` for the translation catalogue (extracted from this file); returns it unchanged."""
    return text


def english(_context: str, text: str) -> str:
    return text


MESSAGES: dict[str, str] = {
    # Rows
    "CONSENT_ANSWER": QT_TRANSLATE_NOOP("ImportMessages", "Use yes or no, or leave it empty."),
    "SAME_AS_ROW": QT_TRANSLATE_NOOP("ImportMessages", "Same details as row %1: sent once only."),
    "ALREADY_ENROLLED": QT_TRANSLATE_NOOP(
        "ImportMessages", "An active member already uses this email address."
    ),
    "POSSIBLE_DUPLICATE": QT_TRANSLATE_NOOP(
        "ImportMessages", "May already be a member (%1): not sent. Check before enrolling this person."
    ),
    "REFUSED": QT_TRANSLATE_NOOP("ImportMessages", "Refused by the service."),
    "KEY_REUSED": QT_TRANSLATE_NOOP(
        "ImportMessages", "The service holds other details under this row's key: not enrolled."
    ),
    "OFFLINE": QT_TRANSLATE_NOOP("ImportMessages", "The service could not be reached. Run the import again."),
    "UNKNOWN": QT_TRANSLATE_NOOP(
        "ImportMessages", "Sent, but the outcome is not known yet. Run the import again to settle it."
    ),
    "NOT_SENT": QT_TRANSLATE_NOOP("ImportMessages", "Not sent: the import stopped first. Run it again."),
    "SIGNED_OUT": QT_TRANSLATE_NOOP(
        "ImportMessages", "The sign-in has ended. Sign in and run the import again."
    ),
    "NOT_ALLOWED": QT_TRANSLATE_NOOP("ImportMessages", "This sign-in may not enroll members."),
    "CHECK_FAILED": QT_TRANSLATE_NOOP(
        "ImportMessages", "Could not check for existing members: not sent. Run the import again."
    ),
    # The file
    "CANNOT_OPEN": QT_TRANSLATE_NOOP("ImportMessages", "Cannot open %1: %2."),
    "NOT_UTF8": QT_TRANSLATE_NOOP(
        "ImportMessages", "%1 is not UTF-8 text from row %2 on. Save it as “CSV UTF-8” and try again."
    ),
    "NO_HEADER": QT_TRANSLATE_NOOP("ImportMessages", "%1 has no header row."),
    "BAD_ROW": QT_TRANSLATE_NOOP("ImportMessages", "%1: row %2 cannot be read as CSV."),
    # The columns
    "UNKNOWN_COLUMN": QT_TRANSLATE_NOOP("ImportMessages", "Column %1 (“%2”) is not an enrollment field."),
    "REPEATED_COLUMN": QT_TRANSLATE_NOOP("ImportMessages", "Columns %1 and %2 both hold %3."),
    "NOT_COLLECTED": QT_TRANSLATE_NOOP(
        "ImportMessages", "Column %1 (“%2”) is not collected by the use case “%3”."
    ),
    "NO_EMAIL": QT_TRANSLATE_NOOP(
        "ImportMessages", "The file has no contactDetails.email column (the email is always required)."
    ),
}
"""Message code -> English template."""

MATCH_REASONS: dict[str, str] = {
    "email": QT_TRANSLATE_NOOP("ImportMessages", "same email"),
    "phone": QT_TRANSLATE_NOOP("ImportMessages", "same phone"),
    "name_and_postal_code": QT_TRANSLATE_NOOP("ImportMessages", "same last name and postal code"),
    "name_and_birth_date": QT_TRANSLATE_NOOP("ImportMessages", "same last name and date of birth"),
}


def message(code: str, values: Sequence[str] = (), translate: Translate = english) -> str:
    """The sentence of `code` with its arguments, through `translate`."""
    text = translate(CONTEXT, MESSAGES[code])
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", value)
    return text


class ImportProblem(ValueError):
    """A problem that stops an import before anything is sent; `text(translate)` says it in words."""

    def __init__(self, code: str, *values: str) -> None:
        self.code = code
        self.values = values
        super().__init__(message(code, values))

    def text(self, translate: Translate = english) -> str:
        return message(self.code, self.values, translate)
