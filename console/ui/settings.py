"""Typed console settings stored in QSettings; each option has a default and a description.

Secrets never live here: they go through `console.api.secrets.SecretStore` (the OS keyring).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal

ORGANISATION = "CollectorConsole"
APPLICATION = "Collector Console"

T = TypeVar("T", bool, int, float, str)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name the catalogue tool looks for
    """Mark `text` for the translation catalogue (Qt's marker, typed); returns it unchanged."""
    return text


@dataclass(frozen=True)
class Option(Generic[T]):
    """One typed setting: a data descriptor on `Settings` reading and writing QSettings.

    The Settings dialog shows every option with its `label` and `description` (marked for the catalogue
    with QT_TRANSLATE_NOOP("Settings", ...)); `remembered` ones are state the console keeps by itself
    (last environment, window geometry) and are not shown; `path` ones get a Browse button.
    """

    key: str
    default: T
    description: str
    choices: tuple[T, ...] = ()
    choice_labels: tuple[str, ...] = ()
    """Each choice in words (order of `choices`, marked for the catalogue); shown instead of the value."""
    minimum: float | None = None
    maximum: float | None = None
    label: str = ""
    remembered: bool = False
    path: bool = False
    confirm_word: str = ""
    """When set, turning the option on asks the user to type this word first (settings dialogs too)."""

    @property
    def kind(self) -> type:
        return type(self.default)

    def validate(self, value: Any) -> T:
        """The value converted to the option's type; ValueError when out of range or not a choice."""
        kind = self.kind
        if kind is bool and isinstance(value, str):
            value = value.strip().lower() in {"1", "true", "yes", "on"}
        value = kind(value)
        if self.choices and value not in self.choices:
            raise ValueError(f"{self.key}: {value!r} is not one of {self.choices}")
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{self.key}: {value!r} is below {self.minimum}")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"{self.key}: {value!r} is above {self.maximum}")
        return value

    @overload
    def __get__(self, obj: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, obj: Settings, owner: type) -> T: ...
    def __get__(self, obj: Settings | None, owner: type) -> Option[T] | T:
        if obj is None:
            return self
        return obj.value(self)

    def __set__(self, obj: Settings, value: T) -> None:
        obj.set_value(self, value)


class Settings(QObject):
    """The console's settings. Read and write options as attributes: `settings.read_timeout = 20.0`."""

    sig_changed = Signal(str)
    """Emitted with the option key after a value changed."""

    connect_timeout = Option(
        "network/connect_timeout", 5.0,
        QT_TRANSLATE_NOOP("Settings", "Seconds to wait for a connection to the Collector Service."),
        minimum=0.5, maximum=120.0, label=QT_TRANSLATE_NOOP("Settings", "Connection timeout (seconds)"))
    read_timeout = Option(
        "network/read_timeout", 15.0,
        QT_TRANSLATE_NOOP("Settings", "Seconds to wait for the Collector Service to answer a request."),
        minimum=1.0, maximum=300.0, label=QT_TRANSLATE_NOOP("Settings", "Answer timeout (seconds)"))
    call_deadline = Option(
        "network/call_deadline", 30.0,
        QT_TRANSLATE_NOOP("Settings", "Seconds one call to the Collector Service or its sign-in may take "
                                      "in all, retries and waits included."),
        minimum=1.0, maximum=600.0, label=QT_TRANSLATE_NOOP("Settings", "Call deadline (seconds)"))
    idle_lock_minutes = Option(
        "security/idle_lock_minutes", 10,
        QT_TRANSLATE_NOOP("Settings", "Minutes without keyboard or mouse input before the window locks "
                                      "and hides member data; 0 never locks."),
        minimum=0, maximum=480, label=QT_TRANSLATE_NOOP("Settings", "Lock after idle (minutes)"))
    verification_policy = Option(
        "security/verification_policy", "strict",
        QT_TRANSLATE_NOOP("Settings", "Answers that verify a caller before a member's data is shown: strict "
                                      "(full name and postal code) or lenient (full name and postal code, or "
                                      "full name and date of birth); the email counts where no address is on "
                                      "file."),
        choices=("strict", "lenient"),
        choice_labels=(QT_TRANSLATE_NOOP("Settings", "Strict: full name and postal code"),
                       QT_TRANSLATE_NOOP("Settings", "Lenient: full name with postal code or date of birth")),
        label=QT_TRANSLATE_NOOP("Settings", "Caller verification policy"))
    verification_lock_minutes = Option(
        "security/verification_lock_minutes", 15,
        QT_TRANSLATE_NOOP("Settings", "Minutes a member's verification stays locked after 3 answers that "
                                      "did not match."),
        minimum=1, maximum=240, label=QT_TRANSLATE_NOOP("Settings", "Verification lock (minutes)"))
    inspector_bodies_in_production = Option(
        "security/inspector_bodies_in_production", False,
        QT_TRANSLATE_NOOP("Settings", "Show request and response headers and bodies in the request "
                                      "inspector in Production (otherwise only method, path, status, "
                                      "timing and correlation id)."),
        confirm_word="PRODUCTION",
        label=QT_TRANSLATE_NOOP("Settings", "Request bodies in Production"))
    language = Option(
        "ui/language", "EN",
        QT_TRANSLATE_NOOP("Settings", "Language of the console and of the Collector Service's messages."),
        choices=("EN", "FR"), label=QT_TRANSLATE_NOOP("Settings", "Language"))
    last_environment = Option(
        "environments/last", "",
        QT_TRANSLATE_NOOP("Settings", "Name of the environment selected when the console last closed."),
        remembered=True)
    environments_file = Option(
        "environments/user_file", "",
        QT_TRANSLATE_NOOP("Settings", "Path of a JSON file with user-defined environments "
                                      "(added to or overriding the bundled ones)."),
        label=QT_TRANSLATE_NOOP("Settings", "Environments file"), path=True)
    enroll_use_case = Option(
        "enroll/use_case", "",
        QT_TRANSLATE_NOOP("Settings", "Enrollment use case (field profile) chosen last; empty for the "
                                      "profile file's default."),
        remembered=True)
    log_level = Option(
        "logging/level", "INFO",
        QT_TRANSLATE_NOOP("Settings", "Lowest level of messages written to the log file."),
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
        choice_labels=(QT_TRANSLATE_NOOP("Settings", "Details for troubleshooting"),
                       QT_TRANSLATE_NOOP("Settings", "Information"),
                       QT_TRANSLATE_NOOP("Settings", "Warnings and errors"),
                       QT_TRANSLATE_NOOP("Settings", "Errors only")),
        label=QT_TRANSLATE_NOOP("Settings", "Log level"))
    window_geometry = Option(
        "ui/window_geometry", "",
        QT_TRANSLATE_NOOP("Settings", "Size and position of the main window when it last closed."),
        remembered=True)

    def __init__(self, store: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store if store is not None else QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)

    @classmethod
    def options(cls) -> Iterator[tuple[str, Option[Any]]]:
        """(attribute name, option) for every option, in declaration order."""
        for name, attr in vars(cls).items():
            if isinstance(attr, Option):
                yield name, attr

    @staticmethod
    def describe(option: Option[Any]) -> str:
        """The option's description in the interface language."""
        return QCoreApplication.translate("Settings", option.description)

    @staticmethod
    def caption(option: Option[Any]) -> str:
        """The option's label in the interface language (its key, made readable, when it has none)."""
        if option.label:
            return QCoreApplication.translate("Settings", option.label)
        return option.key.rsplit("/", 1)[-1].replace("_", " ").capitalize()

    @staticmethod
    def choice_caption(option: Option[Any], value: Any) -> str:
        """One of the option's choices in words in the interface language (the value when it has none)."""
        if value in option.choices and len(option.choice_labels) == len(option.choices):
            return QCoreApplication.translate("Settings", option.choice_labels[option.choices.index(value)])
        return str(value)

    def is_set(self, option: Option[Any]) -> bool:
        """True when the settings file holds a value for `option` (False on a first start)."""
        return self._store.contains(option.key)

    @property
    def file_name(self) -> str:
        return self._store.fileName()

    def value(self, option: Option[T]) -> T:
        """The stored value, or the default when missing or invalid."""
        raw = self._store.value(option.key, None)
        if raw is None:
            return option.default
        try:
            return option.validate(raw)
        except (TypeError, ValueError):
            return option.default

    def set_value(self, option: Option[T], value: T) -> None:
        checked = option.validate(value)
        if self.value(option) == checked and self._store.contains(option.key):
            return
        self._store.setValue(option.key, checked)
        self.sig_changed.emit(option.key)

    def reset(self) -> None:
        """Every option back to its default."""
        for _name, option in self.options():
            self._store.remove(option.key)
            self.sig_changed.emit(option.key)
        self._store.sync()

    def sync(self) -> None:
        self._store.sync()
