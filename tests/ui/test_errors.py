"""Every error the API layer raises reaches a person as a sentence of the interface's own catalogue."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from console.api import errors
from console.ui.errors import error_text


def _error_classes() -> list[type[errors.CollectorError]]:
    members = inspect.getmembers(errors, inspect.isclass)
    found = {cls for _, cls in members if issubclass(cls, errors.CollectorError)}
    return sorted(found, key=lambda cls: cls.__name__)


class _Shouting(QTranslator):
    """Translates the "Errors" catalogue into capitals, to see which texts pass through it."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return source.upper() if context == "Errors" else ""


@pytest.fixture
def shouting(qapp: QCoreApplication) -> Iterator[None]:
    translator = _Shouting()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def _make(cls: type[errors.CollectorError]) -> errors.CollectorError:
    if issubclass(cls, errors.ApiError):
        return cls(status=400)
    if cls is errors.OutcomeUnknown:
        return cls("key", None)  # type: ignore[arg-type]
    if cls is errors.CapabilityMissing:
        return cls("search", "Production")
    if cls is errors.OAuthError:
        return cls("access_denied", "Service not found")
    if cls is errors.TokenServiceError:
        return cls(502)
    if cls is errors.UnknownEnvironment:
        return cls("staging")
    if cls is errors.PartnerSecretMissing:
        return cls("Certification")
    if cls is errors.BrowserUnavailable:
        return cls("http://127.0.0.1/authorize")
    return cls()


@pytest.mark.parametrize("cls", _error_classes(), ids=lambda cls: cls.__name__)
def test_each_error_has_a_sentence_of_the_interface(cls: type[errors.CollectorError], shouting: None) -> None:
    text = error_text(_make(cls))
    sentence = text[:20]  # what follows may be a detail such as an OAuth error code
    assert sentence and sentence == sentence.upper(), (
        f"{cls.__name__} is shown in the API layer's words: {text!r}"
    )


def test_waits_are_counted_in_seconds() -> None:
    assert (
        error_text(errors.RateLimited(status=429, retry_after=7))
        == "Too many requests. Try again in 7 seconds."
    )
    assert (
        error_text(errors.ServiceUnavailable(status=503))
        == "The service is unavailable right now. Try again in a moment."
    )


def test_the_api_layers_own_words_never_reach_the_screen(shouting: None) -> None:
    refused = errors.ValidationFailed("La date de naissance est invalide.", status=400)
    unknown = errors.ApiError("I'm a teapot", status=418, response_code="TEAPOT")
    assert error_text(refused) == "THE SERVICE REFUSED SOME OF THE DETAILS."
    assert error_text(unknown) == "THE SERVICE REFUSED THE REQUEST (%1).".replace("%1", "TEAPOT")
    assert error_text(RuntimeError("a bug's own words")) == "SOMETHING WENT WRONG. THE LOG HAS THE DETAILS."
